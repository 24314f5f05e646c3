package dev.draehi.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Page;
import dev.draehi.spi.RenderContext;
import dev.draehi.spi.RenderedPage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** An {@code hls__} page: the PDF it highlights, and its text and area highlights. */
class PdfHighlightRenderTest {
    private static final RenderContext CONTEXT = TestGraph.context();

    @Test
    void anHlsPageNamesItsPdfWithALinkAndCountsItsHighlights() {
        Page page = CONTEXT.graph().page(TestGraph.HLS_PAGE).orElseThrow();
        RenderedPage r = HtmlPageRenderer.create().render(page, CONTEXT);
        Document props = Jsoup.parseBodyFragment(r.propertiesHtml());
        assertThat(props.select(".pdf-source").text())
                .isEqualTo("Highlights of paper.pdf · 2 highlights");
        assertThat(props.select(".pdf-source a.pdf-link").attr("href"))
                .isEqualTo("/ws/-/assets/paper_1663143498127_0.pdf");

        Document text = Jsoup.parseBodyFragment(r.blockHtml().get(0));
        assertThat(text.select(".pdf-highlight.hl-green a.hl-page").attr("href"))
                .isEqualTo("/ws/-/assets/paper_1663143498127_0.pdf#page=3");
        assertThat(text.select(".pdf-highlight a.hl-page").text()).isEqualTo("P3");
        assertThat(text.select(".hl-text").text()).isEqualTo("a highlighted sentence");

        Document area = Jsoup.parseBodyFragment(r.blockHtml().get(1));
        assertThat(area.select(".pdf-highlight.hl-yellow a.hl-page").attr("href"))
                .endsWith(".pdf#page=5");
        assertThat(area.select("img.hl-area").attr("src"))
                .isEqualTo(
                        "/ws/-/assets/paper_1663143498127_0/5_"
                                + TestGraph.HL_AREA
                                + "_1663143600000.png");
        assertThat(area.select("img.hl-area").attr("alt")).isEqualTo("Area highlight on page 5");
        assertThat(area.text()).doesNotContain("[:span]");
    }

    @Test
    void anOrdinaryPageHasNoPdfHeader() {
        Page page = TestGraph.currentPage(CONTEXT);
        assertThat(HtmlPageRenderer.create().render(page, CONTEXT).propertiesHtml())
                .doesNotContain("pdf-source");
    }
}
