package dev.draehi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.server.Accounts;
import dev.draehi.server.DraehiServer;
import dev.draehi.server.SyncWorker;
import dev.draehi.server.hosting.Hosting;
import dev.draehi.site.Site;
import dev.draehi.store.memory.InMemoryStorage;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hosting pages through DraehiServer: cookies, forms, methods and headers over real HTTP. */
class HostingServerTest {
    static final String PASSWORD = "correct horse battery";
    @TempDir static Path work;
    static InMemoryStorage storage;
    static DraehiServer server;
    static SyncWorker syncs;
    static HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        storage = new InMemoryStorage();
        Graphs graphs =
                new Graphs(
                        storage,
                        work.resolve("co"),
                        new PrintStream(PrintStream.nullOutputStream()));
        Site site = Site.builder(storage).build();
        syncs = ServeCommand.syncWorker(storage, graphs.publisher(), site);
        server =
                DraehiServer.builder(site)
                        .storage(storage)
                        .publisher(graphs.publisher())
                        .syncWorker(syncs)
                        .hosting(
                                ServeCommand.hosting(
                                        storage, syncs, null, false, Duration.ofDays(7)))
                        .port(0)
                        .build()
                        .start();
    }

    @AfterAll
    static void stop() {
        server.close();
        syncs.close();
    }

    static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    }

    static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String form(String... kv) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            sb.append(sb.length() == 0 ? "" : "&")
                    .append(URLEncoder.encode(kv[i], StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(kv[i + 1], StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    static String cookieValue(HttpResponse<?> r, String name) {
        String set = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(set).startsWith(name + "=");
        return set.substring(name.length() + 1, set.indexOf(';'));
    }

    static String csrfField(String html) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void signUpAndOpenTheDashboardOverHttp() throws Exception {
        HttpResponse<String> page = send(request("/-/signup"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .get()
                .asString()
                .contains("form-action 'self'");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        String csrfCookie = cookieValue(page, Hosting.CSRF_COOKIE);
        assertThat(csrfField(page.body())).isEqualTo(csrfCookie);

        HttpResponse<String> signup =
                send(
                        request("/-/signup")
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("Cookie", Hosting.CSRF_COOKIE + "=" + csrfCookie)
                                .header("Origin", "http://127.0.0.1:" + server.port())
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                form(
                                                        "csrf",
                                                        csrfCookie,
                                                        "username",
                                                        "ada",
                                                        "password",
                                                        PASSWORD,
                                                        "confirm",
                                                        PASSWORD))));
        assertThat(signup.statusCode()).isEqualTo(303);
        assertThat(signup.headers().firstValue("Location")).hasValue("/-/dashboard?m=welcome");
        String session = cookieValue(signup, Hosting.SESSION_COOKIE);

        HttpResponse<String> dash =
                send(
                        request("/-/dashboard")
                                .header(
                                        "Cookie",
                                        "other=1; " + Hosting.SESSION_COOKIE + "=" + session));
        assertThat(dash.statusCode()).isEqualTo(200);
        assertThat(dash.body()).contains("Signed in as <strong>ada</strong>");
        assertThat(dash.headers().firstValue("Cache-Control")).hasValue("no-store");

        // The public site knows the new workspace at once; it has nothing published yet.
        assertThat(send(request("/ada/")).statusCode()).isNotEqualTo(500);
    }

    static HttpResponse<String> loginFrom(String address, String username, String password)
            throws Exception {
        HttpResponse<String> page = send(request("/-/login"));
        String csrf = cookieValue(page, Hosting.CSRF_COOKIE);
        return send(
                request("/-/login")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", Hosting.CSRF_COOKIE + "=" + csrf)
                        // the server sees the last hop a proxy on its own host added
                        .header("X-Forwarded-For", address)
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        form(
                                                "csrf",
                                                csrf,
                                                "username",
                                                username,
                                                "password",
                                                password))));
    }

    @Test
    void wrongPasswordsFromManyAddressesDoNotLockTheOwnerOut() throws Exception {
        Accounts.builder(storage).cost(10).build().signUp("bob", PASSWORD);
        for (int i = 0; i < 6; i++) {
            loginFrom("198.51.100." + (20 + i), "bob", "guess " + i);
        }
        // The owner, from an address of their own, is in within 10 seconds.
        long start = System.nanoTime();
        HttpResponse<String> r = loginFrom("203.0.113.7", "bob", PASSWORD);
        while (r.statusCode() == 429 && System.nanoTime() - start < 10_000_000_000L) {
            assertThat(r.body()).contains("Try again in").contains("second");
            Thread.sleep(500);
            r = loginFrom("203.0.113.7", "bob", PASSWORD);
        }
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/-/dashboard");
    }

    @Test
    void cookiesAreSecureBehindAnHttpsProxy() throws Exception {
        HttpResponse<String> page = send(request("/-/login").header("X-Forwarded-Proto", "https"));
        assertThat(page.headers().firstValue("Set-Cookie")).get().asString().contains("; Secure");
        HttpResponse<String> plain = send(request("/-/login"));
        assertThat(plain.headers().firstValue("Set-Cookie"))
                .get()
                .asString()
                .doesNotContain("Secure");
    }

    @Test
    void methodsAndTheStylesheet() throws Exception {
        HttpResponse<String> head =
                send(request("/-/login").method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        HttpResponse<String> put =
                send(request("/-/login").PUT(HttpRequest.BodyPublishers.ofString("x")));
        assertThat(put.statusCode()).isEqualTo(405);
        HttpResponse<String> css = send(request("/-/hosting.css"));
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        HttpResponse<String> dash = send(request("/-/dashboard"));
        assertThat(dash.statusCode()).isEqualTo(303);
        assertThat(dash.headers().firstValue("Location")).hasValue("/-/login");
        // A POST from another site is refused, token or not.
        HttpResponse<String> cross =
                send(
                        request("/-/login")
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("Origin", "https://evil.example")
                                .POST(HttpRequest.BodyPublishers.ofString("username=ada")));
        assertThat(cross.statusCode()).isEqualTo(403);
    }

    @Test
    void serveRefusesHostingWithoutADatabaseOrWithASource() {
        assertThat(Main.run("serve", "--hosting")).isEqualTo(Main.EXIT_USAGE);
        assertThat(
                        Main.run(
                                "serve",
                                "--hosting",
                                "--database-url",
                                "jdbc:postgresql://127.0.0.1:1/none",
                                "some/graph"))
                .isEqualTo(Main.EXIT_USAGE);
        assertThat(Main.run("serve", "some/graph", "--allow-local-repositories"))
                .isEqualTo(Main.EXIT_USAGE);
    }
}
