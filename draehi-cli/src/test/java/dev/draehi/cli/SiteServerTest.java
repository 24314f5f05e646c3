package dev.draehi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Workspace;
import dev.draehi.server.DraehiServer;
import dev.draehi.site.Site;
import dev.draehi.store.memory.InMemoryStorage;
import dev.draehi.testing.DocsGraph;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP adapter: pages, status codes, security headers and the push webhook. */
class SiteServerTest {
    static final String SECRET = "s3cret-webhook";
    @TempDir static Path work;
    static InMemoryStorage storage;
    static DraehiServer server;
    static Workspace ws;
    static HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static String repoUrl;

    @BeforeAll
    static void start() throws Exception {
        storage = new InMemoryStorage();
        repoUrl = DocsGraph.path().toString();
        ws = LocalWorkspace.ensure(storage, "docs", repoUrl);
        Graphs graphs =
                new Graphs(
                        storage,
                        work.resolve("co"),
                        new PrintStream(PrintStream.nullOutputStream()));
        assertThat(graphs.sync(ws).succeeded()).isTrue();
        Site site = Site.builder(storage).build();
        server =
                DraehiServer.builder(site)
                        .storage(storage)
                        .publisher(graphs.publisher())
                        .webhookSecret(SECRET)
                        .port(0)
                        .build()
                        .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    static HttpResponse<String> webhook(String body, String signature) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(uri("/api/webhooks/git"))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", "application/json");
        if (signature != null) {
            b.header("X-Hub-Signature-256", signature);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String sign(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256="
                + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void servesPagesWithSecurityHeaders() throws Exception {
        HttpResponse<String> home = get("/docs/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(home.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("script-src 'self'");
        assertThat(home.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        // Other sites cannot frame the pages, unless the operator lets them.
        assertThat(home.headers().firstValue("Content-Security-Policy").orElse(""))
                .endsWith("frame-ancestors 'self'");
        try (DraehiServer embeddable =
                DraehiServer.builder(Site.builder(storage).build())
                        .storage(storage)
                        .frameAncestors("'self' https://blog.example.com")
                        .port(0)
                        .build()
                        .start()) {
            HttpResponse<String> framed =
                    http.send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    "http://127.0.0.1:"
                                                            + embeddable.port()
                                                            + "/docs/"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(framed.headers().firstValue("Content-Security-Policy").orElse(""))
                    .contains("script-src 'self'")
                    .endsWith("frame-ancestors 'self' https://blog.example.com");
        }
        assertThat(home.body()).contains("<h1 class=\"page-title\">Contents</h1>");
        assertThat(get("/docs/contents").statusCode()).isEqualTo(200);
        assertThat(get("/").body()).contains("url=/docs/");
    }

    @Test
    void pagesCarryValidatorsAnswer304AndCompress() throws Exception {
        String path = "/" + ws.slug() + "/contents";
        HttpResponse<String> first = get(path);
        assertThat(first.statusCode()).isEqualTo(200);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Last-Modified")).isPresent();
        HttpResponse<String> again =
                http.send(
                        HttpRequest.newBuilder(uri(path))
                                .header("If-None-Match", etag)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        HttpResponse<byte[]> zipped =
                http.send(
                        HttpRequest.newBuilder(uri(path))
                                .header("Accept-Encoding", "gzip")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zipped.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(zipped.body().length).isLessThan(first.body().length());
        try (var in =
                new java.util.zip.GZIPInputStream(
                        new java.io.ByteArrayInputStream(zipped.body()))) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(first.body());
        }
    }

    @Test
    void unknownPathsAndMethodsAreRefused() throws Exception {
        assertThat(get("/docs/no-such-page").statusCode()).isEqualTo(404);
        assertThat(get("/docs/-/assets/../../etc/passwd").statusCode()).isEqualTo(404);
        // encoded dot segments are an ambiguous URI, refused before any handler sees it
        assertThat(get("/docs/%2e%2e/%2e%2e/etc/passwd").statusCode()).isIn(400, 404);
        HttpResponse<String> put =
                http.send(
                        HttpRequest.newBuilder(uri("/docs/"))
                                .PUT(HttpRequest.BodyPublishers.ofString("x"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(405);
    }

    @Test
    void webhookRejectsBadSignaturesAndTriggersNothing() throws Exception {
        int before = storage.deployments().list(ws.id(), 100).size();
        String body =
                "{\"ref\":\"refs/heads/main\",\"repository\":{\"clone_url\":\"file://"
                        + repoUrl
                        + "\"}}";
        assertThat(webhook(body, null).statusCode()).isEqualTo(401);
        assertThat(webhook(body, "sha256=" + "0".repeat(64)).statusCode()).isEqualTo(401);
        assertThat(webhook(body, "sha1=abc").statusCode()).isEqualTo(401);
        assertThat(webhook("not json", sign("not json")).statusCode()).isEqualTo(400);
        String other =
                "{\"ref\":\"refs/heads/main\",\"repository\":{\"clone_url\":\"https://github.com/x/y\"}}";
        assertThat(webhook(other, sign(other)).body()).startsWith("ignored");
        String otherBranch =
                "{\"ref\":\"refs/heads/dev\",\"repository\":{\"clone_url\":\"file://"
                        + repoUrl
                        + "\"}}";
        assertThat(webhook(otherBranch, sign(otherBranch)).body()).startsWith("ignored");
        Thread.sleep(200);
        assertThat(storage.deployments().list(ws.id(), 100)).hasSize(before);
    }

    @Test
    void aSignedPushStartsASync() throws Exception {
        int before = storage.deployments().list(ws.id(), 100).size();
        String body =
                "{\"ref\":\"refs/heads/main\",\"repository\":{\"clone_url\":\"file://"
                        + repoUrl
                        + "/\"}}";
        HttpResponse<String> r = webhook(body, sign(body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        for (int i = 0; i < 100 && storage.deployments().list(ws.id(), 100).size() == before; i++) {
            Thread.sleep(50);
        }
        assertThat(storage.deployments().list(ws.id(), 100)).hasSizeGreaterThan(before);
    }

    @Test
    void oversizedWebhookBodiesAreRefused() throws Exception {
        String big = "x".repeat((1 << 20) + 10);
        assertThat(webhook(big, sign(big)).statusCode()).isEqualTo(413);
    }
}
