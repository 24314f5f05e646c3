package dev.draehi.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Block;
import dev.draehi.spi.RenderContext;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every example of {@code logseq-spec.md} through {@link HtmlPageRenderer}. */
class LogseqSpecTest {
    private static final HtmlPageRenderer RENDERER = HtmlPageRenderer.create();
    private static final RenderContext CONTEXT = TestGraph.context();

    static List<ExampleReader.Example> examples() {
        return ExampleReader.read("/logseq-spec.md");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void rendersExample(ExampleReader.Example example) {
        String source = example.source();
        if (source.endsWith("\n")) {
            source = source.substring(0, source.length() - 1);
        }
        Block.Format format =
                example.info().contains("org") ? Block.Format.ORG : Block.Format.MARKDOWN;
        Block block = TestBlocks.block(source, format);
        String html = RENDERER.renderBlock(block, TestGraph.currentPage(CONTEXT), CONTEXT);
        assertThat(normalize(html))
                .as("source:\n%s\nactual:\n%s", example.source(), html)
                .isEqualTo(normalize(example.html()));
    }

    static String normalize(String html) {
        Document d = Jsoup.parseBodyFragment(html.strip());
        d.outputSettings().prettyPrint(false);
        return d.body().html().strip();
    }
}
