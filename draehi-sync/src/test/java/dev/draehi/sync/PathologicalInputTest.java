package dev.draehi.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs sized so that any quadratic step (regex backtracking, rescanning for closers, string
 * concatenation in a loop) would take minutes: the timeout only guards against such a hang.
 */
class PathologicalInputTest {
    @TempDir Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void pathologicalFilesParseInLinearTimeWithWarnings() {
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            deep.append(" ".repeat(i)).append("- d\n");
        }
        StringBuilder fences = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            fences.append("- ```x\n  #+BEGIN_QUOTE\n  :LOGBOOK:\n");
        }
        fences.append("  :END:\n");
        StringBuilder inline = new StringBuilder("- ");
        for (int i = 0; i < 200_000; i++) {
            inline.append("`".repeat(1 + i % 7)).append(" #t ((x {{embed  [[a ");
        }
        Graph g =
                new TestGraph(dir)
                        .file("pages/brackets.md", "- ok\n- " + "[[".repeat(4 << 20) + "\n- after")
                        .file("pages/nested.md", "- " + "[[".repeat(1 << 20) + "]]".repeat(1 << 20))
                        .file("pages/deep.md", deep.toString())
                        .file("pages/fences.md", fences.toString())
                        .file("pages/inline.md", inline.toString())
                        .file("pages/normal.md", "- fine")
                        .read(LogseqGraphReader.builder().maxFileBytes(64L << 20).build());

        assertThat(g.pages().stream().filter(p -> !p.isGenerated()).map(Page::name))
                .containsExactly("brackets", "deep", "fences", "inline", "nested", "normal");
        assertThat(g.page("brackets").orElseThrow().blocks()).hasSize(3);
        assertThat(g.page("deep").orElseThrow().flatBlocks()).hasSize(10_000);
        assertThat(g.warnings())
                .anySatisfy(w -> assertThat(w.toString()).startsWith("pages/brackets.md:2: "))
                .anySatisfy(w -> assertThat(w.toString()).startsWith("pages/deep.md:101: "))
                .anySatisfy(w -> assertThat(w.toString()).startsWith("pages/nested.md:1: "));
    }
}
