package dev.draehi.site.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchIndexJsonTest {
    @Test
    void plainTextIsCopiedWhole() {
        assertThat(SearchIndex.json("")).isEqualTo("\"\"");
        assertThat(SearchIndex.json("Crème brûlée 数据库 😀")).isEqualTo("\"Crème brûlée 数据库 😀\"");
    }

    @Test
    void quotesBackslashesControlsAndHtmlAreEscapedBetweenRuns() {
        assertThat(SearchIndex.json("a\"b\\c\nd\re\tf")).isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\"");
        assertThat(SearchIndex.json("</script><x>")).isEqualTo("\"\\u003c/script>\\u003cx>\"");
        assertThat(SearchIndex.json("\u0000x\u001f\u2028y\u2029"))
                .isEqualTo("\"\\u0000x\\u001f\\u2028y\\u2029\"");
        assertThat(SearchIndex.json("\"\"")).isEqualTo("\"\\\"\\\"\"");
    }
}
