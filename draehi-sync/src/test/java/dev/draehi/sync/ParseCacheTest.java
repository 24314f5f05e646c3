package dev.draehi.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Graph;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
