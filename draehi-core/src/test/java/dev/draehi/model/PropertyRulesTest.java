package dev.draehi.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PropertyRulesTest {
    @Test
    void everyKeyButLogseqsOwnAndTheExcludedOnesHasAPage() {
        PropertyRules rules = new PropertyRules(true, Set.of("Secret"), Set.of(), Set.of());
        assertThat(rules.keyHasPage("type")).isTrue();
        assertThat(rules.keyHasPage("Platforms")).isTrue();
        assertThat(rules.keyHasPage("secret")).isFalse();
        for (String builtIn :
                new String[] {
                    "tags",
                    "alias",
                    "aliases",
                    "title",
                    "icon",
                    "template",
                    "public",
                    "filters",
                    "id",
                    "collapsed",
                    "heading",
                    "card-next-schedule",
                    "hl-page",
                    "logseq.color",
                    "query-table",
                    "exclude-from-graph-view",
                    "background-color"
                }) {
            assertThat(rules.keyHasPage(builtIn)).as(builtIn).isFalse();
        }
        assertThat(PropertyRules.DEFAULTS.keyHasPage("type")).isTrue();
        assertThat(PropertyRules.DEFAULTS.keyPage("Publication_Date"))
                .isEqualTo("publication-date");
        assertThat(PropertyRules.DEFAULTS.keyPage("custom_id")).isNull();
        assertThat(PropertyRules.DEFAULTS.keyPage("created_at")).isNull();
        assertThat(new PropertyRules(false, Set.of(), Set.of(), Set.of()).keyHasPage("type"))
                .isFalse();
    }

    @Test
    void tagsAliasAndTheConfiguredKeysAreSeparatedByCommas() {
        PropertyRules rules = new PropertyRules(true, Set.of(), Set.of("Genre"), Set.of("notes"));
        assertThat(rules.isSeparatedByCommas("tags")).isTrue();
        assertThat(rules.isSeparatedByCommas("alias")).isTrue();
        assertThat(rules.isSeparatedByCommas("aliases")).isTrue();
        assertThat(rules.isSeparatedByCommas("genre")).isTrue();
        assertThat(rules.isSeparatedByCommas("type")).isFalse();
        assertThat(rules.valueIsPlain("notes")).isTrue();
        assertThat(rules.valueIsPlain("template")).isTrue();
        assertThat(rules.valueIsPlain("type")).isFalse();
        assertThat(rules.valueIsPlain("tags")).isFalse();
    }

    @Test
    void aCommaSeparatedValueNamesItsRefsAndEachPieceOfItsPlainText() {
        assertThat(PropertyRules.commaSeparatedNames("Linux, Mac,Windows"))
                .containsExactly("Linux", "Mac", "Windows");
        assertThat(PropertyRules.commaSeparatedNames("[[a, b]], c，e #d"))
                .containsExactly("a, b", "c", "e", "d");
        // mldoc starts no tag after a full-width comma: "#d" is plain text, so a name
        assertThat(PropertyRules.commaSeparatedNames("c，#d")).containsExactly("c", "#d");
        assertThat(PropertyRules.commaSeparatedNames("#[[two words]] #one"))
                .containsExactly("two words", "one");
        assertThat(PropertyRules.commaSeparatedNames("[[x]] y, z")).containsExactly("x", "y", "z");
        assertThat(PropertyRules.commaSeparatedNames("a, a, , b")).containsExactly("a", "b");
        assertThat(PropertyRules.commaSeparatedNames("\"a, b\"")).isEmpty();
        assertThat(PropertyRules.commaSeparatedNames("  ")).isEmpty();
        assertThat(PropertyRules.commaSeparatedNames("`a, b`, c")).containsExactly("c");
        assertThat(PropertyRules.commaSeparatedNames("see https://x.org/a,b, c"))
                .containsExactly("see", "c");
        assertThat(
                        PropertyRules.commaSeparatedNames(
                                "((6453a7a2-aaaa-2222-3333-444455556666)), x, {{macro a, b}}"))
                .containsExactly("x");
        assertThat(PropertyRules.commaSeparatedNames("[a, b](https://x.org), c"))
                .containsExactly("c");
        assertThat(PropertyRules.commaSeparatedNames("[[a [[b]]]], c"))
                .containsExactly("a [[b]]", "c");
    }
}
