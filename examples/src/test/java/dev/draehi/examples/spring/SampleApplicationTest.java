package dev.draehi.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.Publisher;
import dev.draehi.model.Deployment;
import dev.draehi.model.Workspace;
import dev.draehi.store.Storage;
import dev.draehi.testing.DocsGraph;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample started on a random port against PostgreSQL, in a schema of its own: the Logseq docs
 * graph synced through the auto-configured Publisher, read over HTTP, and synced again by a signed
 * push webhook.
 */
// FreshSchema comes first, so that it drops the schema after Spring has closed the context
@ExtendWith(SampleApplicationTest.FreshSchema.class)
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
class SampleApplicationTest {
    static final String BASE_URL =
            System.getenv()
                    .getOrDefault(
                            "DRAEHI_TEST_JDBC_URL",
                            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    static final String SCHEMA =
            "draehi_spring_"
                    + UUID.randomUUID()
                            .toString()
                            .replace("-", "")
                            .substring(0, 12)
                            .toLowerCase(Locale.ROOT);
    static final String WEBHOOK_SECRET = "sample-webhook-secret";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path checkouts = Files.createTempDirectory("draehi-sample-checkouts");
        registry.add(
                "spring.datasource.url",
                () -> BASE_URL + (BASE_URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
        registry.add("draehi.checkout-dir", checkouts::toString);
        registry.add("draehi.webhook.secret", () -> WEBHOOK_SECRET);
    }

    @LocalServerPort int port;
    @Autowired Storage storage;
    @Autowired Publisher publisher;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void publishesTheDocsGraphServesItOverHttpAndSyncsOnASignedPush() throws Exception {
        String graph = DocsGraph.path().toString();
        Workspace ws =
                storage.workspaces()
                        .create(storage.users().create("docs", "!").id(), "Logseq docs");
        storage.repositories().create(ws.id(), graph, "main", null);
        Deployment first = publisher.sync(ws.id());
        assertThat(first.succeeded()).as(String.valueOf(first.errorLog())).isTrue();

        HttpResponse<String> page = get("/" + ws.slug() + "/contents", List.of());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<h1 class=\"page-title\">Contents</h1>");
        String etag = page.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again =
                get("/" + ws.slug() + "/contents", List.of("If-None-Match", etag));
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();

        HttpResponse<String> head =
                http.send(
                        request("/" + ws.slug() + "/contents")
                                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("ETag")).contains(etag);
        assertThat(head.body()).isEmpty();

        HttpResponse<byte[]> gzipped =
                http.send(
                        request("/" + ws.slug() + "/contents")
                                .header("Accept-Encoding", "gzip")
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");

        byte[] push =
                ("{\"ref\":\"refs/heads/main\",\"repository\":{\"clone_url\":\"" + graph + "\"}}")
                        .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> hook =
                http.send(
                        request("/api/webhooks/git")
                                .header("Content-Type", "application/json")
                                .header("X-GitHub-Event", "push")
                                .header("X-Hub-Signature-256", sign(push, WEBHOOK_SECRET))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(push))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(hook.statusCode()).as(hook.body()).isEqualTo(202);
        assertThat(hook.body()).isEqualTo("sync started for 1 workspace(s)\n");
        Deployment second = awaitDeployment(ws.id(), first.id());
        assertThat(second.succeeded()).as(String.valueOf(second.errorLog())).isTrue();

        HttpResponse<String> forged =
                http.send(
                        request("/api/webhooks/git")
                                .header("X-GitHub-Event", "push")
                                .header("X-Hub-Signature-256", sign(push, "not the secret"))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(push))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(401);
    }

    /** The first finished deployment of the workspace after {@code after}, within a minute. */
    private Deployment awaitDeployment(long workspaceId, long after) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            for (Deployment d : storage.deployments().list(workspaceId)) {
                if (d.id() > after && d.status().isFinal()) {
                    return d;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the webhook's sync did not finish within a minute");
    }

    private HttpResponse<String> get(String path, List<String> headers) throws Exception {
        HttpRequest.Builder r = request(path);
        for (int i = 0; i < headers.size(); i += 2) {
            r.header(headers.get(i), headers.get(i + 1));
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
    }

    static String sign(byte[] body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    /** Creates the test's schema before the application starts and drops it after it stopped. */
    static final class FreshSchema implements BeforeAllCallback, AfterAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) throws SQLException {
            admin("CREATE SCHEMA " + SCHEMA);
        }

        @Override
        public void afterAll(ExtensionContext context) throws SQLException {
            admin("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }

        private static void admin(String sql) throws SQLException {
            try (Connection c = DriverManager.getConnection(BASE_URL);
                    Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
    }
}
