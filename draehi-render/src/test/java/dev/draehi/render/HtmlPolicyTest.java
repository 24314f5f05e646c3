package dev.draehi.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.render.internal.HtmlPolicy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlPolicyTest {
    @Test
    void reusedPolicyGivesTheSameResultAsAFreshOne() {
        List<String> inputs = new ArrayList<>(XssTest.VECTORS);
        for (ExampleReader.Example e : ExampleReader.read("/logseq-spec.md")) {
            inputs.add(e.html());
            inputs.add(e.source());
        }
        inputs.add("<div><b>unclosed");
        inputs.add("</div></div>after");
        for (String in : inputs) {
            assertThat(HtmlPolicy.sanitize(in)).as(in).isEqualTo(HtmlPolicy.POLICY.sanitize(in));
        }
    }

    @Test
    void textLeftInsideATableByADroppedElementIsAFixpoint() {
        String html =
                HtmlPolicy.sanitize(
                        "<table background=\"javascript:alert(1)\"><form action=\"x\">"
                                + "&lt;input type=submit&gt;&lt;/form&gt;\n</table>");
        assertThat(html).doesNotContain("background", "form action");
        assertThat(HtmlPolicy.sanitize(html)).isEqualTo(html);
    }

    @Test
    void onlyHttpHttpsMailtoAndRelativeUrlsAreSafe() {
        assertThat(HtmlPolicy.isSafeUrl("https://x")).isTrue();
        assertThat(HtmlPolicy.isSafeUrl("/ws/page#a:b")).isTrue();
        assertThat(HtmlPolicy.isSafeUrl("mailto:a@b")).isTrue();
        assertThat(HtmlPolicy.isSafeUrl(" java\tscript:alert(1)")).isFalse();
        assertThat(HtmlPolicy.isSafeUrl("DATA:text/html,x")).isFalse();
        assertThat(HtmlPolicy.isSafeUrl("vbscript:x")).isFalse();
        assertThat(HtmlPolicy.isSafeUrl(null)).isFalse();
    }
}
