package dev.draehi.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.draehi.SyncException;
import dev.draehi.model.GitRepository;
import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import dev.draehi.model.SyncStatus;
import dev.draehi.spi.Revision;
import dev.draehi.spi.SourceRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offline git: repositories made in a temp dir and cloned by their file:// URI. */
class GitGraphSourceTest {
    @TempDir Path tmp;
    Path remote;
    Git git;
    GitGraphSource source;
    List<String> log = new ArrayList<>();

    @BeforeEach
    void setUp() throws GitAPIException {
        remote = tmp.resolve("remote");
        git = Git.init().setDirectory(remote.toFile()).setInitialBranch("main").call();
        source = GitGraphSource.builder().checkoutRoot(tmp.resolve("checkouts")).build();
    }

    @AfterEach
    void tearDown() {
        git.close();
    }

    RevCommit commit(String message, String... pathsAndContents)
            throws IOException, GitAPIException {
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            Path f = remote.resolve(pathsAndContents[i]);
            if (pathsAndContents[i + 1] == null) {
                Files.deleteIfExists(f);
                git.rm().addFilepattern(pathsAndContents[i]).call();
            } else {
                Files.createDirectories(f.getParent());
                Files.writeString(f, pathsAndContents[i + 1]);
                git.add().addFilepattern(pathsAndContents[i]).call();
            }
        }
        PersonIdent who = new PersonIdent("Ada", "ada@example.com");
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
    }

    SourceRequest request(String url, String branch, String commit, String token) {
        Instant now = Instant.now();
        GitRepository repo =
                new GitRepository(1, 7, url, branch, token, null, SyncStatus.IDLE, null, now, now);
        return new SourceRequest(7, repo, commit, log::add);
    }

    SourceRequest request() {
        return request(remote.toUri().toString(), "main", null, null);
    }

    static List<String> names(Graph g) {
        return g.pages().stream().filter(p -> !p.isGenerated()).map(Page::name).sorted().toList();
    }

    @Test
    void aCommitOverALimitIsNotWrittenAndItsCheckoutIsRemoved() throws Exception {
        RevCommit small = commit("first", "pages/Alpha.md", "- a\n");
        GitGraphSource limited =
                GitGraphSource.builder()
                        .checkoutRoot(tmp.resolve("checkouts"))
                        .maxFileBytes(1000)
                        .maxCheckoutFiles(3)
                        .maxCheckoutBytes(2500)
                        .build();
        assertThat(names(limited.load(request(), limited.fetch(request()))))
                .containsExactly("Alpha");
        Path checkout = tmp.resolve("checkouts/workspace-7");

        // One file of zeros, small once packed, large checked out.
        commit("big", "assets/zeros.bin", "\0".repeat(5000));
        Revision big = limited.fetch(request());
        assertThatThrownBy(() -> limited.load(request(), big))
                .isInstanceOfSatisfying(
                        SyncException.class,
                        e -> assertThat(e.reason()).isEqualTo(SyncException.Reason.TOO_LARGE))
                .hasMessageContaining("assets/zeros.bin")
                .hasMessageContaining("4.9 KiB")
                .hasMessageContaining("--max-checkout-file-bytes");
        assertThat(checkout).doesNotExist();

        commit("small again", "assets/zeros.bin", null);
        commit("many", "pages/B.md", "- b\n", "pages/C.md", "- c\n", "pages/D.md", "- d\n");
        Revision many = limited.fetch(request());
        assertThatThrownBy(() -> limited.load(request(), many))
                .hasMessageContaining("more than 3 files");
        assertThat(checkout).doesNotExist();

        commit("fewer", "pages/B.md", null, "pages/C.md", null, "pages/D.md", null);
        commit("sum", "pages/B.md", "x".repeat(900), "pages/C.md", "y".repeat(900));
        Revision sum = limited.fetch(request());
        assertThat(names(limited.load(request(), sum))).containsExactly("Alpha", "B", "C");
        commit("sum over", "pages/Alpha.md", "a".repeat(990), "pages/B.md", "x".repeat(990));
        Revision over = limited.fetch(request());
        assertThatThrownBy(() -> limited.load(request(), over))
                .hasMessageContaining("add up to more than 2.4 KiB")
                .hasMessageContaining("the site stays as it was");
        assertThat(checkout).doesNotExist();
        assertThat(small).isNotNull();
    }

    @Test
    void clonesOnFirstSyncAndFetchesNewCommitsAfter() throws Exception {
        RevCommit c1 =
                commit("first", "pages/Alpha.md", "- hello [[Beta]]\n", "pages/Beta.md", "- b\n");
        Revision r1 = source.fetch(request());
        assertThat(r1).isEqualTo(new Revision(c1.name(), "main"));
        assertThat(names(source.load(request(), r1))).containsExactly("Alpha", "Beta");
        assertThat(log).anyMatch(l -> l.startsWith("cloned "));

        RevCommit c2 = commit("second", "pages/Gamma.md", "- g\n", "pages/Beta.md", null);
        Revision r2 = source.fetch(request());
        assertThat(r2.commitSha()).isEqualTo(c2.name());
        assertThat(log).anyMatch(l -> l.startsWith("fetched "));
        Graph g2 = source.load(request(), r2);
        assertThat(g2.commitSha()).isEqualTo(c2.name());
        assertThat(names(g2)).containsExactly("Alpha", "Gamma");
    }

    @Test
    void gitsAutomaticGcRunsInTheFetchingThreadNotBesideTheMoveOfTheClone() throws Exception {
        commit("first", "pages/Alpha.md", "- a\n");
        source.fetch(request());
        Path config = tmp.resolve("checkouts/workspace-7/.git/config");
        // detached, JGit's gc after a fetch locks and unlocks a file in the clone on a thread of
        // its own, while the new clone is being moved into place
        assertThat(Files.readString(config)).contains("autoDetach = false");

        // a checkout made without the setting gets it on the next fetch
        Files.writeString(
                config,
                Files.readString(config).replace("autoDetach = false", "autoDetach = true"));
        commit("second", "pages/Beta.md", "- b\n");
        source.fetch(request());
        assertThat(Files.readString(config))
                .contains("autoDetach = false")
                .doesNotContain("autoDetach = true");
    }

    @Test
    void aCloneOfALocalRepositoryCopiesNoObjectsAndOutlivesItsHistoryBeingReplaced()
            throws Exception {
        commit("first", "pages/Alpha.md", "- a\n");
        source.load(request(), source.fetch(request()));
        Path clone = tmp.resolve("checkouts/workspace-7/.git/objects");
        assertThat(Files.readString(clone.resolve("info/alternates")))
                .isEqualTo(remote.resolve(".git/objects").toAbsolutePath() + "\n");
        commit("second", "pages/Beta.md", "- b\n");
        source.load(request(), source.fetch(request()));
        try (var files = Files.walk(clone)) {
            // the remote's objects are read where they are: the clone holds none of its own
            assertThat(files.filter(Files::isRegularFile).map(f -> clone.relativize(f).toString()))
                    .containsExactly("info/alternates");
        }

        // the remote is made anew with another history: the clone's commit is gone from it
        git.close();
        org.eclipse.jgit.util.FileUtils.delete(
                remote.toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE);
        git = Git.init().setDirectory(remote.toFile()).setInitialBranch("main").call();
        RevCommit other = commit("other history", "pages/Gamma.md", "- g\n");
        Revision r = source.fetch(request());
        assertThat(r.commitSha()).isEqualTo(other.name());
        assertThat(names(source.load(request(), r))).containsExactly("Gamma");
        assertThat(tmp.resolve("checkouts/workspace-7/pages/Alpha.md")).doesNotExist();
    }

    @Test
    void afterTheFirstCheckoutOnlyChangedFilesAreWrittenAndTheGraphIsAsAFullLoadWouldBe()
            throws Exception {
        commit(
                "first",
                "pages/Alpha.md",
                "- hello [[Beta]]\n",
                "pages/Beta.md",
                "alias:: B2\n\n- b ((65000000-0000-0000-0000-000000000001))\n",
                "journals/2024_01_02.md",
                "- day\n  id:: 65000000-0000-0000-0000-000000000001\n",
                "assets/pic.png",
                "png");
        Revision r1 = source.fetch(request());
        source.load(request(), r1);
        String[][] edits = {
            {"pages/Alpha.md", "- hello [[B2]] again\n"},
            {"pages/Gamma.md", "- new page [[Delta]]\n", "pages/Beta.md", null},
            {"journals/2024_01_03.md", "- next day\n", "assets/pic.png", null},
            {"assets/other.png", "png2", "pages/sub/Deep.md", "- in a folder\n"},
            {"logseq/config.edn", "{:journal/page-title-format \"yyyy-MM-dd\"}\n"},
            {"pages/Gamma.md", "- renamed away\n", "pages/Alpha.md", null},
        };
        for (String[] edit : edits) {
            log.clear();
            RevCommit c = commit("edit", edit);
            Revision r = source.fetch(request());
            Graph incremental = source.load(request(), r);
            GitGraphSource fresh =
                    GitGraphSource.builder().checkoutRoot(tmp.resolve("fresh-" + c.name())).build();
            Graph full = fresh.load(request(), fresh.fetch(request()));
            assertThat(incremental.pages()).as(c.getFullMessage()).isEqualTo(full.pages());
            assertThat(incremental.assets().keySet()).isEqualTo(full.assets().keySet());
            assertThat(incremental.config()).isEqualTo(full.config());
            assertThat(incremental.warnings()).isEqualTo(full.warnings());
            assertThat(log)
                    .anyMatch(l -> l.startsWith("checked out ") && l.contains(" files changed)"));
        }
        // the checkout's files are those of the last commit
        assertThat(tmp.resolve("checkouts/workspace-7/pages/Alpha.md")).doesNotExist();
        assertThat(Files.readString(tmp.resolve("checkouts/workspace-7/pages/Gamma.md")))
                .isEqualTo("- renamed away\n");
    }

    @Test
    void aForgottenWorkspaceIsCheckedOutAndParsedInFullAgain() throws Exception {
        commit("first", "pages/Alpha.md", "- hello [[Beta]]\n", "pages/Beta.md", "- b\n");
        source.load(request(), source.fetch(request()));
        commit("second", "pages/Alpha.md", "- hello again\n");
        source.load(request(), source.fetch(request()));
        assertThat(source.retainedBytes(7)).isPositive();
        assertThat(source.retainedBytes(8)).isZero();

        source.forget(7);

        assertThat(source.retainedBytes(7)).isZero();
        log.clear();
        commit("third", "pages/Beta.md", "- b again\n");
        Graph g = source.load(request(), source.fetch(request()));
        assertThat(log).anyMatch(l -> l.startsWith("checked out "));
        assertThat(log).noneMatch(l -> l.contains(" files changed)"));
        assertThat(g.page("Beta").orElseThrow().blocks().get(0).content()).isEqualTo("b again");
        assertThat(g.page("Alpha").orElseThrow().blocks().get(0).content())
                .isEqualTo("hello again");
        assertThat(source.retainedBytes(7)).isPositive();
    }

    @Test
    void aForcePushIsFollowed() throws Exception {
        RevCommit c1 = commit("first", "pages/A.md", "- a\n");
        commit("second", "pages/B.md", "- b\n");
        source.fetch(request());
        git.reset()
                .setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD)
                .setRef(c1.name())
                .call();
        RevCommit c3 = commit("rewritten", "pages/C.md", "- c\n");
        Revision r = source.fetch(request());
        assertThat(r.commitSha()).isEqualTo(c3.name());
        assertThat(names(source.load(request(), r))).containsExactly("A", "C");
    }

    @Test
    void aBranchDeletedInTheLocalRepositoryIsGoneFromTheCloneAtTheNextFetch() throws Exception {
        RevCommit main = commit("first", "pages/A.md", "- a\n");
        git.branchCreate().setName("draft").call();
        Revision draft = source.fetch(request(remote.toUri().toString(), "draft", null, null));
        assertThat(draft).isEqualTo(new Revision(main.name(), "draft"));

        git.branchDelete().setBranchNames("draft").setForce(true).call();
        RevCommit next = commit("second", "pages/B.md", "- b\n");
        Revision r = source.fetch(request(remote.toUri().toString(), "draft", null, null));
        // the clone's copy of the deleted branch went with it: the remote's default is taken
        assertThat(r).isEqualTo(new Revision(next.name(), "main"));
        assertThat(log).anyMatch(l -> l.startsWith("fetched "));
    }

    @Test
    void aMissingBranchFallsBackToTheRemotesDefaultBranch() throws Exception {
        git.close();
        git =
                Git.init()
                        .setDirectory(tmp.resolve("master-repo").toFile())
                        .setInitialBranch("master")
                        .call();
        remote = tmp.resolve("master-repo");
        RevCommit c = commit("first", "pages/A.md", "- a\n");
        Revision r = source.fetch(request(remote.toUri().toString(), "main", null, null));
        assertThat(r).isEqualTo(new Revision(c.name(), "master"));
    }

    @Test
    void anEmptyRepositoryIsReportedAsSuch() {
        assertThatThrownBy(() -> source.fetch(request()))
                .isInstanceOfSatisfying(
                        SyncException.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(SyncException.Reason.EMPTY_REPOSITORY));
    }

    @Test
    void aMissingBranchWithoutFallbackIsReported() throws Exception {
        commit("first", "pages/A.md", "- a\n");
        // The remote's HEAD names a branch that does not exist: there is no default to fall back
        // to.
        var link = git.getRepository().updateRef(org.eclipse.jgit.lib.Constants.HEAD);
        link.link("refs/heads/ghost");
        assertThatThrownBy(
                        () -> source.fetch(request(remote.toUri().toString(), "nope", null, null)))
                .isInstanceOfSatisfying(
                        SyncException.class,
                        e -> {
                            assertThat(e.reason()).isIn(SyncException.Reason.BRANCH_NOT_FOUND);
                            assertThat(e.getMessage()).contains("'nope'");
                        });
    }

    @Test
    void anOlderCommitCanBeDeployedButNotOneOutsideTheBranch() throws Exception {
        RevCommit c1 = commit("first", "pages/A.md", "- a\n");
        commit("second", "pages/B.md", "- b\n");
        Revision old = source.fetch(request(remote.toUri().toString(), "main", c1.name(), null));
        assertThat(old.commitSha()).isEqualTo(c1.name());
        assertThat(names(source.load(request(), old))).containsExactly("A");

        git.checkout().setCreateBranch(true).setName("side").setStartPoint(c1).call();
        RevCommit side = commit("side", "pages/S.md", "- s\n");
        assertThatThrownBy(
                        () ->
                                source.fetch(
                                        request(
                                                remote.toUri().toString(),
                                                "main",
                                                side.name(),
                                                null)))
                .isInstanceOfSatisfying(
                        SyncException.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(SyncException.Reason.COMMIT_NOT_FOUND));
        assertThatThrownBy(
                        () ->
                                source.fetch(
                                        request(
                                                remote.toUri().toString(),
                                                "main",
                                                "0123456789012345678901234567890123456789",
                                                null)))
                .isInstanceOfSatisfying(
                        SyncException.class,
                        e ->
                                assertThat(e.reason())
                                        .isEqualTo(SyncException.Reason.COMMIT_NOT_FOUND));
    }

    @Test
    void anUnreachableRemoteIsReportedWithoutTheToken() {
        String token = "test-token-not-a-real-secret-0002";
        assertThatThrownBy(
                        () ->
                                source.fetch(
                                        request("http://127.0.0.1:1/u/r.git", "main", null, token)))
                .isInstanceOfSatisfying(
                        SyncException.class,
                        e -> {
                            assertThat(e.reason()).isEqualTo(SyncException.Reason.UNREACHABLE);
                            assertThat(e.getMessage())
                                    .contains("127.0.0.1:1")
                                    .doesNotContain(token);
                        });
        assertThat(String.join("\n", log)).doesNotContain(token);
    }

    @Test
    void aDirectoryThatIsNotAGraphOrRepositoryIsInvalid() {
        assertThatThrownBy(
                        () ->
                                source.fetch(
                                        request(
                                                tmp.resolve("missing").toUri().toString(),
                                                "main",
                                                null,
                                                null)))
                .isInstanceOfSatisfying(
                        SyncException.class,
                        e -> assertThat(e.reason()).isEqualTo(SyncException.Reason.INVALID_SOURCE));
    }

    @Test
    void aPlainDirectoryIsReadInPlaceWithAContentHash() throws Exception {
        Path dir = tmp.resolve("plain");
        Files.createDirectories(dir.resolve("pages"));
        Files.writeString(dir.resolve("pages/A.md"), "- a\n");
        SourceRequest req = request(dir.toString(), "main", null, null);
        Revision r1 = source.fetch(req);
        assertThat(r1.commitSha()).matches("[0-9a-f]{40}");
        assertThat(r1.branch()).isNull();
        assertThat(source.fetch(req)).isEqualTo(r1);
        assertThat(names(source.load(req, r1))).containsExactly("A");
        Files.writeString(dir.resolve("pages/A.md"), "- changed\n");
        assertThat(source.fetch(req).commitSha()).isNotEqualTo(r1.commitSha());
    }

    @Test
    void aChangedRepositoryUrlIsClonedAnew() throws Exception {
        commit("first", "pages/A.md", "- a\n");
        source.fetch(request());
        Path other = tmp.resolve("other");
        try (Git g2 = Git.init().setDirectory(other.toFile()).setInitialBranch("main").call()) {
            Files.createDirectories(other.resolve("pages"));
            Files.writeString(other.resolve("pages/Z.md"), "- z\n");
            g2.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("Ada", "ada@example.com");
            g2.commit().setMessage("z").setAuthor(who).setCommitter(who).call();
        }
        SourceRequest req = request(other.toUri().toString(), "main", null, null);
        Revision r = source.fetch(req);
        assertThat(names(source.load(req, r))).containsExactly("Z");
    }
}
