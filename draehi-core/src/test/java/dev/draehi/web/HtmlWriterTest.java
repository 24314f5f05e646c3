package dev.draehi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HtmlWriterTest {
    @Test
    void textAndAttributeValuesAreEscaped() {
        String hostile = "\"><script>alert('x')</script>&";
        String html =
                new HtmlWriter()
                        .tag("a", "class", "page-reference", "href", hostile)
                        .text(hostile)
                        .end("a")
                        .toString();
        assertThat(html)
                .isEqualTo(
                        "<a class=\"page-reference\" href=\"&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;\">"
                                + "&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</a>");
        assertThat(html).doesNotContain("<script");
    }

    @Test
    void nullAttributesAreLeftOutAndBooleanOnesHaveNoValue() {
        assertThat(
                        new HtmlWriter()
                                .tag(
                                        "input",
                                        "name",
                                        "q",
                                        "value",
                                        "",
                                        "id",
                                        null,
                                        "required",
                                        true)
                                .tag("script", "src", "/s.js", "defer", true, "async", false)
                                .end("script")
                                .toString())
                .isEqualTo(
                        "<input name=\"q\" value=\"\" required><script src=\"/s.js\" defer></script>");
    }

    @Test
    void elementsNumbersReferencesAndEmptyXmlTags() {
        assertThat(
                        new HtmlWriter()
                                .element("h2", "a < b", "class", "x")
                                .text(42)
                                .charRef(0xB7)
                                .emptyTag("link", "href", "/a?b&c")
                                .line()
                                .toString())
                .isEqualTo("<h2 class=\"x\">a &lt; b</h2>42&#183;<link href=\"/a?b&amp;c\"/>\n");
    }

    @Test
    void rawIsWrittenAsItIs() {
        assertThat(new HtmlWriter().raw("<p>done</p>").raw(null).toString())
                .isEqualTo("<p>done</p>");
    }

    @Test
    void attributesComeInPairs() {
        assertThatThrownBy(() -> new HtmlWriter().tag("a", "href"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void htmlEscapesTheFiveCharactersAndNothingElse() {
        assertThat(Html.escape("a&b<c>d\"e'f é")).isEqualTo("a&amp;b&lt;c&gt;d&quot;e&#39;f é");
        assertThat(Html.escape(null)).isEmpty();
        String plain = "plain text";
        assertThat(Html.escape(plain)).isSameAs(plain);
    }
}
