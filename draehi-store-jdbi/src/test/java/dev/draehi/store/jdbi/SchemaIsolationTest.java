package dev.draehi.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.DeploymentStatus;
import dev.draehi.model.Workspace;
import dev.draehi.store.Storage.WorkspaceLock;
import dev.draehi.store.jdbi.testing.PostgresExtension;
import dev.draehi.store.jdbi.testing.TestContent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two draehi schemas in one database: their workspaces have the same ids, and neither's locks hold
 * up the other, nor make the other's abandoned deployments look alive.
 */
class SchemaIsolationTest {
    @RegisterExtension static final PostgresExtension A = new PostgresExtension();
    @RegisterExtension static final PostgresExtension B = new PostgresExtension();

    @Test
    @Timeout(60)
    void locksOfOneSchemaDoNotHoldUpAnother() throws Exception {
        try (JdbiStorage a = A.storage();
                JdbiStorage b = B.storage()) {
            Workspace wa = a.workspaces().create(a.users().create("ada", "h").id(), "notes");
            Workspace wb = b.workspaces().create(b.users().create("ada", "h").id(), "notes");
            assertThat(wa.id()).isEqualTo(wb.id());

            // B's sync crashed and left a deployment building, while A syncs workspace 1.
            b.deployments().create(wb.id(), "1".repeat(40), DeploymentStatus.BUILDING);
            try (WorkspaceLock held = a.lockWorkspace(wa.id())) {
                CompletableFuture<Void> other =
                        CompletableFuture.runAsync(() -> b.lockWorkspace(wb.id()).close());
                other.get(10, TimeUnit.SECONDS);
                assertThat(b.failAbandonedDeployments()).isEqualTo(1);
                // A's own sync is alive: its deployment is not touched
                a.deployments().create(wa.id(), "2".repeat(40), DeploymentStatus.BUILDING);
                assertThat(a.failAbandonedDeployments()).isZero();

                // a content write of B is not held up by one of A in flight
                a.inTransaction(
                        s -> {
                            s.nodes().replaceAll(wa.id(), TestContent.generate(wa.id(), 3, 2, "a"));
                            CompletableFuture.runAsync(
                                            () ->
                                                    b.nodes()
                                                            .replaceAll(
                                                                    wb.id(),
                                                                    TestContent.generate(
                                                                            wb.id(), 3, 2, "b")))
                                    .orTimeout(10, TimeUnit.SECONDS)
                                    .join();
                            return null;
                        });
            }
            assertThat(b.nodes().count(wb.id())).isEqualTo(a.nodes().count(wa.id()));
        }
    }
}
