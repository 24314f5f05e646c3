package dev.draehi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Deployment;
import dev.draehi.model.Workspace;
import dev.draehi.store.jdbi.JdbiStorage;
import dev.draehi.store.jdbi.testing.PostgresExtension;
import dev.draehi.testing.DocsGraph;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs publish the same graph into one PostgreSQL database at the same time: the advisory lock
 * serializes them, so one stores the graph and the other finds it already published.
 */
@Tag("slow")
class TwoProcessSyncTest {
    @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

    @TempDir Path tmp;

    @Test
    @Timeout(300)
    void twoProcessesSyncingOneWorkspaceAreSerialized() throws Exception {
        String url = PG.jdbcUrl();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        List<Process> procs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ProcessBuilder pb =
                    new ProcessBuilder(
                            java,
                            "-cp",
                            cp,
                            "dev.draehi.cli.Main",
                            "publish",
                            DocsGraph.path().toString(),
                            "--workspace",
                            "docs",
                            "--out",
                            tmp.resolve("out" + i).toString(),
                            "--checkout-dir",
                            tmp.resolve("co" + i).toString(),
                            "--database-url",
                            url);
            pb.redirectErrorStream(true);
            pb.redirectOutput(tmp.resolve("log" + i).toFile());
            procs.add(pb.start());
        }
        for (int i = 0; i < 2; i++) {
            assertThat(procs.get(i).waitFor(240, TimeUnit.SECONDS)).isTrue();
            assertThat(procs.get(i).exitValue())
                    .as(Files.readString(tmp.resolve("log" + i), StandardCharsets.UTF_8))
                    .isZero();
        }
        try (JdbiStorage storage = JdbiStorage.builder(url).build()) {
            Workspace ws = storage.workspaces().findBySlug("docs").orElseThrow();
            List<Deployment> deployments = storage.deployments().list(ws.id());
            assertThat(deployments).hasSize(2).allMatch(Deployment::succeeded);
            assertThat(deployments)
                    .filteredOn(d -> d.buildLog().stream().anyMatch(l -> l.contains("unchanged")))
                    .hasSize(1);
            assertThat(storage.nodes().pages(ws.id())).hasSize(839); // property pages included
            assertThat(storage.users().findByUsername("cli:docs")).isPresent();
        }
        assertThat(new File(tmp.toFile(), "out1/index.html")).exists();
    }
}
