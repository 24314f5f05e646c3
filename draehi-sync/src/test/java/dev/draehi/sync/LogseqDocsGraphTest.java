package dev.draehi.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Block;
import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import dev.draehi.testing.DocsGraph;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The real logseq/docs graph (examples/graphs/logseq-docs) loads completely and losslessly. */
class LogseqDocsGraphTest {
    private static Path root;
    private static Graph graph;

    @BeforeAll
    static void read() {
        root = DocsGraph.path();
        graph = LogseqGraphReader.builder().build().read(root, "0".repeat(40));
    }

    /*
     * How the numbers were checked:
     * - files: `ls journals | wc -l` = 91, `ls pages | wc -l` = 242 (no sub-folders, no symlinks).
     * - generated: the page list was printed and read through: contributors tagged in the
     *   changelogs, dates like [[Dec 1st, 2025]] (132 of them, hence 223 journal pages), tags such
     *   as #9920 (no pages for the arguments of {{query}} macros or tags in link labels,
     *   which Logseq does not read as refs either), namespace parents (Whiteboard, setting, term, Community, Templates, Tweet),
     *   and property keys (see propertyKeysArePages).
     * - blocks: an independent script counting "- " bullet lines outside ``` fences and Org
     *   headlines gives 6742; the 23 files where it differs were diffed by hand: column-0 Markdown
     *   headings (`## Usage`) are blocks in Logseq (+), "- " lines inside #+BEGIN_QUOTE/EXAMPLE are
     *   not (-). The mldoc differential (MldocDifferentialTest) agrees on every page's outline.
     * - block refs: grep finds 74 ((uuid)) occurrences; the one not counted sits in inline code
     *   in the description:: of "Block Reference".
     */
    @Test
    void loadsEveryFileWithExactCounts() {
        List<Page> pages = graph.pages();
        long files = pages.stream().filter(p -> !p.isGenerated()).count();
        long journalFiles = pages.stream().filter(p -> !p.isGenerated() && p.isJournal()).count();
        long blocks = pages.stream().mapToLong(p -> p.flatBlocks().size()).sum();
        long blockRefs =
                pages.stream()
                        .flatMap(p -> p.flatBlocks().stream())
                        .flatMap(b -> b.refs().stream())
                        .filter(Block.Ref::toBlock)
                        .count();
        assertThat(files).isEqualTo(333);
        assertThat(journalFiles).isEqualTo(91);
        assertThat(pages).hasSize(839); // 8 of them only as property pages (propertyKeysArePages)
        assertThat(pages.stream().filter(Page::isJournal).count()).isEqualTo(223);
        assertThat(blocks).isEqualTo(6770);
        assertThat(blockRefs).isEqualTo(73);
        assertThat(graph.warnings())
                .singleElement()
                .satisfies(w -> assertThat(w.toString()).startsWith("pages/Tasks.md:60:"));
    }

    @Test
    void namesTitlesNamespacesAndJournalsComeOutAsLogseqShowsThem() {
        assertThat(graph.page("Contents").orElseThrow().file()).isEqualTo("pages/contents.md");
        assertThat(graph.page("New to Logseq?").orElseThrow().file())
                .isEqualTo("pages/New to Logseq%3F.md");
        assertThat(graph.page("Community/Query Learning Sprint (Summer 2022)")).isPresent();
        assertThat(graph.page("custom page title").orElseThrow().file())
                .isEqualTo("pages/term.page title.md");
        assertThat(graph.page("Tweet/This 1 Tiny Time Managem...")).isPresent();
        assertThat(graph.page("Whiteboard/Action Bar").orElseThrow().isGenerated()).isFalse();
        assertThat(graph.page("term").orElseThrow().isGenerated()).isTrue();
        Page journal = graph.page("May 14th, 2020").orElseThrow();
        assertThat(journal.journalDay()).isEqualTo(20200514);
        assertThat(journal.format()).isEqualTo(Block.Format.ORG);
        assertThat(graph.config().defaultHome()).isEqualTo("Contents");
        assertThat(graph.config().journalsEnabled()).isFalse();
        assertThat(graph.config().macros()).containsKey("docs-base-url");
        assertThat(graph.config().favorites())
                .containsExactly("Getting started", "Changelog", "Videos");
        assertThat(graph.publishedPages()).hasSize(839);
    }

    /**
     * Every property key used in the graph but Logseq's own is a page, as with Logseq's default
     * {@code :property-pages/enabled? true}: a generated page unless a file page has the name.
     */
    @Test
    void propertyKeysArePages() {
        java.util.TreeSet<String> keys = new java.util.TreeSet<>();
        java.util.function.BiConsumer<String, String> key =
                (k, v) -> {
                    String page = graph.config().properties().keyPage(k);
                    if (page != null && !v.isBlank()) {
                        keys.add(page);
                    }
                };
        for (Page p : graph.pages()) {
            p.properties().forEach(key);
            p.flatBlocks().forEach(b -> b.properties().forEach(key));
        }
        java.util.TreeSet<String> generated = new java.util.TreeSet<>();
        for (String k : keys) {
            assertThat(graph.page(k)).as(k).isPresent();
            if (graph.page(k).orElseThrow().isGenerated()) {
                generated.add(k);
            }
        }
        assertThat(String.join(",", keys))
                .isEqualTo(
                        "author,background-image,description,domainincludes,full-title,"
                                + "initial-version,meta,name,parent,platforms,price,project,"
                                + "publication-date,qty,rangeincludes,sameas,source,supports,tag,"
                                + "type,unique,url");
        // the rest (type, description, platforms, url…) have a file or are referenced anyway,
        // and so is "tag"
        assertThat(String.join(",", generated))
                .isEqualTo(
                        "author,background-image,full-title,price,project,publication-date,qty,"
                                + "source,tag");
    }

    static Stream<String> sampleFiles() throws IOException {
        try (Stream<Path> s = Files.list(DocsGraph.path().resolve("pages"))) {
            List<String> md =
                    s.map(p -> p.getFileName().toString())
                            .filter(n -> n.endsWith(".md"))
                            .sorted()
                            .toList();
            // every 8th page, plus the biggest and the trickiest ones
            Stream<String> every8th =
                    java.util.stream.IntStream.range(0, md.size())
                            .filter(i -> i % 8 == 0)
                            .mapToObj(md::get);
            return Stream.concat(
                            every8th,
                            Stream.of(
                                    "Changelog.md",
                                    "changelog_06.md",
                                    "Tasks.md",
                                    "Advanced Queries.md",
                                    "Code block.md",
                                    "testimonials.md"))
                    .distinct();
        }
    }

    private static final Pattern BULLET = Pattern.compile("^[ \\t]*-(?:[ \\t]|$)");
    private static final Pattern PROPERTY = Pattern.compile("^[\\w.\\-?!*+/<>=$%&]+::(?:\\s.*)?$");
    private static final Set<String> MARKERS =
            Set.of(
                    "TODO",
                    "DOING",
                    "DONE",
                    "LATER",
                    "NOW",
                    "WAITING",
                    "WAIT",
                    "CANCELED",
                    "CANCELLED",
                    "IN-PROGRESS");

    @ParameterizedTest
    @MethodSource("sampleFiles")
    void noBlockTextIsLost(String name) throws IOException {
        Page page =
                graph.pages().stream()
                        .filter(p -> ("pages/" + name).equals(p.file()))
                        .findFirst()
                        .orElseThrow();
        StringBuilder parsed = new StringBuilder();
        for (Block b : page.flatBlocks()) {
            parsed.append(b.content()).append('\n');
        }
        assertThat(squash(parsed.toString()))
                .isEqualTo(squash(expectedBody(root.resolve("pages/" + name))));
    }

    /** The file minus bullets, header properties, planning lines, drawers and task markers. */
    private static String expectedBody(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        boolean header = true;
        boolean fence = false;
        boolean begin = false;
        boolean drawer = false;
        boolean frontMatter = !lines.isEmpty() && lines.get(0).strip().equals("---");
        for (int i = frontMatter ? 1 : 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String t = line.strip();
            if (frontMatter) {
                frontMatter = !t.equals("---");
                continue;
            }
            if (fence || begin) {
                out.append(t).append('\n');
                fence = fence && !t.startsWith("```");
                begin = begin && !t.startsWith("#+END_");
                continue;
            }
            if (drawer) {
                drawer = !t.equals(":END:");
                continue;
            }
            if (BULLET.matcher(line).find() || (t.startsWith("#") && line.startsWith("#"))) {
                String body = BULLET.matcher(line).find() ? line.strip().substring(1).strip() : t;
                String hashes = "";
                while (body.startsWith("#") && !body.startsWith("#+")) {
                    hashes += "#";
                    body = body.substring(1);
                }
                body = body.strip();
                String first = body.split("\\s", 2)[0];
                if (MARKERS.contains(first)) {
                    body = body.substring(first.length()).strip();
                    if (body.matches("^\\[#[A-Z]\\].*")) {
                        body = body.substring(4);
                    }
                }
                header = true;
                if (PROPERTY.matcher(body).matches()) {
                    continue;
                }
                out.append(hashes).append(body).append('\n');
                t = body;
            } else if (header && PROPERTY.matcher(t).matches()) {
                continue;
            } else if (t.startsWith("SCHEDULED:") || t.startsWith("DEADLINE:")) {
                continue;
            } else if (t.matches("^:[A-Z]+:$")) {
                drawer = true;
                continue;
            } else {
                out.append(t).append('\n');
                header = header && t.isEmpty();
            }
            if (t.startsWith("```") && t.indexOf("```", 3) < 0) {
                fence = true;
            } else if (t.startsWith("#+BEGIN_")) {
                begin = true;
            }
        }
        return out.toString();
    }

    private static String squash(String s) {
        return s.replaceAll("\\s+", "");
    }
}
