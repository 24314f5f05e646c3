package dev.draehi.server.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.Publisher;
import dev.draehi.model.Deployment;
import dev.draehi.model.DeploymentStatus;
import dev.draehi.model.GitRepository;
import dev.draehi.model.User;
import dev.draehi.model.Workspace;
import dev.draehi.render.HtmlPageRenderer;
import dev.draehi.server.Accounts;
import dev.draehi.site.Site;
import dev.draehi.site.SiteResponse;
import dev.draehi.store.memory.InMemoryStorage;
import dev.draehi.sync.GitGraphSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hosting mode's pages over {@link InMemoryStorage}, without HTTP. */
class HostingTest {
    static final String PASSWORD = "correct horse battery";

    /** A clock the test moves forward. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-03-01T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    @TempDir Path work;
    TestClock clock;
    InMemoryStorage storage;
    Accounts accounts;
    List<Long> syncRequests;
    Hosting hosting;

    @BeforeEach
    void setUp() {
        clock = new TestClock();
        storage = new InMemoryStorage(clock);
        accounts = Accounts.builder(storage).cost(10).build();
        syncRequests = new ArrayList<>();
        hosting = hosting(false);
    }

    Hosting hosting(boolean allowLocal) {
        return Hosting.builder(storage, accounts)
                .clock(clock)
                .idleTimeout(Duration.ofHours(1))
                .syncs(syncRequests::add)
                .allowLocalRepositories(allowLocal)
                .build();
    }

    FakeBrowser browser() {
        return new FakeBrowser(hosting, "192.0.2.1");
    }

    /** A browser signed up as {@code username}, on its dashboard. */
    FakeBrowser signedUp(String username) {
        FakeBrowser b = browser();
        SiteResponse r =
                b.submit(
                        "/-/signup",
                        "/-/signup",
                        "username",
                        username,
                        "password",
                        PASSWORD,
                        "confirm",
                        PASSWORD);
        assertThat(r.status()).as(r.bodyText()).isEqualTo(303);
        return b;
    }

    Workspace workspaceOf(String username) {
        User u = storage.users().findByUsername(username).orElseThrow();
        return storage.workspaces().findByUser(u.id()).orElseThrow();
    }

    static Document html(SiteResponse r) {
        return Jsoup.parse(r.bodyText());
    }

    static String error(SiteResponse r) {
        var e = html(r).selectFirst(".notice.error");
        return e == null ? null : e.text();
    }

    // ---- sign-up ----

    @Test
    void signUpCreatesUserWorkspaceAndHttpOnlySession() {
        FakeBrowser b = browser();
        SiteResponse form = b.get("/-/signup");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.headers().get("Set-Cookie"))
                .startsWith(Hosting.CSRF_COOKIE + "=")
                .contains("HttpOnly", "SameSite=Lax", "Path=/-/")
                .doesNotContain("Secure");
        assertThat(form.headers()).containsEntry("Cache-Control", "no-store");

        SiteResponse r =
                b.submit(
                        "/-/signup",
                        "/-/signup",
                        "username",
                        "Ada",
                        "password",
                        PASSWORD,
                        "confirm",
                        PASSWORD);
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.headers()).containsEntry("Location", "/-/dashboard?m=welcome");
        String cookie = r.headers().get("Set-Cookie");
        assertThat(cookie)
                .startsWith(Hosting.SESSION_COOKIE + "=")
                .contains("HttpOnly", "SameSite=Lax")
                .doesNotContain("Secure", "Max-Age");

        User ada = storage.users().findByUsername("ada").orElseThrow();
        assertThat(ada.passwordHash()).startsWith("$2").doesNotContain(PASSWORD);
        assertThat(workspaceOf("ada").slug()).isEqualTo("ada");
        // Only the token's SHA-256 is stored: the cookie's value itself names no session.
        String token = b.cookies.get(Hosting.SESSION_COOKIE);
        assertThat(storage.sessions().find(token, Instant.EPOCH)).isEmpty();
        assertThat(storage.sessions().find(Hosting.sha256(token), Instant.EPOCH))
                .get()
                .extracting(s -> s.userId())
                .isEqualTo(ada.id());

        SiteResponse dash = b.get("/-/dashboard?m=welcome");
        assertThat(dash.status()).isEqualTo(200);
        assertThat(html(dash).select("#ws-slug").attr("value")).isEqualTo("ada");
        assertThat(html(dash).select(".notice").text()).contains("Welcome");
        assertThat(dash.headers()).containsEntry("X-Frame-Options", "DENY");
    }

    @Test
    void cookiesAreSecureOverHttpsOrBehindAnHttpsProxy() {
        FakeBrowser b = browser();
        b.secure = true;
        assertThat(b.get("/-/signup").headers().get("Set-Cookie")).contains("; Secure");
        SiteResponse r =
                b.submit(
                        "/-/signup",
                        "/-/signup",
                        "username",
                        "ada",
                        "password",
                        PASSWORD,
                        "confirm",
                        PASSWORD);
        assertThat(r.headers().get("Set-Cookie")).contains("; Secure", "HttpOnly");
    }

    @Test
    void usernameRulesAndSlugsDerivedFromTheUsername() {
        FakeBrowser b = browser();
        // A name a visitor could take for the server's own is not for anyone.
        SiteResponse reserved =
                b.submit(
                        "/-/signup",
                        "/-/signup",
                        "username",
                        "login",
                        "password",
                        PASSWORD,
                        "confirm",
                        PASSWORD);
        assertThat(reserved.status()).isEqualTo(400);
        assertThat(error(reserved)).contains("reserved");
        signedUp("lena");
        assertThat(workspaceOf("lena").slug()).isEqualTo("lena");

        SiteResponse bad =
                b.submit(
                        "/-/signup",
                        "/-/signup",
                        "username",
                        "a!",
                        "password",
                        PASSWORD,
                        "confirm",
                        PASSWORD);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(error(bad)).contains("3 to 32 lower-case letters");
        assertThat(html(bad).select("#username").attr("value")).isEqualTo("a!");

        SiteResponse taken =
                b.submit(
                        "/-/signup",
                        "/-/signup",
                        "username",
                        "lena",
                        "password",
                        PASSWORD,
                        "confirm",
                        PASSWORD);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(error(taken)).contains("taken");

        SiteResponse differ =
                b.submit(
                        "/-/signup",
                        "/-/signup",
                        "username",
                        "grace",
                        "password",
                        PASSWORD,
                        "confirm",
                        PASSWORD + "x");
        assertThat(differ.status()).isEqualTo(400);
        SiteResponse shortPw =
                b.submit(
                        "/-/signup",
                        "/-/signup",
                        "username",
                        "grace",
                        "password",
                        "short",
                        "confirm",
                        "short");
        assertThat(shortPw.status()).isEqualTo(400);
        assertThat(error(shortPw)).contains("at least 8");
        assertThat(storage.users().findByUsername("grace")).isEmpty();
        assertThat(b.cookies).doesNotContainKey(Hosting.SESSION_COOKIE);
    }

    @Test
    void signUpsArePerAddressLimited() {
        hosting = Hosting.builder(storage, accounts).clock(clock).signupsPerHour(2).build();
        FakeBrowser b = browser();
        for (String name : List.of("user1", "user2")) {
            SiteResponse r =
                    b.submit(
                            "/-/signup",
                            "/-/signup",
                            "username",
                            name,
                            "password",
                            PASSWORD,
                            "confirm",
                            PASSWORD);
            assertThat(r.status()).isEqualTo(303);
        }
        SiteResponse third =
                b.submit(
                        "/-/signup",
                        "/-/signup",
                        "username",
                        "user3",
                        "password",
                        PASSWORD,
                        "confirm",
                        PASSWORD);
        assertThat(third.status()).isEqualTo(429);
        assertThat(storage.users().findByUsername("user3")).isEmpty();
    }

    // ---- login, logout, sessions ----

    SiteResponse login(FakeBrowser b, String username, String password) {
        return b.submit("/-/login", "/-/login", "username", username, "password", password);
    }

    @Test
    void loginReplacesTheSessionTheBrowserHad() {
        FakeBrowser b = signedUp("ada");
        String before = b.cookies.get(Hosting.SESSION_COOKIE);
        FakeBrowser stale = browser();
        stale.cookies.put(Hosting.SESSION_COOKIE, before);

        SiteResponse r = login(b, "ada", PASSWORD);
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.headers()).containsEntry("Location", "/-/dashboard");
        String after = b.cookies.get(Hosting.SESSION_COOKIE);
        assertThat(after).isNotEqualTo(before);
        assertThat(storage.sessions().find(Hosting.sha256(before), Instant.EPOCH)).isEmpty();
        assertThat(b.get("/-/dashboard").status()).isEqualTo(200);
        SiteResponse old = stale.get("/-/dashboard");
        assertThat(old.status()).isEqualTo(303);
        assertThat(old.headers()).containsEntry("Location", "/-/login");
    }

    @Test
    void unknownUserAndWrongPasswordGetTheSameAnswer() {
        signedUp("ada");
        SiteResponse wrong = login(browser(), "ada", "not the password");
        SiteResponse unknown = login(browser(), "nobody", "not the password");
        assertThat(wrong.status()).isEqualTo(unknown.status()).isEqualTo(401);
        assertThat(error(wrong)).isEqualTo(error(unknown)).isEqualTo("Wrong username or password.");
        assertThat(wrong.headers().get("Set-Cookie")).isNull();
    }

    @Test
    void loginFailuresAreLimitedPerUsername() {
        signedUp("ada");
        FakeBrowser attacker = browser();
        for (int i = 0; i < 5; i++) {
            assertThat(login(attacker, "ada", "guess " + i).status()).isEqualTo(401);
        }
        // Blocked before the password is checked: the right password does not get in either.
        SiteResponse blocked = login(browser(), "ada", PASSWORD);
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(error(blocked)).contains("Too many failed logins");
        // The same answer for a username that does not exist.
        for (int i = 0; i < 5; i++) {
            login(attacker, "ghost", "guess " + i);
        }
        assertThat(login(attacker, "ghost", "guess").status()).isEqualTo(429);

        clock.advance(Duration.ofMinutes(16));
        assertThat(login(browser(), "ada", PASSWORD).status()).isEqualTo(303);
    }

    @Test
    void failuresFromManyAddressesDoNotLockTheOwnerOut() {
        signedUp("bob");
        for (int i = 0; i < 6; i++) {
            SiteResponse r =
                    login(new FakeBrowser(hosting, "198.51.100." + (10 + i)), "bob", "guess " + i);
            assertThat(r.status()).isEqualTo(i < 5 ? 401 : 429);
        }
        // The owner, from an address of their own: asked to wait seconds, never minutes...
        FakeBrowser owner = new FakeBrowser(hosting, "203.0.113.5");
        SiteResponse wait = login(owner, "bob", PASSWORD);
        assertThat(wait.status()).isEqualTo(429);
        assertThat(error(wait)).contains("Try again in 1 second");
        // ...and in within 10 seconds.
        clock.advance(Duration.ofSeconds(10));
        assertThat(login(owner, "bob", PASSWORD).status()).isEqualTo(303);

        // An attacker who keeps at it, from ever new addresses, gets a guess per 10 s at most.
        int guesses = 0;
        for (int i = 0; i < 120; i++) {
            clock.advance(Duration.ofSeconds(1));
            SiteResponse r =
                    login(new FakeBrowser(hosting, "198.51.100." + (100 + i)), "bob", "x" + i);
            guesses += r.status() == 401 ? 1 : 0;
        }
        assertThat(guesses).isBetween(10, 16);
        // Still, the owner gets in 10 seconds after the last guess.
        clock.advance(Duration.ofSeconds(10));
        assertThat(login(new FakeBrowser(hosting, "203.0.113.6"), "bob", PASSWORD).status())
                .isEqualTo(303);
    }

    @Test
    void loginFailuresAreLimitedPerAddress() {
        signedUp("ada");
        FakeBrowser attacker = new FakeBrowser(hosting, "198.51.100.9");
        for (int i = 0; i < 20; i++) {
            assertThat(login(attacker, "user" + i, "guess").status()).isEqualTo(401);
        }
        assertThat(login(attacker, "ada", PASSWORD).status()).isEqualTo(429);
        // Another address is not affected, and neither is the user.
        assertThat(login(browser(), "ada", PASSWORD).status()).isEqualTo(303);
    }

    @Test
    void logoutEndsTheSessionAndClearsTheCookie() {
        FakeBrowser b = signedUp("ada");
        String token = b.cookies.get(Hosting.SESSION_COOKIE);
        // GET only asks.
        SiteResponse ask = b.get("/-/logout");
        assertThat(ask.status()).isEqualTo(200);
        assertThat(storage.sessions().find(Hosting.sha256(token), Instant.EPOCH)).isPresent();

        SiteResponse r = b.submit("/-/logout", "/-/logout");
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.headers()).containsEntry("Location", "/-/login?m=logged-out");
        assertThat(r.headers().get("Set-Cookie"))
                .startsWith(Hosting.SESSION_COOKIE + "=;")
                .contains("Max-Age=0");
        assertThat(storage.sessions().find(Hosting.sha256(token), Instant.EPOCH)).isEmpty();
        assertThat(b.get("/-/dashboard").status()).isEqualTo(303);
        assertThat(html(b.get("/-/login?m=logged-out")).select(".notice").text())
                .isEqualTo("You are logged out.");
    }

    @Test
    void sessionsExpireAfterInactivityOnly() {
        FakeBrowser b = signedUp("ada");
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(50));
            assertThat(b.get("/-/dashboard").status())
                    .as("after %d × 50 min", i + 1)
                    .isEqualTo(200);
        }
        clock.advance(Duration.ofMinutes(61));
        SiteResponse r = b.get("/-/dashboard");
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.headers()).containsEntry("Location", "/-/login");
    }

    // ---- CSRF ----

    @Test
    void signupAndLoginFormsNeedTheirCsrfCookie() {
        signedUp("ada");
        FakeBrowser b = browser();
        // No cookie at all (a cross-site form post) …
        assertThat(b.post("/-/login", "username", "ada", "password", PASSWORD).status())
                .isEqualTo(403);
        // … a token that does not match the cookie …
        b.get("/-/login");
        assertThat(
                        b.post(
                                        "/-/login",
                                        "csrf",
                                        "x".repeat(43),
                                        "username",
                                        "ada",
                                        "password",
                                        PASSWORD)
                                .status())
                .isEqualTo(403);
        assertThat(
                        b.post(
                                        "/-/signup",
                                        "csrf",
                                        "",
                                        "username",
                                        "eve",
                                        "password",
                                        PASSWORD,
                                        "confirm",
                                        PASSWORD)
                                .status())
                .isEqualTo(403);
        assertThat(b.cookies).doesNotContainKey(Hosting.SESSION_COOKIE);
        assertThat(storage.users().findByUsername("eve")).isEmpty();
        // … and the matching token works.
        assertThat(login(b, "ada", PASSWORD).status()).isEqualTo(303);
    }

    @Test
    void everyDashboardPostNeedsTheSessionsCsrfToken() {
        FakeBrowser b = signedUp("ada");
        b.submit(
                "/-/dashboard",
                "/-/dashboard/repository",
                "url",
                "https://git.example/ada/notes.git",
                "branch",
                "main");
        Workspace before = workspaceOf("ada");
        List<String[]> posts =
                List.of(
                        new String[] {
                            "/-/dashboard/workspace",
                            "name",
                            "Hacked",
                            "slug",
                            "hacked",
                            "embed_depth",
                            "3"
                        },
                        new String[] {
                            "/-/dashboard/repository",
                            "url",
                            "https://evil.example/x.git",
                            "branch",
                            "main"
                        },
                        new String[] {"/-/dashboard/sync"},
                        new String[] {"/-/dashboard/webhook"},
                        new String[] {"/-/dashboard/delete", "password", PASSWORD},
                        new String[] {"/-/logout"});
        FakeBrowser other = signedUp("eve");
        String foreignToken = other.csrf("/-/dashboard", "/-/dashboard/workspace");
        for (String[] p : posts) {
            String path = p[0];
            String[] fields = java.util.Arrays.copyOfRange(p, 1, p.length);
            assertThat(b.post(path, fields).status()).as("no token: " + path).isEqualTo(403);
            String[] wrong = new String[fields.length + 2];
            wrong[0] = "csrf";
            wrong[1] = foreignToken;
            System.arraycopy(fields, 0, wrong, 2, fields.length);
            assertThat(b.post(path, wrong).status())
                    .as("another session's token: " + path)
                    .isEqualTo(403);
        }
        assertThat(workspaceOf("ada")).isEqualTo(before);
        assertThat(storage.repositories().findByWorkspace(before.id()).orElseThrow().repoUrl())
                .isEqualTo("https://git.example/ada/notes.git");
        assertThat(storage.repositories().webhookSecret(before.id())).isEmpty();
        assertThat(syncRequests).isEmpty();
        assertThat(b.get("/-/dashboard").status()).as("still logged in").isEqualTo(200);
    }

    @Test
    void aFormFromAnotherSiteIsRefusedEvenWithAToken() {
        FakeBrowser b = signedUp("ada");
        String csrf = b.csrf("/-/dashboard", "/-/dashboard/workspace");
        b.headers.put("Origin", "https://evil.example");
        b.submit("/-/dashboard", "/-/dashboard/repository", "url", "https://git.example/a.git");
        assertThat(b.post("/-/dashboard/sync", "csrf", csrf).status()).isEqualTo(403);
        b.headers.put("Origin", "http://notes.example");
        b.submit("/-/dashboard", "/-/dashboard/repository", "url", "https://git.example/a.git");
        assertThat(b.post("/-/dashboard/sync", "csrf", csrf).status()).isEqualTo(303);
        assertThat(syncRequests).containsExactly(workspaceOf("ada").id());
    }

    // ---- dashboard ----

    @Test
    void workspaceSettingsAreSavedAndValidated() {
        FakeBrowser b = signedUp("ada");
        signedUp("grace");
        SiteResponse ok =
                b.submit(
                        "/-/dashboard",
                        "/-/dashboard/workspace",
                        "name",
                        "Ada's notes",
                        "slug",
                        "Ada Notes",
                        "embed_depth",
                        "3");
        assertThat(ok.status()).isEqualTo(303);
        assertThat(ok.headers()).containsEntry("Location", "/-/dashboard?m=workspace-saved");
        Workspace ws = workspaceOf("ada");
        assertThat(ws.name()).isEqualTo("Ada's notes");
        assertThat(ws.slug()).isEqualTo("ada-notes");
        assertThat(ws.embedDepth()).isEqualTo(3);

        SiteResponse taken =
                b.submit(
                        "/-/dashboard",
                        "/-/dashboard/workspace",
                        "name",
                        "x",
                        "slug",
                        "grace",
                        "embed_depth",
                        "3");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(html(taken).select("#workspace .notice.error").text()).contains("taken");
        assertThat(html(taken).select("#ws-slug").attr("value")).isEqualTo("grace");
        SiteResponse reserved =
                b.submit(
                        "/-/dashboard",
                        "/-/dashboard/workspace",
                        "name",
                        "x",
                        "slug",
                        "dashboard",
                        "embed_depth",
                        "3");
        assertThat(reserved.status()).isEqualTo(400);
        SiteResponse depth =
                b.submit(
                        "/-/dashboard",
                        "/-/dashboard/workspace",
                        "name",
                        "x",
                        "slug",
                        "ada",
                        "embed_depth",
                        "99");
        assertThat(depth.status()).isEqualTo(400);
        SiteResponse nan =
                b.submit(
                        "/-/dashboard",
                        "/-/dashboard/workspace",
                        "name",
                        "x",
                        "slug",
                        "ada",
                        "embed_depth",
                        "lots");
        assertThat(nan.status()).isEqualTo(400);
        assertThat(workspaceOf("ada").slug()).isEqualTo("ada-notes");
    }

    @Test
    void userValuesAreEscapedEverywhere() {
        FakeBrowser b = signedUp("ada");
        String evil = "<script>alert(1)</script>\"'";
        b.submit(
                "/-/dashboard",
                "/-/dashboard/workspace",
                "name",
                evil,
                "slug",
                "ada",
                "embed_depth",
                "5");
        b.submit(
                "/-/dashboard",
                "/-/dashboard/repository",
                "url",
                "https://git.example/a.git",
                "branch",
                "<b>x");
        SiteResponse r = b.get("/-/dashboard");
        assertThat(r.bodyText()).doesNotContain("<script>alert", "<b>x");
        assertThat(html(r).select("#ws-name").attr("value")).isEqualTo(evil);
        assertThat(html(r).select("script")).isEmpty();
    }

    @Test
    void theAccessTokenIsStoredButNeverShownAgain() {
        FakeBrowser b = signedUp("ada");
        String token = "tok-" + "1234567890abcdef".repeat(2);
        SiteResponse r =
                b.submit(
                        "/-/dashboard",
                        "/-/dashboard/repository",
                        "url",
                        "https://git.example/ada/notes.git",
                        "branch",
                        "pages",
                        "token",
                        token);
        assertThat(r.status()).isEqualTo(303);
        long ws = workspaceOf("ada").id();
        GitRepository repo = storage.repositories().findByWorkspace(ws).orElseThrow();
        assertThat(repo.repoUrl()).isEqualTo("https://git.example/ada/notes.git");
        assertThat(repo.branch()).isEqualTo("pages");
        assertThat(repo.deployKey()).isEqualTo(token);
        SiteResponse dash = b.get("/-/dashboard");
        assertThat(dash.bodyText()).doesNotContain(token).contains("A token is stored");
        assertThat(html(dash).select("#repo-token").attr("value")).isEmpty();

        // Empty keeps it, a new one replaces it, the checkbox removes it.
        b.submit(
                "/-/dashboard",
                "/-/dashboard/repository",
                "url",
                "https://git.example/ada/other.git",
                "branch",
                "main",
                "token",
                "");
        assertThat(storage.repositories().findByWorkspace(ws).orElseThrow().deployKey())
                .isEqualTo(token);
        b.submit(
                "/-/dashboard",
                "/-/dashboard/repository",
                "url",
                "https://git.example/ada/other.git",
                "branch",
                "main",
                "clear_token",
                "1");
        assertThat(storage.repositories().findByWorkspace(ws).orElseThrow().deployKey()).isNull();

        // The token stays with its host: another host (127.0.0.1 and localhost are two, and so
        // is another port) without a new token drops it, and the dashboard says so.
        for (String other :
                List.of(
                        "https://evil.example/ada/other.git",
                        "https://git.example:8443/ada/other.git",
                        "http://git.example/ada/other.git")) {
            b.submit(
                    "/-/dashboard",
                    "/-/dashboard/repository",
                    "url",
                    "https://git.example/ada/other.git",
                    "branch",
                    "main",
                    "token",
                    token);
            SiteResponse moved =
                    b.submit(
                            "/-/dashboard",
                            "/-/dashboard/repository",
                            "url",
                            other,
                            "branch",
                            "main",
                            "token",
                            "");
            assertThat(moved.headers().get("Location")).as(other).endsWith("m=token-dropped");
            assertThat(storage.repositories().findByWorkspace(ws).orElseThrow().deployKey())
                    .as(other)
                    .isNull();
            assertThat(b.get(moved.headers().get("Location")).bodyText())
                    .contains("The stored access token was removed");
        }
        // The same host in another case, with its default port written out, keeps it.
        b.submit(
                "/-/dashboard",
                "/-/dashboard/repository",
                "url",
                "https://git.example/ada/other.git",
                "token",
                token);
        b.submit(
                "/-/dashboard",
                "/-/dashboard/repository",
                "url",
                "https://GIT.example:443/ada/moved.git",
                "token",
                "");
        assertThat(storage.repositories().findByWorkspace(ws).orElseThrow().deployKey())
                .isEqualTo(token);
        assertThat(GitRepository.sameHost("http://127.0.0.1/a", "http://localhost/a")).isFalse();

        // A failed save shows what was typed, except the token.
        SiteResponse bad =
                b.submit(
                        "/-/dashboard",
                        "/-/dashboard/repository",
                        "url",
                        "https://git.example/a.git",
                        "branch",
                        "bad..branch",
                        "token",
                        token);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.bodyText()).doesNotContain(token);
        assertThat(html(bad).select("#repo-branch").attr("value")).isEqualTo("bad..branch");
    }

    @Test
    void localAndCredentialBearingRepositoryUrlsAreRefused() {
        FakeBrowser b = signedUp("ada");
        for (String url :
                List.of(
                        "file:///etc",
                        "FILE:///etc",
                        "/etc",
                        "./graph",
                        "https://user:pw@git.example/a.git",
                        "https://tok@git.example/a.git",
                        "ftp://git.example/a.git",
                        "https://127.0.0.1/a.git",
                        "http://localhost:8080/a.git",
                        "https://[::1]/a.git",
                        "ssh://git@10.0.0.5/a.git",
                        "git@192.168.1.2:a.git",
                        "https://169.254.169.254/latest/meta-data",
                        "https://100.64.0.1/a.git",
                        "https://[fd00::1]/a.git",
                        // ssh, git and scp-like URLs: their connections cannot be checked
                        "git@git.example:ada/notes.git",
                        "ssh://git@git.example/ada/notes.git",
                        "git://git.example/ada/notes.git",
                        // hosts that parsers read differently
                        "http://git.example#@127.0.0.1:18700/x",
                        "http://git.example?@127.0.0.1:18700/x",
                        "http://git.example/x#frag",
                        "http://git.example/x?service=1",
                        "http://git.example\\@127.0.0.1/x",
                        "http://git%2eexample/x",
                        "http://127.0.0.1%23.git.example/x",
                        "https://git.example/@127.0.0.1/x",
                        "https://git.example:99999/x",
                        "https://[::ffff:127.0.0.1]/a.git",
                        "https://192.0.2.1/a.git",
                        "https://0.0.0.0/a.git")) {
            SiteResponse r = b.submit("/-/dashboard", "/-/dashboard/repository", "url", url);
            assertThat(r.status()).as(url).isEqualTo(400);
        }
        assertThat(storage.repositories().findByWorkspace(workspaceOf("ada").id())).isEmpty();
        assertThat(
                        b.submit(
                                        "/-/dashboard",
                                        "/-/dashboard/repository",
                                        "url",
                                        "https://git.example:8443/ada/notes-1.git")
                                .status())
                .isEqualTo(303);

        hosting = hosting(true);
        FakeBrowser trusted = new FakeBrowser(hosting, "192.0.2.2");
        trusted.cookies.putAll(b.cookies);
        String dir = work.toUri().toString();
        assertThat(trusted.submit("/-/dashboard", "/-/dashboard/repository", "url", dir).status())
                .isEqualTo(303);
        assertThat(
                        storage.repositories()
                                .findByWorkspace(workspaceOf("ada").id())
                                .orElseThrow()
                                .repoUrl())
                .isEqualTo(dir);
    }

    @Test
    void syncNowStartsASyncOfTheOwnWorkspace() {
        FakeBrowser b = signedUp("ada");
        // No repository, no button; the action refuses too.
        assertThat(html(b.get("/-/dashboard")).select("#sync-now")).isEmpty();
        SiteResponse none =
                b.post(
                        "/-/dashboard/sync",
                        "csrf",
                        b.csrf("/-/dashboard", "/-/dashboard/workspace"));
        assertThat(none.status()).isEqualTo(400);
        assertThat(syncRequests).isEmpty();
        b.submit("/-/dashboard", "/-/dashboard/repository", "url", "https://git.example/a.git");
        SiteResponse r = b.submit("/-/dashboard", "/-/dashboard/sync");
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.headers()).containsEntry("Location", "/-/dashboard?m=sync-started");
        assertThat(syncRequests).containsExactly(workspaceOf("ada").id());
    }

    @Test
    void theWebhookSecretIsShownOnceWithTheGuide() {
        FakeBrowser b = signedUp("ada");
        assertThat(
                        b.post(
                                        "/-/dashboard/webhook",
                                        "csrf",
                                        b.csrf("/-/dashboard", "/-/dashboard/workspace"))
                                .status())
                .isEqualTo(400);
        b.submit("/-/dashboard", "/-/dashboard/repository", "url", "https://git.example/a.git");
        SiteResponse dash = b.get("/-/dashboard");
        assertThat(html(dash).select("#webhook-url").text())
                .isEqualTo("http://notes.example/api/webhooks/git");

        SiteResponse r = b.submit("/-/dashboard", "/-/dashboard/webhook");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).containsEntry("Cache-Control", "no-store");
        Document page = html(r);
        String secret = page.select("#webhook-secret").attr("value");
        assertThat(secret).hasSize(64);
        assertThat(storage.repositories().webhookSecret(workspaceOf("ada").id())).contains(secret);
        assertThat(page.select("#webhook-url").attr("value"))
                .isEqualTo("http://notes.example/api/webhooks/git");
        assertThat(page.select("h2").eachText())
                .containsExactly("GitHub", "GitLab", "Gitea and Forgejo");
        assertThat(page.text()).contains("application/json", "Secret token", "Just the push event");
        assertThat(b.get("/-/dashboard").bodyText())
                .doesNotContain(secret)
                .contains("A secret is set");

        // Again: a new secret replaces the old one.
        String second =
                html(b.submit("/-/dashboard", "/-/dashboard/webhook"))
                        .select("#webhook-secret")
                        .attr("value");
        assertThat(second).isNotEqualTo(secret);
        assertThat(storage.repositories().webhookSecret(workspaceOf("ada").id())).contains(second);
    }

    @Test
    void theDashboardListsTheTenNewestDeploymentsWithTheirLogs() {
        FakeBrowser b = signedUp("ada");
        b.submit("/-/dashboard", "/-/dashboard/repository", "url", "https://git.example/a.git");
        long ws = workspaceOf("ada").id();
        List<Deployment> made = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            clock.advance(Duration.ofSeconds(1));
            String sha = String.format("%040x", i + 1);
            Deployment d = storage.deployments().create(ws, sha, DeploymentStatus.PENDING);
            made.add(
                    storage.deployments()
                            .update(
                                    d.id(),
                                    sha,
                                    i == 11 ? DeploymentStatus.FAILED : DeploymentStatus.SUCCESS,
                                    i == 11 ? "branch 'main' not found" : null,
                                    List.of("line " + i + " <b>")));
        }
        storage.repositories()
                .updateStatus(
                        ws,
                        dev.draehi.model.SyncStatus.ERROR,
                        clock.instant(),
                        "branch 'main' not found");
        Document dash = html(b.get("/-/dashboard"));
        var rows = dash.select("table.deployments tbody tr");
        assertThat(rows).hasSize(10);
        assertThat(rows.get(0).select("code").attr("title")).isEqualTo(made.get(11).commitSha());
        assertThat(rows.get(0).select(".status").text()).isEqualTo("failed");
        assertThat(rows.get(9).select("code").attr("title")).isEqualTo(made.get(2).commitSha());
        assertThat(rows.get(1).select("code").text())
                .isEqualTo(made.get(10).commitSha().substring(0, 7));
        assertThat(dash.select("#sync-status").text()).isEqualTo("error");
        assertThat(dash.select("#error-log").text()).isEqualTo("branch 'main' not found");

        String log = rows.get(0).select("a").attr("href");
        assertThat(log).isEqualTo("/-/dashboard/deployments/" + made.get(11).id());
        Document page = html(b.get(log));
        assertThat(page.select("#build-log").text()).isEqualTo("line 11 <b>");
        assertThat(page.select("#deployment-error").text()).isEqualTo("branch 'main' not found");
        assertThat(b.get("/-/dashboard/deployments/999999").status()).isEqualTo(404);
        assertThat(b.get("/-/dashboard/deployments/x").status()).isEqualTo(404);
    }

    @Test
    void deletingTheAccountNeedsThePasswordAndRemovesEverything() {
        FakeBrowser b = signedUp("ada");
        FakeBrowser second = browser();
        login(second, "ada", PASSWORD);
        b.submit("/-/dashboard", "/-/dashboard/repository", "url", "https://git.example/a.git");
        long ws = workspaceOf("ada").id();
        storage.deployments().create(ws, "", DeploymentStatus.PENDING);

        SiteResponse wrong =
                b.submit("/-/dashboard/delete", "/-/dashboard/delete", "password", "nope nope");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(storage.users().findByUsername("ada")).isPresent();

        SiteResponse r =
                b.submit("/-/dashboard/delete", "/-/dashboard/delete", "password", PASSWORD);
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.headers()).containsEntry("Location", "/-/signup?m=deleted");
        assertThat(r.headers().get("Set-Cookie")).contains("Max-Age=0");
        assertThat(storage.users().findByUsername("ada")).isEmpty();
        assertThat(storage.workspaces().findById(ws)).isEmpty();
        assertThat(storage.repositories().findByWorkspace(ws)).isEmpty();
        assertThat(storage.deployments().list(ws, 10)).isEmpty();
        assertThat(second.get("/-/dashboard").status()).as("every session ended").isEqualTo(303);
        assertThat(login(browser(), "ada", PASSWORD).status()).isEqualTo(401);
    }

    // ---- isolation ----

    @Test
    void anotherUserCanNeitherReadNorChangeNorTriggerAnything() {
        FakeBrowser ada = signedUp("ada");
        ada.submit(
                "/-/dashboard",
                "/-/dashboard/repository",
                "url",
                "https://git.example/ada/private.git",
                "token",
                "ada-token-123456");
        ada.submit("/-/dashboard", "/-/dashboard/webhook");
        Workspace adaWs = workspaceOf("ada");
        Deployment adaDep =
                storage.deployments().create(adaWs.id(), "a".repeat(40), DeploymentStatus.PENDING);
        adaDep =
                storage.deployments()
                        .update(
                                adaDep.id(),
                                "a".repeat(40),
                                DeploymentStatus.FAILED,
                                "ada's secret error",
                                List.of("ada's log"));
        GitRepository adaRepo = storage.repositories().findByWorkspace(adaWs.id()).orElseThrow();
        String adaSecret = storage.repositories().webhookSecret(adaWs.id()).orElseThrow();

        FakeBrowser eve = signedUp("eve");
        long eveWs = workspaceOf("eve").id();
        String id = Long.toString(adaWs.id());
        String user = Long.toString(adaWs.userId());

        // Reads: Eve's dashboard shows Eve's workspace; Ada's deployment is not found.
        SiteResponse dash = eve.get("/-/dashboard?workspace=" + id + "&workspace_id=" + id);
        assertThat(dash.status()).isEqualTo(200);
        assertThat(dash.bodyText()).doesNotContain("private.git", "/ada/", adaDep.commitSha());
        for (String path :
                List.of(
                        "/-/dashboard/deployments/" + adaDep.id(),
                        "/-/dashboard/deployments/" + adaDep.id() + "?workspace_id=" + id)) {
            SiteResponse r = eve.get(path);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.bodyText()).doesNotContain("ada's log", "ada's secret error");
        }
        assertThat(eve.post("/-/dashboard/deployments/" + adaDep.id()).status())
                .isIn(403, 404, 405);

        // Writes: every action, even with Ada's ids smuggled in, touches Eve's workspace only.
        String[] smuggled = {"workspace_id", id, "workspace", id, "user_id", user, "id", id};
        eve.submit(
                "/-/dashboard",
                "/-/dashboard/workspace",
                concat(smuggled, "name", "Eve", "slug", "eve-2", "embed_depth", "1"));
        eve.submit(
                "/-/dashboard",
                "/-/dashboard/repository",
                concat(smuggled, "url", "https://git.example/eve.git", "token", ""));
        eve.submit("/-/dashboard", "/-/dashboard/sync", smuggled);
        SiteResponse hook = eve.submit("/-/dashboard", "/-/dashboard/webhook", smuggled);
        assertThat(hook.bodyText()).doesNotContain(adaSecret);
        SiteResponse wrongPw =
                eve.submit(
                        "/-/dashboard/delete",
                        "/-/dashboard/delete",
                        concat(smuggled, "password", PASSWORD + "!"));
        assertThat(wrongPw.status()).isEqualTo(401);

        assertThat(workspaceOf("ada")).isEqualTo(adaWs);
        assertThat(storage.repositories().findByWorkspace(adaWs.id()).orElseThrow())
                .isEqualTo(adaRepo);
        assertThat(storage.repositories().webhookSecret(adaWs.id())).contains(adaSecret);
        assertThat(storage.deployments().findById(adaDep.id())).contains(adaDep);
        assertThat(syncRequests).containsExactly(eveWs);
        assertThat(workspaceOf("eve").slug()).isEqualTo("eve-2");

        // Eve deleting her account leaves Ada's alone.
        eve.submit(
                "/-/dashboard/delete",
                "/-/dashboard/delete",
                concat(smuggled, "password", PASSWORD));
        assertThat(storage.users().findByUsername("eve")).isEmpty();
        assertThat(storage.users().findByUsername("ada")).isPresent();
        assertThat(ada.get("/-/dashboard").status()).isEqualTo(200);
    }

    @Test
    void withoutASessionDashboardPagesRedirectAndActionsAreRefused() {
        FakeBrowser ada = signedUp("ada");
        ada.submit("/-/dashboard", "/-/dashboard/repository", "url", "https://git.example/a.git");
        long ws = workspaceOf("ada").id();
        Deployment d = storage.deployments().create(ws, "", DeploymentStatus.PENDING);
        FakeBrowser anon = browser();
        for (String path :
                List.of(
                        "/-/dashboard",
                        "/-/dashboard/delete",
                        "/-/dashboard/deployments/" + d.id(),
                        "/-/logout")) {
            SiteResponse r = anon.get(path);
            assertThat(r.status()).as(path).isEqualTo(303);
            assertThat(r.headers()).as(path).containsEntry("Location", "/-/login");
        }
        String csrf = ada.csrf("/-/dashboard", "/-/dashboard/workspace");
        for (String path :
                List.of(
                        "/-/dashboard/workspace",
                        "/-/dashboard/repository",
                        "/-/dashboard/sync",
                        "/-/dashboard/webhook",
                        "/-/dashboard/delete")) {
            // Even with a stolen CSRF token: without the session cookie it is nobody's form.
            assertThat(anon.post(path, "csrf", csrf, "password", PASSWORD).status())
                    .as(path)
                    .isEqualTo(403);
        }
        assertThat(syncRequests).isEmpty();
        assertThat(storage.users().findByUsername("ada")).isPresent();
        // A forged cookie names no session.
        anon.cookies.put(Hosting.SESSION_COOKIE, "A".repeat(43));
        assertThat(anon.get("/-/dashboard").status()).isEqualTo(303);
        anon.cookies.put(
                Hosting.SESSION_COOKIE, Hosting.sha256(ada.cookies.get(Hosting.SESSION_COOKIE)));
        assertThat(anon.get("/-/dashboard").status())
                .as("the stored id is not a cookie")
                .isEqualTo(303);
    }

    @Test
    void eachPublicSiteShowsOnlyItsOwnPages() throws Exception {
        Path adaGraph =
                graph(
                        "ada-graph",
                        Map.of("Alpha.md", "- Ada alpha block", "contents.md", "- [[Alpha]]"));
        Path eveGraph =
                graph(
                        "eve-graph",
                        Map.of("Omega.md", "- Eve omega block", "contents.md", "- [[Omega]]"));
        Publisher publisher =
                Publisher.builder()
                        .storage(storage)
                        .source(GitGraphSource.builder().checkoutRoot(work.resolve("co")).build())
                        .renderer(HtmlPageRenderer.builder().build())
                        .build();
        hosting =
                Hosting.builder(storage, accounts)
                        .clock(clock)
                        .allowLocalRepositories(true)
                        .syncs(ws -> assertThat(publisher.sync(ws).succeeded()).isTrue())
                        .build();
        FakeBrowser ada = signedUp("ada");
        FakeBrowser eve = signedUp("eve");
        ada.submit("/-/dashboard", "/-/dashboard/repository", "url", adaGraph.toUri().toString());
        eve.submit("/-/dashboard", "/-/dashboard/repository", "url", eveGraph.toUri().toString());
        ada.submit("/-/dashboard", "/-/dashboard/sync");
        eve.submit("/-/dashboard", "/-/dashboard/sync");

        Site site = Site.builder(storage).build();
        assertThat(site.get("/ada/alpha").bodyText()).contains("Ada alpha block");
        assertThat(site.get("/eve/omega").status()).isEqualTo(200);
        assertThat(site.get("/ada/omega").status()).isEqualTo(404);
        assertThat(site.get("/eve/alpha").status()).isEqualTo(404);
        String all = site.get("/ada/-/all-pages").bodyText();
        assertThat(all).contains("Alpha").doesNotContain("Omega");
        assertThat(site.get("/ada/-/search-index.json").bodyText())
                .doesNotContainIgnoringCase("omega");
    }

    Path graph(String name, Map<String, String> pages) throws Exception {
        Path dir = Files.createDirectories(work.resolve(name).resolve("pages"));
        for (Map.Entry<String, String> e : pages.entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue() + "\n");
        }
        return dir.getParent();
    }

    // ---- secrets never reach the log ----

    @Test
    void passwordsTokensAndSecretsNeverReachTheLog() {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        String token = "tok-" + "fedcba9876543210".repeat(2);
        String secret;
        try {
            System.setErr(capture);
            System.setOut(capture);
            FakeBrowser b = signedUp("ada");
            b.submit(
                    "/-/dashboard",
                    "/-/dashboard/repository",
                    "url",
                    "https://git.example/a.git",
                    "token",
                    token);
            secret =
                    html(b.submit("/-/dashboard", "/-/dashboard/webhook"))
                            .select("#webhook-secret")
                            .attr("value");
            login(browser(), "ada", "wrong password here");
            login(browser(), "ada", PASSWORD);
            b.submit("/-/dashboard/delete", "/-/dashboard/delete", "password", PASSWORD);
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(secret).isNotEmpty();
        assertThat(log).as("the log was captured").contains("signed up");
        assertThat(log).doesNotContain(PASSWORD, "wrong password here", token, secret);
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
