package dev.draehi.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import dev.draehi.Publisher;
import dev.draehi.model.GitRepository;
import dev.draehi.render.site.SiteResponse;
import dev.draehi.store.Storage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The push webhook of GitHub, Gitea and GitLab: verifies the signature ({@code X-Hub-Signature-256}
 * HMAC-SHA256, or GitLab's {@code X-Gitlab-Token}) in constant time, finds the workspaces whose
 * repository URL matches the payload's in any spelling, ignores pushes to other branches, and
 * starts their syncs in the background. A bad request triggers nothing.
 */
final class Webhooks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Storage storage;
    private final Publisher publisher;
    private final byte[] secret;
    private final ExecutorService syncs =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "draehi-webhook-sync");
                        t.setDaemon(true);
                        return t;
                    });

    Webhooks(Storage storage, Publisher publisher, String secret) {
        this.storage = storage;
        this.publisher = publisher;
        this.secret =
                secret == null || secret.isEmpty() ? null : secret.getBytes(StandardCharsets.UTF_8);
    }

    SiteResponse handle(Headers headers, byte[] body) {
        if (secret == null) {
            return reject(403, "webhooks are off: start draehi with --webhook-secret");
        }
        if (!authentic(headers, body)) {
            return reject(401, "bad or missing signature");
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(body);
        } catch (IOException e) {
            return reject(400, "payload is not JSON");
        }
        if (payload == null || !payload.isObject()) {
            return reject(400, "payload is not a JSON object");
        }
        String ref = payload.path("ref").asText("");
        List<String> urls = new ArrayList<>();
        JsonNode repo =
                payload.has("repository") ? payload.get("repository") : payload.path("project");
        for (String field :
                List.of(
                        "clone_url",
                        "html_url",
                        "git_http_url",
                        "web_url",
                        "url",
                        "ssh_url",
                        "git_ssh_url")) {
            String u = repo.path(field).asText("");
            if (!u.isEmpty()) {
                urls.add(normalizeRepoUrl(u));
            }
        }
        if (urls.isEmpty()) {
            return reject(400, "payload names no repository");
        }
        List<GitRepository> matches = new ArrayList<>();
        for (GitRepository r : storage.repositories().list()) {
            if (urls.contains(normalizeRepoUrl(r.repoUrl()))
                    && ref.equals("refs/heads/" + r.branch())) {
                matches.add(r);
            }
        }
        if (matches.isEmpty()) {
            return SiteResponse.text(
                    202,
                    "text/plain; charset=utf-8",
                    "ignored: no workspace publishes this repository and branch\n");
        }
        for (GitRepository r : matches) {
            syncs.submit(
                    () -> {
                        try {
                            publisher.sync(r.workspaceId());
                        } catch (RuntimeException e) {
                            System.err.println(
                                    "draehi: webhook sync failed: " + Errors.describe(e));
                        }
                    });
        }
        return SiteResponse.text(
                202,
                "text/plain; charset=utf-8",
                "sync started for " + matches.size() + " workspace(s)\n");
    }

    private boolean authentic(Headers headers, byte[] body) {
        String sig = headers.getFirst("X-Hub-Signature-256");
        if (sig == null) {
            sig = headers.getFirst("X-Gitea-Signature");
            if (sig != null) {
                sig = "sha256=" + sig;
            }
        }
        if (sig != null) {
            if (!sig.startsWith("sha256=")) {
                return false;
            }
            byte[] expected = hmac(body);
            byte[] given;
            try {
                given =
                        HexFormat.of()
                                .parseHex(
                                        sig.substring("sha256=".length()).toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return false;
            }
            return MessageDigest.isEqual(expected, given);
        }
        String token = headers.getFirst("X-Gitlab-Token");
        return token != null
                && MessageDigest.isEqual(secret, token.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /**
     * One spelling of a repository URL: scheme, user-info, {@code .git}, trailing slashes and case
     * dropped; {@code git@host:owner/repo} turned into {@code host/owner/repo}.
     */
    static String normalizeRepoUrl(String url) {
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

    private static SiteResponse reject(int status, String reason) {
        return SiteResponse.text(status, "text/plain; charset=utf-8", "rejected: " + reason + "\n");
    }
}
