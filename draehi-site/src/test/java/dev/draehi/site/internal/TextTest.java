package dev.draehi.site.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {
    @Test
    void plainDropsTagsDecodesEntitiesOnceAndFoldsSpaces() {
        assertThat(Text.plain("<p>a &amp;lt; b</p>\n\t<p>c&#10;d &quot;e&#39;</p>"))
                .isEqualTo("a &lt; b c d \"e'");
        assertThat(Text.plain("  no\r\n\u000b\ftags  ")).isEqualTo("no tags");
        assertThat(Text.plain("keeps\u00a0no-break")).isEqualTo("keeps\u00a0no-break");
        assertThat(Text.plain(null)).isEmpty();
    }

    @Test
    void numericReferencesAreDecodedWhenTheyNameACodePoint() {
        assertThat(Text.plain("&#xE9;&#233;&#X1F600;")).isEqualTo("\u00e9\u00e9\ud83d\ude00");
        // no code point, too many digits, no semicolon: the characters as they stand
        assertThat(Text.plain("&#x110000; &#12345678; &#65 &#; &#x;"))
                .isEqualTo("&#x110000; &#12345678; &#65 &#; &#x;");
        // a numeric reference to '&' is decoded before the named ones, as it always was
        assertThat(Text.plain("&#38;lt;")).isEqualTo("<");
    }
}
