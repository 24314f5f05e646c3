package dev.draehi.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Asset;
import dev.draehi.model.Block;
import dev.draehi.model.Graph;
import dev.draehi.model.GraphConfig;
import dev.draehi.model.Page;
import dev.draehi.model.Whiteboard;
import dev.draehi.spi.RenderContext;
import dev.draehi.testing.TestWhiteboards;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Spec examples of whiteboards: each kind of shape as SVG, escaped, with safe links. */
class WhiteboardRenderTest {
    private static String html;
    private static Document svg;

    @BeforeAll
    static void render() {
        Block board =
                TestGraph.block(
                        null, "", Map.of(Whiteboard.PROPERTY, TestWhiteboards.everyShape()), 1);
        Page wb =
                new Page(
                        "Every Shape",
                        "whiteboards/Every Shape.edn",
                        null,
                        null,
                        true,
                        Map.of("title", "Every Shape"),
                        List.of(),
                        List.of(),
                        List.of(board));
        Block target = Block.of("The target page's first block");
        Block shown =
                TestGraph.block(
                        TestWhiteboards.BLOCK_ID, "A block shown on the **board**", Map.of(), 2);
        Page targetPage = TestGraph.page("Whiteboard Target", target, shown);
        Page secret =
                TestGraph.page("Secret Plans", false, List.of(), List.of(), Block.of("secret"));
        Graph g =
                new Graph(
                        "0".repeat(40),
                        GraphConfig.DEFAULTS,
                        List.of(wb, targetPage, secret),
                        Map.of(
                                "assets/board-picture.png",
                                new Asset("assets/board-picture.png", Path.of("x"), 10)),
                        List.of());
        RenderContext ctx = new RenderContext(g, TestGraph.workspace(), TestGraph.resolver(g));
        html = HtmlPageRenderer.create().render(wb, ctx).blockHtml().get(0);
        svg = Jsoup.parse(html, "", Parser.xmlParser());
    }

    @Test
    void aBoardIsAFigureWithAnSvgWhoseViewBoxHoldsEveryShape() {
        Element figure = svg.selectFirst("figure.whiteboard");
        assertThat(figure).isNotNull();
        assertThat(figure.attr("data-shapes")).isEqualTo("14");
        Element root = figure.selectFirst("> svg");
        assertThat(root.attr("viewBox")).isEqualTo("-40 -40 940 740");
        assertThat(root.attr("aria-label")).isEqualTo("Whiteboard Every Shape");
        assertThat(svg.select("g.wb-shape")).hasSize(14);
    }

    @Test
    void rectanglesAndEllipsesHaveTheirColoursAndLabels() {
        Element box = svg.selectFirst("g.wb-box");
        assertThat(box.attr("transform")).isEqualTo("translate(0 0)");
        Element rect = box.selectFirst("rect");
        assertThat(rect.attr("width")).isEqualTo("240");
        assertThat(rect.attr("rx")).isEqualTo("8");
        assertThat(rect.attr("class")).isEqualTo("wb-stroke-default wb-fill-yellow");
        assertThat(box.selectFirst("text").text()).isEqualTo("Plan <b>bold</b> & \"quoted\"");
        Element ellipse = svg.selectFirst("g.wb-ellipse ellipse");
        assertThat(ellipse.attr("class")).isEqualTo("wb-stroke-green wb-fill-green");
        assertThat(ellipse.attr("stroke-dasharray")).isEqualTo("8 4");
        assertThat(svg.selectFirst("g.wb-ellipse text").text()).isEqualTo("Idea");
    }

    @Test
    void textKeepsItsLinesAndHostileTextIsOnlyText() {
        Element text = svg.selectFirst("g.wb-text text");
        assertThat(text.select("tspan").eachText())
                .containsExactly("A note on the board", "</svg><script>alert(1)</script>");
        assertThat(text.attr("font-style")).isEqualTo("italic");
        assertThat(text.attr("class")).contains("wb-color-red");
        assertThat(html).doesNotContain("<script").doesNotContain("<b>").doesNotContain("<i>");
        assertThat(html).contains("&lt;/svg&gt;&lt;script&gt;");
    }

    @Test
    void arrowsAndLinesAreDrawnWithTheirLabels() {
        List<Element> lines = svg.select("g.wb-line");
        assertThat(lines).hasSize(2);
        String arrow = lines.get(0).selectFirst("path").attr("d");
        // the shaft, then the two strokes of the head at the end
        assertThat(arrow).startsWith("M0 0 L100 0 M100 0 L");
        assertThat(arrow.split("M")).hasSize(4);
        assertThat(lines.get(0).selectFirst("text").text()).isEqualTo("leads to");
        assertThat(lines.get(1).selectFirst("path").attr("d")).isEqualTo("M0 0 L320 60");
        assertThat(lines.get(1).selectFirst("path").attr("class")).contains("wb-stroke-blue");
        assertThat(lines.get(1).selectFirst("text").text()).isEqualTo("related <i>loosely</i>");
    }

    @Test
    void pencilAndHighlighterArePaths() {
        Element pencil = svg.selectFirst("g.wb-pencil path");
        assertThat(pencil.attr("d")).isEqualTo("M0 0 L20 40 L45 10 L70 60 L100 20");
        assertThat(pencil.attr("stroke-width")).isEqualTo("3");
        assertThat(pencil.attr("class")).contains("wb-stroke-purple");
        Element hl = svg.selectFirst("g.wb-highlighter path");
        assertThat(hl.attr("stroke-width")).isEqualTo("16");
        assertThat(hl.attr("stroke-opacity")).isEqualTo("0.45");
    }

    @Test
    void imagesAreAssetsOrHttpsAndNothingElse() {
        List<Element> images = svg.select("g.wb-image");
        assertThat(images).hasSize(3);
        assertThat(images.get(0).selectFirst("image").attr("href"))
                .isEqualTo("/ws/-/assets/board-picture.png");
        // javascript: is not drawn: a card says the image is not shown
        assertThat(images.get(1).select("image")).isEmpty();
        assertThat(words(images.get(1))).isEqualTo("image not shown");
        assertThat(images.get(2).selectFirst("image").attr("href"))
                .isEqualTo("https://example.org/picture.png");
        assertThat(images.get(2).attr("opacity")).isEqualTo("0.8");
        assertThat(html).doesNotContain("javascript:");
    }

    @Test
    void portalsAreCardsThatLinkToThePageOrBlockTheyShow() {
        List<Element> portals = svg.select("g.wb-logseq-portal");
        assertThat(portals).hasSize(3);
        Element page = portals.get(0).selectFirst("a");
        assertThat(page.attr("href")).isEqualTo("/ws/whiteboard-target");
        assertThat(page.selectFirst(".wb-card-title").text()).isEqualTo("Whiteboard Target");
        assertThat(page.selectFirst(".wb-card-body").text())
                .contains("The target page's first block");
        Element block = portals.get(1).selectFirst("a");
        assertThat(block.attr("href"))
                .isEqualTo("/ws/whiteboard-target#" + TestWhiteboards.BLOCK_ID);
        assertThat(block.selectFirst(".wb-card-body").text())
                .isEqualTo("A block shown on the board");
        // an unpublished page: no link, no name, nothing of it
        assertThat(portals.get(2).select("a")).isEmpty();
        assertThat(words(portals.get(2)))
                .isEqualTo("A page that is not published")
                .doesNotContain("Secret");
    }

    @Test
    void anEmbedOfTheOlderFormatIsACardLinkingToItsUrl() {
        Element embed = svg.selectFirst("g.wb-embed");
        assertThat(embed.selectFirst("a").attr("href"))
                .isEqualTo("https://www.youtube.com/watch?v=dQw4w9WgXcQ");
        assertThat(words(embed)).startsWith("youtube");
    }

    /** The words of the tspans (lines) under {@code e}, one space apart. */
    private static String words(Element e) {
        return String.join(" ", e.select("tspan").eachText());
    }

    @Test
    void aBoardThatIsNotEdnIsAnEmptyFigure() {
        Block bad = TestGraph.block(null, "", Map.of(Whiteboard.PROPERTY, "{:blocks ["), 1);
        Page p = TestGraph.page("Broken", bad);
        Graph g = new Graph("0".repeat(40), GraphConfig.DEFAULTS, List.of(p), Map.of(), List.of());
        String out =
                HtmlPageRenderer.create()
                        .render(
                                p,
                                new RenderContext(g, TestGraph.workspace(), TestGraph.resolver(g)))
                        .blockHtml()
                        .get(0);
        assertThat(out)
                .contains("<figure class=\"whiteboard\"")
                .contains("This whiteboard is empty.");
    }
}
