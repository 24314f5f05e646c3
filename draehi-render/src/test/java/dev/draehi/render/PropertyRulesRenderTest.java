package dev.draehi.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Block;
import dev.draehi.model.Graph;
import dev.draehi.model.GraphConfig;
import dev.draehi.model.Page;
import dev.draehi.model.PropertyRules;
import dev.draehi.spi.RenderContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Block properties as the graph's config asks: a key links to its property page only while property
 * pages are on; a {@code :property/separated-by-commas} key shows its names as page links.
 */
class PropertyRulesRenderTest {
    private static final HtmlPageRenderer RENDERER = HtmlPageRenderer.create();

    private static Document render(PropertyRules rules, String source) {
        List<Page> pages = new ArrayList<>(TestGraph.graph().pages());
        pages.add(Page.generated("platforms"));
        pages.add(Page.generated("Linux"));
        pages.add(Page.generated("Mac"));
        GraphConfig config =
                new GraphConfig(
                        null,
                        true,
                        GraphConfig.DEFAULT_JOURNAL_TITLE_FORMAT,
                        rules.pagesEnabled(),
                        Map.of(),
                        List.of(),
                        List.of(),
                        rules);
        Graph graph = new Graph("0".repeat(40), config, pages, Map.of(), List.of());
        RenderContext ctx =
                new RenderContext(graph, TestGraph.workspace(), TestGraph.resolver(graph));
        Block block = TestBlocks.block(source, Block.Format.MARKDOWN);
        return Jsoup.parseBodyFragment(
                RENDERER.renderBlock(block, TestGraph.currentPage(ctx), ctx));
    }

    @Test
    void aSeparatedByCommasKeyShowsItsPagesAndItsKeyLinksToItsPage() {
        Document d =
                render(
                        new PropertyRules(true, Set.of(), Set.of("platforms"), Set.of()),
                        "text\nplatforms:: Linux, Mac");
        Element key = d.selectFirst("dt.property-key > a.page-reference");
        assertThat(key).isNotNull();
        assertThat(key.attr("data-page")).isEqualTo("platforms");
        assertThat(d.select("dd.property-value a.page-reference"))
                .extracting(e -> e.attr("data-page"))
                .containsExactly("Linux", "Mac");
        assertThat(d.selectFirst("dd.property-value").text()).isEqualTo("Linux, Mac");
    }

    @Test
    void otherwiseTheValueIsTextAndWithoutPropertyPagesTheKeyIsToo() {
        Document d =
                render(
                        new PropertyRules(false, Set.of(), Set.of(), Set.of()),
                        "text\nplatforms:: Linux, Mac");
        assertThat(d.select("dt.property-key a")).isEmpty();
        assertThat(d.selectFirst("dt.property-key").text()).isEqualTo("platforms");
        assertThat(d.select("dd.property-value a")).isEmpty();
        assertThat(d.selectFirst("dd.property-value").text()).isEqualTo("Linux, Mac");
    }

    @Test
    void anExcludedKeyLinksOnlyToAPageOfItsOwnName() {
        Document d =
                render(
                        new PropertyRules(true, Set.of("platforms", "nothing"), Set.of(), Set.of()),
                        "text\nplatforms:: x\nnothing:: y");
        // "platforms" is a page of the graph here, so the key still links, as in Logseq
        assertThat(d.select("dt.property-key a"))
                .extracting(Element::text)
                .containsExactly("platforms");
    }
}
