package dev.draehi.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.draehi.SyncException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckoutLimitsTest {
    @TempDir Path repo;

    final CheckoutLimits limits = new CheckoutLimits(10, 5_000, 2_000);

    @Test
    void countingFromAKnownCommitGivesTheTotalsOfAWholeWalk() throws Exception {
        try (Git git = Git.init().setInitialBranch("main").setDirectory(repo.toFile()).call()) {
            RevCommit c1 =
                    commit(git, "pages/a.md", "a".repeat(100), "pages/b.md", "b".repeat(200));
            CheckoutLimits.Totals t1 = limits.require(git.getRepository(), c1.name());
            assertThat(t1).isEqualTo(new CheckoutLimits.Totals(2, 300));

            // one file grows, one is deleted, one is added in a new folder
            Files.delete(repo.resolve("pages/b.md"));
            RevCommit c2 =
                    commit(
                            git,
                            "pages/a.md",
                            "a".repeat(150),
                            "journals/2024_01_01.md",
                            "j".repeat(50));
            CheckoutLimits.Totals t2 =
                    limits.require(git.getRepository(), c2.name(), c1.name(), t1);
            assertThat(t2)
                    .isEqualTo(new CheckoutLimits.Totals(2, 200))
                    .isEqualTo(limits.require(git.getRepository(), c2.name()));

            // over the sum from the known commit's totals: refused as a whole walk refuses it
            RevCommit c3 =
                    commit(
                            git,
                            "pages/c.md",
                            "c".repeat(1_900),
                            "pages/d.md",
                            "d".repeat(1_900),
                            "pages/e.md",
                            "e".repeat(1_900));
            assertThatThrownBy(() -> limits.require(git.getRepository(), c3.name(), c2.name(), t2))
                    .isInstanceOfSatisfying(
                            SyncException.class,
                            e -> assertThat(e.reason()).isEqualTo(SyncException.Reason.TOO_LARGE))
                    .hasMessageContaining("add up to more than");
            assertThatThrownBy(() -> limits.require(git.getRepository(), c3.name()))
                    .hasMessageContaining("add up to more than");
        }
    }

    private RevCommit commit(Git git, String... pathsAndContents) throws Exception {
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            Path file = repo.resolve(pathsAndContents[i]);
            Files.createDirectories(file.getParent());
            Files.writeString(file, pathsAndContents[i + 1]);
        }
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        return git.commit().setMessage("c").setSign(false).call();
    }
}
