package dev.draehi.server;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.draehi.ConflictException;
import dev.draehi.NotFoundException;
import dev.draehi.ValidationException;
import dev.draehi.model.GitRepository;
import dev.draehi.model.Slugs;
import dev.draehi.model.User;
import dev.draehi.model.Workspace;
import dev.draehi.store.Storage;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Sign-up, login, account deletion and workspace settings over a {@link Storage}: the seed's users
 * with one workspace each, and its connected repository. Passwords are hashed with bcrypt; a login
 * answers the same, in about the same time, for an unknown user and for a wrong password.
 *
 * <pre>{@code
 * Accounts accounts = Accounts.builder(storage).build();
 * Accounts.Account a = accounts.signUp("ada", "correct horse battery");
 * Optional<User> u = accounts.login("ada", "correct horse battery");
 * }</pre>
 */
public final class Accounts {
    /** Usernames: 3–32 of {@code a-z 0-9 _ -}, starting with a letter or digit. */
    public static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9_-]{2,31}");

    /** A workspace slug a hosted owner may choose: ASCII, at most 63 characters. */
    static final Pattern HOSTED_SLUG = Pattern.compile("(?=.{1,63}$)[a-z0-9]+(?:-[a-z0-9]+)*");

    /**
     * Usernames nobody may take, besides the reserved slugs: names a visitor could take for the
     * server's own.
     */
    public static final java.util.Set<String> RESERVED_USERNAMES =
            java.util.Set.of(
                    "www",
                    "root",
                    "administrator",
                    "support",
                    "help",
                    "security",
                    "abuse",
                    "postmaster",
                    "hostmaster",
                    "webmaster",
                    "info",
                    "mail",
                    "system",
                    "draehi",
                    "settings",
                    "account",
                    "accounts",
                    "user",
                    "users",
                    "sitemap",
                    "feed",
                    "search");

    /** The shortest password accepted. */
    public static final int MIN_PASSWORD_LENGTH = 8;

    /** bcrypt reads at most 72 bytes; longer passwords are refused rather than cut silently. */
    public static final int MAX_PASSWORD_BYTES = 72;

    /** How long a freed slug is held back from other users, by default. */
    public static final java.time.Duration DEFAULT_SLUG_HOLD = java.time.Duration.ofDays(30);

    /** The deepest {@code embed_depth} a workspace may set. */
    public static final int MAX_EMBED_DEPTH = 20;

    private static final Set<String> REPOSITORY_SCHEMES = Set.of("https", "http", "ssh", "file");
    private static final Pattern SCP_LIKE =
            Pattern.compile("[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:(?!/)[^\\s]+");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Storage storage;
    private final int cost;
    private final java.time.Duration slugHold;
    private final java.time.Clock clock;
    private final String dummyHash;

    private Accounts(Builder b) {
        this.storage = b.storage;
        this.cost = b.cost;
        this.slugHold = b.slugHold;
        this.clock = b.clock;
        this.dummyHash = hash("not a password of anyone");
    }

    /** A builder over {@code storage}. */
    public static Builder builder(Storage storage) {
        return new Builder(storage);
    }

    /** A new user and their workspace. */
    public record Account(User user, Workspace workspace) {}

    /**
     * Creates a user and their workspace, whose name is the username and whose slug derives from
     * it.
     *
     * @throws ValidationException when the username or password breaks the rules
     * @throws ConflictException when the username is taken
     */
    public Account signUp(String username, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (!USERNAME.matcher(username).matches()) {
            throw new ValidationException(
                    "username must be 3 to 32 lower-case letters, digits, '_' or '-', starting with a letter or digit");
        }
        if (RESERVED_USERNAMES.contains(username)
                || Slugs.RESERVED_WORKSPACE_SLUGS.contains(username)) {
            throw new ValidationException("the username '" + username + "' is reserved");
        }
        checkPassword(password);
        checkNotHeld(Slugs.workspaceSlug(username), -1);
        String hash = hash(password);
        return storage.inTransaction(
                s -> {
                    User u = s.users().create(username, hash);
                    Workspace w = s.workspaces().create(u.id(), username);
                    return new Account(u, w);
                });
    }

    /**
     * The user whose password this is; empty for an unknown user and for a wrong password alike.
     */
    public Optional<User> login(String username, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Optional<User> user = storage.users().findByUsername(username);
        String hash = user.map(User::passwordHash).orElse(dummyHash);
        boolean ok = verify(password, hash);
        return ok && user.isPresent() ? user : Optional.empty();
    }

    /**
     * True when {@code password} is the password of user {@code userId}, e.g. before deleting the
     * account.
     */
    public boolean verifyPassword(long userId, String password) {
        Optional<User> user = storage.users().findById(userId);
        boolean ok = verify(password, user.map(User::passwordHash).orElse(dummyHash));
        return ok && user.isPresent();
    }

    /**
     * Deletes the user and, by cascade, their workspace, repository, deployments and pages. The
     * workspace's slug is held back from other users for the {@link Builder#slugHold} period.
     */
    public boolean delete(long userId) {
        return storage.inTransaction(
                s -> {
                    s.workspaces()
                            .findByUser(userId)
                            .ifPresent(w -> s.slugHolds().hold(w.slug(), userId));
                    return s.users().delete(userId);
                });
    }

    /**
     * Changes a user's password, after checking their current one; the new one follows the rules of
     * {@link #signUp}.
     *
     * @return false when {@code current} is not the user's password (nothing changed)
     * @throws ValidationException when the new password breaks the rules
     */
    public boolean changePassword(long userId, String current, String next) {
        Objects.requireNonNull(next, "next");
        if (!verifyPassword(userId, current)) {
            return false;
        }
        checkPassword(next);
        if (!storage.users().updatePassword(userId, hash(next))) {
            throw new NotFoundException("no user with id " + userId);
        }
        return true;
    }

    /**
     * Changes a workspace's name, slug and {@code embed_depth}.
     *
     * @throws ValidationException when the slug is not in slug form or reserved, or the depth is
     *     outside 0 to {@link #MAX_EMBED_DEPTH}
     * @throws ConflictException when another workspace has the slug
     * @throws NotFoundException when there is no such workspace
     */
    public Workspace updateWorkspace(long workspaceId, String name, String slug, int embedDepth) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(slug, "slug");
        if (name.isBlank() || name.length() > 100) {
            throw new ValidationException("workspace name must have 1 to 100 characters");
        }
        Slugs.requireValidWorkspaceSlug(slug);
        if (!HOSTED_SLUG.matcher(slug).matches()) {
            // a slug is part of every link to the site: no look-alike letters, no endless ones
            throw new ValidationException(
                    "the slug must be 1 to 63 letters a-z, digits and single '-'");
        }
        if (embedDepth < 0 || embedDepth > MAX_EMBED_DEPTH) {
            throw new ValidationException(
                    "embed depth must be 0 to " + MAX_EMBED_DEPTH + ", was " + embedDepth);
        }
        Workspace w =
                storage.workspaces()
                        .findById(workspaceId)
                        .orElseThrow(
                                () -> new NotFoundException("no workspace with id " + workspaceId));
        if (w.slug().equals(slug)) {
            return storage.workspaces().update(w.withName(name.strip()).withEmbedDepth(embedDepth));
        }
        checkNotHeld(slug, w.userId());
        // The old slug is held for its owner; one they take back is theirs again.
        return storage.inTransaction(
                s -> {
                    Workspace updated =
                            s.workspaces()
                                    .update(
                                            w.withName(name.strip())
                                                    .withSlug(slug)
                                                    .withEmbedDepth(embedDepth));
                    s.slugHolds().release(slug);
                    s.slugHolds().hold(w.slug(), w.userId());
                    return updated;
                });
    }

    /**
     * Refuses a slug freed less than the hold period ago by another user than {@code userId}: links
     * to the old site must not lead to someone else's.
     */
    private void checkNotHeld(String slug, long userId) {
        if (slugHold.isZero()) {
            return;
        }
        storage.slugHolds()
                .find(slug)
                .filter(h -> h.userId() != userId)
                .filter(h -> h.freedAt().plus(slugHold).isAfter(clock.instant()))
                .ifPresent(
                        h -> {
                            throw new ValidationException(
                                    "the name '"
                                            + slug
                                            + "' belonged to a site that was deleted or renamed"
                                            + " recently, and is held back for "
                                            + slugHold.toDays()
                                            + " days so that links to that site do not lead to"
                                            + " another: choose another");
                        });
    }

    /**
     * Connects the workspace's repository, or changes it. The access token is stored and never
     * shown again: pass {@code null} to keep the stored one, or an empty string to remove it. A
     * stored token is kept only while the host stays the same ({@link GitRepository#sameHost}): a
     * URL on another host without a new token drops it, so that it is never sent elsewhere.
     *
     * @param url an {@code https}, {@code http}, {@code ssh} or {@code file} URL, or {@code
     *     git@host:owner/repo}
     * @param branch a branch name, or {@code null} for {@code main}
     * @throws ValidationException when the URL or branch is malformed
     * @throws NotFoundException when there is no such workspace
     */
    public GitRepository connectRepository(
            long workspaceId, String url, String branch, String token) {
        Objects.requireNonNull(url, "url");
        String u = url.strip();
        checkRepositoryUrl(u);
        String b =
                branch == null || branch.isBlank() ? GitRepository.DEFAULT_BRANCH : branch.strip();
        checkBranch(b);
        return storage.inTransaction(
                s -> {
                    Optional<GitRepository> old = s.repositories().findByWorkspace(workspaceId);
                    if (old.isEmpty()) {
                        return s.repositories()
                                .create(
                                        workspaceId,
                                        u,
                                        b,
                                        token == null || token.isEmpty() ? null : token);
                    }
                    // A token stays with its host: a new host without a new token gets none.
                    String key =
                            token == null
                                    ? GitRepository.sameHost(old.get().repoUrl(), u)
                                            ? old.get().deployKey()
                                            : null
                                    : token.isEmpty() ? null : token;
                    return s.repositories().update(workspaceId, u, b, key);
                });
    }

    /**
     * Makes a new random secret for the workspace's push webhook, stores it in place of the old one
     * and returns it, to be shown to the owner once.
     *
     * @throws NotFoundException when the workspace has no repository
     */
    public String newWebhookSecret(long workspaceId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = HexFormat.of().formatHex(bytes);
        storage.repositories().setWebhookSecret(workspaceId, secret);
        return secret;
    }

    private static void checkRepositoryUrl(String url) {
        if (url.isEmpty()
                || url.length() > 2048
                || url.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            throw new ValidationException("repository URL must be one line without spaces");
        }
        if (SCP_LIKE.matcher(url).matches()) {
            return;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ValidationException("repository URL is malformed: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!REPOSITORY_SCHEMES.contains(scheme)) {
            throw new ValidationException(
                    "repository URL must start with https://, http://, ssh:// or file://");
        }
        if (!scheme.equals("file") && (uri.getHost() == null || uri.getHost().isEmpty())) {
            throw new ValidationException("repository URL names no host");
        }
        if (uri.getRawUserInfo() != null && uri.getRawUserInfo().contains(":")) {
            throw new ValidationException(
                    "put the access token in the token field, not in the repository URL");
        }
    }

    private static void checkBranch(String branch) {
        if (branch.length() > 255
                || branch.startsWith("-")
                || branch.startsWith("/")
                || branch.endsWith("/")
                || branch.endsWith(".")
                || branch.endsWith(".lock")
                || branch.contains("..")
                || branch.contains("//")
                || branch.contains("@{")
                || branch.chars()
                        .anyMatch(c -> c < 0x21 || c == 0x7f || "~^:?*[\\".indexOf(c) >= 0)) {
            throw new ValidationException("'" + branch + "' is not a valid branch name");
        }
    }

    private boolean verify(String password, String hash) {
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        if (pw.length > MAX_PASSWORD_BYTES || !hash.startsWith("$2")) {
            BCrypt.verifyer().verify(new byte[] {0}, dummyHash.getBytes(StandardCharsets.UTF_8));
            return false;
        }
        return BCrypt.verifyer().verify(pw, hash.getBytes(StandardCharsets.UTF_8)).verified;
    }

    private String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    private static void checkPassword(String password) {
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw new ValidationException(
                    "password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new ValidationException(
                    "password must be at most " + MAX_PASSWORD_BYTES + " bytes");
        }
        if (CommonPasswords.contains(password)) {
            throw new ValidationException(
                    "this password is one of the most common ones, which attackers try first:"
                            + " choose another, such as a few unrelated words");
        }
    }

    /** Builds {@link Accounts}. */
    public static final class Builder {
        private final Storage storage;
        private int cost = 12;
        private java.time.Duration slugHold = DEFAULT_SLUG_HOLD;
        private java.time.Clock clock = java.time.Clock.systemUTC();

        private Builder(Storage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
        }

        /** The bcrypt cost, 10 to 16. Default 12. */
        public Builder cost(int cost) {
            if (cost < 10 || cost > 16) {
                throw new IllegalArgumentException("bcrypt cost must be 10 to 16, was " + cost);
            }
            this.cost = cost;
            return this;
        }

        /**
         * How long a slug freed by an account's deletion or a workspace's rename is held back from
         * other users (its last owner may take it back). Default {@link #DEFAULT_SLUG_HOLD}; zero
         * turns the hold off.
         */
        public Builder slugHold(java.time.Duration slugHold) {
            Objects.requireNonNull(slugHold, "slugHold");
            if (slugHold.isNegative()) {
                throw new IllegalArgumentException("slugHold must not be negative");
            }
            this.slugHold = slugHold;
            return this;
        }

        /** The clock the slug hold is measured with. Default: the system clock. */
        public Builder clock(java.time.Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The accounts. */
        public Accounts build() {
            return new Accounts(this);
        }
    }
}
