package dev.draehi.site.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchTextTest {
    @Test
    void wordsAreFoldedAndCjkRunsBecomePairs() {
        assertThat(SearchText.words(SearchText.fold("Crème BRÛLÉE, 数据库 and 日 x2").text()))
                .containsExactly("creme", "brulee", "数据", "据库", "and", "日", "x2");
    }

    @Test
    void foldTextIsTheTextOfFold() {
        for (String s :
                List.of("", "plain words 42", "Mixed CASE", "Crème BRÛLÉE", "数据库 X", "a\u0301Z")) {
            assertThat(SearchText.foldText(s)).as(s).isEqualTo(SearchText.fold(s).text());
        }
    }

    @Test
    void shardKeysAndFileNames() {
        assertThat(SearchText.shardKey("datalog")).isEqualTo("da");
        assertThat(SearchText.shardKey("a")).isEqualTo("a");
        assertThat(SearchText.shardKey("数据")).isEqualTo("数");
        assertThat(SearchText.fileName("da")).isEqualTo("00640061");
    }

    @Test
    void snippetMarksWordStartsInTheOriginalText() {
        SearchText.Snippet s =
                SearchText.snippet(
                        "Une crème brûlée, pas de crèmerie", List.of("brul", "creme"), 200);
        assertThat(s.text()).isEqualTo("Une crème brûlée, pas de crèmerie");
        assertThat(s.marks())
                .extracting(r -> s.text().substring(r[0], r[1]))
                .containsExactly("crème", "brûl", "crème");
        // inside a word is no match
        assertThat(SearchText.snippet("datalog", List.of("log"), 200)).isNull();
    }

    @Test
    void longTextIsCutAroundTheFirstMatch() {
        String text = "a ".repeat(300) + "needle" + " b".repeat(300);
        SearchText.Snippet s = SearchText.snippet(text, List.of("needle"), 100);
        assertThat(s.text()).startsWith("\u2026").endsWith("\u2026").contains("needle");
        assertThat(s.text().length()).isLessThanOrEqualTo(102);
        assertThat(s.text().substring(s.marks().get(0)[0], s.marks().get(0)[1]))
                .isEqualTo("needle");
    }
}
