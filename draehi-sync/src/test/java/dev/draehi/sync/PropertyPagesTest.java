package dev.draehi.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Block;
import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property keys and values as Logseq's file graphs read them: a page for every key used but
 * Logseq's own and {@code :property-pages/excludelist}, the page or block with the property a
 * reference of it; values split on commas only for tags, alias and {@code
 * :property/separated-by-commas}.
 */
class PropertyPagesTest {
    @TempDir Path dir;

    private static final String BOOK =
            "type:: [[Book]]\n"
                    + "platforms:: Linux, Mac\n"
                    + "secret:: kept\n"
                    + "template:: shelf\n"
                    + "tags:: reading, [[to do]]\n\n"
                    + "- a block\n"
                    + "  rating:: 5\n"
                    + "  genre:: Fantasy, [[Epic, Long]]\n"
                    + "- another block\n"
                    + "  collapsed:: true\n";

    private TestGraph graph(String config) {
        return new TestGraph(dir).file("pages/Dune.md", BOOK).config(config);
    }

    private static List<String> refs(Block b) {
        return b.refs().stream().map(Block.Ref::target).toList();
    }

    private static List<String> refs(Page p) {
        return p.refs().stream().map(Block.Ref::target).toList();
    }

    private static Page page(Graph g, String path) {
        return g.pages().stream().filter(p -> path.equals(p.file())).findFirst().orElseThrow();
    }

    @Test
    void everyKeyButLogseqsOwnAndTheExcludedOnesIsAPageReferencedByWhoHasIt() {
        Graph g = graph("{:property-pages/excludelist #{:secret}}").read();
        Page dune = page(g, "pages/Dune.md");

        assertThat(refs(dune))
                .contains("type", "Book", "platforms", "reading", "to do")
                .doesNotContain("secret", "template", "tags", "Linux", "Linux, Mac", "shelf");
        Block rated = dune.blocks().get(0);
        assertThat(refs(rated)).contains("rating", "genre", "Epic, Long");
        assertThat(refs(rated)).doesNotContain("Fantasy", "5");
        assertThat(refs(dune.blocks().get(1))).isEmpty();

        for (String key : List.of("type", "platforms", "rating", "genre")) {
            assertThat(g.page(key)).as(key).isPresent();
            assertThat(g.page(key).orElseThrow().isGenerated()).isTrue();
        }
        for (String key : List.of("secret", "template", "tags", "collapsed")) {
            assertThat(g.page(key)).as(key).isEmpty();
        }
        assertThat(g.config().properties().pagesExcluded()).containsExactly("secret");
        assertThat(g.warnings()).isEmpty();
    }

    @Test
    void separatedByCommasSplitsTheListedKeysPlainText() {
        Graph g = graph("{:property/separated-by-commas #{:platforms :genre}}").read();
        Page dune = page(g, "pages/Dune.md");
        assertThat(refs(dune)).contains("Linux", "Mac").doesNotContain("Linux, Mac");
        assertThat(refs(dune.blocks().get(0))).contains("Fantasy", "Epic, Long");
        assertThat(g.page("Linux")).isPresent();
        assertThat(dune.tags()).containsExactly("reading", "to do");
    }

    @Test
    void withPropertyPagesOffNoKeyIsAPageAndIgnoredKeysReferNothing() {
        Graph g =
                graph("{:property-pages/enabled? false :ignored-page-references-keywords #{:type}}")
                        .read();
        Page dune = page(g, "pages/Dune.md");
        assertThat(refs(dune)).doesNotContain("type", "Book", "platforms");
        assertThat(refs(dune.blocks().get(0))).doesNotContain("rating", "genre");
        assertThat(g.page("type")).isEmpty();
        assertThat(g.page("Book")).isEmpty();
    }

    @Test
    void aChangedConfigReadsTheUnchangedFilesAgain() {
        TestGraph t = graph("{}");
        LogseqGraphReader reader = LogseqGraphReader.builder().build();
        assertThat(refs(page(t.read(reader), "pages/Dune.md"))).doesNotContain("Linux");
        t.config("{:property/separated-by-commas #{:platforms}}");
        assertThat(refs(page(t.read(reader), "pages/Dune.md"))).contains("Linux", "Mac");
        t.config("{:property/separated-by-commas #{:platforms} :property-pages/enabled? false}");
        Graph off = t.read(reader);
        assertThat(refs(off.pages().get(0).blocks().get(0))).doesNotContain("rating");
        assertThat(off.page("rating")).isEmpty();
    }

    @Test
    void aSetThatIsNoSetIsWarnedOfAndIgnored() {
        Graph g = graph("{:property/separated-by-commas :platforms}").read();
        assertThat(g.config().properties().separatedByCommas()).isEmpty();
        assertThat(g.warnings())
                .anySatisfy(w -> assertThat(w.message()).contains("separated-by-commas"));
    }
}
