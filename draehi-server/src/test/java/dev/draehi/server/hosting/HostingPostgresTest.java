package dev.draehi.server.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.server.Accounts;
import dev.draehi.site.SiteResponse;
import dev.draehi.store.jdbi.JdbiStorage;
import dev.draehi.store.jdbi.testing.PostgresExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sessions live in PostgreSQL: two server processes (two {@link Hosting}s on two connection pools)
 * share them, so a load balancer may send a browser to either.
 */
class HostingPostgresTest {
    @RegisterExtension static final PostgresExtension PG = new PostgresExtension();
    static final String PASSWORD = "correct horse battery";
    static JdbiStorage one;
    static JdbiStorage two;

    @BeforeAll
    static void start() {
        one = JdbiStorage.builder(PG.jdbcUrl()).poolSize(2).build();
        two = JdbiStorage.builder(PG.jdbcUrl()).poolSize(2).build();
    }

    @AfterAll
    static void stop() {
        if (one != null) {
            one.close();
        }
        if (two != null) {
            two.close();
        }
    }

    static Hosting hosting(JdbiStorage storage) {
        return Hosting.builder(storage, Accounts.builder(storage).cost(10).build()).build();
    }

    @Test
    void twoProcessesShareSessions() throws Exception {
        Hosting a = hosting(one);
        Hosting b = hosting(two);
        FakeBrowser onA = new FakeBrowser(a, "192.0.2.1");
        SiteResponse r =
                onA.submit(
                        "/-/signup",
                        "/-/signup",
                        "username",
                        "ada",
                        "password",
                        PASSWORD,
                        "confirm",
                        PASSWORD);
        assertThat(r.status()).isEqualTo(303);
        String token = onA.cookies.get(Hosting.SESSION_COOKIE);

        // Only the hash is in the table.
        assertThat(PG.rows("SELECT id FROM draehi_sessions"))
                .containsExactly(Hosting.sha256(token))
                .doesNotContain(token);

        // The same browser on the other process: signed in, and its forms' tokens work there.
        FakeBrowser onB = new FakeBrowser(b, "192.0.2.1");
        onB.cookies.putAll(onA.cookies);
        SiteResponse dash = onB.get("/-/dashboard");
        assertThat(dash.status()).isEqualTo(200);
        assertThat(dash.bodyText()).contains("Signed in as <strong>ada</strong>");
        String csrfFromA = onA.csrf("/-/dashboard", "/-/dashboard/workspace");
        SiteResponse saved =
                onB.post(
                        "/-/dashboard/workspace",
                        "csrf",
                        csrfFromA,
                        "name",
                        "Ada",
                        "slug",
                        "ada-notes",
                        "embed_depth",
                        "4");
        assertThat(saved.status()).isEqualTo(303);
        assertThat(one.workspaces().findBySlug("ada-notes")).isPresent();

        // A login on B rotates the session: the old cookie is dead on A too.
        SiteResponse login =
                onB.submit("/-/login", "/-/login", "username", "ada", "password", PASSWORD);
        assertThat(login.status()).isEqualTo(303);
        assertThat(onB.cookies.get(Hosting.SESSION_COOKIE)).isNotEqualTo(token);
        assertThat(onA.get("/-/dashboard").status()).isEqualTo(303);
        onA.cookies.putAll(onB.cookies);
        assertThat(onA.get("/-/dashboard").status()).isEqualTo(200);

        // Logging out on A ends the session on B.
        assertThat(onA.submit("/-/logout", "/-/logout").status()).isEqualTo(303);
        assertThat(onB.get("/-/dashboard").status()).isEqualTo(303);

        // Deleting the account on B removes the rows A reads.
        FakeBrowser again = new FakeBrowser(a, "192.0.2.1");
        again.submit("/-/login", "/-/login", "username", "ada", "password", PASSWORD);
        FakeBrowser againOnB = new FakeBrowser(b, "192.0.2.1");
        againOnB.cookies.putAll(again.cookies);
        assertThat(
                        againOnB.submit(
                                        "/-/dashboard/delete",
                                        "/-/dashboard/delete",
                                        "password",
                                        PASSWORD)
                                .status())
                .isEqualTo(303);
        assertThat(one.users().findByUsername("ada")).isEmpty();
        assertThat(again.get("/-/dashboard").status()).isEqualTo(303);
    }
}
