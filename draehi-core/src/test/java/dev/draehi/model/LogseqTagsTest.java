package dev.draehi.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogseqTagsTest {

    @ParameterizedTest(name = "[{0}] tags [{1}]")
    @CsvSource(
            delimiter = '|',
            value = {
                "#tag | tag",
                "a #tag b | tag",
                "(see #followup) | followup)",
                "owner'#team/ops | team/ops",
                "end #tag. | tag",
                "end #tag?! | tag",
                "**b #bold** | bold",
                "#tag** | tag**",
                "#a#b | a#b",
                "#日本語 | 日本語",
                "#fff | fff",
                "#t`x` | t",
            })
    void tagRunsToWhitespaceLessTrailingPunctuationAndEmphasis(String text, String tag) {
        int hash = text.indexOf('#');
        assertThat(LogseqTags.startsAt(text, hash)).isTrue();
        assertThat(text.substring(hash + 1, LogseqTags.end(text, hash))).isEqualTo(tag);
    }

    @ParameterizedTest(name = "[{0}] has no tag at its first #")
    @CsvSource(
            delimiter = '|',
            value = {
                "word#frag",
                "http://x.com/#frag",
                "## heading",
                "#+title: x",
                "a(#x)",
            })
    void noTagInsideAWordOrADirective(String text) {
        assertThat(LogseqTags.startsAt(text, text.indexOf('#'))).isFalse();
    }

    @Test
    void hashFollowedBySpaceIsAnEmptyTag() {
        assertThat(LogseqTags.startsAt("# x", 0)).isTrue();
        assertThat(LogseqTags.end("# x", 0)).isEqualTo(1);
    }

    @Test
    void emphasisOnAnEarlierLineDoesNotCloseTheTag() {
        String text = "**open\n#tag**";
        assertThat(LogseqTags.end(text, 7)).isEqualTo(text.length());
    }

    @Test
    void findReadsPlainAndBracketedTagsInOrder() {
        assertThat(LogseqTags.find("#a, then #[[multi word]] and #[[x [[y]]]] or x#no #b."))
                .containsExactly("a", "multi word", "x [[y]]", "b");
    }

    @ParameterizedTest(name = "[{0}] has a link label up to {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "[see #x](http://u) | 7",
                "[a #x](u #y) | 5",
                "[#a](x [b](y) | 3",
                "[see #x](http://u | -1",
                "[see #x] (u) | -1",
                "[a [b] #x](u) | -1",
                "[[p]](u) | -1",
                "'[a\n#x](u)' | -1",
            })
    void linkLabelEndsAtItsBracketWhenADestinationFollows(String text, int end) {
        assertThat(LogseqTags.linkLabelEnd(text.replace("\\n", "\n"), 0)).isEqualTo(end);
    }

    @Test
    void findReadsNoTagInALinkLabel() {
        assertThat(LogseqTags.find("[see #x](http://u) #y [a #z] w")).containsExactly("y", "z]");
    }

    @Test
    void aBracketedTagEndsOnItsLine() {
        assertThat(LogseqTags.bracketedEnd("#[[a\nb]]", 0)).isEqualTo(-1);
        assertThat(LogseqTags.bracketedEnd("#[[a]] x", 0)).isEqualTo(6);
        assertThat(LogseqTags.bracketedEnd("#a", 0)).isEqualTo(-1);
    }

    @ParameterizedTest(name = "[{0}] has Org tags [{1}]")
    @CsvSource(
            delimiter = '|',
            value = {
                "'H1 :tagA:tagB:' | tagA,tagB",
                "'H5   :x:  ' | x",
                "'H :a-b:' | a-b",
                "'H :@e:日本:' | @e,日本",
                "'H :a: :b:' | b",
            })
    void orgHeadlineTagsAreTheLastWord(String headline, String tags) {
        assertThat(LogseqTags.orgHeadlineTags(headline)).containsExactly(tags.split(","));
        int start = LogseqTags.orgHeadlineTagsStart(headline);
        assertThat(headline.charAt(start)).isEqualTo(' ');
        assertThat(headline.substring(start).strip()).startsWith(":").endsWith(":");
    }

    @ParameterizedTest(name = "[{0}] has no Org tags")
    @CsvSource(
            delimiter = '|',
            value = {
                "'H :a b:'",
                "'H x:y:'",
                "'H\t:a:b:'",
                "'H :c_d:'",
                "'H :#f:'",
                "'H :a::b:'",
                "'H :a:b'",
                "':only:'",
                "'H ::'",
            })
    void orgHeadlineWithoutTags(String headline) {
        assertThat(LogseqTags.orgHeadlineTags(headline)).isEmpty();
        assertThat(LogseqTags.orgHeadlineTagsStart(headline)).isEqualTo(-1);
    }

    @Test
    void blockRefNeedsAUuidAndClosingParens() {
        String id = "6453a7a2-1111-2222-3333-44445555ABCD";
        assertThat(Block.Ref.isBlockRefAt("see ((" + id + "))", 4)).isTrue();
        assertThat(Block.Ref.isBlockRefAt("((" + id + ")", 0)).isFalse();
        assertThat(Block.Ref.isBlockRefAt("((" + id.replace('A', 'g') + "))", 0)).isFalse();
        assertThat(Block.Ref.isUuid(id.replace('1', '١'), 0)).isFalse();
    }
}
