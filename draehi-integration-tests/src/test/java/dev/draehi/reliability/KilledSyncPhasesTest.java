package dev.draehi.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Node;
import dev.draehi.model.Workspace;
import dev.draehi.spi.PausePoint.Phase;
import dev.draehi.store.jdbi.JdbiStorage;
import dev.draehi.store.jdbi.testing.PostgresExtension;
import dev.draehi.testing.DocsGraph;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A publish killed with SIGKILL at each phase of its sync (stopped there by {@code
 * DRAEHI_PAUSE_AT}, not after a guessed delay) leaves the last good version whole, in the database
 * and in the static export, and the next publish succeeds with no manual step: no lock file, half
 * written checkout, open deployment or half swapped export is left in its way.
 */
@Tag("slow")
class KilledSyncPhasesTest {
    static final List<String> MARKER_PAGES = KillRounds.MARKER_PAGES;
    static final PersonIdent AUTHOR = new PersonIdent("Kill Test", "kill@example.com");

    @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

    @TempDir Path tmp;

    /** What a reader sees: page and node counts, and the block html of the changed pages. */
    record Content(int pages, long nodes, Map<String, List<String>> changed) {}

    @Test
    @Timeout(1800)
    void aKillAtEveryPhaseLeavesTheLastGoodVersionWholeAndTheNextSyncSucceeds() throws Exception {
        Path graph = tmp.resolve("graph");
        TestFiles.copyTree(DocsGraph.path(), graph);
        commit(graph, "the docs graph");
        Path out = tmp.resolve("site");
        Path co = tmp.resolve("co");

        assertPublished(publish(Map.of(), graph, out, co, PG.jdbcUrl(), "base"), "base");
        int round = 0;
        List<String> survived = new ArrayList<>();
        try (JdbiStorage storage = JdbiStorage.builder(PG.jdbcUrl()).poolSize(2).build()) {
            long ws = storage.workspaces().findBySlug("docs").map(Workspace::id).orElseThrow();
            Content base = content(storage, ws);
            for (Phase phase : Phase.values()) {
                round++;
                Content before = content(storage, ws);
                Map<String, String> exportBefore = tree(out);
                KillRounds.modify(graph, round);
                commit(graph, "round " + round);
                String app = "draehi-phase-" + phase.label();
                killAt(phase, graph, out, co, PG.jdbcUrl("ApplicationName=" + app));
                // a backend ends the statement in flight before it notices its client is gone
                for (int i = 0; i < 400 && KillRounds.backends(app) > 0; i++) {
                    Thread.sleep(25);
                }
                assertThat(KillRounds.backends(app)).as("backends of the killed process").isZero();

                Content now = content(storage, ws);
                if (phase.compareTo(Phase.COMMIT) < 0) {
                    assertThat(now).as("killed at %s: the old content", phase).isEqualTo(before);
                } else {
                    assertRound(now, base, round);
                }
                assertThat(tree(out))
                        .as("killed at %s: the old export", phase)
                        .isEqualTo(exportBefore);

                assertPublished(
                        publish(Map.of(), graph, out, co, PG.jdbcUrl(), "after-" + phase.label()),
                        "after-" + phase.label());
                assertRound(content(storage, ws), base, round);
                assertExportOfRound(out, round);
                survived.add(phase.label());
            }
        }

        // The static export alone, from a memory store: killed while it renders and before
        // its swap, the old export stays whole and the next run replaces it.
        Path memOut = tmp.resolve("site-mem");
        Path memCo = tmp.resolve("co-mem");
        assertPublished(publish(Map.of(), graph, memOut, memCo, null, "mem-base"), "mem-base");
        for (Phase phase : List.of(Phase.RENDER, Phase.EXPORT)) {
            round++;
            Map<String, String> exportBefore = tree(memOut);
            KillRounds.modify(graph, round);
            commit(graph, "round " + round);
            killAt(phase, graph, memOut, memCo, null);
            assertThat(tree(memOut)).as("memory, killed at %s", phase).isEqualTo(exportBefore);
            assertPublished(
                    publish(Map.of(), graph, memOut, memCo, null, "mem-" + phase.label()),
                    "mem-" + phase.label());
            assertExportOfRound(memOut, round);
            survived.add("export-only " + phase.label());
        }
        System.out.printf("killed sync phases: %d kills survived: %s%n", survived.size(), survived);
    }

    /** Publishes paused at {@code phase}, waits for the pause, and kills the child. */
    private void killAt(Phase phase, Path graph, Path out, Path co, String url) throws Exception {
        Path paused = tmp.resolve("paused-" + phase.label() + "-" + System.nanoTime());
        String name = "kill-" + phase.label() + (url == null ? "-mem" : "");
        Process p =
                publish(
                        Map.of(
                                "DRAEHI_PAUSE_AT",
                                phase.label(),
                                "DRAEHI_PAUSE_FILE",
                                paused.toString()),
                        graph,
                        out,
                        co,
                        url,
                        name);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (!Files.exists(paused) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        boolean reached = Files.exists(paused);
        p.destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(reached)
                .as("paused at %s: %s", phase, KillRounds.log(tmp.resolve("log-" + name)))
                .isTrue();
    }

    private Process publish(
            Map<String, String> env, Path graph, Path out, Path co, String url, String name)
            throws Exception {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "publish",
                                graph.toString(),
                                "--workspace",
                                "docs",
                                "--out",
                                out.toString(),
                                "--checkout-dir",
                                co.toString()));
        if (url != null) {
            args.addAll(List.of("--database-url", url));
        }
        return ChildJvm.cli(env, tmp.resolve("log-" + name), args.toArray(String[]::new));
    }

    private void assertPublished(Process p, String name) throws Exception {
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(KillRounds.log(tmp.resolve("log-" + name))).isZero();
    }

    private static void commit(Path graph, String message) throws Exception {
        try (Git git =
                Files.exists(graph.resolve(".git"))
                        ? Git.open(graph.toFile())
                        : Git.init().setInitialBranch("main").setDirectory(graph.toFile()).call()) {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            git.commit().setAuthor(AUTHOR).setCommitter(AUTHOR).setMessage(message).call();
        }
    }

    /** The content of round {@code n}, whole: every change of the round and nothing else. */
    private static void assertRound(Content now, Content base, int n) {
        assertThat(now.pages()).as("round %d: pages", n).isEqualTo(base.pages() + n);
        assertThat(now.nodes()).as("round %d: nodes", n).isEqualTo(base.nodes() + 2L * n + 2);
        for (String name : MARKER_PAGES) {
            List<String> html = now.changed().get(name);
            assertThat(html.get(html.size() - 1))
                    .as("round %d: marker of %s", n, name)
                    .contains("kill marker round " + n);
        }
    }

    private static void assertExportOfRound(Path out, int n) throws Exception {
        assertThat(Files.exists(out.resolveSibling(out.getFileName() + ".draehi-new")))
                .as("an unfinished export left")
                .isFalse();
        assertThat(Files.exists(out.resolveSibling(out.getFileName() + ".draehi-old")))
                .as("an old export left")
                .isFalse();
        boolean marker = false;
        boolean page = false;
        try (Stream<Path> s = Files.walk(out)) {
            for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                String text = Files.readString(f, StandardCharsets.ISO_8859_1);
                marker |= text.contains("kill marker round " + n);
                page |= text.contains("kill page " + n);
            }
        }
        assertThat(marker).as("export has round %d's marker", n).isTrue();
        assertThat(page).as("export has round %d's page", n).isTrue();
    }

    /** Every file of an export and the SHA-256 of its bytes. */
    private static Map<String, String> tree(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                out.put(
                        dir.relativize(f).toString(),
                        HexFormat.of().formatHex(sha.digest(Files.readAllBytes(f))));
            }
        }
        assertThat(out).as("export at %s", dir).isNotEmpty();
        return out;
    }

    private static Content content(JdbiStorage storage, long ws) {
        return storage.inTransaction(
                s -> {
                    Map<String, List<String>> changed = new TreeMap<>();
                    List<String> names = new ArrayList<>(MARKER_PAGES);
                    List<Node> pages = s.nodes().pages(ws);
                    pages.stream()
                            .map(Node::pageName)
                            .filter(n -> n.startsWith("kill-"))
                            .forEach(names::add);
                    for (String name : names) {
                        changed.put(
                                name,
                                s.nodes().blocksOfPage(ws, name).stream().map(Node::html).toList());
                    }
                    return new Content(pages.size(), s.nodes().count(ws), changed);
                });
    }
}
