package dev.draehi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher names the files a burst changed, and says "unknown" when it cannot. */
class GraphWatcherTest {
    @TempDir Path dir;
    GraphWatcher watcher;
    // empty: unknown
    final BlockingQueue<Optional<Set<String>>> bursts = new LinkedBlockingQueue<>();

    @BeforeEach
    void watch() throws Exception {
        Files.createDirectories(dir.resolve("pages/ns"));
        Files.createDirectories(dir.resolve(".git"));
        Files.createDirectories(dir.resolve("logseq/bak"));
        Files.writeString(dir.resolve("pages/A.md"), "- a\n");
        watcher = new GraphWatcher(dir);
    }

    @AfterEach
    void close() throws Exception {
        watcher.close();
    }

    void start() {
        watcher.start(paths -> bursts.add(Optional.ofNullable(paths)));
    }

    Optional<Set<String>> next() throws InterruptedException {
        Optional<Set<String>> b = bursts.poll(20, TimeUnit.SECONDS);
        assertThat(b).as("a burst of changes").isNotNull();
        return b;
    }

    @Test
    void aSaveBeforeStartIsHandedOnAtStartAndABurstIsOneCall() throws Exception {
        Files.writeString(dir.resolve("pages/A.md"), "- a, saved before start\n");
        start();
        assertThat(next()).contains(Set.of("pages/A.md"));

        Files.writeString(dir.resolve("pages/B.md"), "- b\n");
        Files.writeString(dir.resolve("pages/ns/C.md"), "- c\n");
        Files.delete(dir.resolve("pages/A.md"));
        Set<String> seen = new java.util.TreeSet<>(next().orElseThrow());
        // an event may come after the quiet time on a loaded machine: a second burst then
        while (seen.size() < 3) {
            seen.addAll(next().orElseThrow());
        }
        assertThat(seen).containsExactly("pages/A.md", "pages/B.md", "pages/ns/C.md");
    }

    @Test
    void hiddenFoldersBackupsAndSwapFilesAreNotReported() throws Exception {
        start();
        Files.writeString(dir.resolve(".git/index"), "x");
        Files.writeString(dir.resolve("logseq/bak/A.md"), "x");
        Files.writeString(dir.resolve("pages/A.md~"), "x");
        Files.writeString(dir.resolve("pages/.A.md.swp"), "x");
        Files.writeString(dir.resolve("pages/A.md"), "- a, edited\n");
        Set<String> seen = next().orElseThrow();
        assertThat(seen).containsExactly("pages/A.md");
    }

    @Test
    void aFolderMovedInOrOutIsUnknown() throws Exception {
        Path outside = Files.createDirectories(dir.getParent().resolve(dir.getFileName() + "-x"));
        Files.writeString(outside.resolve("D.md"), "- d\n");
        start();
        Files.move(outside, dir.resolve("pages/moved"));
        assertThat(next()).isEmpty();

        // once registered, a file in the new folder is named
        Files.writeString(dir.resolve("pages/moved/E.md"), "- e\n");
        assertThat(next()).contains(Set.of("pages/moved/E.md"));

        Files.move(dir.resolve("pages/moved"), outside);
        assertThat(next()).isEmpty();
    }
}
