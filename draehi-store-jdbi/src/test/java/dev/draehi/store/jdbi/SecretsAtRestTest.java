package dev.draehi.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.draehi.StorageException;
import dev.draehi.model.GitRepository;
import dev.draehi.model.Workspace;
import dev.draehi.store.jdbi.testing.PostgresExtension;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Deploy keys and webhook secrets encrypted with the host's key. */
class SecretsAtRestTest {
    @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

    static final String TOKEN = "repo-access-token-93b1c";
    static final String SECRET = "webhook-secret-4e7d2";
    static final byte[] KEY = new byte[32];
    static final byte[] OTHER_KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 7);
        Arrays.fill(OTHER_KEY, (byte) 9);
    }

    JdbiStorage sealed;

    @BeforeEach
    void setUp() throws Exception {
        PG.truncate();
        sealed = JdbiStorage.builder(PG.dataSource()).secretKey(KEY).build();
    }

    @Test
    void credentialsAreStoredEncryptedAndReadBackPlain() throws Exception {
        Workspace w = workspace(sealed);
        assertThat(sealed.repositories().create(w.id(), "https://h/r", null, TOKEN).deployKey())
                .isEqualTo(TOKEN);
        sealed.repositories().setWebhookSecret(w.id(), SECRET);

        String rows =
                String.join("\n", PG.rows("SELECT deploy_key FROM git_repositories"))
                        + String.join("\n", PG.rows("SELECT secret FROM draehi_webhook_secrets"));
        assertThat(rows)
                .doesNotContain(TOKEN)
                .doesNotContain(SECRET)
                .contains("draehi:aes-gcm:v1:");

        assertThat(sealed.repositories().findByWorkspace(w.id()).orElseThrow().deployKey())
                .isEqualTo(TOKEN);
        assertThat(sealed.repositories().list())
                .singleElement()
                .satisfies(r -> assertThat(r.deployKey()).isEqualTo(TOKEN));
        assertThat(sealed.repositories().webhookSecret(w.id())).contains(SECRET);
        assertThat(sealed.repositories().update(w.id(), "https://h/r2", "main", TOKEN).deployKey())
                .isEqualTo(TOKEN);
    }

    @Test
    void withoutTheKeyOrWithAnotherOneReadingFailsClearly() {
        Workspace w = workspace(sealed);
        sealed.repositories().create(w.id(), "https://h/r", null, TOKEN);
        sealed.repositories().setWebhookSecret(w.id(), SECRET);
        JdbiStorage plain = PG.storage();
        // The row is read, its deploy key left sealed: that workspace's sync fails, saying why,
        // and listing every repository (a webhook does) goes on.
        GitRepository row = plain.repositories().findByWorkspace(w.id()).orElseThrow();
        assertThat(row.deployKeySealed()).isTrue();
        assertThat(row.deployKey()).doesNotContain(TOKEN);
        assertThat(plain.repositories().list()).hasSize(1);
        assertThatThrownBy(() -> plain.repositories().webhookSecret(w.id()))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("webhook secret")
                .hasMessageContaining("encrypted")
                .message()
                .doesNotContain(SECRET);
        JdbiStorage wrong = JdbiStorage.builder(PG.dataSource()).secretKey(OTHER_KEY).build();
        assertThatThrownBy(() -> wrong.repositories().webhookSecret(w.id()))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("not the one it was stored with");
    }

    @Test
    void plainValuesStoredBeforeAKeyWasSetAreStillRead() {
        JdbiStorage plain = PG.storage();
        Workspace w = workspace(plain);
        plain.repositories().create(w.id(), "https://h/r", null, TOKEN);
        assertThat(sealed.repositories().findByWorkspace(w.id()).orElseThrow().deployKey())
                .isEqualTo(TOKEN);
        assertThatThrownBy(() -> JdbiStorage.builder(PG.dataSource()).secretKey(new byte[5]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Workspace workspace(JdbiStorage s) {
        return s.workspaces().create(s.users().create("ada", "h").id(), "ada");
    }
}
