package dev.draehi.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.Publisher;
import dev.draehi.bench.GraphGenerator;
import dev.draehi.model.Deployment;
import dev.draehi.model.DeploymentStatus;
import dev.draehi.model.Node;
import dev.draehi.model.SyncStatus;
import dev.draehi.model.Workspace;
import dev.draehi.render.HtmlPageRenderer;
import dev.draehi.store.jdbi.JdbiStorage;
import dev.draehi.store.jdbi.testing.PostgresExtension;
import dev.draehi.sync.GitGraphSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL ends the sync's connections while it stores a graph: the sync comes back failed with
 * the reason, readers keep the old content, and the next sync on the same storage succeeds.
 */
@Tag("slow")
class DatabaseLossTest {
    @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

    @TempDir Path tmp;

    @Test
    @Timeout(600)
    void terminatedBackendsFailTheSyncAndKeepTheOldContent() throws Exception {
        Path graph = tmp.resolve("g1k");
        GraphGenerator.of(GraphGenerator.Size.G1K).writeTo(graph);

        String app = "draehi-loss-" + System.nanoTime();
        String url = PG.jdbcUrl("ApplicationName=" + app);
        try (JdbiStorage storage = JdbiStorage.builder(url).migrate(true).build();
                JdbiStorage reader = JdbiStorage.builder(PG.jdbcUrl()).poolSize(2).build()) {
            Publisher publisher =
                    Publisher.builder()
                            .storage(storage)
                            .source(
                                    GitGraphSource.builder()
                                            .checkoutRoot(tmp.resolve("co"))
                                            .build())
                            .renderer(HtmlPageRenderer.builder().build())
                            .build();
            Workspace ws =
                    storage.workspaces().create(storage.users().create("loss", "!").id(), "loss");
            storage.repositories().create(ws.id(), graph.toString(), null, null);
            long t0 = System.nanoTime();
            Deployment first = publisher.sync(ws.id());
            assertThat(first.succeeded()).as(first.errorLog()).isTrue();
            System.out.printf(
                    "database loss: first sync of %d pages in %d ms%n",
                    reader.nodes().pages(ws.id()).size(), (System.nanoTime() - t0) / 1_000_000);
            Map<String, List<String>> before = content(reader, ws.id());

            // A full sync again (a new publisher has no snapshot), of a changed graph.
            changeEveryPage(graph);
            CountDownLatch storingAgain = new CountDownLatch(1);
            Publisher second =
                    Publisher.builder()
                            .storage(storage)
                            .source(
                                    GitGraphSource.builder()
                                            .checkoutRoot(tmp.resolve("co"))
                                            .build())
                            .renderer(HtmlPageRenderer.builder().build())
                            .progress(
                                    line -> {
                                        if (line.startsWith("rendering and storing ")) {
                                            storingAgain.countDown();
                                        }
                                    })
                            .build();
            CompletableFuture<Deployment> sync =
                    CompletableFuture.supplyAsync(() -> second.sync(ws.id()));
            assertThat(storingAgain.await(300, TimeUnit.SECONDS)).isTrue();
            // Terminate every connection of the sync's pool for a second, as a failover would.
            AtomicInteger terminated = new AtomicInteger();
            long until = System.nanoTime() + 1_000_000_000L;
            try (Connection admin = DriverManager.getConnection(PostgresExtension.BASE_URL)) {
                while (System.nanoTime() < until && !sync.isDone()) {
                    try (ResultSet rs =
                            admin.createStatement()
                                    .executeQuery(
                                            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                                    + " WHERE application_name = '"
                                                    + app
                                                    + "'")) {
                        while (rs.next()) {
                            if (rs.getBoolean(1)) {
                                terminated.incrementAndGet();
                            }
                        }
                    }
                    Thread.sleep(10);
                }
            }
            Deployment lost = sync.get(300, TimeUnit.SECONDS);
            System.out.printf(
                    "database loss: %d backends terminated; sync %s: %s%n",
                    terminated.get(), lost.status(), lost.errorLog());
            assertThat(terminated.get()).isPositive();
            assertThat(lost.succeeded()).as("the sync must notice its lost connection").isFalse();
            assertThat(lost.status()).isEqualTo(DeploymentStatus.FAILED);
            assertThat(lost.errorLog())
                    .as("the reason names what failed and why")
                    .containsAnyOf("terminating connection", "connection", "I/O");
            assertThat(content(reader, ws.id())).as("the old content stays").isEqualTo(before);

            // Whether the failure could be recorded or not, nothing is left unfinished.
            reader.failAbandonedDeployments();
            assertThat(reader.deployments().list(ws.id()))
                    .noneMatch(
                            d ->
                                    d.status() == DeploymentStatus.PENDING
                                            || d.status() == DeploymentStatus.BUILDING);
            assertThat(reader.repositories().findByWorkspace(ws.id()).orElseThrow().syncStatus())
                    .isNotEqualTo(SyncStatus.SYNCING);

            // HikariCP re-validates a pooled connection only after it has been idle for 500 ms:
            // a terminated one used just before may be handed out once. Give it that time.
            Thread.sleep(1_000);
            Deployment again = second.sync(ws.id());
            assertThat(again.succeeded()).as(again.errorLog()).isTrue();
            Map<String, List<String>> after = content(reader, ws.id());
            assertThat(after.keySet()).isEqualTo(before.keySet());
            assertThat(after.values())
                    .anyMatch(blocks -> String.join("", blocks).contains("changed after loss"));
        }
    }

    private static void changeEveryPage(Path graph) throws Exception {
        try (Stream<Path> s = Files.list(graph.resolve("pages"))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Files.writeString(
                        p,
                        Files.readString(p) + "\n- changed after loss\n",
                        java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
            }
        }
    }

    /** Page names, and the block html of every 50th page. */
    private static Map<String, List<String>> content(JdbiStorage s, long ws) {
        List<Node> pages = new ArrayList<>(s.nodes().pages(ws));
        pages.sort((a, b) -> a.pageName().compareTo(b.pageName()));
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < pages.size(); i++) {
            String name = pages.get(i).pageName();
            out.put(
                    name,
                    i % 50 == 0 && !name.matches("\\d{4}.*|[A-Z][a-z]{2} \\d.*")
                            ? s.nodes().blocksOfPage(ws, name).stream().map(Node::html).toList()
                            : List.of());
        }
        return out;
    }
}
