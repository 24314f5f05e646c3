package dev.draehi.site.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PageFeaturesTest {
    // each feature as the layout asked for it one search at a time
    private static final Pattern CODE_BLOCK = Pattern.compile("<pre(?:\\s[^>]*)?>\\s*<code[\\s>]");

    private static int oneByOne(String html) {
        int f = 0;
        if (html.contains(" class=\"math inline\"") || html.contains(" class=\"math display\"")) {
            f |= PageFeatures.MATH;
        }
        if (html.contains(" class=\"page-reference\"")
                || html.contains(" class=\"hashtag-link\"")
                || html.contains(" class=\"tag\"")
                || html.contains(" class=\"block-reference")) {
            f |= PageFeatures.REFERENCES;
        }
        if (html.contains(" class=\"graph-view ")) {
            f |= PageFeatures.GRAPH;
        }
        if (html.contains(" class=\"unlinked-references\"")) {
            f |= PageFeatures.UNLINKED;
        }
        if (CODE_BLOCK.matcher(html).find()) {
            f |= PageFeatures.CODE;
        }
        if (html.contains("<span class=\"cloze\"")) {
            f |= PageFeatures.CLOZE;
        }
        if (html.contains("<figure class=\"whiteboard\"")) {
            f |= PageFeatures.WHITEBOARD;
        }
        return f;
    }

    private static final List<String> PIECES =
            List.of(
                    "<span class=\"math inline\">x</span>",
                    "<div class=\"math display\">",
                    "<span class=\"math\">",
                    "<a class=\"page-reference\" href=\"/a\">",
                    "<a class=\"page-references\">",
                    "<a class=\"hashtag-link\">",
                    "<a class=\"tag\">",
                    "<a class=\"tags\">",
                    "<a class=\"block-reference\">",
                    "<span class=\"block-reference-missing\">",
                    "<div class=\"graph-view local\">",
                    "<div class=\"graph-view\">",
                    "<section class=\"unlinked-references\">",
                    "<pre><code class=\"language-java\">",
                    "<pre class=\"x\">\n  <code>",
                    "<pre>text</pre>",
                    "<prefix><code>",
                    "<span class=\"cloze\">",
                    "<b class=\"cloze\">",
                    "<figure class=\"whiteboard\">",
                    "<div class=\"whiteboard\">",
                    "class=\"tag\"",
                    " class=\"",
                    "<p>plain ünïcödé text, 数学</p>",
                    "<pre");

    @Test
    void findsInOnePassWhatTheSearchesOneByOneFound() {
        Random random = new Random(7);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder html = new StringBuilder();
            int n = random.nextInt(6);
            for (int i = 0; i < n; i++) {
                html.append(PIECES.get(random.nextInt(PIECES.size())));
            }
            String s = html.toString();
            assertThat(PageFeatures.of(s)).as(s).isEqualTo(oneByOne(s));
        }
    }

    @Test
    void eachFeatureAlone() {
        assertThat(PageFeatures.of("<p>none</p>")).isZero();
        assertThat(
                        PageFeatures.has(
                                PageFeatures.of("<a class=\"tag\">t</a>"), PageFeatures.REFERENCES))
                .isTrue();
        assertThat(
                        PageFeatures.has(
                                PageFeatures.of("<pre><code>x</code></pre>"), PageFeatures.CODE))
                .isTrue();
        assertThat(PageFeatures.of("<figure class=\"whiteboard\">"))
                .isEqualTo(PageFeatures.WHITEBOARD);
    }
}
