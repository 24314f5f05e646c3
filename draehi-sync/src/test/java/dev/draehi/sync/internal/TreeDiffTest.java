package dev.draehi.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The raw-bytes diff of two trees finds what JGit's walk of both finds, in the same order. */
class TreeDiffTest {
    @TempDir Path repo;

    /** JGit's recursive walk of both trees, as the diff was read before. */
    private static List<GitTrees.Change> walked(Repository r, String from, String to)
            throws Exception {
        List<GitTrees.Change> out = new ArrayList<>();
        try (RevWalk walk = new RevWalk(r);
                TreeWalk tw = new TreeWalk(r)) {
            tw.addTree(walk.parseCommit(ObjectId.fromString(from)).getTree());
            tw.addTree(walk.parseCommit(ObjectId.fromString(to)).getTree());
            tw.setRecursive(true);
            tw.setFilter(TreeFilter.ANY_DIFF);
            while (tw.next()) {
                out.add(
                        new GitTrees.Change(
                                tw.getPathString(),
                                tw.getRawMode(0),
                                tw.getObjectId(0),
                                tw.getRawMode(1),
                                tw.getObjectId(1)));
            }
        }
        return out;
    }

    private static final List<String> NAMES =
            List.of("a", "a-b", "a.md", "a0", "b", "pages", "zz", "é", "x y");

    private String randomPath(Random random) {
        int depth = 1 + random.nextInt(3);
        StringBuilder p = new StringBuilder();
        for (int d = 0; d < depth; d++) {
            p.append(d == 0 ? "" : "/").append(NAMES.get(random.nextInt(NAMES.size())));
        }
        return p.toString();
    }

    private RevCommit commit(Git git) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().setUpdate(true).addFilepattern(".").call();
        return git.commit()
                .setMessage("c")
                .setAuthor("a", "a@b")
                .setCommitter("a", "a@b")
                .setSign(false)
                .setAllowEmpty(true)
                .call();
    }

    /** Writes {@code path}, first removing whatever file or folder stands in its way. */
    private void write(String path, String text) throws Exception {
        Path file = repo.resolve(path);
        for (Path p = file.getParent(); !p.equals(repo); p = p.getParent()) {
            if (Files.isRegularFile(p)) {
                Files.delete(p);
            }
        }
        if (Files.isDirectory(file)) {
            org.eclipse.jgit.util.FileUtils.delete(
                    file.toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE);
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void findsWhatAWalkOfBothTreesFinds() throws Exception {
        Random random = new Random(11);
        try (Git git = Git.init().setInitialBranch("main").setDirectory(repo.toFile()).call()) {
            for (int i = 0; i < 40; i++) {
                write(randomPath(random), "v" + random.nextInt(3));
            }
            String from = commit(git).name();
            for (int round = 0; round < 60; round++) {
                int edits = 1 + random.nextInt(5);
                for (int e = 0; e < edits; e++) {
                    String path = randomPath(random);
                    Path file = repo.resolve(path);
                    switch (random.nextInt(4)) {
                        case 0 -> {
                            if (Files.isRegularFile(file)) {
                                Files.delete(file);
                            }
                        }
                        case 1 -> {
                            if (Files.isRegularFile(file)) {
                                git.getRepository().getFS().setExecute(file.toFile(), true);
                            }
                        }
                        default -> write(path, "v" + random.nextInt(3));
                    }
                }
                String to = commit(git).name();
                Repository r = git.getRepository();
                assertThat(TreeDiff.of(r, from, to))
                        .as("round " + round)
                        .isEqualTo(walked(r, from, to));
                // the kept trees are asked again, both ways
                assertThat(TreeDiff.of(r, to, from)).isEqualTo(walked(r, to, from));
                from = to;
            }
        }
    }

    @Test
    void aLargeTreeIsKeptAndStillDiffedRight() throws Exception {
        try (Git git = Git.init().setInitialBranch("main").setDirectory(repo.toFile()).call()) {
            Files.createDirectories(repo.resolve("pages"));
            for (int i = 0; i < 3_000; i++) {
                Files.writeString(repo.resolve("pages/page number " + i + ".md"), "- " + i);
            }
            String a = commit(git).name();
            Files.writeString(repo.resolve("pages/page number 1500.md"), "- changed");
            String b = commit(git).name();
            Files.writeString(repo.resolve("pages/page number 7.md"), "- changed too");
            String c = commit(git).name();
            Repository r = git.getRepository();
            assertThat(TreeDiff.of(r, a, b)).isEqualTo(walked(r, a, b)).hasSize(1);
            assertThat(TreeDiff.keptBytes()).isPositive();
            assertThat(TreeDiff.of(r, b, c)).isEqualTo(walked(r, b, c)).hasSize(1);
            assertThat(TreeDiff.of(r, a, c)).isEqualTo(walked(r, a, c)).hasSize(2);
            assertThat(TreeDiff.keptBytes()).isLessThanOrEqualTo(TreeDiff.KEPT_BYTES);
        }
    }
}
