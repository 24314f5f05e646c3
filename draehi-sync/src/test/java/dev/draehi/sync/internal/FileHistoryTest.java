package dev.draehi.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHistoryTest {
    @TempDir Path repo;

    @Test
    void eachFileGetsTheTimeOfTheLastCommitThatChangedIt() throws Exception {
        Instant t1 = Instant.parse("2020-01-02T03:04:05Z");
        Instant t2 = Instant.parse("2022-06-07T08:09:10Z");
        Instant t3 = Instant.parse("2023-01-01T00:00:00Z");
        try (Git git = Git.init().setInitialBranch("main").setDirectory(repo.toFile()).call()) {
            Files.createDirectories(repo.resolve("pages"));
            Files.writeString(repo.resolve("pages/a.md"), "- a");
            Files.writeString(repo.resolve("pages/b.md"), "- b");
            commit(git, t1);
            Files.writeString(repo.resolve("pages/b.md"), "- b changed");
            commit(git, t2);
            Files.writeString(repo.resolve("other.txt"), "x");
            RevCommit head = commit(git, t3);

            Map<String, Instant> times =
                    FileHistory.lastChanged(
                            git.getRepository(),
                            head.name(),
                            Set.of("pages/a.md", "pages/b.md"),
                            FileHistory.MAX_COMMITS);
            assertThat(times).containsEntry("pages/a.md", t1).containsEntry("pages/b.md", t2);

            // a walk cut short gives what it did not reach the oldest time it read
            Map<String, Instant> cut =
                    FileHistory.lastChanged(
                            git.getRepository(), head.name(), Set.of("pages/a.md"), 2);
            assertThat(cut).containsEntry("pages/a.md", t2);
        }
    }

    @Test
    void aFolderWithoutHistoryGivesItsFilesModificationTimes() throws Exception {
        Files.createDirectories(repo.resolve("pages"));
        Files.writeString(repo.resolve("pages/a.md"), "- a");
        Instant when = Instant.parse("2019-05-06T07:08:09Z");
        Files.setLastModifiedTime(
                repo.resolve("pages/a.md"), java.nio.file.attribute.FileTime.from(when));
        dev.draehi.model.Graph graph =
                dev.draehi.sync.LogseqGraphReader.builder().build().read(repo, "0".repeat(40));
        assertThat(FileHistory.withModifiedTimes(repo, graph).fileTimes())
                .containsEntry("pages/a.md", when);
    }

    @Test
    void aReReadLooksAgainOnlyAtTheChangedFiles() throws Exception {
        Files.createDirectories(repo.resolve("pages"));
        Files.writeString(repo.resolve("pages/a.md"), "- a");
        Files.writeString(repo.resolve("pages/b.md"), "- b");
        Instant old = Instant.parse("2019-05-06T07:08:09Z");
        Instant now = Instant.parse("2021-01-01T00:00:00Z");
        Instant remembered = Instant.parse("2018-01-01T00:00:00Z");
        for (String f : List.of("pages/a.md", "pages/b.md")) {
            Files.setLastModifiedTime(repo.resolve(f), FileTime.from(old));
        }
        Files.setLastModifiedTime(repo.resolve("pages/b.md"), FileTime.from(now));
        dev.draehi.model.Graph graph =
                dev.draehi.sync.LogseqGraphReader.builder().build().read(repo, "0".repeat(40));
        Map<String, Instant> known = Map.of("pages/a.md", remembered, "pages/b.md", remembered);

        // a's time is the remembered one (its file was not looked at), b's is read again
        assertThat(
                        FileHistory.withModifiedTimes(repo, graph, known, Set.of("pages/b.md"))
                                .fileTimes())
                .containsEntry("pages/a.md", remembered)
                .containsEntry("pages/b.md", now);
        // no list of changes: every file is looked at
        assertThat(FileHistory.withModifiedTimes(repo, graph, known, null).fileTimes())
                .containsEntry("pages/a.md", old)
                .containsEntry("pages/b.md", now);
    }

    @Test
    void aPushOnTopOfTheLastSyncDatesItsFilesByItsCommitAndKeepsTheRest() throws Exception {
        Instant t1 = Instant.parse("2020-01-02T03:04:05Z");
        Instant t2 = Instant.parse("2022-06-07T08:09:10Z");
        Instant t3 = Instant.parse("2023-01-01T00:00:00Z");
        try (Git git = Git.init().setInitialBranch("main").setDirectory(repo.toFile()).call()) {
            Files.createDirectories(repo.resolve("pages"));
            for (String f : List.of("a", "b", "c")) {
                Files.writeString(repo.resolve("pages/" + f + ".md"), "- " + f);
            }
            RevCommit c1 = commit(git, t1);
            dev.draehi.sync.LogseqGraphReader reader =
                    dev.draehi.sync.LogseqGraphReader.builder().build();
            dev.draehi.model.Graph g1 =
                    FileHistory.withTimes(
                            git.getRepository(), c1.name(), reader.read(repo, c1.name()), l -> {});
            assertThat(g1.fileTimes()).containsOnlyKeys("pages/a.md", "pages/b.md", "pages/c.md");

            // one commit on top: b changes, c goes, d comes
            Files.writeString(repo.resolve("pages/b.md"), "- b changed");
            Files.delete(repo.resolve("pages/c.md"));
            git.rm().addFilepattern("pages/c.md").call();
            Files.writeString(repo.resolve("pages/d.md"), "- d");
            RevCommit c2 = commit(git, t2);
            List<String> changed = List.of("pages/b.md", "pages/c.md", "pages/d.md");
            dev.draehi.model.Graph g2 =
                    FileHistory.withTimes(
                            git.getRepository(),
                            c2.name(),
                            reader.read(repo, c2.name(), changed),
                            l -> {},
                            g1.fileTimes(),
                            c1.name(),
                            changed);
            Map<String, Instant> expected =
                    Map.of("pages/a.md", t1, "pages/b.md", t2, "pages/d.md", t2);
            assertThat(g2.fileTimes()).isEqualTo(expected);

            // two commits on top of the last sync: the history says which changed when
            Files.writeString(repo.resolve("pages/a.md"), "- a changed");
            commit(git, t2.plusSeconds(60));
            Files.writeString(repo.resolve("pages/d.md"), "- d changed");
            RevCommit c4 = commit(git, t3);
            List<String> changed2 = List.of("pages/a.md", "pages/d.md");
            assertThat(
                            FileHistory.withTimes(
                                            git.getRepository(),
                                            c4.name(),
                                            reader.read(repo, c4.name(), changed2),
                                            l -> {},
                                            g2.fileTimes(),
                                            c2.name(),
                                            changed2)
                                    .fileTimes())
                    .isEqualTo(
                            Map.of(
                                    "pages/a.md",
                                    t2.plusSeconds(60),
                                    "pages/b.md",
                                    t2,
                                    "pages/d.md",
                                    t3));
        }
    }

    private static RevCommit commit(Git git, Instant when) throws Exception {
        PersonIdent who = new PersonIdent("T", "t@example.org", when, ZoneOffset.UTC);
        git.add().addFilepattern(".").call();
        return git.commit()
                .setMessage("at " + when)
                .setAuthor(who)
                .setCommitter(who)
                .setSign(false)
                .call();
    }
}
