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
}
