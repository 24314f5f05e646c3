package dev.draehi.server.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.Publisher;
import dev.draehi.model.Graph;
import dev.draehi.model.GraphConfig;
import dev.draehi.model.Page;
import dev.draehi.model.Workspace;
import dev.draehi.server.Accounts;
import dev.draehi.server.DraehiServer;
import dev.draehi.site.Site;
import dev.draehi.spi.RenderedPage;
import dev.draehi.store.jdbi.JdbiStorage;
import dev.draehi.store.jdbi.testing.PostgresExtension;
import dev.draehi.testing.FakeGraphSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Custom domains over HTTP against a running server on PostgreSQL, with a stub DNS: set, verify,
 * serve at the root, redirect from the slug path, unserve after the grace period, move to the
 * workspace that verifies, the ask endpoint, and no cookie for the domain.
 */
class CustomDomainsTest {
    @RegisterExtension static final PostgresExtension PG = new PostgresExtension();
    static final String MAIN = "main.test";
    static final String PASSWORD = "correct horse battery";
    static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    final Map<String, List<String>> dns = new ConcurrentHashMap<>();
    HostingTest.TestClock clock;
    JdbiStorage storage;
    Domains domains;
    DraehiServer server;

    @BeforeEach
    void start() throws Exception {
        PG.truncate();
        clock = new HostingTest.TestClock();
        storage = JdbiStorage.builder(PG.jdbcUrl()).poolSize(2).build();
        domains =
                Domains.builder(storage, name -> dns.getOrDefault(name, List.of()))
                        .clock(clock)
                        .baseUrl("http://" + MAIN)
                        .build();
        server = server(false);
    }

    /** The server, trusting the proxy's {@code X-Forwarded-Host} or not. */
    DraehiServer server(boolean trustProxy) {
        Site site = Site.builder(storage).baseUrl("http://" + MAIN).build();
        Hosting hosting =
                Hosting.builder(storage, Accounts.builder(storage).cost(10).build())
                        .baseUrl("http://" + MAIN)
                        .domains(domains)
                        .trustProxy(trustProxy)
                        .build();
        return DraehiServer.builder(site)
                .hosting(hosting)
                .domains(domains)
                .trustProxy(trustProxy)
                .port(0)
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
        storage.close();
    }

    // ---- raw HTTP/1.1, so that the Host header is ours ----

    record Reply(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    Reply send(String method, String host, String path, Map<String, String> extra, String form)
            throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            s.setSoTimeout(10_000);
            StringBuilder req = new StringBuilder();
            req.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
            req.append("Host: ").append(host).append("\r\nConnection: close\r\n");
            extra.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
            byte[] body = form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
            if (form != null) {
                req.append("Content-Type: application/x-www-form-urlencoded\r\n");
                req.append("Content-Length: ").append(body.length).append("\r\n");
            }
            req.append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.merge(
                        lines[i].substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT),
                        lines[i].substring(colon + 1).strip(),
                        (a, b) -> a + "\n" + b);
            }
            return new Reply(
                    Integer.parseInt(lines[0].substring(9, 12)), headers, text.substring(end + 4));
        }
    }

    Reply get(String host, String path) throws IOException {
        return send("GET", host, path, Map.of(), null);
    }

    /** A browser on the main host: its cookies, and forms sent with their CSRF token. */
    final class Browser {
        final Map<String, String> cookies = new LinkedHashMap<>();

        Reply get(String path) throws IOException {
            return keep(send("GET", MAIN, path, cookieHeader(), null));
        }

        Reply post(String path, String... fields) throws IOException {
            Document page =
                    Jsoup.parse(
                            get(path.startsWith("/-/dashboard") ? "/-/dashboard" : path).body());
            String csrf = page.select("input[name=csrf]").first().attr("value");
            StringBuilder form = new StringBuilder("csrf=").append(csrf);
            for (int i = 0; i < fields.length; i += 2) {
                form.append('&')
                        .append(fields[i])
                        .append('=')
                        .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
            }
            return keep(send("POST", MAIN, path, cookieHeader(), form.toString()));
        }

        private Map<String, String> cookieHeader() {
            if (cookies.isEmpty()) {
                return Map.of();
            }
            StringBuilder c = new StringBuilder();
            cookies.forEach(
                    (k, v) ->
                            c.append(c.length() == 0 ? "" : "; ").append(k).append('=').append(v));
            return Map.of("Cookie", c.toString());
        }

        private Reply keep(Reply r) {
            String set = r.header("Set-Cookie");
            if (set != null) {
                for (String one : set.split("\n")) {
                    assertThat(one).as("a host-only cookie").doesNotContainIgnoringCase("domain=");
                    String pair = one.split(";")[0];
                    cookies.put(
                            pair.substring(0, pair.indexOf('=')),
                            pair.substring(pair.indexOf('=') + 1));
                }
            }
            return r;
        }
    }

    Browser signedUp(String username) throws IOException {
        Browser b = new Browser();
        Reply r =
                b.post(
                        "/-/signup",
                        "username",
                        username,
                        "password",
                        PASSWORD,
                        "confirm",
                        PASSWORD);
        assertThat(r.status()).as(r.body()).isEqualTo(303);
        assertThat(b.cookies).containsKey(Hosting.SESSION_COOKIE);
        Workspace ws = workspace(username);
        storage.repositories().create(ws.id(), "https://example.com/notes.git", "main", null);
        Publisher publisher =
                Publisher.builder()
                        .storage(storage)
                        .source(
                                new FakeGraphSource(
                                        new Graph(
                                                SHA,
                                                GraphConfig.DEFAULTS,
                                                List.of(
                                                        Page.generated("home"),
                                                        Page.generated("other")),
                                                Map.of(),
                                                List.of())))
                        .renderer((page, ctx) -> new RenderedPage(List.of(), List.of()))
                        .build();
        assertThat(publisher.sync(ws.id()).succeeded()).isTrue();
        return b;
    }

    Workspace workspace(String username) {
        return storage.workspaces()
                .findByUser(storage.users().findByUsername(username).orElseThrow().id())
                .orElseThrow();
    }

    static Document html(Reply r) {
        return Jsoup.parse(r.body());
    }

    // ---- the tests ----

    @Test
    void setVerifyServeRedirectAndUnserveAfterTheGracePeriod() throws Exception {
        Browser ada = signedUp("ada");
        assertThat(ada.post("/-/dashboard/domain", "domain", "Notes.Example.").status())
                .isEqualTo(303);
        Document dash = html(ada.get("/-/dashboard"));
        assertThat(dash.select("#ws-domain").attr("value")).isEqualTo("notes.example");
        assertThat(dash.select("#domain-status").text()).isEqualTo("unverified");
        assertThat(dash.select("#domain-target").text()).isEqualTo(MAIN);
        String token = dash.select("#domain-token").text();
        assertThat(token).startsWith("draehi-");
        assertThat(dash.text()).contains("_draehi.notes.example");

        // Claimed, not verified: not served, and the proxy gets no certificate for it.
        assertThat(get("notes.example", "/").body()).doesNotContain("http://notes.example/");
        assertThat(get(MAIN, "/-/domains/ask?domain=notes.example").status()).isEqualTo(404);
        assertThat(ada.post("/-/dashboard/domain/verify").header("Location"))
                .endsWith("m=domain-missing");

        dns.put("_draehi.notes.example", List.of("v=other", token));
        assertThat(ada.post("/-/dashboard/domain/verify").header("Location"))
                .endsWith("m=domain-verified");
        assertThat(workspace("ada").domain()).isEqualTo("notes.example");
        Document verified = html(ada.get("/-/dashboard"));
        assertThat(verified.select("#domain-status").text()).isEqualTo("verified");
        assertThat(verified.select("#site-link").attr("href")).isEqualTo("http://notes.example/");

        // The site at the domain's root, every link under the domain, no cookie.
        Reply home = get("notes.example", "/");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.header("Set-Cookie")).isNull();
        Document h = html(home);
        assertThat(h.select("link[rel=canonical]").attr("href"))
                .startsWith("http://notes.example/");
        assertThat(home.body()).doesNotContain("/ada/", MAIN);
        Reply other = get("notes.example", "/other");
        assertThat(other.status()).isEqualTo(200);
        assertThat(html(other).select("link[rel=canonical]").attr("href"))
                .isEqualTo("http://notes.example/other");
        assertThat(get("notes.example", "/-/all-pages").body()).contains("href=\"/other\"");
        assertThat(get("notes.example", "/-/feed.xml").body())
                .contains("http://notes.example/")
                .doesNotContain(MAIN);
        assertThat(get("notes.example", "/-/search-index.json").body()).doesNotContain("/ada/");
        Reply sitemap = get("notes.example", "/sitemap.xml");
        assertThat(sitemap.body())
                .contains("<loc>http://notes.example/other</loc>")
                .doesNotContain(MAIN);
        Reply gzipped =
                send(
                        "GET",
                        "notes.example",
                        "/-/all-pages",
                        Map.of("Accept-Encoding", "gzip"),
                        null);
        assertThat(gzipped.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(gzipped.header("Vary")).isEqualTo("Accept-Encoding");
        assertThat(get("notes.example", "/robots.txt").body())
                .contains("Sitemap: http://notes.example/sitemap.xml");
        // No dashboard, login or webhook on the domain, and never a cookie.
        Reply login = get("notes.example", "/-/login");
        assertThat(login.status()).isEqualTo(404);
        assertThat(login.header("Set-Cookie")).isNull();
        Reply dashboardThere =
                send(
                        "GET",
                        "notes.example",
                        "/-/dashboard",
                        Map.of(
                                "Cookie",
                                Hosting.SESSION_COOKIE
                                        + "="
                                        + ada.cookies.get(Hosting.SESSION_COOKIE)),
                        null);
        assertThat(dashboardThere.status()).isEqualTo(404);
        assertThat(dashboardThere.body()).doesNotContain("Signed in");
        assertThat(send("POST", "notes.example", "/api/webhooks/git", Map.of(), "x").status())
                .isEqualTo(405);

        // The slug's pages on the main host move there for good; the dashboard stays.
        Reply moved = get(MAIN, "/ada/other?x=1");
        assertThat(moved.status()).isEqualTo(301);
        assertThat(moved.header("Location")).isEqualTo("http://notes.example/other?x=1");
        assertThat(get(MAIN, "/ada").header("Location")).isEqualTo("http://notes.example/");
        assertThat(ada.get("/-/dashboard").status()).isEqualTo(200);

        // The ask endpoint: only verified domains.
        assertThat(get(MAIN, "/-/domains/ask?domain=NOTES.example").status()).isEqualTo(200);
        assertThat(get(MAIN, "/-/domains/ask?domain=else.example").status()).isEqualTo(404);
        assertThat(get(MAIN, "/-/domains/ask?domain=a:b").status()).isEqualTo(404);
        assertThat(get(MAIN, "/-/domains/ask").status()).isEqualTo(404);

        // The record goes: served through the grace period, then unserved, and the owner told.
        dns.clear();
        clock.advance(Duration.ofHours(23));
        assertThat(domains.recheck()).isZero();
        clock.advance(Duration.ofHours(1));
        assertThat(domains.recheck()).isEqualTo(1);
        assertThat(get("notes.example", "/other").status()).isEqualTo(200);
        assertThat(html(ada.get("/-/dashboard")).select("#domain-status").text())
                .isEqualTo("failing");
        clock.advance(Domains.DEFAULT_GRACE);
        assertThat(domains.recheck()).isEqualTo(1);
        assertThat(workspace("ada").domain()).isNull();
        assertThat(get("notes.example", "/other").body())
                .doesNotContain("http://notes.example/other");
        assertThat(get(MAIN, "/-/domains/ask?domain=notes.example").status()).isEqualTo(404);
        assertThat(get(MAIN, "/ada/other").status()).isEqualTo(200);
        Document told = html(ada.get("/-/dashboard"));
        assertThat(told.select("#domain-status").text()).isEqualTo("unverified");
        assertThat(told.select("#domain .notice.error").text()).contains("no longer served");
    }

    @Test
    void xForwardedHostCountsOnlyWhenTheProxyIsTrusted() throws Exception {
        Browser ada = signedUp("ada");
        ada.post("/-/dashboard/domain", "domain", "notes.example");
        dns.put(
                "_draehi.notes.example",
                List.of(html(ada.get("/-/dashboard")).select("#domain-token").text()));
        ada.post("/-/dashboard/domain/verify");
        Map<String, String> forged =
                Map.of("X-Forwarded-Host", "notes.example", "X-Forwarded-Proto", "https");

        // Not trusted (the default): a forged header neither selects the domain...
        Reply main = send("GET", MAIN, "/other", forged, null);
        assertThat(main.status()).isEqualTo(404);
        assertThat(main.body()).doesNotContain("notes.example");
        // ...nor passes the forms' origin check as the host it names.
        Reply login = get(MAIN, "/-/login");
        String csrf = html(login).select("input[name=csrf]").attr("value");
        String cookie = login.header("Set-Cookie").split(";")[0];
        String form = "csrf=" + csrf + "&username=ada&password=" + PASSWORD.replace(' ', '+');
        Reply crossSite =
                send(
                        "POST",
                        "127.0.0.1",
                        "/-/login",
                        Map.of(
                                "Cookie", cookie,
                                "Origin", "http://evil.example",
                                "X-Forwarded-Host", "evil.example"),
                        form);
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(crossSite.body()).contains("another site");
        assertThat(crossSite.header("Set-Cookie")).isNull();

        // Trusted: the proxy's header picks the domain, and the origin it names passes.
        server.close();
        server = server(true);
        assertThat(send("GET", "127.0.0.1", "/other", forged, null).body())
                .contains("https://notes.example/other");
        Reply viaProxy =
                send(
                        "POST",
                        "127.0.0.1",
                        "/-/login",
                        Map.of(
                                "Cookie", cookie,
                                "Origin", "https://hosting.example",
                                "X-Forwarded-Host", "hosting.example"),
                        form);
        assertThat(viaProxy.status()).isEqualTo(303);
        assertThat(viaProxy.header("Set-Cookie")).contains(Hosting.SESSION_COOKIE);
    }

    @Test
    void domainRulesAndAClaimOnAnotherSitesVerifiedDomainIsRefused() throws Exception {
        Browser ada = signedUp("ada");
        for (String bad :
                List.of(
                        "notes.example:8080",
                        "*.example.com",
                        MAIN,
                        "localhost",
                        "https://x.example/",
                        "10.0.0.1",
                        "bad_label.example",
                        "nodot")) {
            Reply r = ada.post("/-/dashboard/domain", "domain", bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(html(r).select("#domain .notice.error").text()).as(bad).isNotEmpty();
        }
        assertThat(ada.post("/-/dashboard/domain", "domain", "Bücher.Example").status())
                .isEqualTo(303);
        assertThat(html(ada.get("/-/dashboard")).select("#ws-domain").attr("value"))
                .isEqualTo("xn--bcher-kva.example");
        assertThat(ada.post("/-/dashboard/domain", "domain", "notes.example").status())
                .isEqualTo(303);
        String adaToken = html(ada.get("/-/dashboard")).select("#domain-token").text();
        dns.put("_draehi.notes.example", List.of(adaToken));
        ada.post("/-/dashboard/domain/verify");

        Browser bob = signedUp("bob");
        Reply refused = bob.post("/-/dashboard/domain", "domain", "notes.example");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(html(refused).select("#domain .notice.error").text()).contains("another site");
        assertThat(domains.claimOf(workspace("bob").id())).isEmpty();

        // Clearing: no longer served.
        assertThat(ada.post("/-/dashboard/domain", "domain", "").header("Location"))
                .endsWith("m=domain-removed");
        assertThat(workspace("ada").domain()).isNull();
        assertThat(get(MAIN, "/-/domains/ask?domain=notes.example").status()).isEqualTo(404);
    }

    @Test
    void aDomainVerifiedByAnotherWorkspaceMovesThereAndTheFirstIsTold() throws Exception {
        Browser ada = signedUp("ada");
        ada.post("/-/dashboard/domain", "domain", "notes.example");
        String adaToken = html(ada.get("/-/dashboard")).select("#domain-token").text();
        dns.put("_draehi.notes.example", List.of(adaToken));
        ada.post("/-/dashboard/domain/verify");

        // The domain changes hands: its record now holds bob's token, ada's next check fails.
        Browser bob = signedUp("bob");
        dns.put("_draehi.notes.example", List.of("draehi-someone-else"));
        clock.advance(Domains.RECHECK_EVERY);
        domains.recheck();
        assertThat(bob.post("/-/dashboard/domain", "domain", "notes.example").status())
                .isEqualTo(303);
        String bobToken = html(bob.get("/-/dashboard")).select("#domain-token").text();
        assertThat(bobToken).isNotEqualTo(adaToken);
        dns.put("_draehi.notes.example", List.of(bobToken));
        assertThat(bob.post("/-/dashboard/domain/verify").header("Location"))
                .endsWith("m=domain-verified");

        assertThat(workspace("bob").domain()).isEqualTo("notes.example");
        assertThat(workspace("ada").domain()).isNull();
        assertThat(get("notes.example", "/").body()).contains("bob");
        assertThat(get(MAIN, "/ada/other").status()).isEqualTo(200);
        assertThat(get(MAIN, "/bob/other").header("Location"))
                .isEqualTo("http://notes.example/other");
        assertThat(html(ada.get("/-/dashboard")).select("#domain .notice.error").text())
                .contains("Another site verified notes.example");
    }
}
