package dev.draehi.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Graph;
import dev.draehi.spi.RenderContext;
import dev.draehi.spi.RenderReads;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default renderer records what it reads of other pages through its context, which is all an
 * incremental sync knows of it: embeds and block refs read their targets whole, links only where
 * their targets are, queries everything.
 */
class RecordedReadsTest {
    /** Every read, as {@code kind:key}. */
    static final class Log implements RenderReads {
        final List<String> reads = new ArrayList<>();

        @Override
        public void page(String name) {
            reads.add("page:" + name);
        }

        @Override
        public void pageLink(String name) {
            reads.add("link:" + name);
        }

        @Override
        public void block(String id) {
            reads.add("block:" + id);
        }

        @Override
        public void blockLink(String id) {
            reads.add("blocklink:" + id);
        }

        @Override
        public void namespace(String name) {
            reads.add("namespace:" + name);
        }

        @Override
        public void asset(String path) {
            reads.add("asset:" + path);
        }

        @Override
        public void everything() {
            reads.add("everything");
        }
    }

    private final Log log = new Log();

    private List<String> readsOf(String text) {
        Graph g = TestGraph.graph();
        RenderContext ctx = new RenderContext(g, TestGraph.workspace(), TestGraph.resolver(g), log);
        HtmlPageRenderer.create()
                .renderBlock(TestBlocks.md(text), g.page("Current Page").orElseThrow(), ctx);
        return log.reads;
    }

    @Test
    void aLinkReadsOnlyWhereItsTargetIs() {
        assertThat(readsOf("see [[Page]] and #tag")).containsExactly("link:Page", "link:tag");
    }

    @Test
    void anEmbeddedPageIsReadWholeWithWhatItsBlocksRead() {
        assertThat(readsOf("{{embed [[Loop One]]}}"))
                .contains("page:Loop One", "page:Loop Two")
                .doesNotContain("everything");
    }

    @Test
    void aBlockRefReadsTheBlockAndWhatItsTextLinksTo() {
        assertThat(readsOf("((" + TestGraph.B1 + "))"))
                .contains("block:" + TestGraph.B1, "blocklink:" + TestGraph.B1, "link:Page");
    }

    @Test
    void aNamespaceListReadsTheNamespace() {
        assertThat(readsOf("{{namespace Area}}")).contains("namespace:Area", "link:Area/Topic 1");
    }

    @Test
    void aQueryReadsEverything() {
        assertThat(readsOf("{{query (task TODO)}}")).contains("everything");
    }

    @Test
    void anAssetIsRecordedWhenItExists() {
        assertThat(readsOf("![x](../assets/x.png) ![y](../assets/none.png)"))
                .containsExactly("asset:assets/x.png");
    }

    @Test
    void aRendererWithItsOwnResolverStillRecordsItsLinks() {
        Graph g = TestGraph.graph();
        RenderContext ctx = new RenderContext(g, TestGraph.workspace(), TestGraph.resolver(g), log);
        HtmlPageRenderer.builder()
                .linkResolver(TestGraph.resolver(g))
                .build()
                .renderBlock(TestBlocks.md("[[Page]]"), g.page("Current Page").orElseThrow(), ctx);
        assertThat(log.reads).containsExactly("link:Page");
    }
}
