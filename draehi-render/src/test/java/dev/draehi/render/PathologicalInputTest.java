package dev.draehi.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Block;
import dev.draehi.model.Graph;
import dev.draehi.model.GraphConfig;
import dev.draehi.model.Page;
import dev.draehi.spi.RenderContext;
import dev.draehi.spi.RenderedPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hostile shapes must render in about linear time and never overflow the stack. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PathologicalInputTest {
    private static final HtmlPageRenderer RENDERER = HtmlPageRenderer.create();
    private static final RenderContext CONTEXT = TestGraph.context();

    private static String render(String text) {
        return RENDERER.renderBlock(TestBlocks.md(text), TestGraph.currentPage(CONTEXT), CONTEXT);
    }

    @Test
    void openBracketsRepeatedAHundredThousandTimes() {
        String html = render("[[".repeat(100_000));
        assertThat(html).contains("[[[[");
    }

    @Test
    void closedBracketsAndRefsRepeated() {
        assertThat(render("]]".repeat(100_000))).contains("]]]]");
        assertThat(render("[[a]]".repeat(20_000))).contains("page-reference");
        assertThat(render("[[".repeat(50_000) + "x" + "]]".repeat(50_000))).isNotEmpty();
    }

    @Test
    void parenthesesAndBracesRepeated() {
        assertThat(render("((".repeat(100_000))).contains("((((");
        assertThat(render("{{".repeat(100_000))).isNotEmpty();
        assertThat(render("#".repeat(100_000) + "x")).isNotEmpty();
        assertThat(render("$".repeat(100_000))).isNotEmpty();
        assertThat(render("`".repeat(50_001))).isNotEmpty();
        assertThat(render("<a ".repeat(30_000))).isNotEmpty();
        assertThat(render("==^^".repeat(30_000))).isNotEmpty();
        assertThat(render("((" + TestGraph.B1 + "))".repeat(5_000))).isNotEmpty();
    }

    @Test
    void deepMarkdownNesting() {
        assertThat(render(">".repeat(50_000) + " deep")).contains("deep");
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            list.append("  ".repeat(i)).append("- item ").append(i).append('\n');
        }
        assertThat(render(list.toString())).contains("item 1");
        assertThat(render("*".repeat(50_000) + "x" + "*".repeat(50_000))).contains("x");
        assertThat(render("[".repeat(50_000) + "x" + "](y)".repeat(50_000))).contains("x");
    }

    @Test
    void longEmbedChainsAndWideFanOutStayBounded() {
        List<Page> pages = new ArrayList<>();
        // A chain of 10,000 pages, each embedding the next.
        for (int i = 0; i < 10_000; i++) {
            pages.add(
                    TestGraph.page(
                            "chain " + i, TestBlocks.md("{{embed [[chain " + (i + 1) + "]]}}")));
        }
        // Fan-out: every level embeds the next level 20 times.
        for (int level = 0; level < 8; level++) {
            List<Block> blocks = new ArrayList<>();
            for (int k = 0; k < 20; k++) {
                blocks.add(TestBlocks.md("{{embed [[fan " + (level + 1) + "]]}}"));
            }
            pages.add(TestGraph.page("fan " + level, blocks.toArray(new Block[0])));
        }
        // One block with 10,000 embeds.
        pages.add(TestGraph.page("many", TestBlocks.md("{{embed [[chain 0]]}}\n".repeat(10_000))));
        // A block tree 5,000 levels deep, embedded.
        Block deep = TestBlocks.md("bottom");
        for (int i = 0; i < 5_000; i++) {
            deep = TestBlocks.md("level " + i, deep);
        }
        pages.add(TestGraph.page("deep tree", deep));
        pages.add(TestGraph.page("embeds deep", TestBlocks.md("{{embed [[deep tree]]}}")));
        Graph graph = new Graph("0".repeat(40), GraphConfig.DEFAULTS, pages, Map.of(), List.of());
        RenderContext ctx =
                new RenderContext(graph, TestGraph.workspace(), TestGraph.resolver(graph));

        RenderedPage chain = RENDERER.render(graph.page("chain 0").orElseThrow(), ctx);
        assertThat(chain.blockHtml().get(0)).contains("embed-depth-limit");
        RenderedPage fan = RENDERER.render(graph.page("fan 0").orElseThrow(), ctx);
        assertThat(fan.blockHtml()).hasSize(20);
        assertThat(fan.blockHtml().get(0).length()).isLessThan(5_000_000);
        RenderedPage many = RENDERER.render(graph.page("many").orElseThrow(), ctx);
        assertThat(many.blockHtml().get(0)).contains("embed-depth-limit");
        RenderedPage embedsDeep = RENDERER.render(graph.page("embeds deep").orElseThrow(), ctx);
        assertThat(embedsDeep.blockHtml().get(0)).contains("level 4999");
        // the page itself: 5,001 blocks, each its own content
        RenderedPage deepPage = RENDERER.render(graph.page("deep tree").orElseThrow(), ctx);
        assertThat(deepPage.blockHtml()).hasSize(5_001);
    }

    @Test
    void blockReferenceChainsAreCut() {
        List<Block> blocks = new ArrayList<>();
        String[] ids = new String[2_000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = String.format("00000000-0000-4000-8000-%012d", i);
        }
        for (int i = 0; i < ids.length; i++) {
            String next = ids[(i + 1) % ids.length];
            blocks.add(TestBlocks.md("ref ((" + next + "))\nid:: " + ids[i]));
        }
        Page p = TestGraph.page("refs", blocks.toArray(new Block[0]));
        Graph graph =
                new Graph("0".repeat(40), GraphConfig.DEFAULTS, List.of(p), Map.of(), List.of());
        RenderContext ctx =
                new RenderContext(graph, TestGraph.workspace(), TestGraph.resolver(graph));
        RenderedPage r = RENDERER.render(p, ctx);
        assertThat(r.blockHtml()).hasSize(2_000);
        assertThat(r.blockHtml().get(0)).contains("block-reference");
    }

    @Test
    void renderTimeGrowsAboutLinearly() {
        render("[[a]] #b ((x)) {{c}} ".repeat(1_000)); // warm up
        long small = time("[[ #x (( {{ $ ` ".repeat(10_000));
        long big = time("[[ #x (( {{ $ ` ".repeat(100_000));
        assertThat(big).isLessThan(Math.max(small, 5_000_000L) * 40);
    }

    private static long time(String text) {
        long t0 = System.nanoTime();
        render(text);
        return System.nanoTime() - t0;
    }
}
