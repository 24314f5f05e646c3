package dev.draehi.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.draehi.SyncException;
import dev.draehi.model.GitRepository;
import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import dev.draehi.model.SyncStatus;
import dev.draehi.spi.SourceRequest;
import dev.draehi.sync.internal.CheckoutRepair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.util.FileUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a process killed in the middle of a sync leaves in a checkout, and the next sync healing it:
 * offline git, a repository made in a temp dir and cloned by its file:// URI.
 */
class CheckoutRepairTest {
    @TempDir Path tmp;
    Path remote;
    Path checkout;
    Git git;
    GitGraphSource source;
    List<String> log = new ArrayList<>();

    /** One thing an earlier process left behind, and what the build log calls its repair. */
    enum Leftover {
        INDEX_LOCK(".git/index.lock", co -> write(co, ".git/index.lock", "")),
        HEAD_LOCK(".git/HEAD.lock", co -> write(co, ".git/HEAD.lock", "")),
        CONFIG_LOCK(".git/config.lock", co -> write(co, ".git/config.lock", "[core]\n")),
        REMOTE_REF_LOCK(
                ".git/refs/remotes/origin/main.lock",
                co -> write(co, ".git/refs/remotes/origin/main.lock", "")),
        PACKED_REFS_LOCK(".git/packed-refs.lock", co -> write(co, ".git/packed-refs.lock", "")),
        GC_LOG_LOCK(".git/gc.log.lock", co -> write(co, ".git/gc.log.lock", "")),
        SHALLOW_LOCK(".git/shallow.lock", co -> write(co, ".git/shallow.lock", "")),
        OBJECTS_INFO_LOCK(
                ".git/objects/info/commit-graph.lock",
                co -> write(co, ".git/objects/info/commit-graph.lock", "")),
        PARTIAL_CLONE(
                "workspace-7.partial",
                co -> {
                    Path partial = co.resolveSibling("workspace-7.partial");
                    write(partial, ".git/HEAD", "ref: refs/heads/master\n");
                    write(partial, ".git/objects/pack/junk.pack", "junk");
                }),
        CHECKOUT_WITHOUT_GIT(
                "no .git",
                co -> FileUtils.delete(co.resolve(".git").toFile(), FileUtils.RECURSIVE)),
        HEAD_GARBAGE(".git", co -> write(co, ".git/HEAD", "\u0000\u0001garbage")),
        HEAD_TRUNCATED(".git", co -> write(co, ".git/HEAD", "")),
        CONFIG_GARBAGE(".git", co -> write(co, ".git/config", "[core\n\u0000")),
        REMOTE_REF_CORRUPT(".git", co -> write(co, ".git/refs/remotes/origin/main", "x1\n")),
        PACKED_REFS_GARBAGE(".git", co -> write(co, ".git/packed-refs", "not refs at all\n")),
        INDEX_GARBAGE(".git/index", co -> write(co, ".git/index", "not an index at all")),
        INDEX_TRUNCATED(
                ".git/index",
                co -> {
                    Path index = co.resolve(".git/index");
                    byte[] bytes = Files.readAllBytes(index);
                    Files.write(index, Arrays.copyOf(bytes, bytes.length / 2));
                }),
        HALF_WRITTEN_TREE(
                "did not finish",
                co -> {
                    // a load stopped after it began to write the tree: Beta.md is not the
                    // commit's, nor the next one's
                    CheckoutRepair.beginWrite(co, "0123456789012345678901234567890123456789");
                    write(co, "pages/Beta.md", "- half written");
                });

        final String named;
        final Plant plant;

        Leftover(String named, Plant plant) {
            this.named = named;
            this.plant = plant;
        }
    }

    interface Plant {
        void into(Path checkout) throws IOException;
    }

    static void write(Path root, String path, String text) throws IOException {
        Path f = root.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    @BeforeEach
    void setUp() throws GitAPIException {
        remote = tmp.resolve("remote");
        git = Git.init().setDirectory(remote.toFile()).setInitialBranch("main").call();
        source = newSource();
        checkout = tmp.resolve("checkouts/workspace-7");
    }

    @AfterEach
    void tearDown() {
        git.close();
    }

    GitGraphSource newSource() {
        return GitGraphSource.builder().checkoutRoot(tmp.resolve("checkouts")).build();
    }

    RevCommit commit(String message, String... pathsAndContents)
            throws IOException, GitAPIException {
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            Path f = remote.resolve(pathsAndContents[i]);
            Files.createDirectories(f.getParent());
            Files.writeString(f, pathsAndContents[i + 1]);
            git.add().addFilepattern(pathsAndContents[i]).call();
        }
        PersonIdent who = new PersonIdent("Ada", "ada@example.com");
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
    }

    SourceRequest request() {
        Instant now = Instant.now();
        GitRepository repo =
                new GitRepository(
                        1,
                        7,
                        remote.toUri().toString(),
                        "main",
                        null,
                        null,
                        SyncStatus.IDLE,
                        null,
                        now,
                        now);
        return new SourceRequest(7, repo, null, log::add);
    }

    Graph sync(GitGraphSource s) {
        return s.load(request(), s.fetch(request()));
    }

    static List<String> names(Graph g) {
        return g.pages().stream().filter(p -> !p.isGenerated()).map(Page::name).sorted().toList();
    }

    static String text(Graph g, String page) {
        return g.pages().stream()
                .filter(p -> p.name().equals(page))
                .findFirst()
                .orElseThrow()
                .flatBlocks()
                .get(0)
                .content();
    }

    /** Syncs the first commit, plants the leftover, and syncs a second commit. */
    Graph syncAfter(Leftover leftover, GitGraphSource next) throws Exception {
        commit("first", "pages/Alpha.md", "- alpha one\n", "pages/Beta.md", "- beta\n");
        sync(source);
        leftover.plant.into(checkout);
        RevCommit second =
                commit("second", "pages/Alpha.md", "- alpha two\n", "pages/Gamma.md", "- g\n");
        log.clear();
        Graph g = sync(next);
        assertThat(g.commitSha()).isEqualTo(second.name());
        return g;
    }

    void assertHealed(Graph g, Leftover leftover) throws Exception {
        assertThat(names(g)).containsExactly("Alpha", "Beta", "Gamma");
        assertThat(text(g, "Alpha")).isEqualTo("alpha two");
        assertThat(checkout.resolve("pages/Alpha.md")).hasContent("- alpha two");
        assertThat(checkout.resolve("pages/Beta.md")).hasContent("- beta");
        assertThat(checkout.resolveSibling("workspace-7.partial")).doesNotExist();
        try (Stream<Path> files = Files.walk(checkout.resolve(".git"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".lock"))).isEmpty();
        }
        assertThat(log)
                .as("the build log names the repair")
                .anyMatch(l -> l.startsWith("repaired checkout: ") && l.contains(leftover.named));
        assertThat(fullCheckout(log)).as("a repaired checkout is reset and cleaned").isTrue();

        // healed for good: the source's next sync repairs nothing and writes only what changed
        commit("third", "pages/Beta.md", "- beta three\n");
        log.clear();
        Graph third = sync(source);
        assertThat(text(third, "Beta")).isEqualTo("beta three");
        assertThat(log).noneMatch(l -> l.startsWith("repaired checkout: "));
        assertThat(log).anyMatch(l -> l.endsWith(" (1 files changed)"));
    }

    /** Whether the log says the whole working tree was checked out (reset and cleaned). */
    static boolean fullCheckout(List<String> log) {
        return log.stream().anyMatch(l -> l.startsWith("checked out ") && l.endsWith(" ms"));
    }

    @ParameterizedTest
    @EnumSource
    void aNewSourceRepairsWhatAKilledProcessLeftBehind(Leftover leftover) throws Exception {
        GitGraphSource restarted = newSource();
        Graph g = syncAfter(leftover, restarted);
        source = restarted;
        assertHealed(g, leftover);
    }

    @ParameterizedTest
    @EnumSource
    void theSameSourceRepairsWhatAnotherProcessLeftBehind(Leftover leftover) throws Exception {
        Graph g = syncAfter(leftover, source);
        assertHealed(g, leftover);
    }

    @Test
    void aStaleIndexLockNoLongerStopsTheNextProcessFromCheckingOut() throws Exception {
        // the issue: "Cannot lock .../.git/index. Ensure that no other process has an open file
        // handle on the lock file .../.git/index.lock"
        commit("first", "pages/Alpha.md", "- alpha one\n");
        sync(source);
        Files.writeString(checkout.resolve(".git/index.lock"), "");
        RevCommit second = commit("second", "pages/Alpha.md", "- alpha two\n");
        log.clear();
        Graph g = sync(newSource());
        assertThat(g.commitSha()).isEqualTo(second.name());
        assertThat(text(g, "Alpha")).isEqualTo("alpha two");
        assertThat(log).contains("repaired checkout: removed stale .git/index.lock");
        assertThat(checkout.resolve(".git/index.lock")).doesNotExist();
    }

    @Test
    void aRefTheFetchCannotMoveFailsTheSyncInsteadOfPublishingTheOldCommit() throws Exception {
        commit("first", "pages/Alpha.md", "- alpha one\n");
        sync(source);
        // a lock the repair leaves alone (a directory, as no stale lock file is), standing in
        // for a lock that a live process holds while this fetch runs
        Files.createDirectories(checkout.resolve(".git/refs/remotes/origin/main.lock/held"));
        commit("second", "pages/Alpha.md", "- alpha two\n");
        assertThatThrownBy(() -> source.fetch(request()))
                .isInstanceOf(SyncException.class)
                .hasMessageContaining("fetch could not update refs/remotes/origin/main")
                .hasMessageContaining("lock_failure");
    }

    @Test
    void aHealthyCheckoutIsNotRepaired() throws Exception {
        commit("first", "pages/Alpha.md", "- alpha one\n", "pages/Beta.md", "- beta\n");
        sync(source);
        commit("second", "pages/Alpha.md", "- alpha two\n");
        sync(source);
        commit("third", "pages/Beta.md", "- beta three\n");
        GitGraphSource restarted = newSource();
        sync(restarted);
        commit("fourth", "pages/Gamma.md", "- g\n");
        sync(restarted);
        assertThat(log).noneMatch(l -> l.startsWith("repaired checkout: "));
        assertThat(log.stream().filter(l -> l.startsWith("checked out ")))
                .hasSize(4)
                .filteredOn(l -> l.endsWith(" (1 files changed)"))
                .hasSize(2);
    }

    @Test
    void aTreeWrittenByAnotherProcessIsCheckedOutInFull() throws Exception {
        commit("first", "pages/Alpha.md", "- alpha one\n", "pages/Beta.md", "- beta\n");
        sync(source);
        // another process, sharing the checkout root, syncs the workspace in between
        commit("second", "pages/Beta.md", "- beta two\n");
        sync(newSource());
        // Beta.md is as this source left it, but not as the other process did
        RevCommit third =
                commit("third", "pages/Alpha.md", "- alpha three\n", "pages/Beta.md", "- beta\n");
        log.clear();
        Graph g = sync(source);
        assertThat(log)
                .anyMatch(
                        l ->
                                l.startsWith("repaired checkout: the working tree is no longer")
                                        && l.contains("as this process left it"));
        assertThat(fullCheckout(log)).isTrue();
        assertThat(g.commitSha()).isEqualTo(third.name());
        assertThat(checkout.resolve("pages/Beta.md")).hasContent("- beta");
        assertThat(text(g, "Beta")).isEqualTo("beta");
    }

    @Test
    void aNewSourceChecksOutInFullWhateverTheWorkingTreeHolds() throws Exception {
        commit(
                "first",
                "pages/Alpha.md",
                "- alpha one\n",
                "pages/Beta.md",
                "- beta\n",
                "assets/pic.png",
                "png");
        sync(source);
        Files.delete(checkout.resolve("assets/pic.png"));
        Files.writeString(checkout.resolve("pages/Beta.md"), "- edited by hand\n");
        Files.writeString(checkout.resolve("pages/Stray.md"), "- stray\n");
        RevCommit second = commit("second", "pages/Alpha.md", "- alpha two\n");
        log.clear();
        Graph g = sync(newSource());
        assertThat(g.commitSha()).isEqualTo(second.name());
        assertThat(fullCheckout(log)).isTrue();
        assertThat(names(g)).containsExactly("Alpha", "Beta");
        assertThat(text(g, "Beta")).isEqualTo("beta");
        assertThat(checkout.resolve("assets/pic.png")).hasContent("png");
        assertThat(checkout.resolve("pages/Beta.md")).hasContent("- beta");
        assertThat(checkout.resolve("pages/Stray.md")).doesNotExist();
    }
}
