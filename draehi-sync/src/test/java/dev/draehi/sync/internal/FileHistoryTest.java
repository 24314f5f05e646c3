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
