package dev.draehi.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Node;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SearchWordsTest {
    static Node block(String html) {
        Node page = Node.page("p", 1, "Page", "page", "Page", null);
        return Node.block("b", page, page.uuid(), 0, html, null);
    }

    @Test
    void aPageIsFoundByItsTitleAsWritten() {
        Node page =
                Node.page("p", 1, "Projects/Beta <b>", "projects/beta", "Projects/Beta <b>", null);
        assertThat(SearchWords.of(page)).containsExactly("projects", "beta", "b");
    }

    @Test
    void aBlockIsFoundByTheTextOfItsHtml() {
        assertThat(
                        SearchWords.of(
                                block(
                                        "<p>A well-known <a href=\"x/secret\" title=\"hidden\">trick</a>"
                                                + " &amp; Tom&#39;s caf&#xE9; caf\u00e9</p>")))
                .containsExactly("a", "well", "known", "trick", "tom", "s", "caf\u00e9");
    }

    @Test
    void lettersOfEveryScriptAndTheirMarksMakeWords() {
        assertThat(
                        SearchWords.ofQuery(
                                "\u0130stanbul \u0939\u093f\u0928\u094d\u0926\u0940 x\u00b2 \u2167"))
                .containsExactly(
                        "istanbul", "\u0939\u093f\u0928\u094d\u0926\u0940", "x\u00b2", "\u2177");
    }

    @Test
    void aLessThanSignWithoutATagAfterItIsASeparator() {
        assertThat(SearchWords.of(block("a<b c> d <e f"))).containsExactly("a", "d", "e", "f");
        assertThat(SearchWords.of(block("x &unknown y &#xZZ; z &#99999999; w")))
                .containsExactly("x", "unknown", "y", "z", "w");
    }

    @Test
    void wordsTooLongForAnIndexAreLeftOutAndANodeKeepsItsFirstMegabyte() {
        String longWord = "a".repeat(SearchWords.MAX_WORD_BYTES + 1);
        assertThat(SearchWords.ofTitle(longWord + " b " + "c".repeat(SearchWords.MAX_WORD_BYTES)))
                .containsExactly("b", "c".repeat(SearchWords.MAX_WORD_BYTES));

        StringBuilder huge = new StringBuilder();
        for (int i = 0; i < 150_000; i++) {
            huge.append(Integer.toHexString(i * 7919 + 1_000_000)).append(' ');
        }
        List<String> words = SearchWords.ofTitle(huge.toString());
        int bytes = words.stream().mapToInt(w -> w.getBytes(StandardCharsets.UTF_8).length).sum();
        assertThat(bytes).isLessThanOrEqualTo(SearchWords.MAX_BYTES).isGreaterThan(1_000_000);
        assertThat(words.get(0)).isEqualTo(Integer.toHexString(1_000_000));
    }

    @Test
    void aQueryWithAWordNoNodeCanHaveFindsNothingAndCountsItsFirstSixtyFourWords() {
        assertThat(SearchWords.ofQuery("foo " + "a".repeat(SearchWords.MAX_WORD_BYTES + 1)))
                .isEmpty();
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            q.append("w").append(i).append(" w0 ");
        }
        assertThat(SearchWords.ofQuery(q.toString()))
                .hasSize(SearchWords.MAX_QUERY_WORDS)
                .startsWith("w0", "w1")
                .endsWith("w63");
        // in a node's text such a word is only left out
        assertThat(SearchWords.ofTitle("foo " + "a".repeat(3000) + " bar"))
                .containsExactly("foo", "bar");
    }

    @Test
    void aWordAlreadySeenDoesNotCountAgainstTheMegabyte() {
        // 512 distinct words of 2,047 bytes leave 511 bytes: the first word again, then one more
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 512; i++) {
            text.append(String.format("%04d", i)).append("x".repeat(2043)).append(' ');
        }
        text.append("0000").append("x".repeat(2043)).append(" last");
        List<String> words = SearchWords.ofTitle(text.toString());
        assertThat(words).hasSize(513).endsWith("last");
    }

    @Test
    void ampersandsWithoutASemicolonAreSeparators() {
        String text = "a" + "&".repeat(250_000) + "b";
        assertThat(SearchWords.ofHtml(text)).containsExactly("a", "b");
        assertThat(SearchWords.ofHtml("x&;y &#;z")).containsExactly("x", "y", "z");
    }

    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{M}\\p{N}]+");

    /** On text without tags, references or case, it is a split on everything but a word's parts. */
    @Property(tries = 500)
    void onPlainTextItSplitsAsTheRegularExpressionDoes(@ForAll String text) {
        String plain = text.toLowerCase(java.util.Locale.ROOT);
        List<String> expected =
                java.util.Arrays.stream(NOT_WORD.split(plain))
                        .filter(w -> !w.isEmpty())
                        .filter(w -> w.equals(lowerEachCodePoint(w)))
                        .distinct()
                        .toList();
        assertThat(SearchWords.ofTitle(plain)).containsAll(expected);
    }

    private static String lowerEachCodePoint(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().map(Character::toLowerCase).forEach(b::appendCodePoint);
        return b.toString();
    }
}
