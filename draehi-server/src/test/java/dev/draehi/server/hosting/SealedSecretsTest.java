package dev.draehi.server.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.Publisher;
import dev.draehi.model.Deployment;
import dev.draehi.model.Graph;
import dev.draehi.model.GraphConfig;
import dev.draehi.model.Page;
import dev.draehi.server.Accounts;
import dev.draehi.server.WebhookHandler;
import dev.draehi.server.WebhookHandler.Outcome;
import dev.draehi.site.SiteResponse;
import dev.draehi.spi.RenderedPage;
import dev.draehi.store.jdbi.JdbiStorage;
import dev.draehi.store.jdbi.testing.PostgresExtension;
import dev.draehi.testing.FakeGraphSource;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A process with {@code DRAEHI_SECRET_KEY} sealed a workspace's token and webhook secret; a process
 * on the same database without the key fails only that workspace, and answers every request.
 */
class SealedSecretsTest {
    @RegisterExtension static final PostgresExtension PG = new PostgresExtension();
    static final String PASSWORD = "correct horse battery";

    static byte[] push(String url) {
        return ("{\"ref\":\"refs/heads/main\",\"repository\":{\"clone_url\":\"" + url + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, List<String>> signed(byte[] body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Map.of(
                "X-Hub-Signature-256",
                List.of("sha256=" + HexFormat.of().formatHex(mac.doFinal(body))));
    }

    @Test
    void aValueThatCannotBeUnsealedFailsOnlyItsOwnWorkspace() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try (JdbiStorage sealing =
                        JdbiStorage.builder(PG.jdbcUrl()).poolSize(2).secretKey(key).build();
                JdbiStorage plain = JdbiStorage.builder(PG.jdbcUrl()).poolSize(2).build()) {
            Accounts withKey = Accounts.builder(sealing).cost(10).build();
            Accounts withoutKey = Accounts.builder(plain).cost(10).build();
            long ada = withKey.signUp("ada", PASSWORD).workspace().id();
            withKey.connectRepository(ada, "https://github.com/ada/notes", "main", "tok-ada");
            String adaSecret = withKey.newWebhookSecret(ada);
            long bob = withoutKey.signUp("bob", PASSWORD).workspace().id();
            withoutKey.connectRepository(bob, "https://github.com/bob/wiki", "main", null);
            String bobSecret = withoutKey.newWebhookSecret(bob);

            Publisher publisher =
                    Publisher.builder()
                            .storage(plain)
                            .source(
                                    new FakeGraphSource(
                                            new Graph(
                                                    "0123456789abcdef0123456789abcdef01234567",
                                                    GraphConfig.DEFAULTS,
                                                    List.of(Page.generated("home")),
                                                    Map.of(),
                                                    List.of())))
                            .renderer((page, ctx) -> new RenderedPage(List.of(), List.of()))
                            .build();
            WebhookHandler webhooks =
                    WebhookHandler.builder(plain, publisher)
                            .executor(Runnable::run)
                            .onSyncError(e -> {})
                            .build();

            // Bob's webhook goes on...
            byte[] bobs = push("https://github.com/bob/wiki");
            assertThat(webhooks.handle(signed(bobs, bobSecret), bobs).outcome())
                    .isEqualTo(Outcome.ACCEPTED);
            assertThat(plain.deployments().list(bob).get(0).succeeded()).isTrue();
            // ...Ada's cannot be verified here, and is answered like any such request.
            byte[] adas = push("https://github.com/ada/notes");
            assertThat(webhooks.handle(signed(adas, adaSecret), adas).status()).isEqualTo(401);
            // Her sync fails, saying why.
            Deployment d = publisher.sync(ada);
            assertThat(d.succeeded()).isFalse();
            assertThat(d.errorLog())
                    .contains("cannot be decrypted")
                    .contains("DRAEHI_SECRET_KEY")
                    .doesNotContain("tok-ada");
            // Her dashboard still opens; the process with the key still reads everything.
            FakeBrowser b =
                    new FakeBrowser(Hosting.builder(plain, withoutKey).build(), "192.0.2.1");
            SiteResponse login =
                    b.submit("/-/login", "/-/login", "username", "ada", "password", PASSWORD);
            assertThat(login.status()).isEqualTo(303);
            assertThat(b.get("/-/dashboard").status()).isEqualTo(200);
            assertThat(sealing.repositories().findByWorkspace(ada).orElseThrow().deployKey())
                    .isEqualTo("tok-ada");
        }
    }
}
