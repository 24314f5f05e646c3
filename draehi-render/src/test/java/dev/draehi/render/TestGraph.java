package dev.draehi.render;

import dev.draehi.model.Asset;
import dev.draehi.model.Block;
import dev.draehi.model.Graph;
import dev.draehi.model.GraphConfig;
import dev.draehi.model.Page;
import dev.draehi.model.Slugs;
import dev.draehi.model.Workspace;
import dev.draehi.spi.LinkResolver;
import dev.draehi.spi.RenderContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The small graph the spec examples render against, and its fixed link resolver. */
final class TestGraph {
    static final String B1 = "6453a7a2-1111-2222-3333-444455556666";
    static final String B2 = "6453a7a2-2222-2222-3333-444455556666";
    static final String PRIVATE_BLOCK = "6453a7a2-3333-2222-3333-444455556666";
    static final String SELF_REF = "6453a7a2-4444-2222-3333-444455556666";
    static final String LOOP_A = "6453a7a2-5555-2222-3333-444455556666";
    static final String LOOP_B = "6453a7a2-6666-2222-3333-444455556666";
    static final String PARENT = "6453a7a2-7777-2222-3333-444455556666";
    static final String EVIL = "6453a7a2-8888-2222-3333-444455556666";
    static final String HL_TEXT = "6453a7a2-abcd-2222-3333-444455556666";
    static final String HL_AREA = "6453a7a2-abce-2222-3333-444455556666";
    static final String HLS_PAGE = "hls__paper_1663143498127_0";

    private TestGraph() {}

    static Page page(String name, Block... blocks) {
        return new Page(
                name,
                "pages/" + name + ".md",
                null,
                null,
                true,
                Map.of(),
                List.of(),
                List.of(),
                List.of(blocks));
    }

    static Page page(
            String name,
            boolean published,
            List<String> aliases,
            List<String> tags,
            Block... blocks) {
        return new Page(
                name,
                "pages/" + name + ".md",
                null,
                null,
                published,
                Map.of(),
                tags,
                aliases,
                List.of(blocks));
    }

    static Graph graph() {
        List<Page> pages = new ArrayList<>();
        pages.add(
                page(
                        "Current Page",
                        TestBlocks.md("current"),
                        TestBlocks.md("[^src]: the source")));
        for (String n :
                List.of(
                        "Page",
                        "Marketplace demo",
                        "my_page",
                        "multi word",
                        "a",
                        "a/b",
                        "a/b/c",
                        "NOW",
                        "What's New",
                        "Q&A",
                        "a [[b]]",
                        "b",
                        "C#",
                        "fff",
                        "tag",
                        "x",
                        "Area/Topic 1",
                        "Area/Topic 2",
                        "Area/Topic 1/Deep",
                        "New to Logseq?",
                        "Version 1/0",
                        "日本語",
                        "p")) {
            pages.add(page(n));
        }
        pages.add(
                new Page(
                        "Sep 20th, 2022",
                        "journals/2022_09_20.md",
                        null,
                        20220920,
                        true,
                        Map.of(),
                        List.of(),
                        List.of(),
                        List.of(TestBlocks.md("TODO journal task [[Page]]"))));
        pages.add(
                new Page(
                        "Jan 31st, 2024",
                        "journals/2024_01_31.md",
                        null,
                        20240131,
                        true,
                        Map.of(),
                        List.of(),
                        List.of(),
                        List.of(TestBlocks.md("january entry #tag"))));
        pages.add(
                page(
                        "Private Page",
                        false,
                        List.of(),
                        List.of(),
                        TestBlocks.md("secret content\nid:: " + PRIVATE_BLOCK)));
        pages.add(page("Alias Target", true, List.of("AliasName"), List.of()));
        pages.add(
                page(
                        "Referenced",
                        TestBlocks.md("the **referenced** text [[Page]]\nid:: " + B1),
                        TestBlocks.md("second block\nid:: " + B2),
                        TestBlocks.md("refers to itself ((" + SELF_REF + "))\nid:: " + SELF_REF),
                        TestBlocks.md("loop a ((" + LOOP_B + "))\nid:: " + LOOP_A),
                        TestBlocks.md("loop b ((" + LOOP_A + "))\nid:: " + LOOP_B),
                        TestBlocks.md(
                                "parent block\nid:: " + PARENT,
                                TestBlocks.md("child one"),
                                TestBlocks.md("child two", TestBlocks.md("grandchild"))),
                        TestBlocks.md(
                                "<img src=x onerror=alert(1)> [[Private Page]]\nid:: " + EVIL)));
        pages.add(
                page(
                        "Embedded",
                        TestBlocks.md("first embedded"),
                        TestBlocks.md("second embedded", TestBlocks.md("nested embedded"))));
        pages.add(page("Self Embed", TestBlocks.md("{{embed [[Self Embed]]}}")));
        pages.add(page("Loop One", TestBlocks.md("{{embed [[Loop Two]]}}")));
        pages.add(page("Loop Two", TestBlocks.md("{{embed [[Loop One]]}}")));
        pages.add(page("Embeds Private", TestBlocks.md("{{embed [[Private Page]]}}")));
        pages.add(
                page(
                        "Tasks",
                        true,
                        List.of(),
                        List.of("project"),
                        TestBlocks.md("TODO [#A] write spec #work"),
                        TestBlocks.md("DOING review code [[Page]]"),
                        TestBlocks.md("DONE ship it #work"),
                        TestBlocks.md("LATER plan\ntype:: book"),
                        TestBlocks.md("plain note about kittens")));
        pages.add(
                page(
                        "Hidden Tasks",
                        false,
                        List.of(),
                        List.of(),
                        TestBlocks.md("TODO hidden task #work")));
        pages.add(
                new Page(
                        HLS_PAGE,
                        "pages/" + HLS_PAGE + ".md",
                        null,
                        null,
                        true,
                        Map.of(
                                "file",
                                "[paper.pdf](../assets/paper_1663143498127_0.pdf)",
                                "file-path",
                                "../assets/paper_1663143498127_0.pdf"),
                        List.of(),
                        List.of(),
                        List.of(
                                TestBlocks.md(
                                        "a highlighted sentence\nls-type:: annotation\nhl-page:: 3"
                                                + "\nhl-color:: green\nid:: "
                                                + HL_TEXT),
                                TestBlocks.md(
                                        "[:span]\nls-type:: annotation\nhl-page:: 5\nhl-color::"
                                                + " yellow\nhl-type:: area\nhl-stamp::"
                                                + " 1663143600000\nid:: "
                                                + HL_AREA))));
        Map<String, Asset> assets = new LinkedHashMap<>();
        for (String a :
                List.of(
                        "assets/paper_1663143498127_0.pdf",
                        "assets/paper_1663143498127_0/5_" + HL_AREA + "_1663143600000.png",
                        "assets/x.png",
                        "assets/my image.png",
                        "assets/ünï.png",
                        "assets/doc.pdf",
                        "assets/clip.mp4")) {
            assets.put(a, new Asset(a, Path.of("/tmp/" + a), 1));
        }
        Map<String, String> macros =
                Map.of(
                        "poem", "Rose is $1, violet's $2",
                        "bold", "**$1**",
                        "evil", "<script>alert(1)</script>$1",
                        "loop", "{{loop}}",
                        "link", "[$1]($2)");
        GraphConfig config =
                new GraphConfig(null, true, GraphConfig.DEFAULT_JOURNAL_TITLE_FORMAT, true, macros);
        return new Graph("0".repeat(40), config, pages, assets, List.of());
    }

    static Workspace workspace() {
        return new Workspace(
                1,
                1,
                "ws",
                "Workspace",
                null,
                Workspace.DEFAULT_EMBED_DEPTH,
                Instant.EPOCH,
                Instant.EPOCH);
    }

    /**
     * Pages at {@code /ws/<slugged segments>}, blocks at {@code #id}, assets under {@code
     * /ws/-/assets/}.
     */
    static LinkResolver resolver(Graph graph) {
        return new LinkResolver() {
            @Override
            public Optional<String> pageUrl(String name) {
                return graph.page(name).filter(Page::published).map(p -> "/ws/" + path(p.name()));
            }

            @Override
            public Optional<String> blockUrl(String id) {
                return graph.block(id)
                        .filter(l -> l.page().published())
                        .map(l -> "/ws/" + path(l.page().name()) + "#" + l.block().id());
            }

            @Override
            public Optional<String> assetUrl(String path) {
                if (!graph.assets().containsKey(path)) {
                    return Optional.empty();
                }
                return Optional.of(
                        "/ws/-/"
                                + URLEncoder.encode(path, StandardCharsets.UTF_8)
                                        .replace("+", "%20")
                                        .replace("%2F", "/"));
            }
        };
    }

    static String path(String name) {
        List<String> parts = new ArrayList<>();
        for (String seg : name.split("/")) {
            parts.add(Slugs.slugify(seg));
        }
        return String.join("/", parts);
    }

    static RenderContext context() {
        Graph g = graph();
        return new RenderContext(g, workspace(), resolver(g));
    }

    static Page currentPage(RenderContext ctx) {
        return ctx.graph().page("Current Page").orElseThrow();
    }

    /** A Markdown block without children, marker or dates, at {@code line} of its file. */
    static Block block(String id, String content, Map<String, String> properties, int line) {
        return Block.of(content).withId(id).withProperties(properties).withLine(line);
    }
}
