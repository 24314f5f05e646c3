package dev.draehi.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Page;
import dev.draehi.render.node.PageRef;
import dev.draehi.render.node.Tag;
import dev.draehi.spi.RenderContext;
import dev.draehi.spi.RenderedPage;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlWriter;
import org.junit.jupiter.api.Test;

class CustomRendererTest {
    /** Renders tags as coloured chips: the 15-line override the API promises. */
    static final class ChipTagRenderer implements NodeRenderer {
        private final HtmlWriter html;

        ChipTagRenderer(HtmlNodeRendererContext context) {
            this.html = context.getWriter();
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Tag.class);
        }

        @Override
        public void render(Node node) {
            Tag tag = (Tag) node;
            html.tag(
                    "span",
                    Map.of("class", "chip chip-" + Math.floorMod(tag.getName().hashCode(), 8)));
            html.text(tag.getName());
            html.tag("/span");
        }
    }

    @Test
    void userNodeRendererFactoryOverridesTheBuiltInTagRenderer() {
        HtmlPageRenderer renderer =
                HtmlPageRenderer.builder().nodeRendererFactory(ChipTagRenderer::new).build();
        RenderContext ctx = TestGraph.context();
        String html =
                renderer.renderBlock(
                        TestBlocks.md("a #tag and [[Page]]"), TestGraph.currentPage(ctx), ctx);
        assertThat(html).contains("<span class=\"chip chip-").contains(">tag</span>");
        assertThat(html).doesNotContain("hashtag-link");
        assertThat(html).contains("class=\"page-reference\"");
    }

    @Test
    void attributeProviderAddsAttributesToLogseqNodes() {
        HtmlPageRenderer renderer =
                HtmlPageRenderer.builder()
                        .attributeProviderFactory(
                                c ->
                                        (node, tagName, attributes) -> {
                                            if (node instanceof PageRef) {
                                                attributes.put("title", "page");
                                            }
                                        })
                        .build();
        RenderContext ctx = TestGraph.context();
        String html =
                renderer.renderBlock(TestBlocks.md("[[Page]]"), TestGraph.currentPage(ctx), ctx);
        assertThat(html).contains("title=\"page\"");
    }

    @Test
    void linkResolverOverrideWins() {
        HtmlPageRenderer renderer =
                HtmlPageRenderer.builder()
                        .linkResolver(
                                new dev.draehi.spi.LinkResolver() {
                                    public java.util.Optional<String> pageUrl(String n) {
                                        return java.util.Optional.of("/other/" + n.length());
                                    }

                                    public java.util.Optional<String> blockUrl(String id) {
                                        return java.util.Optional.empty();
                                    }

                                    public java.util.Optional<String> assetUrl(String p) {
                                        return java.util.Optional.empty();
                                    }
                                })
                        .build();
        RenderContext ctx = TestGraph.context();
        String html =
                renderer.renderBlock(TestBlocks.md("[[Page]]"), TestGraph.currentPage(ctx), ctx);
        assertThat(html).contains("href=\"/other/4\"");
    }

    @Test
    void renderReturnsOneHtmlPerFlatBlockAndWarnsAboutMissingAssets() {
        RenderContext ctx = TestGraph.context();
        Page page =
                TestGraph.page(
                        "P",
                        TestBlocks.md(
                                "TODO parent ![x](../assets/none.png)",
                                TestBlocks.md("child [[Page]]")),
                        TestBlocks.md("second ![x](../assets/none.png) ![y](../assets/x.png)"));
        RenderedPage rendered = HtmlPageRenderer.create().render(page, ctx);
        assertThat(rendered.blockHtml()).hasSize(3);
        assertThat(rendered.blockHtml().get(0)).contains("task-todo").doesNotContain("child");
        assertThat(rendered.blockHtml().get(1)).contains("child");
        assertThat(rendered.blockHtml().get(2))
                .contains("missing-asset")
                .contains("/ws/-/assets/x.png");
        assertThat(rendered.warnings()).hasSize(1);
        assertThat(rendered.warnings().get(0).message()).contains("assets/none.png");
        assertThat(rendered.warnings().get(0).file()).isEqualTo("pages/P.md");
    }

    @Test
    void rendererIsSafeToShareBetweenThreads() throws Exception {
        HtmlPageRenderer renderer = HtmlPageRenderer.create();
        RenderContext ctx = TestGraph.context();
        Page page = ctx.graph().page("Referenced").orElseThrow();
        String expected = String.join("|", renderer.render(page, ctx).blockHtml());
        java.util.List<java.util.concurrent.Future<String>> futures = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < 50; i++) {
                futures.add(
                        pool.submit(
                                () -> String.join("|", renderer.render(page, ctx).blockHtml())));
            }
            for (var f : futures) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdown();
        }
    }
}
