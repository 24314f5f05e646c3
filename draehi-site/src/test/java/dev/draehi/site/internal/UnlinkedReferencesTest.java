package dev.draehi.site.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnlinkedReferencesTest {
    @Test
    void aMentionIsTheTitlesWordsInOrderAnyCase() {
        List<List<String>> title = List.of(UnlinkedReferences.words("New to Logseq?"));
        assertThat(UnlinkedReferences.mentions("<p>Are you new to LOGSEQ, then</p>", title))
                .isTrue();
        assertThat(UnlinkedReferences.mentions("<p>new to logseqs</p>", title)).isFalse();
        assertThat(UnlinkedReferences.mentions("<p>logseq is new to me</p>", title)).isFalse();
        assertThat(UnlinkedReferences.mentions("<p>new <em>to</em> Logseq</p>", title)).isTrue();
    }

    @Test
    void textInsideLinksIsNoMention() {
        List<List<String>> title = List.of(List.of("feature"));
        String linked =
                "<p>a <a class=\"page-reference\" data-page=\"Feature\" href=\"/d/feature\">"
                        + "Feature</a></p>";
        assertThat(UnlinkedReferences.mentions(linked, title)).isFalse();
        assertThat(UnlinkedReferences.links(linked, Set.of("feature"))).isTrue();
        assertThat(UnlinkedReferences.links("<p>feature</p>", Set.of("Feature"))).isFalse();
        assertThat(UnlinkedReferences.mentions("<p>a feature, <a href=\"x\">b</a></p>", title))
                .isTrue();
    }

    @Test
    void codeIsNoMention() {
        List<List<String>> title = List.of(List.of("plain"));
        assertThat(UnlinkedReferences.mentions("<pre><code>plain text</code></pre>", title))
                .isFalse();
        assertThat(UnlinkedReferences.mentions("<p>a <code>plain</code> word</p>", title))
                .isFalse();
        assertThat(UnlinkedReferences.mentions("<p><code>x</code> plain</p>", title)).isTrue();
    }

    @Test
    void wordsAreLettersAndDigitsLowerCased() {
        assertThat(UnlinkedReferences.words("Jan 31st, 2024 — Ünïcode_x"))
                .containsExactly("jan", "31st", "2024", "ünïcode", "x");
    }

    @Test
    void mentionWordsAreTheTextsOutsideLinksAndCodeWithReferencesDecoded() {
        assertThat(UnlinkedReferences.mentionWords("<p>Caf&#233; &amp; T&#xE9;a<br>x</p>"))
                .containsExactly("café", "téa", "x");
        // the references Text.plain decodes are no letters; others stay text
        assertThat(UnlinkedReferences.mentionWords("a&lt;b&gt;c&quot;d&nbsp;e"))
                .containsExactly("a", "b", "c", "d", "nbsp", "e");
        // no code point, or no semicolon: the characters as they stand
        assertThat(UnlinkedReferences.mentionWords("&#x110000; &#65 &#;"))
                .containsExactly("x110000", "65");
        assertThat(
                        UnlinkedReferences.mentionWords(
                                "<P>one <A HREF=\"x\">two</A> <Code>three</Code>"
                                        + " four<pre>five</pre>"))
                .containsExactly("one", "four");
        // a tag is a word's end, an element nested in a link stays skipped
        assertThat(UnlinkedReferences.mentionWords("ab<em>cd</em> <a><b>x</b>y</a>z"))
                .containsExactly("ab", "cd", "z");
        assertThat(UnlinkedReferences.mentionWords("tail <a href=\"x\"")).containsExactly("tail");
        assertThat(UnlinkedReferences.mentionWords(null)).isEmpty();
    }
}
