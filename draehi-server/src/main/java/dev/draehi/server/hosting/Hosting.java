package dev.draehi.server.hosting;

import dev.draehi.DraehiException;
import dev.draehi.model.Redaction;
import dev.draehi.net.HostResolver;
import dev.draehi.net.NetworkPolicy;
import dev.draehi.server.Accounts;
import dev.draehi.site.SiteResponse;
import dev.draehi.store.Storage;
import dev.draehi.web.SiteUrls;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hosting mode's web layer: sign-up, login, logout and an owner dashboard, so that one server
 * publishes many people's graphs. Framework-agnostic: an adapter turns its request into a {@link
 * HostingRequest} and writes the {@link SiteResponse} back, headers ({@code Set-Cookie}, {@code
 * Location}) included. Everything else (the public sites) stays with {@link dev.draehi.site.Site}.
 *
 * <pre>{@code
 * Hosting hosting = Hosting.builder(storage, accounts)
 *         .syncs(new BackgroundSyncs(publisher::sync, 2, (ws, e) -> log.warn("sync failed", e)))
 *         .build();
 * // in the host's router, for every method:
 * if (Hosting.handles(path)) {
 *     SiteResponse r = hosting.handle(request);
 *     ...
 * }
 * }</pre>
 *
 * <p>Pages, all under {@code /-/} so that no workspace slug can shadow them: {@code /-/signup},
 * {@code /-/login}, {@code /-/logout}, {@code /-/dashboard} with {@code /-/dashboard/workspace},
 * {@code /-/dashboard/repository}, {@code /-/dashboard/password}, {@code /-/dashboard/sync}, {@code
 * /-/dashboard/webhook}, {@code /-/dashboard/deployments/{id}} and {@code /-/dashboard/delete}.
 *
 * <p>Security: a random session token in an {@code HttpOnly}, {@code SameSite=Lax} cookie ({@code
 * Secure} over HTTPS) whose SHA-256 is the server-side session in {@link Storage#sessions()},
 * replaced at every login and expired after {@link Builder#idleTimeout} without use; a CSRF token
 * per session on every form (a double-submit cookie before login); a cross-site {@code Origin} is
 * refused; failed logins are limited per address, per (username, address) and, with a short backoff
 * that never locks the owner out, per username ({@link LoginThrottle}); one message for an unknown
 * user and a wrong password. Every dashboard action works on the signed-in user's own workspace: no
 * request names another. Passwords, tokens and secrets are never logged, and a stored access token
 * is never shown again.
 */
public final class Hosting {
    /** The session cookie: a random token, whose SHA-256 names the stored session. */
    public static final String SESSION_COOKIE = "draehi_session";

    /** The pre-session CSRF cookie of the sign-up and login forms. */
    public static final String CSRF_COOKIE = "draehi_csrf";

    /** The form field that carries the CSRF token. */
    public static final String CSRF_FIELD = "csrf";

    /** The sign-up page. */
    public static final String SIGNUP = SiteUrls.ROOT_FILES + "signup";

    /** The log-in page. */
    public static final String LOGIN = SiteUrls.ROOT_FILES + "login";

    /** Where a log-out form posts. */
    public static final String LOGOUT = SiteUrls.ROOT_FILES + "logout";

    /** The dashboard; its forms post below it. */
    public static final String DASHBOARD = SiteUrls.ROOT_FILES + "dashboard";

    /** The hosting pages' style sheet. */
    public static final String HOSTING_CSS = SiteUrls.ROOT_FILES + "hosting.css";

    /** Where the push webhook is served ({@code DraehiServer}), for the dashboard's guide. */
    public static final String WEBHOOK_PATH = "/api/webhooks/git";

    private static final Logger LOG = LoggerFactory.getLogger(Hosting.class);
    private static final Pattern DEPLOYMENT =
            Pattern.compile(DASHBOARD + "/deployments/(\\d{1,18})");
    private static final String GET_HEAD = "GET, HEAD";

    private final RequestOrigin origin;
    private final Responses responses;
    private final Sessions sessions;
    private final AccountPages accountPages;
    private final Dashboard dashboard;
    private final WorkspaceSettings workspaceSettings;
    private final RepositorySettings repositorySettings;
    private final PasswordSettings passwordSettings;
    private final DomainPages domainPages; // null: no custom domains
    private final byte[] css;

    private Hosting(Builder b) {
        String prefix = "";
        String abs = null;
        if (b.baseUrl != null && !b.baseUrl.isBlank()) {
            URI uri = URI.create(b.baseUrl.strip());
            prefix = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
            abs = uri.getScheme() == null ? null : b.baseUrl.strip().replaceAll("/+$", "");
        }
        this.origin = new RequestOrigin(prefix, abs, b.trustProxy);
        this.responses = new Responses(prefix, new HostingPages(prefix));
        this.sessions = new Sessions(b.storage, b.clock, b.idleTimeout, origin, responses);
        LoginThrottle logins =
                b.loginThrottle != null ? b.loginThrottle : LoginThrottle.defaults(b.clock);
        this.accountPages =
                new AccountPages(
                        b.storage,
                        b.accounts,
                        sessions,
                        responses,
                        origin,
                        logins,
                        LoginThrottle.perAddress(b.signupsPerHour, Duration.ofHours(1), b.clock));
        this.dashboard = new Dashboard(b.storage, b.accounts, b.syncs, b.domains, responses);
        this.passwordSettings = new PasswordSettings(b.accounts, logins, dashboard, responses);
        this.workspaceSettings = new WorkspaceSettings(b.accounts, b.domains, dashboard, responses);
        NetworkPolicy policy =
                b.networkPolicy != null
                        ? b.networkPolicy
                        : b.allowLocalRepositories
                                ? NetworkPolicy.unrestricted()
                                : NetworkPolicy.publicOnly();
        this.repositorySettings =
                new RepositorySettings(
                        b.storage,
                        b.accounts,
                        b.allowLocalRepositories,
                        policy,
                        b.hostResolver,
                        dashboard,
                        responses);
        this.domainPages =
                b.domains == null ? null : new DomainPages(b.domains, dashboard, responses);
        try (InputStream in = Hosting.class.getResourceAsStream("hosting.css")) {
            this.css = Objects.requireNonNull(in, "hosting.css is missing").readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read hosting.css", e);
        }
    }

    /** A builder over the storage (users, workspaces, sessions) and the accounts on it. */
    public static Builder builder(Storage storage, Accounts accounts) {
        return new Builder(storage, accounts);
    }

    /**
     * True for the paths {@link #handle} answers ({@code /-/signup}, {@code /-/login}, {@code
     * /-/logout}, {@code /-/dashboard…}, {@code /-/hosting.css}), for any method; the path is
     * without the base URL's prefix.
     */
    public static boolean handles(String path) {
        return path.equals(SIGNUP)
                || path.equals(LOGIN)
                || path.equals(LOGOUT)
                || path.equals(DASHBOARD)
                || path.startsWith(DASHBOARD + "/")
                || path.equals(HOSTING_CSS);
    }

    /** The response to a hosting request. Never throws for a bad request: it answers 4xx. */
    public SiteResponse handle(HostingRequest r) {
        Objects.requireNonNull(r, "r");
        try {
            return route(r);
        } catch (RuntimeException e) {
            // The message of draehi's own exceptions is safe (no secrets); others get their type.
            LOG.warn(
                    "hosting: {} {} failed: {}",
                    r.method(),
                    r.path(),
                    e instanceof DraehiException
                            ? Redaction.url(e.getMessage())
                            : e.getClass().getName());
            return responses.failed();
        }
    }

    /** The pages anyone may ask for, then the dashboard's, which need a session. */
    private SiteResponse route(HostingRequest r) {
        String path = r.path();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        boolean read = r.isRead();
        boolean post = r.method().equals("POST");
        if (!read && !post) {
            return Responses.methodNotAllowed("GET, HEAD, POST");
        }
        if (post && !origin.sameOrigin(r)) {
            return responses.forbidden(null, "This form was sent from another site.");
        }
        switch (path) {
            case HOSTING_CSS:
                return read
                        ? new SiteResponse(
                                200,
                                "text/css; charset=utf-8",
                                css,
                                Map.of("Cache-Control", "public, max-age=3600"))
                        : Responses.methodNotAllowed(GET_HEAD);
            case SIGNUP:
                return read
                        ? accountPages.signupForm(r, "", null, Notices.of(r), 200)
                        : accountPages.signup(r);
            case LOGIN:
                return read
                        ? accountPages.loginForm(r, "", null, Notices.of(r), 200)
                        : accountPages.login(r);
            case LOGOUT:
                return read ? accountPages.logoutPage(r) : accountPages.logout(r);
            default:
                break;
        }
        if (!path.equals(DASHBOARD) && !path.startsWith(DASHBOARD + "/")) {
            return responses.notFound(null);
        }
        Optional<SignedIn> me = sessions.signedIn(r);
        if (me.isEmpty()) {
            return read
                    ? responses.redirect(LOGIN, null)
                    : responses.forbidden(
                            null, "You are not logged in, or your session has ended.");
        }
        SignedIn s = me.get();
        if (post && !Sessions.csrfMatches(r, s)) {
            return responses.expiredForm(s.nav());
        }
        return dashboardRoute(r, path, s, read);
    }

    private SiteResponse dashboardRoute(HostingRequest r, String path, SignedIn s, boolean read) {
        Matcher deployment = DEPLOYMENT.matcher(path);
        if (deployment.matches()) {
            return read
                    ? dashboard.deployment(s, Long.parseLong(deployment.group(1)))
                    : Responses.methodNotAllowed(GET_HEAD);
        }
        if (path.equals(DASHBOARD)) {
            return read
                    ? dashboard.show(s, Notices.of(r), null, null, Map.of(), 200)
                    : Responses.methodNotAllowed(GET_HEAD);
        }
        if (path.equals(DASHBOARD + "/delete")) {
            return read ? accountPages.deletePage(s) : accountPages.deleteAccount(s, r);
        }
        boolean domainForm = path.startsWith(DASHBOARD + "/domain");
        if (read || (domainForm && domainPages == null)) {
            // The forms below post; a GET of them (or of a form this server has not) goes home.
            return isForm(path) ? responses.redirect(DASHBOARD, null) : responses.notFound(s.nav());
        }
        return switch (path) {
            case DASHBOARD + "/workspace" -> workspaceSettings.update(s, r);
            case DASHBOARD + "/repository" -> repositorySettings.connect(s, r);
            case DASHBOARD + "/password" -> passwordSettings.change(s, r);
            case DASHBOARD + "/domain" -> domainPages.set(s, r);
            case DASHBOARD + "/domain/verify" -> domainPages.verify(s);
            case DASHBOARD + "/sync" -> dashboard.syncNow(s);
            case DASHBOARD + "/webhook" -> dashboard.newWebhookSecret(s);
            default -> responses.notFound(s.nav());
        };
    }

    private static boolean isForm(String path) {
        return switch (path) {
            case DASHBOARD + "/workspace",
                    DASHBOARD + "/repository",
                    DASHBOARD + "/password",
                    DASHBOARD + "/domain",
                    DASHBOARD + "/domain/verify",
                    DASHBOARD + "/sync",
                    DASHBOARD + "/webhook" ->
                    true;
            default -> false;
        };
    }

    /** The lower-case hex SHA-256 of a cookie token: the stored session id. */
    static String sha256(String token) {
        return Sessions.sha256(token);
    }

    /** Builds {@link Hosting}. */
    public static final class Builder {
        private final Storage storage;
        private final Accounts accounts;
        private LongConsumer syncs = ws -> {};
        private Duration idleTimeout = Duration.ofDays(7);
        private Clock clock = Clock.systemUTC();
        private boolean allowLocalRepositories;
        private NetworkPolicy networkPolicy;
        private HostResolver hostResolver = HostResolver.system();
        private Domains domains;
        private String baseUrl;
        private LoginThrottle loginThrottle;
        private int signupsPerHour = 20;
        private boolean trustProxy;

        private Builder(Storage storage, Accounts accounts) {
            this.storage = Objects.requireNonNull(storage, "storage");
            this.accounts = Objects.requireNonNull(accounts, "accounts");
        }

        /**
         * Starts a sync of a workspace when its owner presses "Sync now"; must return at once.
         * Default: nothing happens. Use a {@link dev.draehi.server.SyncWorker} (the sync is queued
         * in the storage before the dashboard answers) or a {@link BackgroundSyncs}, and the
         * dashboard also tells when a sync is queued.
         */
        public Builder syncs(LongConsumer syncs) {
            this.syncs = Objects.requireNonNull(syncs, "syncs");
            return this;
        }

        /** How long a session lives without being used. Default: 7 days. */
        public Builder idleTimeout(Duration idleTimeout) {
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            if (idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("idle timeout must be positive");
            }
            this.idleTimeout = idleTimeout;
            return this;
        }

        /** The clock for session expiry and rate limits. Default: the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Whether owners may connect {@code file://} repositories, which the server reads from its
         * own disk. Default: false; only for a server whose users are trusted, and for tests.
         */
        public Builder allowLocalRepositories(boolean allow) {
            this.allowLocalRepositories = allow;
            return this;
        }

        /**
         * Which addresses a repository URL may point at, checked when it is saved (the sync's
         * source checks again at every connection). Default: {@link NetworkPolicy#publicOnly()}
         * (then only http and https URLs), or {@link NetworkPolicy#unrestricted()} with {@link
         * #allowLocalRepositories}.
         */
        public Builder networkPolicy(NetworkPolicy networkPolicy) {
            this.networkPolicy = Objects.requireNonNull(networkPolicy, "networkPolicy");
            return this;
        }

        /** How the save-time check resolves host names. Default: the system's resolver. */
        public Builder hostResolver(HostResolver hostResolver) {
            this.hostResolver = Objects.requireNonNull(hostResolver, "hostResolver");
            return this;
        }

        /**
         * The public URL ({@code https://notes.example.com}, optionally with a path prefix), for
         * the webhook URL and the site links the dashboard shows. Default: from the request's
         * {@code Host} header (or {@code X-Forwarded-Host} with {@link #trustProxy}).
         */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /**
         * Custom domains: the dashboard lets owners set, verify and remove their workspace's
         * domain. Default: none, and the dashboard says nothing of domains.
         */
        public Builder domains(Domains domains) {
            this.domains = Objects.requireNonNull(domains, "domains");
            return this;
        }

        /** The limit on failed logins. Default: {@link LoginThrottle#defaults}. */
        public Builder loginThrottle(LoginThrottle loginThrottle) {
            this.loginThrottle = Objects.requireNonNull(loginThrottle, "loginThrottle");
            return this;
        }

        /** Sign-up attempts allowed per client address and hour. Default: 20. */
        public Builder signupsPerHour(int signupsPerHour) {
            if (signupsPerHour < 1) {
                throw new IllegalArgumentException("signupsPerHour must be at least 1");
            }
            this.signupsPerHour = signupsPerHour;
            return this;
        }

        /**
         * Whether the proxy in front of the server is trusted to name the host the client asked for
         * in {@code X-Forwarded-Host}: the origin check of every form and the links the dashboard
         * shows then take it. Default: false, and only {@code Host} counts. Turn it on only when
         * every request passes through a proxy that sets or strips that header.
         */
        public Builder trustProxy(boolean trustProxy) {
            this.trustProxy = trustProxy;
            return this;
        }

        /** The hosting handler. */
        public Hosting build() {
            return new Hosting(this);
        }
    }
}
