package dev.draehi.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Graph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reader that re-reads a graph reuses the parse of unchanged files and gives the same graph. */
class ParseCacheTest {
    @TempDir Path root;

    @Test
    void rereadingAfterAnEditEqualsAFreshRead() throws Exception {
        Files.createDirectories(root.resolve("pages"));
        Files.writeString(root.resolve("pages/A.md"), "- a links [[B]]\n\t- child\n");
        Files.writeString(root.resolve("pages/B.md"), "- b\n- \tbad indent mix\n  \t- x\n");
        Files.writeString(root.resolve("pages/C.md"), "- c embeds {{embed [[A]]}}\n");
        LogseqGraphReader reader = LogseqGraphReader.builder().parallelism(1).build();
        Graph first = reader.read(root, "1");

        Files.writeString(root.resolve("pages/A.md"), "- a now links [[C]]\n");
        Files.delete(root.resolve("pages/C.md"));
        Files.writeString(root.resolve("pages/D.md"), "- d\n");
        Graph cached = reader.read(root, "2");
        Graph fresh = LogseqGraphReader.builder().parallelism(1).build().read(root, "2");

        assertThat(cached.pages()).isEqualTo(fresh.pages());
        assertThat(cached.warnings()).isEqualTo(fresh.warnings());
        assertThat(cached.pages()).isNotEqualTo(first.pages());
        assertThat(reader.read(root, "3").pages()).isEqualTo(fresh.pages());
    }

    @Test
    void aForgottenRootKeepsNothingAndItsNextReadIsAFullOne() throws Exception {
        Files.createDirectories(root.resolve("pages"));
        Files.writeString(root.resolve("pages/A.md"), "- a links [[B]]\n");
        Files.writeString(root.resolve("pages/B.md"), "- b\n");
        LogseqGraphReader reader = LogseqGraphReader.builder().parallelism(1).build();
        reader.read(root, "1");
        assertThat(reader.retainedBytes(root)).isPositive();

        reader.forget(root);
        assertThat(reader.retainedBytes(root)).isZero();

        // named as the only change, but the files not named are read too: nothing vouches for them
        Files.writeString(root.resolve("pages/B.md"), "- b changed\n");
        Files.writeString(root.resolve("pages/C.md"), "- c\n");
        Graph after = reader.read(root, "2", java.util.List.of("pages/C.md"));
        Graph fresh = LogseqGraphReader.builder().parallelism(1).build().read(root, "2");
        assertThat(after.pages()).isEqualTo(fresh.pages());
        assertThat(reader.retainedBytes(root)).isPositive();
    }

    @Test
    void aSettledFileIsVouchedForByItsStatAndARecentOneIsReadAgain() throws Exception {
        Files.createDirectories(root.resolve("pages"));
        Path a = root.resolve("pages/A.md");
        Files.writeString(a, "- alpha one\n");
        FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
        Files.setLastModifiedTime(a, old);
        LogseqGraphReader reader = LogseqGraphReader.builder().parallelism(1).build();
        assertThat(text(reader.read(root, "1"))).isEqualTo("alpha one");

        // Same size, same time, same inode: taken as the file read before, unread (as git does).
        Files.writeString(a, "- alpha two\n");
        Files.setLastModifiedTime(a, old);
        assertThat(text(reader.read(root, "2"))).isEqualTo("alpha one");

        // Any other time: read again.
        Files.setLastModifiedTime(a, FileTime.from(Instant.now().minusSeconds(1800)));
        assertThat(text(reader.read(root, "3"))).isEqualTo("alpha two");

        // A file written just now is never vouched for by its time, even with the same stat.
        Files.writeString(a, "- alpha six\n");
        FileTime now = Files.getLastModifiedTime(a);
        assertThat(text(reader.read(root, "4"))).isEqualTo("alpha six");
        Files.writeString(a, "- alpha ten\n");
        Files.setLastModifiedTime(a, now);
        assertThat(text(reader.read(root, "5"))).isEqualTo("alpha ten");
    }

    private static String text(Graph g) {
        return g.page("A").orElseThrow().blocks().get(0).content();
    }
}
