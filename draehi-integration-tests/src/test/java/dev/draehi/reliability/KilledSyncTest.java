package dev.draehi.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Deployment;
import dev.draehi.model.DeploymentStatus;
import dev.draehi.model.Node;
import dev.draehi.model.SyncStatus;
import dev.draehi.model.Workspace;
import dev.draehi.store.jdbi.JdbiStorage;
import dev.draehi.store.jdbi.testing.PostgresExtension;
import dev.draehi.testing.DocsGraph;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A publishing process killed with SIGKILL at a random moment of its sync never leaves a half
 * published site: readers see the old content or the new one, whole, and the abandoned deployment
 * is repaired by {@code failAbandonedDeployments()}.
 */
@Tag("slow")
class KilledSyncTest {
    static final Path DOCS = DocsGraph.path();
    static final int ROUNDS = Integer.getInteger("draehi.kills", 20);
    static final List<String> MARKER_PAGES = KillRounds.MARKER_PAGES;

    @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

    @TempDir Path tmp;

    /** What a reader sees: page and node counts, and the block html of a sample of pages. */
    record Content(int pages, long nodes, Map<String, List<String>> sample) {}

    @Test
    @Timeout(900)
    void killedSyncsNeverLeaveAMixAndAreRepaired() throws Exception {
        // The baseline: the bundled docs graph, published as a user does; timed up to its
        // commit.
        long t0 = System.nanoTime();
        Process first = publish(PG.jdbcUrl(), DOCS, tmp.resolve("log-base"));
        long stored = -1;
        while (stored < 0 && first.isAlive()) {
            if (Files.readString(tmp.resolve("log-base"), StandardCharsets.ISO_8859_1)
                    .contains("  stored ")) {
                stored = (System.nanoTime() - t0) / 1_000_000;
            }
            Thread.sleep(20);
        }
        assertThat(first.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as(KillRounds.log(tmp.resolve("log-base"))).isZero();
        long syncMillis = stored;
        System.out.printf("killed syncs: a sync takes %d ms to its commit%n", syncMillis);

        Path graph = tmp.resolve("graph");
        TestFiles.copyTree(DOCS, graph);
        try (JdbiStorage storage = JdbiStorage.builder(PG.jdbcUrl()).poolSize(2).build()) {
            Workspace ws = storage.workspaces().findBySlug("docs").orElseThrow();
            List<String> sampleNames = new ArrayList<>();
            List<Node> pages = storage.nodes().pages(ws.id());
            pages.sort((a, b) -> a.pageName().compareTo(b.pageName()));
            for (int i = 0; i < pages.size(); i += 40) {
                sampleNames.add(pages.get(i).pageName());
            }
            sampleNames.removeAll(MARKER_PAGES);
            Content base = content(storage, ws.id(), sampleNames);
            assertThat(base.pages()).isGreaterThan(800);
            Content before = base;
            Random random = new Random(42);
            int beforeSync = 0;
            int beforeCommit = 0;
            int afterCommit = 0;
            int finished = 0;
            int round = 0;
            while (beforeSync + beforeCommit + afterCommit < ROUNDS && round < ROUNDS + 10) {
                round++;
                KillRounds.modify(graph, round);
                int rows = storage.deployments().list(ws.id()).size();
                long delay = 200 + (long) (random.nextDouble() * Math.max(1, syncMillis - 200));
                Path log = tmp.resolve("log-" + round);
                String app = "draehi-kill-" + round;
                Process p = publish(PG.jdbcUrl("ApplicationName=" + app), graph, log);
                boolean exited = p.waitFor(delay, TimeUnit.MILLISECONDS);
                p.destroyForcibly();
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                if (exited) {
                    // Faster than the baseline (load varies): no kill, a normal publish.
                    assertThat(p.exitValue()).as(KillRounds.log(log)).isZero();
                    before = content(storage, ws.id(), sampleNames);
                    assertNewContent(before, base, round);
                    finished++;
                    System.out.printf(
                            "killed syncs: round %d finished before its kill at %d ms%n",
                            round, delay);
                    continue;
                }

                // A backend finishes the statement in flight before it notices its client is
                // gone (an INSERT of a deployment may land after the kill): wait for them all.
                for (int attempt = 0; attempt < 400 && KillRounds.backends(app) > 0; attempt++) {
                    Thread.sleep(25);
                }
                assertThat(KillRounds.backends(app)).as("backends of the killed process").isZero();
                int repaired = 0;
                for (int attempt = 0; attempt < 200; attempt++) {
                    repaired += storage.failAbandonedDeployments();
                    if (!unfinished(storage, ws.id())) {
                        break;
                    }
                    Thread.sleep(50);
                }
                assertThat(unfinished(storage, ws.id()))
                        .as("round %d: a deployment left pending/building or repo syncing", round)
                        .isFalse();

                Content now = content(storage, ws.id(), sampleNames);
                boolean started = storage.deployments().list(ws.id()).size() > rows;
                if (now.equals(before)) {
                    if (started) {
                        beforeCommit++;
                    } else {
                        beforeSync++;
                    }
                } else {
                    assertNewContent(now, base, round);
                    afterCommit++;
                }
                System.out.printf(
                        "killed syncs: round %d killed after %d ms: %s (%d repaired)%n",
                        round,
                        delay,
                        now.equals(before)
                                ? (started
                                        ? "old content, killed mid-sync"
                                        : "old content, killed before the sync began")
                                : "new content, killed after the commit",
                        repaired);
                before = now;
            }

            int last = round + 1;
            KillRounds.modify(graph, last);
            Process p = publish(PG.jdbcUrl(), graph, tmp.resolve("log-last"));
            assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(KillRounds.log(tmp.resolve("log-last"))).isZero();
            assertNewContent(content(storage, ws.id(), sampleNames), base, last);
            List<Deployment> ds = storage.deployments().list(ws.id());
            assertThat(ds.get(0).succeeded()).isTrue();
            System.out.printf(
                    "killed syncs: %d kills survived (%d more rounds finished before their kill): %d before the content commit (%d of them before the sync had"
                            + " recorded a deployment, i.e. in JVM start-up or migration), %d after it; %d deployments recorded%n",
                    ROUNDS,
                    finished,
                    beforeSync + beforeCommit,
                    beforeSync,
                    afterCommit,
                    ds.size());
            assertThat(beforeSync + beforeCommit + afterCommit).isEqualTo(ROUNDS);
            assertThat(beforeCommit + afterCommit).as("kills that hit a running sync").isPositive();
        }
    }

    private static Process publish(String url, Path graph, Path log) throws Exception {
        return ChildJvm.cli(
                log,
                "publish",
                graph.toString(),
                "--workspace",
                "docs",
                "--out",
                log.resolveSibling(log.getFileName() + "-out").toString(),
                "--checkout-dir",
                log.resolveSibling("co").toString(),
                "--database-url",
                url);
    }

    /** The content of round {@code n}, whole: every change of the round and nothing else. */
    private static void assertNewContent(Content now, Content base, int n) {
        assertThat(now.pages()).as("round %d: pages", n).isEqualTo(base.pages() + n);
        assertThat(now.nodes()).as("round %d: nodes", n).isEqualTo(base.nodes() + 2L * n + 2);
        for (Map.Entry<String, List<String>> e : now.sample().entrySet()) {
            if (MARKER_PAGES.contains(e.getKey())) {
                List<String> html = e.getValue();
                assertThat(html.get(html.size() - 1))
                        .as("round %d: marker of %s", n, e.getKey())
                        .contains("kill marker round " + n);
            } else if (e.getKey().startsWith("kill-")) {
                assertThat(e.getValue()).hasSize(1);
            } else {
                assertThat(e.getValue())
                        .as("round %d: page %s", n, e.getKey())
                        .isEqualTo(base.sample().get(e.getKey()));
            }
        }
    }

    private static Content content(JdbiStorage storage, long ws, List<String> sampleNames) {
        // Read when no sync runs (the child is dead), so the reads see one state.
        return storage.inTransaction(
                s -> {
                    Map<String, List<String>> sample = new LinkedHashMap<>();
                    List<String> names = new ArrayList<>(sampleNames);
                    names.addAll(MARKER_PAGES);
                    s.nodes().pages(ws).stream()
                            .map(Node::pageName)
                            .filter(n -> n.startsWith("kill-"))
                            .forEach(names::add);
                    for (String name : names) {
                        sample.put(
                                name,
                                s.nodes().blocksOfPage(ws, name).stream().map(Node::html).toList());
                    }
                    return new Content(s.nodes().pages(ws).size(), s.nodes().count(ws), sample);
                });
    }

    private static boolean unfinished(JdbiStorage storage, long ws) {
        boolean deployments =
                storage.deployments().list(ws).stream()
                        .anyMatch(
                                d ->
                                        d.status() == DeploymentStatus.PENDING
                                                || d.status() == DeploymentStatus.BUILDING);
        return deployments
                || storage.repositories().findByWorkspace(ws).orElseThrow().syncStatus()
                        == SyncStatus.SYNCING;
    }
}
