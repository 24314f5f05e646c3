package dev.draehi.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Block;
import dev.draehi.spi.RenderContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrgHeadlineTagsTest {
    private static final HtmlPageRenderer RENDERER = HtmlPageRenderer.create();
    private static final RenderContext CONTEXT = TestGraph.context();

    private static String render(String content, List<Block.Ref> refs) {
        Block b = Block.of(content).withRefs(refs).withLine(1).withFormat(Block.Format.ORG);
        return RENDERER.renderBlock(b, TestGraph.currentPage(CONTEXT), CONTEXT);
    }

    @Test
    void headlineTagsTheReaderRecordedAreShownAsTags() {
        String html = render("Heading :x:tag:", List.of(Block.Ref.tag("x"), Block.Ref.tag("tag")));

        assertThat(html)
                .contains("Heading <a class=\"hashtag-link\" data-tag=\"x\"")
                .contains("data-tag=\"tag\"")
                .doesNotContain(":x:");
    }

    @Test
    void textBeforeTheFirstHeadlineKeepsItsColonWords() {
        // the reader records no tags for the text before a page's first headline
        String html = render("Great work :thumbsup:", List.of());

        assertThat(html).contains("Great work :thumbsup:").doesNotContain("hashtag-link");
    }
}
