package dev.draehi.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.draehi.Publisher;
import dev.draehi.model.GitRepository;
import dev.draehi.store.Storage;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The push webhook of GitHub, Gitea and GitLab. {@link #handle} takes the request's raw headers and
 * body, finds the workspaces whose repository URL matches the payload's in any spelling ({@code
 * https} or {@code http}, {@code .git}, trailing slash, owner's case, {@code git@host:owner/repo}),
 * checks the signature with each one's own secret ({@code X-Hub-Signature-256} HMAC-SHA256, or
 * GitLab's {@code X-Gitlab-Token}) in constant time, ignores pushes to other branches, and starts
 * their syncs: queued in the storage (see {@link Builder#queue}) or on the executor. A request that
 * fails any check triggers nothing, and gets the same answer whether the repository is published
 * here or not; a delivery whose id ({@code X-GitHub-Delivery}, {@code X-Gitea-Delivery}, {@code
 * X-Gitlab-Event-UUID}) was received before starts nothing.
 *
 * <pre>{@code
 * WebhookHandler webhooks = WebhookHandler.builder(storage, publisher).build();
 * // in the host's POST /webhooks/git route:
 * WebhookHandler.Result r = webhooks.handle(request.headers(), request.bodyBytes());
 * response.status(r.status()).body(r.message());
 * }</pre>
 *
 * <p>A workspace's secret is set with {@link dev.draehi.server.Accounts#newWebhookSecret}; {@link
 * Builder#fallbackSecret} covers repositories that have none (a single-graph server). Thread-safe.
 */
public final class WebhookHandler {
    /** The largest body read by default: 1 MiB; GitHub caps payloads at 25 MB, pushes are small. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> URL_FIELDS =
            List.of(
                    "clone_url",
                    "html_url",
                    "git_http_url",
                    "web_url",
                    "url",
                    "ssh_url",
                    "git_ssh_url",
                    "homepage");

    private final Storage storage;
    private final Publisher publisher;
    private final byte[] fallbackSecret;
    private final Executor executor;
    private final int maxBodyBytes;
    private final Consumer<RuntimeException> onSyncError;
    private final Set<Long> queued = ConcurrentHashMap.newKeySet();
    private final LongConsumer onQueued;

    private WebhookHandler(Builder b) {
        this.storage = b.storage;
        this.publisher = b.publisher;
        this.fallbackSecret =
                b.fallbackSecret == null ? null : b.fallbackSecret.getBytes(StandardCharsets.UTF_8);
        this.executor = b.executor != null ? b.executor : defaultExecutor();
        this.maxBodyBytes = b.maxBodyBytes;
        this.onSyncError = b.onSyncError;
        this.onQueued = b.onQueued;
    }

    /** A builder over the storage that holds the repositories and the publisher that syncs them. */
    public static Builder builder(Storage storage, Publisher publisher) {
        return new Builder(storage, publisher);
    }

    /** How a webhook request was answered. */
    public enum Outcome {
        /** Verified; syncs of {@link Result#workspaceIds()} were started. */
        ACCEPTED,
        /** Verified or harmless, but nothing to do: another branch, another event, a ping. */
        IGNORED,
        /** Refused: bad or missing signature, malformed or oversized payload. */
        REJECTED
    }

    /**
     * The answer to a webhook request.
     *
     * @param status the HTTP status to answer with
     * @param message a one-line reason, safe to send back (it never holds a secret)
     * @param workspaceIds the workspaces whose sync was started
     */
    public record Result(Outcome outcome, int status, String message, List<Long> workspaceIds) {
        public Result {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(message, "message");
            workspaceIds = List.copyOf(workspaceIds);
        }

        static Result rejected(int status, String reason) {
            return new Result(Outcome.REJECTED, status, "rejected: " + reason, List.of());
        }

        static Result ignored(String reason) {
            return new Result(Outcome.IGNORED, 202, "ignored: " + reason, List.of());
        }
    }

    /**
     * Verifies a push webhook and starts the syncs it asks for.
     *
     * @param headers the request headers; names are matched without regard to case
     * @param body the raw request body, exactly as received (the signature covers its bytes), or
     *     {@code null} when the caller stopped reading it at {@link Builder#maxBodyBytes}
     */
    public Result handle(Map<String, List<String>> headers, byte[] body) {
        Objects.requireNonNull(headers, "headers");
        if (body == null || body.length > maxBodyBytes) {
            return Result.rejected(413, "payload larger than " + maxBodyBytes + " bytes");
        }
        Map<String, String> h = lowerCase(headers);
        String event =
                firstNonNull(
                        h.get("x-github-event"), h.get("x-gitea-event"), h.get("x-gitlab-event"));
        JsonNode payload;
        try {
            payload = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return Result.rejected(400, "payload is not JSON");
        } catch (java.io.IOException e) {
            return Result.rejected(400, "payload cannot be read");
        }
        if (payload == null || !payload.isObject()) {
            return Result.rejected(400, "payload is not a JSON object");
        }
        Set<String> urls = repositoryUrls(payload);
        if (urls.isEmpty()) {
            return Result.rejected(400, "payload names no repository");
        }
        List<GitRepository> candidates = new ArrayList<>();
        for (GitRepository r : storage.repositories().list()) {
            if (urls.contains(normalizeRepositoryUrl(r.repoUrl()))) {
                candidates.add(r);
            }
        }
        List<GitRepository> verified = new ArrayList<>();
        boolean anySecret = false;
        for (GitRepository r : candidates) {
            byte[] secret;
            try {
                secret =
                        storage.repositories()
                                .webhookSecret(r.workspaceId())
                                .map(s -> s.getBytes(StandardCharsets.UTF_8))
                                .orElse(fallbackSecret);
            } catch (dev.draehi.StorageException e) {
                // sealed with a key this process lacks: this repository cannot be verified, the
                // others still can
                onSyncError.accept(e);
                continue;
            }
            if (secret != null) {
                anySecret = true;
                if (authentic(h, body, secret)) {
                    verified.add(r);
                }
            }
        }
        // One answer for an unknown repository, one without a secret and a bad signature: an
        // unsigned request does not learn which repositories this server publishes.
        if (candidates.isEmpty()) {
            if (fallbackSecret == null || !authentic(h, body, fallbackSecret)) {
                return Result.rejected(401, "bad or missing signature");
            }
            return Result.ignored("no workspace publishes this repository");
        }
        if (!anySecret || verified.isEmpty()) {
            return Result.rejected(401, "bad or missing signature");
        }
        if (event != null && (event.equals("ping") || event.equals("System Hook"))) {
            return new Result(Outcome.IGNORED, 200, "pong", List.of());
        }
        if (event != null && !event.equals("push") && !event.equals("Push Hook")) {
            return Result.ignored("event '" + event + "' is not a push");
        }
        String ref = payload.path("ref").asText("");
        List<Long> started = new ArrayList<>();
        for (GitRepository r : verified) {
            if (ref.equals("refs/heads/" + r.branch())) {
                started.add(r.workspaceId());
            }
        }
        if (started.isEmpty()) {
            return Result.ignored(
                    "push to " + (ref.isEmpty() ? "no ref" : ref) + ", not a published branch");
        }
        String delivery =
                firstNonNull(
                        h.get("x-github-delivery"),
                        h.get("x-gitea-delivery"),
                        h.get("x-gitlab-event-uuid"));
        // The delivery id and the jobs commit together, before the answer: a redelivery starts
        // nothing, and an accepted push survives this process.
        boolean fresh =
                storage.inTransaction(
                        s -> {
                            if (delivery != null
                                    && !delivery.isEmpty()
                                    && !s.syncJobs().recordDelivery(delivery)) {
                                return false;
                            }
                            if (onQueued != null) {
                                started.forEach(s.syncJobs()::enqueue);
                            }
                            return true;
                        });
        if (!fresh) {
            return Result.ignored("delivery " + safeId(delivery) + " was received before");
        }
        for (long ws : started) {
            if (onQueued != null) {
                onQueued.accept(ws);
            } else {
                start(ws);
            }
        }
        return new Result(
                Outcome.ACCEPTED,
                202,
                "sync started for " + started.size() + " workspace(s)",
                started);
    }

    private static String safeId(String id) {
        String s = id.length() > 64 ? id.substring(0, 64) : id;
        return s.replaceAll("[^A-Za-z0-9._-]", "?");
    }

    /** Queues a sync unless one for the workspace is already queued and not yet started. */
    private void start(long workspaceId) {
        if (!queued.add(workspaceId)) {
            return;
        }
        executor.execute(
                () -> {
                    queued.remove(workspaceId);
                    try {
                        publisher.sync(workspaceId);
                    } catch (RuntimeException e) {
                        onSyncError.accept(e);
                    }
                });
    }

    private static Set<String> repositoryUrls(JsonNode payload) {
        Set<String> urls = new LinkedHashSet<>();
        for (String holder : List.of("repository", "project")) {
            JsonNode repo = payload.path(holder);
            for (String field : URL_FIELDS) {
                String u = repo.path(field).asText("");
                if (!u.isBlank()) {
                    urls.add(normalizeRepositoryUrl(u));
                }
            }
        }
        return urls;
    }

    private static boolean authentic(Map<String, String> h, byte[] body, byte[] secret) {
        String sig = h.get("x-hub-signature-256");
        if (sig == null && h.get("x-gitea-signature") != null) {
            sig = "sha256=" + h.get("x-gitea-signature");
        }
        if (sig != null) {
            sig = sig.strip();
            if (!sig.startsWith("sha256=")) {
                return false;
            }
            byte[] given;
            try {
                given = HexFormat.of().parseHex(sig.substring(7).toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return false;
            }
            return MessageDigest.isEqual(hmac(secret, body), given);
        }
        String token = h.get("x-gitlab-token");
        return token != null
                && MessageDigest.isEqual(secret, token.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /**
     * One spelling of a repository URL, for comparing: scheme, user-info, {@code .git}, trailing
     * slashes and case dropped; {@code git@host:owner/repo} read as {@code host/owner/repo}.
     */
    public static String normalizeRepositoryUrl(String url) {
        String u = url.strip().toLowerCase(Locale.ROOT);
        u = u.replaceFirst("^[a-z][a-z0-9+.-]*://", "");
        u = u.replaceFirst("^[^/@]*@", "");
        u = u.replaceFirst("^([^/:]+):(?!\\d)", "$1/");
        u = u.replaceAll("/+$", "");
        if (u.endsWith(".git")) {
            u = u.substring(0, u.length() - 4);
        }
        return u.replaceAll("/+$", "");
    }

    private static Map<String, String> lowerCase(Map<String, List<String>> headers) {
        Map<String, String> out = new java.util.HashMap<>();
        headers.forEach(
                (k, v) -> {
                    if (k != null && v != null && !v.isEmpty() && v.get(0) != null) {
                        out.putIfAbsent(k.toLowerCase(Locale.ROOT), v.get(0));
                    }
                });
        return out;
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null) {
                return v.strip();
            }
        }
        return null;
    }

    private static Executor defaultExecutor() {
        return Executors.newCachedThreadPool(
                r -> {
                    Thread t = new Thread(r, "draehi-webhook-sync");
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Builds a {@link WebhookHandler}. */
    public static final class Builder {
        private final Storage storage;
        private final Publisher publisher;
        private String fallbackSecret;
        private Executor executor;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private Consumer<RuntimeException> onSyncError = e -> {};
        private LongConsumer onQueued;

        private Builder(Storage storage, Publisher publisher) {
            this.storage = Objects.requireNonNull(storage, "storage");
            this.publisher = Objects.requireNonNull(publisher, "publisher");
        }

        /**
         * The secret for repositories that have none of their own, e.g. a server publishing one
         * graph from the command line. None by default: such repositories' webhooks are refused.
         */
        public Builder fallbackSecret(String secret) {
            this.fallbackSecret = secret == null || secret.isEmpty() ? null : secret;
            return this;
        }

        /**
         * Where syncs run. By default on daemon threads of the handler's own, so that {@link
         * #handle} answers at once (git hosts time out after about 10 s). {@code Runnable::run}
         * syncs before answering.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** The largest body accepted; default {@link #DEFAULT_MAX_BODY_BYTES}. */
        public Builder maxBodyBytes(int maxBodyBytes) {
            if (maxBodyBytes < 1) {
                throw new IllegalArgumentException("maxBodyBytes must be positive");
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /**
         * Called with a programming error thrown by a started sync (a sync's own failures are
         * recorded as failed deployments and never thrown). Ignored by default.
         */
        public Builder onSyncError(Consumer<RuntimeException> onSyncError) {
            this.onSyncError = Objects.requireNonNull(onSyncError, "onSyncError");
            return this;
        }

        /**
         * Queues the syncs in the storage's durable queue ({@link Storage#syncJobs()}), committed
         * before {@link #handle} answers, instead of running them on the {@link #executor}; {@code
         * onQueued} is then told of each queued workspace, e.g. {@link SyncWorker#wake}. Default:
         * the executor runs them.
         */
        public Builder queue(LongConsumer onQueued) {
            this.onQueued = Objects.requireNonNull(onQueued, "onQueued");
            return this;
        }

        /** The handler. */
        public WebhookHandler build() {
            return new WebhookHandler(this);
        }
    }
}
