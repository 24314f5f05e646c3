package dev.draehi.server.hosting;

import dev.draehi.model.Session;
import dev.draehi.model.User;
import dev.draehi.model.Workspace;
import dev.draehi.site.SiteResponse;
import dev.draehi.store.Storage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions and CSRF tokens: a random token in the session cookie whose SHA-256 names the stored
 * session, touched at most once a minute and ended after the idle timeout; a CSRF token per
 * session, and a double-submit cookie before login.
 */
final class Sessions {
    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final Duration CLEANUP_EVERY = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Storage storage;
    private final Clock clock;
    private final Duration idleTimeout;
    private final RequestOrigin origin;
    private final Responses responses;
    private volatile Instant lastCleanup = Instant.EPOCH;

    Sessions(
            Storage storage,
            Clock clock,
            Duration idleTimeout,
            RequestOrigin origin,
            Responses responses) {
        this.storage = storage;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.origin = origin;
        this.responses = responses;
    }

    /** The signed-in user of a request, with their workspace, if the session is alive. */
    Optional<SignedIn> signedIn(HostingRequest r) {
        String token = r.cookie(Hosting.SESSION_COOKIE);
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        String id = sha256(token);
        Instant now = clock.instant();
        Optional<Session> found = storage.sessions().find(id, now.minus(idleTimeout));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Session session = found.get();
        if (session.lastSeenAt().isBefore(now.minus(TOUCH_EVERY))) {
            storage.sessions().touch(id);
        }
        Optional<User> user = storage.users().findById(session.userId());
        Optional<Workspace> ws = user.flatMap(u -> storage.workspaces().findByUser(u.id()));
        if (ws.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SignedIn(id, session, user.get(), ws.get(), origin.base(r)));
    }

    /** A new session for the user, replacing the browser's old one (no session fixation). */
    SiteResponse start(HostingRequest r, User user, String location) {
        String old = r.cookie(Hosting.SESSION_COOKIE);
        if (old != null && TOKEN.matcher(old).matches()) {
            storage.sessions().delete(sha256(old));
        }
        cleanUpIdleSessions();
        String token = randomToken();
        storage.sessions().create(sha256(token), user.id(), randomToken());
        return responses.redirect(
                location, responses.cookie(r, Hosting.SESSION_COOKIE, token, false));
    }

    /** The cookie that ends the browser's session. */
    String endCookie(HostingRequest r) {
        return responses.cookie(r, Hosting.SESSION_COOKIE, "", true);
    }

    private void cleanUpIdleSessions() {
        Instant now = clock.instant();
        if (lastCleanup.isBefore(now.minus(CLEANUP_EVERY))) {
            lastCleanup = now;
            int n = storage.sessions().deleteIdle(now.minus(idleTimeout));
            if (n > 0) {
                LOG.debug("hosting: removed {} idle sessions", n);
            }
        }
    }

    /** The browser's pre-session CSRF token, or a new one. */
    static String preSessionToken(HostingRequest r) {
        String c = r.cookie(Hosting.CSRF_COOKIE);
        return c != null && TOKEN.matcher(c).matches() ? c : randomToken();
    }

    /** The {@code Set-Cookie} that gives the browser {@code csrf}, or null when it has it. */
    String preSessionCookie(HostingRequest r, String csrf) {
        return csrf.equals(r.cookie(Hosting.CSRF_COOKIE))
                ? null
                : responses.cookie(r, Hosting.CSRF_COOKIE, csrf, false);
    }

    static boolean preSessionCsrfMatches(HostingRequest r) {
        String c = r.cookie(Hosting.CSRF_COOKIE);
        return c != null
                && TOKEN.matcher(c).matches()
                && csrfMatches(r.field(Hosting.CSRF_FIELD), c);
    }

    /** Whether the form's CSRF field holds the session's token. */
    static boolean csrfMatches(HostingRequest r, SignedIn s) {
        return csrfMatches(r.field(Hosting.CSRF_FIELD), s.session().csrfToken());
    }

    private static boolean csrfMatches(String sent, String expected) {
        if (sent == null || sent.isEmpty() || expected == null || expected.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(
                sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    static String randomToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The lower-case hex SHA-256 of a cookie token: the stored session id. */
    static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
