package dev.draehi.server.hosting;

import dev.draehi.ConflictException;
import dev.draehi.DraehiException;
import dev.draehi.NotFoundException;
import dev.draehi.ValidationException;
import dev.draehi.model.Deployment;
import dev.draehi.model.GitRepository;
import dev.draehi.model.Redaction;
import dev.draehi.model.Session;
import dev.draehi.model.Slugs;
import dev.draehi.model.User;
import dev.draehi.model.Workspace;
import dev.draehi.net.HostResolver;
import dev.draehi.net.NetworkPolicy;
import dev.draehi.server.Accounts;
import dev.draehi.server.hosting.HostingPages.Nav;
import dev.draehi.site.SiteResponse;
import dev.draehi.store.Storage;
import dev.draehi.web.SiteUrls;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.LongPredicate;
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
 * {@code /-/dashboard/repository}, {@code /-/dashboard/sync}, {@code /-/dashboard/webhook}, {@code
 * /-/dashboard/deployments/{id}} and {@code /-/dashboard/delete}.
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
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern DEPLOYMENT =
            Pattern.compile(DASHBOARD + "/deployments/(\\d{1,18})");
    private static final Pattern SCHEME =
            Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*", Pattern.DOTALL);
    private static final Pattern SCP_LIKE = Pattern.compile("^[^/@:\\s]+@[^/:\\s]+:(?!/).*");
    // scheme, host (a name or a bracketed IPv6 literal), port, path: nothing else, so that every
    // URL parser (java.net.URL, java.net.URI, JGit's URIish) reads the same host from it
    private static final Pattern STRICT_HTTP =
            Pattern.compile(
                    "(?i)(https?)://([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\\[[0-9a-f:.]+\\])"
                            + "(?::([0-9]{1,5}))?(/[A-Za-z0-9._~!$&'()*+,;=:/%-]*)?");
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final Duration CLEANUP_EVERY = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, String> NOTICES =
            Map.of(
                    "welcome",
                    "Welcome! Connect your graph's git repository below, then press Sync now.",
                    "workspace-saved",
                    "Workspace saved.",
                    "repository-saved",
                    "Repository saved. Press Sync now to publish it.",
                    "token-dropped",
                    "Repository saved. The stored access token was removed, as the host changed:"
                            + " enter it again if the new host needs one.",
                    "sync-started",
                    "Sync started. Refresh this page to follow it.",
                    "logged-out",
                    "You are logged out.",
                    "deleted",
                    "Your account and everything it published were deleted.",
                    "expired",
                    "Your session has ended. Log in again.");
    private static final Map<String, String> DOMAIN_NOTICES =
            Map.of(
                    "domain-saved",
                    "Domain saved. Add the DNS records below, then press Check now.",
                    "domain-removed",
                    "Domain removed: your site is no longer served there.",
                    "domain-verified",
                    "Domain verified: your site is served there.",
                    "domain-missing",
                    "The TXT record was not found yet. DNS changes can take a while: check again"
                            + " later.",
                    "domain-dns-error",
                    "The DNS could not be asked. Try again in a moment.");

    private final Storage storage;
    private final Accounts accounts;
    private final LongConsumer syncs;
    private final LongPredicate syncBusy;
    private final Duration idleTimeout;
    private final Clock clock;
    private final boolean allowLocalRepositories;
    private final NetworkPolicy networkPolicy;
    private final HostResolver hostResolver;
    private final Domains domains;
    private final String prefix;
    private final String baseUrl;
    private final LoginThrottle logins;
    private final LoginThrottle signups;
    private final HostingPages pages;
    private final byte[] css;
    private volatile Instant lastCleanup = Instant.EPOCH;

    private Hosting(Builder b) {
        this.storage = b.storage;
        this.accounts = b.accounts;
        this.syncs = b.syncs;
        this.syncBusy =
                b.syncs instanceof BackgroundSyncs bs
                        ? bs::busy
                        : b.syncs instanceof dev.draehi.server.SyncWorker w ? w::busy : ws -> false;
        this.idleTimeout = b.idleTimeout;
        this.clock = b.clock;
        this.allowLocalRepositories = b.allowLocalRepositories;
        this.networkPolicy =
                b.networkPolicy != null
                        ? b.networkPolicy
                        : b.allowLocalRepositories
                                ? NetworkPolicy.unrestricted()
                                : NetworkPolicy.publicOnly();
        this.hostResolver = b.hostResolver;
        this.domains = b.domains;
        this.logins = b.loginThrottle != null ? b.loginThrottle : LoginThrottle.defaults(b.clock);
        this.signups = LoginThrottle.perAddress(b.signupsPerHour, Duration.ofHours(1), b.clock);
        String p = "";
        String abs = null;
        if (b.baseUrl != null && !b.baseUrl.isBlank()) {
            URI uri = URI.create(b.baseUrl.strip());
            p = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
            abs = uri.getScheme() == null ? null : b.baseUrl.strip().replaceAll("/+$", "");
        }
        this.prefix = p;
        this.baseUrl = abs;
        this.pages = new HostingPages(prefix);
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
            return html(
                    500,
                    pages.message(
                            null,
                            "Something went wrong",
                            "The server could not answer this request. Try again in a moment.",
                            "Back to the dashboard",
                            DASHBOARD),
                    null);
        }
    }

    private SiteResponse route(HostingRequest r) {
        String path = r.path();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        boolean read = r.isRead();
        boolean post = r.method().equals("POST");
        if (!read && !post) {
            return methodNotAllowed("GET, HEAD, POST");
        }
        if (post && !sameOrigin(r)) {
            return forbidden(null, "This form was sent from another site.");
        }
        switch (path) {
            case HOSTING_CSS:
                return read
                        ? new SiteResponse(
                                200,
                                "text/css; charset=utf-8",
                                css,
                                Map.of("Cache-Control", "public, max-age=3600"))
                        : methodNotAllowed("GET, HEAD");
            case SIGNUP:
                return read ? signupForm(r, "", null, notice(r), 200) : signup(r);
            case LOGIN:
                return read ? loginForm(r, "", null, notice(r), 200) : login(r);
            case LOGOUT:
                return read ? logoutPage(r) : logout(r);
            default:
                break;
        }
        if (!path.equals(DASHBOARD) && !path.startsWith(DASHBOARD + "/")) {
            return notFound(null);
        }
        Optional<SignedIn> me = signedIn(r);
        if (me.isEmpty()) {
            if (read) {
                return redirect(LOGIN, null);
            }
            return forbidden(null, "You are not logged in, or your session has ended.");
        }
        SignedIn s = me.get();
        if (post && !csrfMatches(r.field(CSRF_FIELD), s.session().csrfToken())) {
            return forbidden(s.nav(), "This form has expired. Reload the page and try again.");
        }
        var deployment = DEPLOYMENT.matcher(path);
        if (deployment.matches()) {
            return read
                    ? deploymentPage(s, Long.parseLong(deployment.group(1)))
                    : methodNotAllowed("GET, HEAD");
        }
        return switch (path) {
            case DASHBOARD ->
                    read
                            ? dashboard(s, notice(r), null, null, Map.of(), 200)
                            : methodNotAllowed("GET, HEAD");
            case DASHBOARD + "/workspace" ->
                    post ? updateWorkspace(s, r) : redirect(DASHBOARD, null);
            case DASHBOARD + "/repository" ->
                    post ? connectRepository(s, r) : redirect(DASHBOARD, null);
            case DASHBOARD + "/domain" ->
                    post && domains != null ? setDomain(s, r) : redirect(DASHBOARD, null);
            case DASHBOARD + "/domain/verify" ->
                    post && domains != null ? verifyDomain(s) : redirect(DASHBOARD, null);
            case DASHBOARD + "/sync" -> post ? syncNow(s) : redirect(DASHBOARD, null);
            case DASHBOARD + "/webhook" -> post ? newWebhookSecret(s) : redirect(DASHBOARD, null);
            case DASHBOARD + "/delete" ->
                    read ? html(200, pages.delete(s.nav(), null), null) : deleteAccount(s, r);
            default -> notFound(s.nav());
        };
    }

    // ---- sign-up, login, logout ----

    private SiteResponse signupForm(
            HostingRequest r, String username, String error, String notice, int status) {
        // Shown to a signed-in browser too: one may sign up or log in as someone else.
        Nav nav = signedIn(r).map(SignedIn::nav).orElse(null);
        String csrf = preSessionToken(r);
        String preview =
                base(r)
                        + "/"
                        + Slugs.workspaceSlug(username.isEmpty() ? "username" : username)
                        + "/";
        return html(
                status,
                pages.signup(nav, csrf, username, preview, error, notice),
                csrf.equals(r.cookie(CSRF_COOKIE)) ? null : cookie(r, CSRF_COOKIE, csrf, false));
    }

    private SiteResponse loginForm(
            HostingRequest r, String username, String error, String notice, int status) {
        Nav nav = signedIn(r).map(SignedIn::nav).orElse(null);
        String csrf = preSessionToken(r);
        return html(
                status,
                pages.login(nav, csrf, username, error, notice),
                csrf.equals(r.cookie(CSRF_COOKIE)) ? null : cookie(r, CSRF_COOKIE, csrf, false));
    }

    private SiteResponse signup(HostingRequest r) {
        String username = r.field("username").strip().toLowerCase(Locale.ROOT);
        if (!preSessionCsrfMatches(r)) {
            return signupForm(r, username, "This form has expired. Please try again.", null, 403);
        }
        String password = r.field("password");
        if (!password.equals(r.field("confirm"))) {
            return signupForm(r, username, "The two passwords differ.", null, 400);
        }
        if (signups.blocked("", r.remoteAddress())) {
            return signupForm(
                    r,
                    username,
                    "Too many sign-ups from your address. Try again later.",
                    null,
                    429);
        }
        // Counted before the bcrypt work, so that taken names cost an attacker the same.
        signups.failed("", r.remoteAddress());
        Accounts.Account account;
        try {
            account = accounts.signUp(username, password);
        } catch (ValidationException e) {
            return signupForm(r, username, capitalize(e.getMessage()) + ".", null, 400);
        } catch (ConflictException e) {
            return signupForm(r, username, "That username is taken. Choose another.", null, 409);
        }
        LOG.info("hosting: user '{}' signed up", account.user().username());
        return startSession(r, account.user(), DASHBOARD + "?m=welcome");
    }

    private SiteResponse login(HostingRequest r) {
        String username = r.field("username").strip().toLowerCase(Locale.ROOT);
        if (!preSessionCsrfMatches(r)) {
            return loginForm(r, username, "This form has expired. Please try again.", null, 403);
        }
        String address = r.remoteAddress();
        Duration wait = logins.wait(username, address);
        if (!wait.isZero()) {
            return loginForm(r, username, tooMany("failed logins", wait), null, 429);
        }
        Optional<User> user = accounts.login(username, r.field("password"));
        if (user.isEmpty()) {
            logins.failed(username, address);
            return loginForm(r, username, "Wrong username or password.", null, 401);
        }
        logins.succeeded(username, address);
        return startSession(r, user.get(), DASHBOARD);
    }

    /** A new session for the user, replacing the browser's old one (no session fixation). */
    private SiteResponse startSession(HostingRequest r, User user, String location) {
        String old = r.cookie(SESSION_COOKIE);
        if (old != null && TOKEN.matcher(old).matches()) {
            storage.sessions().delete(sha256(old));
        }
        cleanUpIdleSessions();
        String token = randomToken();
        storage.sessions().create(sha256(token), user.id(), randomToken());
        return redirect(location, cookie(r, SESSION_COOKIE, token, false));
    }

    private SiteResponse logoutPage(HostingRequest r) {
        Optional<SignedIn> me = signedIn(r);
        if (me.isEmpty()) {
            return redirect(LOGIN, null);
        }
        return html(200, pages.logout(me.get().nav()), null);
    }

    private SiteResponse logout(HostingRequest r) {
        Optional<SignedIn> me = signedIn(r);
        if (me.isPresent()) {
            if (!csrfMatches(r.field(CSRF_FIELD), me.get().session().csrfToken())) {
                return forbidden(
                        me.get().nav(), "This form has expired. Reload the page and try again.");
            }
            storage.sessions().delete(me.get().sessionId());
        }
        return redirect(LOGIN + "?m=logged-out", cookie(r, SESSION_COOKIE, "", true));
    }

    // ---- dashboard ----

    private SiteResponse dashboard(
            SignedIn s,
            String notice,
            String errorSection,
            String error,
            Map<String, String> typed,
            int status) {
        Workspace ws = s.workspace();
        Optional<GitRepository> repo = storage.repositories().findByWorkspace(ws.id());
        boolean secretSet;
        try {
            secretSet =
                    repo.isPresent() && storage.repositories().webhookSecret(ws.id()).isPresent();
        } catch (dev.draehi.StorageException e) {
            secretSet = true; // sealed with a key this process lacks: there is one
        }
        List<Deployment> deployments = storage.deployments().list(ws.id(), 10);
        String base = s.base();
        var view =
                new HostingPages.Dashboard(
                        s.nav(),
                        s.user(),
                        ws,
                        repo,
                        secretSet,
                        syncBusy.test(ws.id()),
                        deployments,
                        domains != null && ws.domain() != null
                                ? URI.create(base).getScheme() + "://" + ws.domain() + "/"
                                : base + SiteUrls.home(ws.slug()),
                        webhookUrl(base),
                        notice,
                        errorSection,
                        error,
                        typed,
                        domains == null
                                ? null
                                : new HostingPages.DomainView(
                                        domains.claimOf(ws.id()).orElse(null), domainTarget(base)));
        return html(status, pages.dashboard(view), null);
    }

    /** The host a custom domain's CNAME points at: the server's own. */
    private String domainTarget(String base) {
        if (!domains.ownHost().isEmpty()) {
            return domains.ownHost();
        }
        String h = URI.create(base).getHost();
        return h == null ? "" : h;
    }

    private SiteResponse setDomain(SignedIn s, HostingRequest r) {
        String input = r.field("domain").strip();
        long ws = s.workspace().id();
        if (input.isEmpty()) {
            domains.clear(ws);
            return redirect(DASHBOARD + "?m=domain-removed", null);
        }
        try {
            domains.claim(ws, input);
        } catch (ValidationException e) {
            return dashboard(
                    s,
                    null,
                    "domain",
                    capitalize(e.getMessage()) + ".",
                    Map.of("domain", input),
                    400);
        } catch (ConflictException e) {
            return dashboard(
                    s,
                    null,
                    "domain",
                    "This domain is used by another site. If it is yours, point its TXT record"
                            + " at your token once the other site's check fails.",
                    Map.of("domain", input),
                    409);
        }
        return redirect(DASHBOARD + "?m=domain-saved", null);
    }

    private SiteResponse verifyDomain(SignedIn s) {
        return switch (domains.verify(s.workspace().id())) {
            case VERIFIED -> redirect(DASHBOARD + "?m=domain-verified", null);
            case MISSING -> redirect(DASHBOARD + "?m=domain-missing", null);
            case DNS_ERROR -> redirect(DASHBOARD + "?m=domain-dns-error", null);
            case NO_CLAIM -> redirect(DASHBOARD, null);
        };
    }

    private SiteResponse updateWorkspace(SignedIn s, HostingRequest r) {
        String name = r.field("name");
        String slugInput = r.field("slug").strip();
        String depthInput = r.field("embed_depth").strip();
        Map<String, String> typed =
                Map.of("name", name, "slug", slugInput, "embed_depth", depthInput);
        int depth;
        try {
            depth = Integer.parseInt(depthInput);
        } catch (NumberFormatException e) {
            return dashboard(
                    s, null, "workspace", "Embed depth must be a whole number.", typed, 400);
        }
        // Full-width and other compatibility forms become their ASCII letters; the rest is refused
        String slug =
                Slugs.slugify(
                        java.text.Normalizer.normalize(slugInput, java.text.Normalizer.Form.NFKC));
        try {
            accounts.updateWorkspace(s.workspace().id(), name, slug, depth);
            if (domains != null) {
                domains.forget(); // a served domain follows its workspace's new slug
            }
        } catch (ValidationException e) {
            return dashboard(s, null, "workspace", capitalize(e.getMessage()) + ".", typed, 400);
        } catch (ConflictException e) {
            return dashboard(
                    s,
                    null,
                    "workspace",
                    "The slug '" + slug + "' is taken. Choose another.",
                    typed,
                    409);
        } catch (NotFoundException e) {
            return notFound(s.nav());
        }
        return redirect(DASHBOARD + "?m=workspace-saved", null);
    }

    private SiteResponse connectRepository(SignedIn s, HostingRequest r) {
        String url = r.field("url").strip();
        String branch = r.field("branch").strip();
        String token = r.field("token").strip();
        boolean clear = r.field("clear_token").equals("1");
        // Never the token: what the owner typed comes back into the form, the token does not.
        Map<String, String> typed = Map.of("url", url, "branch", branch);
        String problem = repositoryProblem(url);
        if (problem != null) {
            return dashboard(s, null, "repository", problem, typed, 400);
        }
        Optional<GitRepository> old = storage.repositories().findByWorkspace(s.workspace().id());
        boolean dropsToken =
                !clear
                        && token.isEmpty()
                        && old.isPresent()
                        && old.get().deployKey() != null
                        && !GitRepository.sameHost(old.get().repoUrl(), url);
        try {
            accounts.connectRepository(
                    s.workspace().id(),
                    url,
                    branch.isEmpty() ? null : branch,
                    clear ? "" : token.isEmpty() ? null : token);
        } catch (ValidationException e) {
            return dashboard(s, null, "repository", capitalize(e.getMessage()) + ".", typed, 400);
        } catch (NotFoundException e) {
            return notFound(s.nav());
        }
        return redirect(
                DASHBOARD + "?m=" + (dropsToken ? "token-dropped" : "repository-saved"), null);
    }

    /**
     * Why the hosting mode refuses a repository URL, or null: a hosted user must not make the
     * server read its own disk or reach its own networks, and a token belongs in the token field,
     * where it is kept secret. The sync checks the address it connects to again (the name may
     * resolve elsewhere by then); this check refuses early, and refuses any URL whose host two
     * parsers could read differently.
     */
    private String repositoryProblem(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        boolean local =
                lower.startsWith("file:")
                        || (!SCHEME.matcher(url).matches() && !SCP_LIKE.matcher(url).matches());
        if (local && !url.isEmpty() && !allowLocalRepositories) {
            return "This server publishes only remote repositories: use an https:// URL.";
        }
        if (!networkPolicy.restricted()) {
            if (lower.startsWith("http://") || lower.startsWith("https://")) {
                try {
                    if (new URI(url).getRawUserInfo() != null) {
                        return "Put the access token in the token field, not in the URL.";
                    }
                } catch (URISyntaxException e) {
                    return null; // Accounts says what is wrong with it.
                }
            }
            return null;
        }
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return "This server fetches only over https: use an https:// URL.";
        }
        java.util.regex.Matcher m = STRICT_HTTP.matcher(url);
        if (!m.matches()) {
            int at = url.indexOf('@');
            int slash = url.indexOf('/', url.indexOf("//") + 2);
            if (at >= 0 && (slash < 0 || at < slash)) {
                return "Put the access token in the token field, not in the URL.";
            }
            return "Use a plain repository URL: a host name, an optional port and a path,"
                    + " without @, ?, #, backslashes or percent signs in the host.";
        }
        String host = m.group(2);
        int port =
                m.group(3) != null
                        ? Integer.parseInt(m.group(3))
                        : lower.startsWith("https:") ? 443 : 80;
        if (port < 1 || port > 65535) {
            return "The port must be between 1 and 65535.";
        }
        try {
            networkPolicy.check(host, port, hostResolver);
        } catch (dev.draehi.net.RefusedHostException e) {
            return "This server does not fetch from its own network: use a public host.";
        } catch (java.net.UnknownHostException e) {
            return null; // the sync reports a name that does not resolve, and checks it then
        }
        return null;
    }

    private SiteResponse syncNow(SignedIn s) {
        long ws = s.workspace().id();
        if (storage.repositories().findByWorkspace(ws).isEmpty()) {
            return dashboard(s, null, "sync", "Connect a repository first.", Map.of(), 400);
        }
        syncs.accept(ws);
        return redirect(DASHBOARD + "?m=sync-started", null);
    }

    private SiteResponse newWebhookSecret(SignedIn s) {
        long ws = s.workspace().id();
        Optional<GitRepository> repo = storage.repositories().findByWorkspace(ws);
        if (repo.isEmpty()) {
            return dashboard(s, null, "webhook", "Connect a repository first.", Map.of(), 400);
        }
        String secret = accounts.newWebhookSecret(ws);
        return html(
                200,
                pages.webhookSecret(s.nav(), webhookUrl(s.base()), secret, repo.get().branch()),
                null);
    }

    private SiteResponse deploymentPage(SignedIn s, long id) {
        Optional<Deployment> d =
                storage.deployments()
                        .findById(id)
                        .filter(x -> x.workspaceId() == s.workspace().id());
        // Another workspace's deployment is answered like a missing one: 404, nothing more.
        return d.map(x -> html(200, pages.deployment(s.nav(), x), null))
                .orElseGet(() -> notFound(s.nav()));
    }

    private SiteResponse deleteAccount(SignedIn s, HostingRequest r) {
        String username = s.user().username();
        Duration wait = logins.wait(username, r.remoteAddress());
        if (!wait.isZero()) {
            return html(429, pages.delete(s.nav(), tooMany("wrong passwords", wait)), null);
        }
        if (!accounts.verifyPassword(s.user().id(), r.field("password"))) {
            logins.failed(username, r.remoteAddress());
            return html(401, pages.delete(s.nav(), "Wrong password."), null);
        }
        storage.sessions().deleteByUser(s.user().id());
        accounts.delete(s.user().id());
        LOG.info("hosting: user '{}' deleted their account", username);
        return redirect(SIGNUP + "?m=deleted", cookie(r, SESSION_COOKIE, "", true));
    }

    // ---- sessions and CSRF ----

    /** The signed-in user of a request, with their workspace. */
    private record SignedIn(
            String sessionId, Session session, User user, Workspace workspace, String base) {
        Nav nav() {
            return new Nav(user.username(), workspace.slug(), session.csrfToken());
        }
    }

    private Optional<SignedIn> signedIn(HostingRequest r) {
        String token = r.cookie(SESSION_COOKIE);
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
        return Optional.of(new SignedIn(id, session, user.get(), ws.get(), base(r)));
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
    private static String preSessionToken(HostingRequest r) {
        String c = r.cookie(CSRF_COOKIE);
        return c != null && TOKEN.matcher(c).matches() ? c : randomToken();
    }

    private static boolean preSessionCsrfMatches(HostingRequest r) {
        String c = r.cookie(CSRF_COOKIE);
        return c != null && TOKEN.matcher(c).matches() && csrfMatches(r.field(CSRF_FIELD), c);
    }

    private static boolean csrfMatches(String sent, String expected) {
        if (sent == null || sent.isEmpty() || expected == null || expected.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(
                sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * False when the browser says the POST comes from another site. Without an {@code Origin}
     * header (old browsers, scripts) the CSRF token alone decides.
     */
    private boolean sameOrigin(HostingRequest r) {
        String origin = r.header("Origin");
        if (origin == null) {
            return true;
        }
        String authority;
        try {
            authority = new URI(origin.strip()).getRawAuthority();
        } catch (URISyntaxException e) {
            return false;
        }
        if (authority == null) {
            return false;
        }
        authority = authority.toLowerCase(Locale.ROOT);
        for (String h : new String[] {r.header("Host"), r.header("X-Forwarded-Host")}) {
            if (h != null && authority.equals(h.split(",")[0].strip().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        if (baseUrl != null) {
            String own = URI.create(baseUrl).getRawAuthority();
            return own != null && authority.equals(own.toLowerCase(Locale.ROOT));
        }
        return false;
    }

    // ---- responses ----

    private String cookie(HostingRequest r, String name, String value, boolean expire) {
        StringBuilder c =
                new StringBuilder(name)
                        .append('=')
                        .append(value)
                        .append("; Path=")
                        .append(prefix)
                        .append(SiteUrls.ROOT_FILES)
                        .append("; HttpOnly; SameSite=Lax");
        if (r.secure()) {
            c.append("; Secure");
        }
        if (expire) {
            c.append("; Max-Age=0");
        }
        return c.toString();
    }

    private SiteResponse html(int status, String html, String setCookie) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Cache-Control", "no-store");
        h.put("X-Frame-Options", "DENY");
        if (setCookie != null) {
            h.put("Set-Cookie", setCookie);
        }
        return new SiteResponse(
                status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), h);
    }

    private SiteResponse redirect(String location, String setCookie) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Location", prefix + location);
        h.put("Cache-Control", "no-store");
        if (setCookie != null) {
            h.put("Set-Cookie", setCookie);
        }
        return new SiteResponse(303, "text/plain; charset=utf-8", new byte[0], h);
    }

    private SiteResponse notFound(Nav nav) {
        return html(
                404,
                pages.message(
                        nav,
                        "Not found",
                        "There is nothing here.",
                        "Back to the dashboard",
                        DASHBOARD),
                null);
    }

    private SiteResponse forbidden(Nav nav, String why) {
        return html(
                403,
                pages.message(
                        nav,
                        "Not allowed",
                        why,
                        nav == null ? "Log in" : "Back to the dashboard",
                        nav == null ? LOGIN : DASHBOARD),
                null);
    }

    private SiteResponse methodNotAllowed(String allow) {
        return new SiteResponse(
                405,
                "text/plain; charset=utf-8",
                "method not allowed\n".getBytes(StandardCharsets.UTF_8),
                Map.of("Allow", allow, "Cache-Control", "no-store"));
    }

    // ---- helpers ----

    /** The site's absolute base: {@link Builder#baseUrl}, else from the request's host. */
    private String base(HostingRequest r) {
        if (baseUrl != null) {
            return baseUrl;
        }
        String host = r.header("X-Forwarded-Host");
        if (host == null) {
            host = r.header("Host");
        }
        host = host == null ? "localhost" : host.split(",")[0].strip();
        return (r.secure() ? "https://" : "http://") + host + prefix;
    }

    private String webhookUrl(String base) {
        return base + WEBHOOK_PATH;
    }

    private static String notice(HostingRequest r) {
        String m = r.queryParam("m");
        return m == null ? null : NOTICES.getOrDefault(m, DOMAIN_NOTICES.get(m));
    }

    /** "Too many failed logins. Try again in 3 seconds." */
    private static String tooMany(String what, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        String when =
                seconds < 120
                        ? seconds + (seconds == 1 ? " second" : " seconds")
                        : (seconds + 59) / 60 + " minutes";
        return "Too many " + what + ". Try again in " + when + ".";
    }

    private static String capitalize(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String randomToken() {
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
         * {@code Host} (or {@code X-Forwarded-Host}) header.
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

        /** The hosting handler. */
        public Hosting build() {
            return new Hosting(this);
        }
    }
}
