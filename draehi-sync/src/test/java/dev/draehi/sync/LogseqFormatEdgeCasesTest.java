package dev.draehi.sync;

import static dev.draehi.sync.TestGraph.only;
import static dev.draehi.sync.TestGraph.page;
import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Block;
import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hard edge cases of docs/logseq-format.md that concern parsing, numbered as there. */
class LogseqFormatEdgeCasesTest {
    @TempDir Path dir;

    private static final String UUID = "6453a7a2-1111-2222-3333-444455556666";

    private static List<String> tree(Block b) {
        return b.children().isEmpty()
                ? List.of(b.content())
                : List.of(b.content() + ">" + tree(b.children().get(0)));
    }

    @Test
    void case01TabsAndFourSpaceIndentsBothNestThreeLevels() {
        Page tabs = page(dir.resolve("a"), "- a\n\t- b\n\t\t- c");
        Page spaces = page(dir.resolve("b"), "- a\n    - b\n        - c");
        Page twoSpaces = page(dir.resolve("c"), "- a\n  - b\n    - c\n  - d");
        assertThat(tree(tabs.blocks().get(0))).containsExactly("a>[b>[c]]");
        assertThat(tree(spaces.blocks().get(0))).containsExactly("a>[b>[c]]");
        assertThat(twoSpaces.blocks()).hasSize(1);
        assertThat(twoSpaces.blocks().get(0).children())
                .extracting(Block::content)
                .containsExactly("b", "d");
    }

    @Test
    void case04IdPropertyBecomesTheBlockId() {
        Block b = only(page(dir, "- a\n  id:: 6453A7A2-1111-2222-3333-444455556666"));
        assertThat(b.id()).isEqualTo(UUID);
        assertThat(b.content()).isEqualTo("a");
        assertThat(b.properties()).containsEntry("id", "6453A7A2-1111-2222-3333-444455556666");
    }

    @Test
    void case05DuplicateIdInTwoFilesWarnsAndClearsTheSecond() {
        Graph g =
                new TestGraph(dir)
                        .file("pages/a.md", "- first\n  id:: " + UUID)
                        .file("pages/b.md", "- second\n  ID:: " + UUID)
                        .read();
        assertThat(g.page("a").orElseThrow().blocks().get(0).id()).isEqualTo(UUID);
        assertThat(g.page("b").orElseThrow().blocks().get(0).id()).isNull();
        assertThat(g.block(UUID).orElseThrow().page().name()).isEqualTo("a");
        assertThat(g.warnings())
                .anySatisfy(
                        w -> {
                            assertThat(w.file()).isEqualTo("pages/b.md");
                            assertThat(w.line()).isEqualTo(1);
                            assertThat(w.message()).contains("duplicate id", "pages/a.md");
                        });
    }

    @Test
    void case07PropertyPreBlockIsThePagePropertiesAndAPropertyOnlyBulletAnOrdinaryBlock() {
        Page pre = page(dir.resolve("a"), "title:: X\ntags:: a, [[b c]], #d\n\n- body");
        assertThat(pre.name()).isEqualTo("X");
        assertThat(pre.tags()).containsExactly("a", "b c", "d");
        assertThat(pre.blocks()).extracting(Block::content).containsExactly("body");

        Page bullet = page(dir.resolve("b"), "- tags:: demo\n  source:: notebook\n- body");
        assertThat(bullet.name()).isEqualTo("p");
        assertThat(bullet.properties()).isEmpty();
        assertThat(bullet.tags()).isEmpty();
        assertThat(bullet.blocks()).hasSize(2);
        assertThat(bullet.blocks().get(0).content()).isEmpty();
        assertThat(bullet.blocks().get(0).properties())
                .containsEntry("tags", "demo")
                .containsEntry("source", "notebook");
    }

    @Test
    void pagePropertiesAfterABlankLineAreIgnoredWithAWarning() {
        Graph g =
                new TestGraph(dir)
                        .file("pages/fern.md", "alias:: Fern\n\ntags:: botany\n- body")
                        .read();
        Page p = g.page("fern").orElseThrow();
        assertThat(p.properties()).containsOnlyKeys("alias");
        assertThat(p.aliases()).containsExactly("Fern");
        assertThat(p.tags()).isEmpty();
        assertThat(p.blocks()).extracting(Block::content).containsExactly("body");
        assertThat(g.warnings())
                .anySatisfy(w -> assertThat(w.message()).contains("after a blank line"));
    }

    @Test
    void propertiesAfterABlankLineAHeadingOrACodeFenceAreTheBlocksOwn() {
        Page p =
                page(
                        dir,
                        "- first line\n\n  note:: kept apart\n"
                                + "- ## Heading\n\n  id:: "
                                + UUID
                                + "\n- code\n  ```\n  x\n  ```\n  kind:: after\n"
                                + "- ``` markdown\n  title:: in code\n  ```");
        assertThat(p.blocks().get(0).properties()).containsEntry("note", "kept apart");
        assertThat(p.blocks().get(0).content()).isEqualTo("first line");
        assertThat(p.blocks().get(1).id()).isEqualTo(UUID);
        assertThat(p.blocks().get(1).content()).isEqualTo("## Heading");
        assertThat(p.blocks().get(2).properties()).containsEntry("kind", "after");
        assertThat(p.blocks().get(3).properties()).isEmpty();
        assertThat(p.blocks().get(3).content()).contains("title:: in code");
    }

    @Test
    void displayMathAndRawHtmlAreNeverCutIntoBlocks() {
        Page p =
                page(
                        dir,
                        "- $$a = b\n  + c$$\n- x\n  $$\n  - 1 & 2 \\\\\n  $$\n"
                                + "- y\n  <pre>\n  - a\n  </pre>\n- say `$$` in code\n- z");
        assertThat(p.blocks())
                .extracting(Block::content)
                .containsExactly(
                        "$$a = b\n+ c$$",
                        "x\n$$\n- 1 & 2 \\\\\n$$",
                        "y\n<pre>\n- a\n</pre>",
                        "say `$$` in code",
                        "z");
    }

    @Test
    void drawersOnTheBulletLineOrAfterPlanningAreHidden() {
        Page p =
                page(
                        dir,
                        "- :LOGBOOK:\n  CLOCK: [2024-01-01 Mon 10:00]\n  :END:\n"
                                + "- DONE x\n  SCHEDULED: <2024-01-31 Wed> DEADLINE: <2024-02-01 Thu>"
                                + " :LOGBOOK:\n  CLOCK: [2024-01-01 Mon 10:00]\n  :END:\n  id:: "
                                + UUID);
        assertThat(p.blocks().get(0).content()).isEmpty();
        Block done = p.blocks().get(1);
        assertThat(done.content()).isEqualTo("x");
        assertThat(done.scheduled()).isEqualTo("<2024-01-31 Wed>");
        assertThat(done.deadline()).isEqualTo("<2024-02-01 Thu>");
        assertThat(done.id()).isEqualTo(UUID);
    }

    @Test
    void anOutdentToAnUnknownLevelTakesTheLevelOfTheBlockItPasses() {
        // levels 1, 4, 3, 4, 2: the "3" passes the "4" and takes its level, so the next "4" is
        // its sibling, as graph-parser nests them
        Page p = page(dir, "- one\n   - four\n  - three\n   - four again\n - two\n- back");
        assertThat(tree(p.blocks().get(0))).containsExactly("one>[four]");
        assertThat(p.blocks().get(0).children())
                .extracting(Block::content)
                .containsExactly("four", "three", "four again", "two");
        assertThat(p.blocks()).extracting(Block::content).containsExactly("one", "back");
    }

    @Test
    void tagsEndAsMldocEndsThem() {
        Page p =
                page(
                        dir,
                        "- (see #followup)\n- owner'#team/ops\n- quoted \"#tag\" here\n"
                                + "- ends #dot. #colon: #comma, #many.,\n"
                                + "- [Office #2: hours](https://example.org) {{query #qtag}}\n"
                                + "- a#b (#paren) ## Heading\n- #<vector> **bold #bold**");
        assertThat(p.flatBlocks())
                .extracting(b -> b.refs().stream().map(Block.Ref::target).toList())
                .containsExactly(
                        List.of("followup)"),
                        List.of("team/ops"),
                        List.of("tag"),
                        List.of("dot", "colon", "comma", "many"),
                        List.of(),
                        List.of(),
                        List.of("<vector>", "bold"));
    }

    @Test
    void orgDirectivesAnywhereAreThePagesAndEndClosesADrawer() {
        Graph g =
                new TestGraph(dir)
                        .file("pages/reading.org", "* #+title: Reading Room\n* Second\n")
                        .file(
                                "pages/end.org",
                                "* First\n:PROPERTIES:\n:end: x\n:END:\n* Next\n"
                                        + "  ~[[not a ref]]~s and =#no=\n")
                        .read();
        Page reading = g.page("Reading Room").orElseThrow();
        assertThat(reading.file()).isEqualTo("pages/reading.org");
        assertThat(reading.blocks()).extracting(Block::content).containsExactly("", "Second");
        Page end = g.page("end").orElseThrow();
        assertThat(end.blocks())
                .extracting(Block::content)
                .containsExactly("First\nx\n:END:", "Next\n~[[not a ref]]~s and =#no=");
        assertThat(end.flatBlocks().get(1).refs()).isEmpty();
    }

    @Test
    void case08UnderscoreAndEmptyPropertyKeysAreProperties() {
        Block b = only(page(dir, "- text\n  created_at:: 2024\n  empty::\n  more"));
        assertThat(b.properties()).containsEntry("created_at", "2024").containsEntry("empty", "");
        assertThat(b.content()).isEqualTo("text\nmore");
    }

    @Test
    void case09TripleLowbarFileNameIsANamespacePageWithGeneratedParent() {
        Graph g =
                new TestGraph(dir)
                        .config("{:file/name-format :triple-lowbar}")
                        .file("pages/Community___Query Learning Sprint (Summer 2022).md", "- x")
                        .read();
        Page p = g.page("community/query learning sprint (summer 2022)").orElseThrow();
        assertThat(p.name()).isEqualTo("Community/Query Learning Sprint (Summer 2022)");
        Page parent = g.page("Community").orElseThrow();
        assertThat(parent.isGenerated()).isTrue();
        assertThat(parent.published()).isTrue();
    }

    @Test
    void case10LegacyPercent2FIsANamespace() {
        Graph g =
                new TestGraph(dir)
                        .file("pages/Article%2FThe Step-By-Step Guide.md", "- x")
                        .file("pages/A.B.C.md", "- y")
                        .file("pages/Version 1.0.md", "- z")
                        .read();
        assertThat(g.page("Article/The Step-By-Step Guide")).isPresent();
        assertThat(g.page("A/B/C").orElseThrow().file()).isEqualTo("pages/A.B.C.md");
        assertThat(g.page("Version 1/0")).isPresent();
        assertThat(g.page("A/B").orElseThrow().isGenerated()).isTrue();
        assertThat(g.page("Article").orElseThrow().isGenerated()).isTrue();
    }

    @Test
    void case11PercentEncodedQuestionMarkIsReachableByItsTitle() {
        Graph g =
                new TestGraph(dir)
                        .config("{:file/name-format :triple-lowbar}")
                        .file("pages/New to Logseq%3F.md", "- x")
                        .file("pages/What%3F A%3A B.md", "- x")
                        .file("pages/C%23.md", "- x")
                        .file("pages/Tweet___Managem...___.md", "- x")
                        .read();
        assertThat(g.page("New to Logseq?")).isPresent();
        assertThat(g.page("What? A: B")).isPresent();
        assertThat(g.page("C#")).isPresent();
        assertThat(g.page("Tweet/Managem...")).isPresent();
    }

    @Test
    void case12SpaceAndUnderscoreNamesAreDistinctPages() {
        Graph g =
                new TestGraph(dir)
                        .file("pages/Advanced Queries.md", "- x")
                        .file("pages/Advanced_Queries.md", "- y")
                        .read();
        assertThat(g.pages())
                .extracting(Page::name)
                .contains("Advanced Queries", "Advanced_Queries");
        assertThat(g.warnings()).isEmpty();
    }

    @Test
    void case13TitlePropertyWinsOverFileName() {
        Graph g = new TestGraph(dir).file("pages/foo.md", "title:: Bar\n\n- x").read();
        assertThat(g.page("Bar").orElseThrow().file()).isEqualTo("pages/foo.md");
        assertThat(g.page("foo")).isEmpty();
    }

    @Test
    void case14ApostropheAndAmpersandTitlesStayUnescaped() {
        Graph g =
                new TestGraph(dir)
                        .file("pages/What's New.md", "- x")
                        .file("pages/Q&A.md", "- y")
                        .read();
        assertThat(g.pages()).extracting(Page::name).contains("What's New", "Q&A");
    }

    @Test
    void case15JournalFilesAreNamedInTheTitleFormatAndRefsFindThem() {
        Graph g =
                new TestGraph(dir)
                        .file("journals/2022_09_20.md", "- day")
                        .file("pages/p.md", "- see [[Sep 20th, 2022]]")
                        .read();
        Page j = g.page("Sep 20th, 2022").orElseThrow();
        assertThat(j.file()).isEqualTo("journals/2022_09_20.md");
        assertThat(j.journalDay()).isEqualTo(20220920);
        assertThat(g.pages()).filteredOn(Page::isGenerated).isEmpty();
    }

    @Test
    void case15JournalTitleFormatFromConfigIsUsedAndSlashIsNoNamespace() {
        Graph g =
                new TestGraph(dir)
                        .config(
                                "{:journal/page-title-format \"MM/dd/yyyy\""
                                        + " :feature/enable-journals? false}")
                        .file("journals/2024_01_31.md", "- day")
                        .file("pages/2024_02_01.md", "- also a journal")
                        .read();
        assertThat(g.page("01/31/2024").orElseThrow().journalDay()).isEqualTo(20240131);
        assertThat(g.page("02/01/2024").orElseThrow().journalDay()).isEqualTo(20240201);
        assertThat(g.page("01/31/2024").orElseThrow().published()).isTrue();
        assertThat(g.pages()).noneMatch(Page::isGenerated);
        assertThat(g.config().journalsEnabled()).isFalse();
    }

    @Test
    void case16RefsAreCaseInsensitive() {
        Graph g =
                new TestGraph(dir)
                        .file("pages/Marketplace demo.md", "- x")
                        .file("pages/p.md", "- [[marketplace demo]]")
                        .read();
        Block b = g.page("p").orElseThrow().blocks().get(0);
        assertThat(b.refs()).containsExactly(Block.Ref.page("marketplace demo"));
        assertThat(g.page(b.refs().get(0).target()).orElseThrow().name())
                .isEqualTo("Marketplace demo");
        assertThat(g.pages()).noneMatch(Page::isGenerated);
    }

    @Test
    void case17UnderscoreRefAndHashtagNameTheSamePage() {
        Block b = only(page(dir, "- [[my_page]] and #my_page"));
        assertThat(b.refs()).containsExactly(Block.Ref.page("my_page"), Block.Ref.tag("my_page"));
    }

    @Test
    void case18MultiWordTagIsOneTagRef() {
        Block b = only(page(dir, "- see #[[multi word]] now"));
        assertThat(b.refs()).containsExactly(Block.Ref.tag("multi word"));
    }

    @Test
    void case19PriorityAfterMarkerIsReadAndRemoved() {
        Block b = only(page(dir, "- TODO [#A] x"));
        assertThat(b.marker()).isEqualTo("TODO");
        assertThat(b.priority()).isEqualTo("A");
        assertThat(b.content()).isEqualTo("x");
        assertThat(b.refs()).isEmpty();
    }

    @Test
    void case20MarkersCountOnlyAtBlockStart() {
        Page p = page(dir, "- I need it NOW\n- NOW do it\n- NOWHERE\n- LATER");
        assertThat(p.blocks())
                .extracting(Block::marker)
                .containsExactly(null, "NOW", null, "LATER");
        assertThat(p.blocks())
                .extracting(Block::content)
                .containsExactly("I need it NOW", "do it", "NOWHERE", "");
    }

    @Test
    void case21RefsInsideInlineAndFencedCodeAreIgnored() {
        Block b =
                only(
                        page(
                                dir,
                                "- `[[x]] #inc TODO` and ``[[y]]`` but [[z]]\n"
                                        + "  ```\n  [[w]] #v (("
                                        + UUID
                                        + "))\n  ```"));
        assertThat(b.refs()).containsExactly(Block.Ref.page("z"));
        assertThat(b.content()).contains("`[[x]] #inc TODO`", "[[w]]");
    }

    @Test
    void case22UrlFragmentsAreNotTags() {
        Block b = only(page(dir, "- http://x.com/#frag [l](https://y.org/a#b) colour #fff"));
        // policy: a bare #fff after whitespace is a tag, as in Logseq; fragments never are
        assertThat(b.refs()).containsExactly(Block.Ref.tag("fff"));
    }

    @Test
    void case23MarkerNamedPageIsAnOrdinaryRef() {
        Block b = only(page(dir, "- [[NOW]] is a page"));
        assertThat(b.marker()).isNull();
        assertThat(b.content()).isEqualTo("[[NOW]] is a page");
        assertThat(b.refs()).containsExactly(Block.Ref.page("NOW"));
    }

    @Test
    void case24FenceKeepsIndentationBlankLinesAndBulletLikeLines() {
        Page p = page(dir, "- ```py\n  def f():\n      return 1\n\n  x = 2\n- x\n  ```\n- after");
        assertThat(p.blocks()).hasSize(2);
        assertThat(p.blocks().get(0).content())
                .isEqualTo("```py\ndef f():\n    return 1\n\nx = 2\n- x\n```");
        assertThat(p.blocks().get(1).content()).isEqualTo("after");
    }

    @Test
    void case25LoneDashIsAnEmptyBlock() {
        Page p = page(dir, "- a\n-\n- b");
        assertThat(p.blocks()).extracting(Block::content).containsExactly("a", "", "b");
    }

    @Test
    void case26CrlfFilesParseLikeLf() {
        Page p = page(dir, "\uFEFF- a\r\n  id:: " + UUID + "\r\n- b\r\n");
        assertThat(p.blocks()).extracting(Block::content).containsExactly("a", "b");
        assertThat(p.blocks().get(0).id()).isEqualTo(UUID);
    }

    @Test
    void case27BlankLineInsideABlockKeepsBothParagraphs() {
        Block b = only(page(dir, "- p1\n\n  p2"));
        assertThat(b.content()).isEqualTo("p1\n\np2");
    }

    @Test
    void case28And29BlockRefsResolveAcrossPagesInAnyCase() {
        Graph g =
                new TestGraph(dir)
                        .file("pages/a.md", "- target\n  id:: " + UUID)
                        .file("pages/b.md", "- see ((" + UUID.toUpperCase() + "))")
                        .read();
        Block b = g.page("b").orElseThrow().blocks().get(0);
        assertThat(b.refs()).containsExactly(Block.Ref.block(UUID.toUpperCase()));
        Graph.BlockLocation loc = g.block(b.refs().get(0).target()).orElseThrow();
        assertThat(loc.page().name()).isEqualTo("a");
        assertThat(loc.block().content()).isEqualTo("target");
    }

    @Test
    void case30NestedRefNamesTheOuterPageAndTheInnerOne() {
        Block b = only(page(dir, "- [[a [[b]]]]"));
        assertThat(b.refs()).containsExactly(Block.Ref.page("a [[b]]"), Block.Ref.page("b"));
    }

    @Test
    void case31EmbedsAreEmbedRefs() {
        Block b = only(page(dir, "- {{embed [[p q]]}} {{embed ((" + UUID + "))}} [l]([[r]])"));
        assertThat(b.refs())
                .containsExactly(
                        Block.Ref.embed("p q", false),
                        Block.Ref.embed(UUID, true),
                        Block.Ref.page("r"));
    }

    @Test
    void case33ImageWithAttributesStaysInContentAndAssetsAreListed() {
        String img = "![a](../assets/x y é.png){:height 100, :width 200}";
        Graph g =
                new TestGraph(dir)
                        .file("pages/p.md", "- " + img)
                        .bytes("assets/x y é.png", new byte[] {1, 2, 3})
                        .bytes("assets/sub/pdf.png", new byte[] {4})
                        .read();
        assertThat(g.page("p").orElseThrow().blocks().get(0).content()).isEqualTo(img);
        assertThat(g.assets()).containsOnlyKeys("assets/x y é.png", "assets/sub/pdf.png");
        assertThat(g.assets().get("assets/x y é.png").size()).isEqualTo(3);
    }

    @Test
    void case35DrawersAndPlanningLinesLeaveTheContent() {
        Block b =
                only(
                        page(
                                dir,
                                "- DONE ship\n  SCHEDULED: <2024-01-01 Mon>\n"
                                        + "  DEADLINE: <2024-01-31 Wed .+1d>\n  :LOGBOOK:\n"
                                        + "  CLOCK: [2024-01-01 Mon 10:00]--[2024-01-01 Mon"
                                        + " 11:00] =>  01:00:00\n  :END:\n  notes"));
        assertThat(b.marker()).isEqualTo("DONE");
        assertThat(b.scheduled()).isEqualTo("<2024-01-01 Mon>");
        assertThat(b.deadline()).isEqualTo("<2024-01-31 Wed .+1d>");
        assertThat(b.content()).isEqualTo("ship\nnotes");
    }

    @Test
    void case36HeadingsNestedInChildrenComeInDocumentOrder() {
        Page p =
                page(
                        dir,
                        "- # A\n\t- ## B\n\t\t- ### C\n- plain\n  heading:: 2\n- x\n  heading:: true");
        assertThat(p.flatBlocks()).extracting(Block::headingLevel).containsExactly(1, 2, 3, 2, 1);
        assertThat(p.flatBlocks())
                .extracting(Block::content)
                .containsExactly("# A", "## B", "### C", "plain", "x");
    }

    @Test
    void case42OutlinesThatJumpBackAndForthStillFormATree() {
        Page p = page(dir, "- a\n\t\t\t- b\n\t- c\n\t\t\t\t\t- d\n- e");
        assertThat(p.flatBlocks())
                .extracting(Block::content)
                .containsExactly("a", "b", "c", "d", "e");
        assertThat(p.blocks()).extracting(Block::content).containsExactly("a", "e");
        assertThat(p.blocks().get(0).children())
                .extracting(Block::content)
                .containsExactly("b", "c");
    }

    @Test
    void case43PublicFalseAndHiddenPathsAreUnpublishedButKept() {
        Graph g =
                new TestGraph(dir)
                        .config("{:hidden [\"/pages/private\" \"assets/secret\"]}")
                        .file("pages/private/x.md", "- secret [[Only Here]]")
                        .file("pages/closed.md", "public:: false\n\n- no")
                        .file("pages/open.md", "- yes")
                        .bytes("assets/secret/a.png", new byte[] {1})
                        .read();
        assertThat(g.page("x").orElseThrow().published()).isFalse();
        assertThat(g.page("closed").orElseThrow().published()).isFalse();
        assertThat(g.page("open").orElseThrow().published()).isTrue();
        assertThat(g.page("Only Here")).isEmpty();
        assertThat(g.assets()).isEmpty();
    }
}
