package dev.draehi.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.DraehiException;
import dev.draehi.SyncException;
import dev.draehi.model.Block;
import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import dev.draehi.model.SyncWarning;
import dev.draehi.sync.internal.MarkdownParser;
import dev.draehi.sync.internal.OrgParser;
import dev.draehi.testing.Watchdog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Generated Logseq-ish files (bullets at random indents, refs, embeds, properties, fences, org
 * blocks, drawers, tabs, CR, unicode, NUL, lone surrogates, invalid UTF-8) never make the reader
 * throw anything but a {@link DraehiException} naming the file, never make it hang, and never make
 * a parser crash (which the reader would hide as a "could not parse" warning).
 *
 * <p>jqwik ignores JUnit's {@code @Timeout}, so every try runs under {@link #within}. Tries default
 * to 1000 (a few seconds). A fuzz campaign runs every property test of the library with many more,
 * e.g.:
 *
 * <pre>
 * mvn -o -pl draehi-core,draehi-sync,draehi-render test -Dtest='*PropertyTest' \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Djqwik.tries.default=100000
 * </pre>
 */
class ParserFuzzPropertyTest {
    /**
     * Far above the few milliseconds a try takes: only a hang (or a quadratic blow-up) trips it.
     */
    private static final long TIMEOUT_SECONDS = 20;

    /** Runs {@code task}, failing on a hang (jqwik ignores JUnit's {@code @Timeout}). */
    static <T> T within(String what, Callable<T> task) {
        return Watchdog.within(TIMEOUT_SECONDS, what, task);
    }

    // ---- generators ----

    private static final String UUID = "6453a7a2-1111-2222-3333-444455556666";

    @Provide
    static Arbitrary<String> token() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(7)),
                Tuple.of(
                        8,
                        Arbitraries.of(
                                " ",
                                " ",
                                "  ",
                                "\t",
                                "[[",
                                "]]",
                                "[[a]]",
                                "[[a [[b]]]]",
                                "((",
                                "))",
                                "((" + UUID + "))",
                                "{{embed",
                                "{{embed [[a]]}}",
                                "{{embed ((" + UUID + "))}}",
                                "{{",
                                "}}",
                                "{{query (todo now)}}",
                                "#tag",
                                "#[[multi word]]",
                                "#",
                                "##",
                                "key:: value",
                                "::",
                                ":: x",
                                "id:: " + UUID,
                                "id:: not-a-uuid",
                                "title:: T",
                                "alias:: a, b",
                                "tags:: [[x]], #y",
                                "public:: false",
                                "collapsed:: true",
                                "heading:: 2",
                                "```",
                                "```clojure",
                                "````",
                                "~~~",
                                "`",
                                "$$",
                                "#+BEGIN_QUOTE",
                                "#+END_QUOTE",
                                "#+BEGIN_SRC js",
                                "#+END_SRC",
                                "#+begin_example",
                                "#+BEGIN_QUERY",
                                "#+END_",
                                "#+TITLE: t",
                                ":LOGBOOK:",
                                ":END:",
                                ":PROPERTIES:",
                                "CLOCK: [2024-01-31 Wed]",
                                "SCHEDULED: <2024-01-31 Wed .+1d>",
                                "DEADLINE: <x>",
                                "TODO",
                                "DONE",
                                "[#A]",
                                "---",
                                "- ",
                                "-",
                                "* ",
                                "**",
                                ">",
                                "|",
                                "\\",
                                "<",
                                "&amp;",
                                "](",
                                "[label](((" + UUID + ")))",
                                "![a](../assets/x.png)",
                                "{:height 10}")),
                Tuple.of(
                        3,
                        Arbitraries.of(
                                "\r", "\r\n", "\0", "\u0001", "\u007f", "\ufeff", "\u200b",
                                "\u2028", "\u202e", "\ud800", "\udfff", "\ud83d", "😀", "日本語", "é",
                                "e\u0301", "İ", "Σ", "\uffff", "\ufffd", "\u00a0")),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(5)));
    }

    @Provide
    static Arbitrary<String> line() {
        Arbitrary<String> indent =
                Arbitraries.of(
                                "",
                                "",
                                "",
                                "\t",
                                "\t\t",
                                "  ",
                                "    ",
                                " ",
                                "\t  ",
                                "  \t",
                                "\t\t\t\t\t",
                                "\t".repeat(60))
                        .list()
                        .ofMaxSize(3)
                        .map(l -> String.join("", l));
        Arbitrary<String> bullet = Arbitraries.of("- ", "- ", "- ", "-", "", "", "* ", "  ", "-\t");
        return Combinators.combine(indent, bullet, token().list().ofMaxSize(8))
                .as((i, b, t) -> i + b + String.join("", t));
    }

    @Provide
    static Arbitrary<String> pages() {
        return line().list().ofMaxSize(40).map(l -> String.join("\n", l));
    }

    /** The page text as bytes, sometimes damaged: BOM, invalid or overlong UTF-8, CRLF. */
    @Provide
    static Arbitrary<byte[]> pageBytes() {
        Arbitrary<byte[]> damage =
                Arbitraries.of(
                        new byte[] {(byte) 0xff},
                        new byte[] {(byte) 0xc0, (byte) 0x80},
                        new byte[] {(byte) 0xc0, (byte) 0xaf},
                        new byte[] {(byte) 0xe0, (byte) 0x80, (byte) 0xaf},
                        new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                        new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                        new byte[] {(byte) 0xe6, (byte) 0x97},
                        new byte[] {(byte) 0x80},
                        new byte[] {0},
                        new byte[] {'\r'});
        return Combinators.combine(
                        Arbitraries.of(false, false, true),
                        pages(),
                        damage.list().ofMaxSize(3),
                        Arbitraries.integers().between(0, Integer.MAX_VALUE))
                .as(
                        (bom, text, bad, at) -> {
                            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                            ByteArrayOutputStream out = new ByteArrayOutputStream();
                            if (bom) {
                                out.writeBytes(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf});
                            }
                            int cut = utf8.length == 0 ? 0 : at % (utf8.length + 1);
                            out.write(utf8, 0, cut);
                            bad.forEach(out::writeBytes);
                            out.write(utf8, cut, utf8.length - cut);
                            return out.toByteArray();
                        });
    }

    /** Paths a graph may hold, names included that decode oddly in either file name format. */
    @Provide
    static Arbitrary<String> paths() {
        Arbitrary<String> fixed =
                Arbitraries.of(
                        "pages/p.md",
                        "pages/p.org",
                        "pages/contents.md",
                        "pages/a___b___c.md",
                        "pages/___.md",
                        "pages/%2e%2e.md",
                        "pages/%2F.md",
                        "pages/%.md",
                        "pages/%ZZ%.md",
                        "pages/a.b.c.md",
                        "pages/..md",
                        "pages/.hidden.md",
                        "pages/CON.md",
                        "pages/sub/dir/x.md",
                        "pages/x.markdown",
                        "journals/2024_01_31.md",
                        "journals/2024_13_45.md",
                        "journals/0000_00_00.md",
                        "pages/2024_02_30.md",
                        "pages/Jan 31st, 2024.md");
        Arbitrary<String> random =
                token().list()
                        .ofMinSize(1)
                        .ofMaxSize(3)
                        .map(l -> String.join("", l))
                        .map(ParserFuzzPropertyTest::fileSafe)
                        .filter(s -> !s.isBlank() && s.length() < 100)
                        .map(s -> "pages/" + s + ".md");
        return Arbitraries.frequencyOf(Tuple.of(3, fixed), Tuple.of(1, random));
    }

    /** Drops what no file system accepts in a name, and what would make it a directory. */
    private static String fileSafe(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '/' && c != '\0' && !Character.isSurrogate(c)) {
                sb.append(c);
            }
        }
        String out = sb.toString();
        return out.equals(".") || out.equals("..") ? "x" + out : out;
    }

    @Provide
    static Arbitrary<String> configs() {
        return Arbitraries.of(
                null,
                "{}",
                "{:file/name-format :triple-lowbar}",
                "{:file/name-format :legacy :journal/page-title-format \"yyyy-MM-dd\"}",
                "{:journal/page-title-format \"EEE, do MMM\" :publishing/all-pages-public? false}",
                "{:hidden [\"pages/sub\"] :macros {\"m\" \"[[$1]]\"}}",
                "{:journal/file-name-format \"yyyy_MM_dd\" :journal/page-title-format \"'' qq\"}",
                "{:journal/page-title-format 42}",
                "{:file/name-format", // broken EDN
                "#=(java.lang.System/exit 1)",
                "{:hidden \"not a vector\" :macros [1 2]}");
    }

    // ---- properties ----

    /** The parsers themselves: any text, no exception of any kind. */
    @Property
    void markdownAndOrgParsersAcceptAnyText(@ForAll("pages") String text) {
        within(
                printable(text),
                () -> {
                    checkTree(new MarkdownParser("pages/p.md", 100).parse(text).blocks(), 1);
                    checkTree(new OrgParser("pages/p.org", 100).parse(text).blocks(), 1);
                    return null;
                });
    }

    /** The whole reader on a graph with one fuzzed file and a fuzzed config. */
    @Property
    void readerNeverThrowsOrHidesAParserCrash(
            @ForAll("paths") String path,
            @ForAll("pageBytes") byte[] content,
            @ForAll("configs") String config) {
        Path root = tempDir();
        try {
            TestGraph g = new TestGraph(root).bytes(path, content);
            if (config != null) {
                g.config(config);
            }
            String what = path + " with config " + config + ": " + printable(content);
            Graph graph;
            try {
                graph =
                        within(
                                what,
                                () ->
                                        g.read(
                                                LogseqGraphReader.builder()
                                                        .parallelism(1)
                                                        .maxDepth(50)
                                                        .build()));
            } catch (DraehiException e) {
                if (e instanceof SyncException se
                        && se.reason() == SyncException.Reason.INVALID_CONFIG) {
                    assertThat(e.getMessage()).startsWith("logseq/config.edn:");
                    return;
                }
                assertThat(e.getMessage()).as("exception for %s", what).contains(path);
                return;
            }
            for (SyncWarning w : graph.warnings()) {
                assertThat(w.message())
                        .as("warning %s for %s", w, what)
                        .doesNotContain("could not parse")
                        .doesNotContain("Exception")
                        .doesNotContain("Error");
                if (w.file() != null) {
                    assertThat(w.file())
                            .as("warning %s for %s", w, what)
                            .isIn(path, "logseq/config.edn");
                }
            }
            List<Page> filePages = graph.pages().stream().filter(p -> !p.isGenerated()).toList();
            boolean skipped =
                    graph.warnings().stream()
                            .anyMatch(
                                    w -> path.equals(w.file()) && w.message().contains("skipped"));
            if (!skipped && !hidden(path, config)) {
                assertThat(filePages)
                        .as("pages of %s", what)
                        .singleElement()
                        .satisfies(p -> assertThat(p.file()).isEqualTo(path));
            }
            for (Page p : filePages) {
                assertThat(p.name()).as("title of %s", what).isNotEmpty();
                checkTree(p.blocks(), 1);
            }
        } finally {
            delete(root);
        }
    }

    private static boolean hidden(String path, String config) {
        return (config != null
                        && config.contains(":hidden [\"pages/sub\"]")
                        && path.startsWith("pages/sub"))
                || path.startsWith("pages/.");
    }

    /** Nesting stays within the configured depth (50) and nothing is null. */
    private static void checkTree(List<Block> blocks, int depth) {
        assertThat(depth).isLessThanOrEqualTo(51);
        for (Block b : blocks) {
            assertThat(b.content()).isNotNull();
            checkTree(b.children(), depth + 1);
        }
    }

    // ---- helpers ----

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("parser-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }

    /** The input with control and odd characters escaped, for failure messages. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c > 0xfff0) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    static String printable(byte[] b) {
        return printable(new String(b, StandardCharsets.ISO_8859_1));
    }
}
