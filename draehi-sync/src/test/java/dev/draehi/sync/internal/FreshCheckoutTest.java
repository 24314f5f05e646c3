package dev.draehi.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand.ResetType;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new clone's checkout written by hand leaves what JGit's hard reset leaves. */
class FreshCheckoutTest {
    @TempDir Path dir;

    private RevCommit source(Path repo, Map<String, String> files, List<String> executable)
            throws Exception {
        try (Git git = Git.init().setInitialBranch("main").setDirectory(repo.toFile()).call()) {
            for (var f : files.entrySet()) {
                Path p = repo.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue());
            }
            git.add().addFilepattern(".").call();
            for (String x : executable) {
                git.getRepository().getFS().setExecute(repo.resolve(x).toFile(), true);
            }
            git.add().addFilepattern(".").call();
            return git.commit()
                    .setMessage("c")
                    .setAuthor("a", "a@b")
                    .setCommitter("a", "a@b")
                    .setSign(false)
                    .call();
        }
    }

    /** A clone of {@code repo} with its objects shared and nothing checked out. */
    private Git emptyClone(Path repo, String name) throws Exception {
        Path clone = dir.resolve(name);
        Git.init().setDirectory(clone.toFile()).call().close();
        GitTrees.shareObjects(clone, repo.resolve(".git/objects"));
        return Git.open(clone.toFile());
    }

    private static Map<String, String> tree(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (var walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString();
                if (!rel.startsWith(".git")) {
                    out.put(rel, Files.readString(p) + (Files.isExecutable(p) ? " +x" : ""));
                }
            }
        }
        return out;
    }

    private static List<String> index(Repository r) throws Exception {
        DirCache dc = DirCache.read(r);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < dc.getEntryCount(); i++) {
            DirCacheEntry e = dc.getEntry(i);
            out.add(e.getPathString() + " " + e.getFileMode() + " " + e.getObjectId().name());
        }
        return out;
    }

    @Test
    void writesTheFilesIndexAndHeadAResetWould() throws Exception {
        Map<String, String> files = new TreeMap<>();
        for (int i = 0; i < 150; i++) {
            files.put("pages/p" + i + ".md", "- page " + i + "\n".repeat(i % 3));
        }
        files.put("journals/2024_01_01.md", "- day");
        files.put("a-b.md", "x");
        files.put("a/b.md", "y");
        files.put("logseq/config.edn", "{}");
        files.put("deep/er/still/file.md", "z");
        files.put("run.sh", "#!/bin/sh");
        Path repo = dir.resolve("repo");
        RevCommit c = source(repo, files, List.of("run.sh"));

        try (Git byHand = emptyClone(repo, "hand");
                Git byReset = emptyClone(repo, "reset")) {
            assertThat(FreshCheckout.write(byHand.getRepository(), c.name(), dir.resolve("hand")))
                    .isTrue();
            byReset.reset().setMode(ResetType.HARD).setRef(c.name()).call();

            assertThat(tree(dir.resolve("hand"))).isEqualTo(tree(dir.resolve("reset")));
            assertThat(tree(dir.resolve("hand"))).containsEntry("run.sh", "#!/bin/sh +x");
            assertThat(index(byHand.getRepository()))
                    .hasSize(files.size())
                    .isEqualTo(index(byReset.getRepository()));
            assertThat(byHand.getRepository().resolve(Constants.HEAD)).isEqualTo(c.getId());
            assertThat(byHand.status().call().isClean()).isTrue();
        }
    }

    @Test
    void leavesToTheResetWhatAPlainWriteWouldGetWrong() throws Exception {
        Path repo = dir.resolve("attrs");
        RevCommit c =
                source(
                        repo,
                        Map.of("pages/a.md", "a", "pages/.gitattributes", "*.md eol=crlf"),
                        List.of());
        try (Git clone = emptyClone(repo, "attrs-clone")) {
            assertThat(
                            FreshCheckout.write(
                                    clone.getRepository(), c.name(), dir.resolve("attrs-clone")))
                    .isFalse();
            assertThat(tree(dir.resolve("attrs-clone"))).isEmpty();
        }

        Path plain = dir.resolve("plain");
        RevCommit p = source(plain, Map.of("pages/a.md", "a"), List.of());
        try (Git clone = emptyClone(plain, "crlf-clone")) {
            var config = clone.getRepository().getConfig();
            config.setString("core", null, "autocrlf", "true");
            config.save();
            assertThat(
                            FreshCheckout.write(
                                    clone.getRepository(), p.name(), dir.resolve("crlf-clone")))
                    .isFalse();
        }
    }

    @Test
    void leavesASymlinkToTheReset() throws Exception {
        Path repo = dir.resolve("links");
        Files.createDirectories(repo.resolve("pages"));
        Files.createSymbolicLink(repo.resolve("pages/link.md"), Path.of("/etc/passwd"));
        RevCommit c = source(repo, Map.of("pages/a.md", "a"), List.of());
        try (Git clone = emptyClone(repo, "links-clone")) {
            assertThat(
                            FreshCheckout.write(
                                    clone.getRepository(), c.name(), dir.resolve("links-clone")))
                    .isFalse();
            assertThat(tree(dir.resolve("links-clone"))).isEmpty();
        }
    }
}
