package dev.draehi.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.draehi.SyncException;
import dev.draehi.model.Block;
import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import dev.draehi.model.SyncWarning;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogseqGraphReaderTest {
    @TempDir Path dir;

    private TestGraph graph() {
        return new TestGraph(dir);
    }

    @Test
    void walkerSkipsDotPathsBackupsVersionFilesNodeModulesAndSymlinks() throws Exception {
        TestGraph t =
                graph().file("pages/a.md", "- a")
                        .file("pages/sub/deeper/b.md", "- b")
                        .file("pages/.hidden.md", "- no")
                        .file("pages/.git/c.md", "- no")
                        .file("logseq/bak/pages/a.md", "- no")
                        .file("logseq/.recycle/a.md", "- no")
                        .file("pages/version-files/x.md", "- no")
                        .file("pages/node_modules/y.md", "- no")
                        .file("pages/notes.txt", "no")
                        .file("draws/d.md", "- no")
                        .file("outside/z.md", "- no");
        Files.createSymbolicLink(dir.resolve("pages/link.md"), dir.resolve("outside/z.md"));
        Files.createSymbolicLink(dir.resolve("pages/linkdir"), dir.resolve("outside"));
        Graph g = t.read();
        assertThat(g.pages())
                .extracting(Page::file)
                .containsExactly("pages/a.md", "pages/sub/deeper/b.md");
        assertThat(g.page("b")).isPresent();
    }

    @Test
    void aConfigReachedThroughASymlinkIsNotRead(@TempDir Path outside) throws Exception {
        // Another folder of the server's disk, whose config would publish a different home page.
        Files.createDirectories(outside.resolve("logseq"));
        Files.writeString(
                outside.resolve("logseq/config.edn"), "{:default-home {:page \"Secret\"}}");
        TestGraph t = graph().file("pages/a.md", "- a");
        Files.createSymbolicLink(dir.resolve("logseq"), outside.resolve("logseq"));
        Graph g = t.read();
        assertThat(g.config().defaultHome()).isNotEqualTo("Secret");
        assertThat(g.warnings())
                .anyMatch(
                        w ->
                                "logseq/config.edn".equals(w.file())
                                        && w.message().contains("symlink"));

        // A linked config.edn in a real logseq/ folder: the same.
        Files.delete(dir.resolve("logseq"));
        Files.createDirectories(dir.resolve("logseq"));
        Files.createSymbolicLink(
                dir.resolve("logseq/config.edn"), outside.resolve("logseq/config.edn"));
        assertThat(t.read().config().defaultHome()).isNotEqualTo("Secret");

        // An incremental read of a page under a linked folder reads nothing there either.
        Files.createDirectories(outside.resolve("p"));
        Files.writeString(outside.resolve("p/x.md"), "- from outside");
        assertThat(dev.draehi.sync.internal.GraphWalker.noLinkOnTheWay(dir, "pages/a.md")).isTrue();
        Files.createSymbolicLink(dir.resolve("pages/linked"), outside.resolve("p"));
        assertThat(dev.draehi.sync.internal.GraphWalker.noLinkOnTheWay(dir, "pages/linked/x.md"))
                .isFalse();
        assertThat(dev.draehi.sync.internal.GraphWalker.noLinkOnTheWay(dir, "pages/../x.md"))
                .isFalse();
    }

    @Test
    void pagesComeInCollisionOrderJournalsFirstThenPagesByPathThenGenerated() {
        Graph g =
                graph().file("pages/b.md", "- [[zeta]] [[Alpha/Beta]]")
                        .file("pages/a.md", "- x")
                        .file("journals/2024_01_02.md", "- d2")
                        .file("journals/2024_01_01.md", "- d1")
                        .read();
        assertThat(g.pages())
                .extracting(Page::name)
                .containsExactly(
                        "Jan 1st, 2024", "Jan 2nd, 2024", "a", "b", "zeta", "Alpha/Beta", "Alpha");
        assertThat(g.pages().subList(4, 7)).allMatch(Page::isGenerated);
    }

    @Test
    void twoFilesWithOneIdentityKeepTheFirstAndWarnNamingBoth() {
        Graph g =
                graph().file("pages/Foo.md", "- upper")
                        .file("pages/foo.md", "- lower")
                        .file("pages/x.md", "title:: FOO\n\n- titled")
                        .read();
        assertThat(g.pages()).hasSize(1);
        assertThat(g.page("foo").orElseThrow().file()).isEqualTo("pages/Foo.md");
        assertThat(g.warnings())
                .hasSize(2)
                .allSatisfy(w -> assertThat(w.message()).contains("pages/Foo.md"))
                .extracting(SyncWarning::file)
                .containsExactly("pages/foo.md", "pages/x.md");
    }

    @Test
    void journalFileWinsOverAPageWithTheSameDate() {
        Graph g =
                graph().file("journals/2024_01_31.md", "- journal")
                        .file("pages/Jan 31st, 2024.md", "- page")
                        .read();
        assertThat(g.page("Jan 31st, 2024").orElseThrow().file())
                .isEqualTo("journals/2024_01_31.md");
        assertThat(g.warnings())
                .singleElement()
                .extracting(SyncWarning::file)
                .isEqualTo("pages/Jan 31st, 2024.md");
    }

    @Test
    void contentsFileIsAlwaysNamedContents() {
        Graph g = graph().file("pages/contents.md", "- [[x]]").read();
        assertThat(g.page("Contents").orElseThrow().file()).isEqualTo("pages/contents.md");
    }

    @Test
    void aliasesAnswerForThePageAndAreNotGenerated() {
        Graph g =
                graph().file("pages/Main.md", "alias:: Other, [[Third one]]\n\n- x")
                        .file("pages/p.md", "- [[other]] [[third ONE]]")
                        .read();
        assertThat(g.page("Main").orElseThrow().aliases()).containsExactly("Other", "Third one");
        assertThat(g.page("other").orElseThrow().name()).isEqualTo("Main");
        assertThat(g.pages()).noneMatch(Page::isGenerated);
    }

    @Test
    void generatedPagesArePublishedOnlyWhenAPublishedPageNeedsThem() {
        Graph g =
                graph().file("pages/pub.md", "type:: [[Kind]]\n\n- #tagged\n  tags:: t1")
                        .file("pages/priv.md", "public:: false\n\n- [[Secret Ref]]")
                        .file("pages/Ns___Child.md", "public:: false\n\n- x")
                        .config("{:file/name-format :triple-lowbar}")
                        .read();
        assertThat(g.page("Kind").orElseThrow().published()).isTrue();
        assertThat(g.page("tagged").orElseThrow().published()).isTrue();
        assertThat(g.page("t1").orElseThrow().isGenerated()).isTrue();
        assertThat(g.page("Secret Ref")).isEmpty();
        assertThat(g.page("Ns").orElseThrow().published()).isFalse();
    }

    @Test
    void allPagesPublicFalseNeedsPublicTrueAndStrictModeFollowsLogseq() {
        TestGraph t =
                graph().file("pages/yes.md", "public:: true\n\n- x").file("pages/no.md", "- y");
        t.config("{:publishing/all-pages-public? false}");
        Graph g = t.read();
        assertThat(g.publishedPages()).extracting(Page::name).containsExactly("yes");

        t.config("{}");
        assertThat(t.read().publishedPages()).hasSize(2);
        LogseqGraphReader strict = LogseqGraphReader.builder().strictPublishing(true).build();
        assertThat(t.read(strict).publishedPages()).extracting(Page::name).containsExactly("yes");
        t.config("{:publishing/all-pages-public? true}");
        assertThat(t.read(strict).publishedPages()).hasSize(2);
    }

    @Test
    void configEdnWithFunctionsSetsCommentsAndMacrosIsRead() {
        Graph g =
                graph().config(
                                ";; comment\n{:meta/version 1\n"
                                        + " :default-home {:page \"Start\"}\n"
                                        + " :query/views {:pprint (fn [r] [:pre (pr-str r)])}\n"
                                        + " :ui/set #{:a :b}\n"
                                        + " :property-pages/enabled? false\n"
                                        + " :macros {\"poem\" \"Rose is $1\" :kw \"x\"}\n"
                                        + " :hidden [] ; trailing\n}")
                        .read();
        assertThat(g.config().defaultHome()).isEqualTo("Start");
        assertThat(g.config().propertyPagesEnabled()).isFalse();
        assertThat(g.config().journalsEnabled()).isTrue();
        assertThat(g.config().macros())
                .containsEntry("poem", "Rose is $1")
                .containsEntry("kw", "x");
        assertThat(g.warnings()).isEmpty();
    }

    @Test
    void configWithLogseqsOwnRelativeDateKeywordsDiscardsAndSetsIsRead() {
        // Logseq ships :default-queries with :inputs [:14d :today]; its reader reads them
        Graph g =
                graph().config(
                                "{:meta/version 1\n"
                                        + " :file/name-format :triple-lowbar\n"
                                        + " #_ :hidden #_[\"nothing\"]\n"
                                        + " :journal/page-title-format \"yyyy-MM-dd\"\n"
                                        + " :hidden #{\"pages/private\"}\n"
                                        + " :default-queries {:journals [{:title \"Recent\"\n"
                                        + "   :query [:find (pull ?b [*]) :in $ ?start ?end]\n"
                                        + "   :inputs [:14d :-7d :+30d :365d :today]}]}}\n"
                                        + "{:a second form, which Logseq never reads")
                        .file("pages/Tools___Hammer.md", "- x")
                        .file("pages/Node.js.md", "- y")
                        .file("pages/private/secret.md", "- no")
                        .file("journals/2024_01_02.md", "- d")
                        .read();
        assertThat(g.warnings()).isEmpty();
        assertThat(g.page("Tools/Hammer")).isPresent();
        assertThat(g.page("Node.js")).isPresent();
        assertThat(g.page("2024-01-02")).isPresent();
        assertThat(g.config().journalQueries()).hasSize(1);
        assertThat(g.config().journalQueries().get(0).toString()).contains("Recent");
        assertThat(g.publishedPages())
                .extracting(Page::file)
                .doesNotContain("pages/private/secret.md");
    }

    @Test
    void aWhiteboardIsAPageWhoseFirstBlockCarriesTheBoardAndWhosePortalsAreRefs() {
        Graph g =
                graph().file(
                                "whiteboards/Every Shape.edn",
                                dev.draehi.testing.TestWhiteboards.everyShape())
                        .file("whiteboards/nested/skipped.edn", "{}")
                        .file("whiteboards/broken.edn", "{:blocks [")
                        .file("pages/Whiteboard Target.md", "- x")
                        .read();
        Page wb = g.page("Every Shape").orElseThrow();
        assertThat(wb.file()).isEqualTo("whiteboards/Every Shape.edn");
        assertThat(wb.published()).isTrue();
        Block board = wb.blocks().get(0);
        assertThat(board.properties().get(dev.draehi.model.Whiteboard.PROPERTY))
                .isEqualTo(dev.draehi.testing.TestWhiteboards.everyShape());
        assertThat(board.content()).contains("A note on the board", "leads to", "Idea");
        assertThat(wb.blocks().subList(1, wb.blocks().size()))
                .extracting(Block::content)
                .containsExactly(
                        "[[Whiteboard Target]]",
                        "((" + dev.draehi.testing.TestWhiteboards.BLOCK_ID + "))",
                        "[[Secret Plans]]");
        assertThat(wb.blocks().get(1).refs()).containsExactly(Block.Ref.page("Whiteboard Target"));
        assertThat(g.page("skipped")).isEmpty();
        // a file that is not EDN is an empty board and a warning
        assertThat(g.page("broken")).isPresent();
        assertThat(g.warnings())
                .anySatisfy(w -> assertThat(w.message()).startsWith("whiteboard not read"));
    }

    @Test
    void configLogseqCannotReadFailsTheReadWithFileLineAndReason() {
        TestGraph t = graph().file("pages/a.md", "- x");
        t.config("{:meta/version 1\n :hidden [\"private\"]\n :file/name-format :triple-lowbar [");
        assertThatThrownBy(t::read)
                .isInstanceOf(SyncException.class)
                .hasMessageStartingWith("logseq/config.edn:3: ")
                .hasMessageContaining("EOF")
                .extracting(e -> ((SyncException) e).reason())
                .isEqualTo(SyncException.Reason.INVALID_CONFIG);
        t.config("{:a 1\n :b #=(java.lang.System/exit 1)}");
        assertThatThrownBy(t::read).hasMessageStartingWith("logseq/config.edn:2: ");
        t.config("{:a 1 :a 2}");
        assertThatThrownBy(t::read).hasMessageContaining("Duplicate key: :a");
        t.config("[:not :a :map]");
        assertThatThrownBy(t::read).hasMessageContaining("not a map");
        t.config("{:hidden \"private\"}");
        assertThatThrownBy(t::read).hasMessageContaining(":hidden");
        // empty, or only comments: Logseq reads nil and uses its defaults
        t.config(";; nothing yet\n");
        assertThat(t.read().page("a")).isPresent();
    }

    @Test
    void configValueOfTheWrongTypeWarnsAndUsesItsDefault() {
        Graph g =
                graph().config("{:journal/page-title-format 42 :feature/enable-journals? \"no\"}")
                        .file("journals/2024_01_02.md", "- d")
                        .read();
        assertThat(g.config().journalTitleFormat()).isEqualTo("MMM do, yyyy");
        assertThat(g.config().journalsEnabled()).isTrue();
        assertThat(g.warnings())
                .extracting(SyncWarning::message)
                .containsExactly(
                        ":journal/page-title-format is 42, not a string; using the default",
                        ":feature/enable-journals? is a string, not true or false; using the"
                                + " default");
    }

    @Test
    void invalidUtf8IsReplacedWithAWarningOnItsLine() {
        byte[] bytes = "- ok\n- bad \u0000X\n".getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 3] = (byte) 0xff;
        Graph g = graph().bytes("pages/p.md", bytes).read();
        assertThat(g.page("p").orElseThrow().blocks().get(1).content()).isEqualTo("bad \uFFFDX");
        assertThat(g.warnings())
                .singleElement()
                .satisfies(w -> assertThat(w.toString()).startsWith("pages/p.md:2: invalid UTF-8"));
    }

    @Test
    void oversizedFileIsSkippedWithAWarningAndTheRestIsRead() {
        Graph g =
                graph().file("pages/big.md", "- " + "x".repeat(2000))
                        .file("pages/small.md", "- y")
                        .read(LogseqGraphReader.builder().maxFileBytes(1000).build());
        assertThat(g.pages()).extracting(Page::name).containsExactly("small");
        assertThat(g.warnings())
                .singleElement()
                .satisfies(w -> assertThat(w.toString()).contains("pages/big.md", "limit"));
    }

    @Test
    void deepNestingIsCappedAtMaxDepthWithAWarning() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            sb.append("\t".repeat(i)).append("- d").append(i).append('\n');
        }
        Graph g =
                graph().file("pages/deep.md", sb.toString())
                        .read(LogseqGraphReader.builder().maxDepth(50).build());
        Page p = g.page("deep").orElseThrow();
        assertThat(p.flatBlocks()).hasSize(500);
        int depth = 0;
        for (List<Block> level = p.blocks(); !level.isEmpty(); level = level.get(0).children()) {
            depth++;
        }
        assertThat(depth).isEqualTo(50);
        assertThat(g.warnings())
                .singleElement()
                .satisfies(w -> assertThat(w.toString()).startsWith("pages/deep.md:51:"));
    }

    @Test
    void mixedTabsAndSpacesKeepEveryLineAndWarn() {
        Graph g = graph().file("pages/m.md", "- a\n\t- b\n  - c\n\t\t- d").read();
        assertThat(g.page("m").orElseThrow().flatBlocks()).hasSize(4);
        assertThat(g.warnings())
                .singleElement()
                .satisfies(w -> assertThat(w.toString()).startsWith("pages/m.md:3:"));
    }

    @Test
    void yamlFrontMatterGivesPageProperties() {
        Graph g =
                graph().file("pages/f.md", "---\ntitle: Front\ntags: [a, \"b\"]\n---\n\n- body")
                        .read();
        Page p = g.page("Front").orElseThrow();
        assertThat(p.tags()).containsExactly("a", "b");
        assertThat(p.blocks()).extracting(Block::content).containsExactly("body");
    }

    @Test
    void textBeforeTheFirstBulletAndColumnZeroHeadingsAreBlocks() {
        Graph g =
                graph().file("pages/h.md", "type:: x\n\nIntro text\n# Head\n\t- child\n## Next")
                        .read();
        Page p = g.page("h").orElseThrow();
        assertThat(p.properties()).containsEntry("type", "x");
        assertThat(p.blocks())
                .extracting(Block::content)
                .containsExactly("Intro text", "# Head", "## Next");
        assertThat(p.blocks().get(1).children())
                .extracting(Block::content)
                .containsExactly("child");
    }

    @Test
    void beginBlocksStayWholeInsideTheirBlock() {
        Graph g =
                graph().file(
                                "pages/q.md",
                                "- quote\n  #+BEGIN_QUOTE\n  - not a block\n  #+END_QUOTE\n- next")
                        .read();
        assertThat(g.page("q").orElseThrow().blocks())
                .extracting(Block::content)
                .containsExactly("quote\n#+BEGIN_QUOTE\n- not a block\n#+END_QUOTE", "next");
    }

    @Test
    void orgFilesGiveHeadlineBlocksWithDrawersPlanningAndLinks() {
        String org =
                "#+TITLE: Org Page\n#+tags: x\n\n* TODO [#B] First [[Linked]] :tagA:\n"
                        + "  SCHEDULED: <2024-01-31 Wed>\n  :PROPERTIES:\n"
                        + "  :id: 60acdebb-9142-431f-907c-3ad0e6fc0148\n  :END:\n  body line\n"
                        + "** Child [[https://x.org][site]] [[Target][label]]\n"
                        + "#+BEGIN_SRC clojure\n* not a headline [[no]]\n#+END_SRC\n* Second";
        Graph g = graph().file("pages/o.org", org).read();
        Page p = g.page("Org Page").orElseThrow();
        assertThat(p.format()).isEqualTo(Block.Format.ORG);
        assertThat(p.blocks()).hasSize(2);
        Block first = p.blocks().get(0);
        assertThat(first.marker()).isEqualTo("TODO");
        assertThat(first.priority()).isEqualTo("B");
        assertThat(first.scheduled()).isEqualTo("<2024-01-31 Wed>");
        assertThat(first.id()).isEqualTo("60acdebb-9142-431f-907c-3ad0e6fc0148");
        assertThat(first.content()).isEqualTo("First [[Linked]] :tagA:\nbody line");
        assertThat(first.refs()).containsExactly(Block.Ref.page("Linked"), Block.Ref.tag("tagA"));
        Block child = first.children().get(0);
        assertThat(child.format()).isEqualTo(Block.Format.ORG);
        assertThat(child.refs()).containsExactly(Block.Ref.page("Target"));
        assertThat(child.content()).endsWith("#+END_SRC");
    }

    @Test
    void notADirectoryIsAnInvalidSource() {
        assertThatThrownBy(() -> LogseqGraphReader.builder().build().read(dir.resolve("none"), "x"))
                .isInstanceOf(SyncException.class)
                .extracting(e -> ((SyncException) e).reason())
                .isEqualTo(SyncException.Reason.INVALID_SOURCE);
    }

    @Test
    void outputDoesNotDependOnParallelism() {
        TestGraph t = graph();
        for (int i = 0; i < 60; i++) {
            t.file(
                    "pages/p" + i + ".md",
                    "- [[n"
                            + (i % 7)
                            + "/x]] id\n  id:: 6453a7a2-1111-2222-3333-44445555666"
                            + (i % 3));
        }
        Graph one = t.read(LogseqGraphReader.builder().parallelism(1).build());
        Graph many = t.read(LogseqGraphReader.builder().parallelism(8).build());
        assertThat(many.pages()).isEqualTo(one.pages());
        assertThat(many.warnings()).isEqualTo(one.warnings());
        assertThat(one.warnings().stream().map(SyncWarning::file).collect(Collectors.toList()))
                .hasSize(57);
    }
}
