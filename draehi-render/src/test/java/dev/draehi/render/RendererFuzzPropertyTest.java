package dev.draehi.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Block;
import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import dev.draehi.render.internal.HtmlPolicy;
import dev.draehi.spi.RenderContext;
import dev.draehi.spi.RenderedPage;
import dev.draehi.testing.Watchdog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Generated block text, hostile HTML and Logseq syntax mixed at random, never renders to anything
 * executable, and the renderer's output is already what its own sanitizer policy admits (a
 * fixpoint). Well-formed references, block references and embeds never survive as raw syntax
 * outside code.
 *
 * <p>Tries default to 1000 (a few seconds). A fuzz campaign runs every property test of the library
 * with many more, e.g.:
 *
 * <pre>
 * mvn -o -pl draehi-core,draehi-sync,draehi-render test -Dtest='*PropertyTest' \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Djqwik.tries.default=100000
 * </pre>
 */
class RendererFuzzPropertyTest {
    private static final HtmlPageRenderer RENDERER = HtmlPageRenderer.create();
    private static final RenderContext CONTEXT = TestGraph.context();

    /** Far above the milliseconds a try takes: only a hang or a blow-up trips it. */
    private static final long TIMEOUT_SECONDS = 20;

    /** Runs {@code task}, failing on a hang (jqwik ignores JUnit's {@code @Timeout}). */
    static <T> T within(String what, Callable<T> task) {
        return Watchdog.within(TIMEOUT_SECONDS, what, task);
    }

    private static final List<String> UUIDS =
            List.of(
                    TestGraph.B1,
                    TestGraph.B2,
                    TestGraph.PRIVATE_BLOCK,
                    TestGraph.SELF_REF,
                    TestGraph.LOOP_A,
                    TestGraph.LOOP_B,
                    TestGraph.PARENT,
                    TestGraph.EVIL,
                    "6453a7a2-9999-2222-3333-444455556666",
                    TestGraph.B1.toUpperCase(Locale.ROOT));

    /** Names of published, private, embedded, looping and unknown pages, all bracket-free. */
    private static final List<String> NAMES =
            List.of(
                    "Page",
                    "page",
                    "Marketplace demo",
                    "my_page",
                    "multi word",
                    "a",
                    "a/b",
                    "a/b/c",
                    "NOW",
                    "What's New",
                    "Q&A",
                    "C#",
                    "Sep 20th, 2022",
                    "日本語",
                    "Private Page",
                    "AliasName",
                    "Referenced",
                    "Embedded",
                    "Self Embed",
                    "Loop One",
                    "Embeds Private",
                    "Current Page",
                    "Tasks",
                    "Unknown Page",
                    "x");

    // ---- generators ----

    private static Arbitrary<String> names() {
        return Arbitraries.of(NAMES);
    }

    private static Arbitrary<String> uuids() {
        return Arbitraries.of(UUIDS);
    }

    /** A reference, block reference, embed or tag, always well formed. */
    @Provide
    static Arbitrary<String> reference() {
        return Arbitraries.oneOf(
                names().map(n -> "[[" + n + "]]"),
                names().map(n -> "#[[" + n + "]]"),
                names().map(n -> "[label]([[" + n + "]])"),
                uuids().map(u -> "((" + u + "))"),
                uuids().map(u -> "[label](((" + u + ")))"),
                names().map(n -> "{{embed [[" + n + "]]}}"),
                uuids().map(u -> "{{embed ((" + u + "))}}"),
                Arbitraries.of("#tag", "#Page", "#my_page", "#unknown-tag", "#x"),
                names().map(n -> "{{cloze [[" + n + "]]}}"),
                names().map(n -> "**[[" + n + "]]**"),
                names().map(n -> "_[[" + n + "]]_"));
    }

    /** Hostile or tricky fragments of every kind. */
    @Provide
    static Arbitrary<String> fragment() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(6)),
                Tuple.of(3, Arbitraries.of(XssTest.VECTORS)),
                Tuple.of(3, reference()),
                Tuple.of(
                        6,
                        Arbitraries.of(
                                " ",
                                " ",
                                "\n",
                                "\n\n",
                                "\t",
                                "<",
                                ">",
                                "\"",
                                "'",
                                "`",
                                "```",
                                "```js\n",
                                "~~~",
                                "$",
                                "$$",
                                "==",
                                "^^",
                                "**",
                                "*",
                                "_",
                                "~~",
                                "[",
                                "]",
                                "(",
                                ")",
                                "[[",
                                "]]",
                                "((",
                                "))",
                                "{{",
                                "}}",
                                "{{{",
                                "}}}",
                                "{{embed ",
                                "#",
                                "#+BEGIN_QUOTE\n",
                                "#+END_QUOTE",
                                "#+BEGIN_SRC\n",
                                "#+END_SRC",
                                "#+BEGIN_EXPORT html\n",
                                "#+BEGIN_QUERY\n",
                                "#+END_QUERY",
                                "\nkey:: ",
                                "\ntags:: ",
                                "\nalias:: ",
                                "\nid:: ",
                                "\nheading:: 2",
                                ":LOGBOOK:\n",
                                ":END:",
                                "TODO ",
                                "[#A] ",
                                "\nSCHEDULED: <2024-01-31 Wed>",
                                "> ",
                                "- ",
                                "1. ",
                                "| a | b |\n|---|---|\n",
                                "[^1]",
                                "[^1]: x",
                                "&",
                                "&amp;",
                                "&#0;",
                                "&#x6A;",
                                "&lt;script&gt;",
                                "<!--",
                                "-->",
                                "<![CDATA[",
                                "]]>",
                                "\\",
                                "](",
                                "javascript:",
                                "JaVaScRiPt:",
                                "data:",
                                "java\tscript:",
                                "java\0script:",
                                "http://",
                                "https://x.com/",
                                "mailto:",
                                "//evil.example",
                                "on",
                                "onerror=",
                                " onload=alert(1) ",
                                "=\"",
                                "src=",
                                "href=",
                                "style=",
                                "{{video ",
                                "{{youtube ",
                                "{{query ",
                                "{{namespace ",
                                "{{poem ",
                                "{{evil ",
                                "{{bold ",
                                "{{link ",
                                "{{loop}}",
                                "[:div ",
                                "[:a {:href ",
                                "\"x\"]",
                                "![a](../assets/x.png)",
                                "{:height 10, :width 20}",
                                "https://www.youtube.com/watch?v=dQw4w9WgXcQ")),
                Tuple.of(
                        2,
                        Arbitraries.of(
                                "\0", "\r", "\r\n", "\u0001", "\u007f", "\u2028", "\u202e",
                                "\ufeff", "\ud800", "\udfff", "😀", "日本", "\ufffd", "\uffff")),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(6)));
    }

    @Provide
    static Arbitrary<String> blockText() {
        return fragment().list().ofMaxSize(20).map(l -> String.join("", l));
    }

    /** Plain words and well-formed references, with code spans that must keep their syntax. */
    @Provide
    static Arbitrary<String> refText() {
        Arbitrary<String> piece =
                Arbitraries.frequencyOf(
                        Tuple.of(3, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6)),
                        Tuple.of(4, reference()),
                        Tuple.of(1, reference().map(r -> "`" + r + "`")),
                        Tuple.of(1, Arbitraries.of("**", "_", "~~", "==", ",", ".", "!", "?")));
        Arbitrary<String> sep = Arbitraries.of(" ", " ", " ", "  ", "\n");
        return Combinators.combine(piece.list().ofMinSize(1).ofMaxSize(12), sep.list().ofSize(12))
                .as(
                        (pieces, seps) -> {
                            StringBuilder sb = new StringBuilder();
                            for (int i = 0; i < pieces.size(); i++) {
                                sb.append(pieces.get(i)).append(seps.get(i));
                            }
                            return sb.toString().strip();
                        });
    }

    // ---- properties ----

    @Property
    void blockHtmlIsInertAndASanitizerFixpoint(
            @ForAll("blockText") String text, @ForAll boolean org) {
        Block block = TestBlocks.block(text, org ? Block.Format.ORG : Block.Format.MARKDOWN);
        String html =
                within(
                        text,
                        () -> RENDERER.renderBlock(block, TestGraph.currentPage(CONTEXT), CONTEXT));
        assertInert(html, text);
    }

    /** A whole page: blocks with children, page properties, embeds of the page itself. */
    @Property
    void pageHtmlIsInert(
            @ForAll("blockText") String a,
            @ForAll("blockText") String b,
            @ForAll("blockText") String c,
            @ForAll("blockText") String prop) {
        Page page =
                new Page(
                        "Fuzz",
                        "pages/Fuzz.md",
                        null,
                        null,
                        true,
                        Map.of("fuzz", prop, "tags", prop),
                        List.of(),
                        List.of(),
                        List.of(
                                TestBlocks.md(a, TestBlocks.md(b, TestBlocks.md(c))),
                                TestBlocks.md("{{embed [[Fuzz]]}} " + c)));
        List<Page> pages = new ArrayList<>(CONTEXT.graph().pages());
        pages.add(page);
        Graph g =
                new Graph(
                        "0".repeat(40),
                        CONTEXT.graph().config(),
                        pages,
                        CONTEXT.graph().assets(),
                        List.of());
        RenderContext ctx = new RenderContext(g, TestGraph.workspace(), TestGraph.resolver(g));
        String source = String.join(" | ", a, b, c, prop);
        RenderedPage r = within(source, () -> RENDERER.render(page, ctx));
        for (String html : r.blockHtml()) {
            assertInert(html, source);
        }
        assertInert(r.propertiesHtml(), source);
    }

    private static final Pattern RAW_BLOCK_REF =
            Pattern.compile("\\(\\([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-");

    @Property
    void wellFormedReferencesLeaveNoRawSyntaxOutsideCode(@ForAll("refText") String text) {
        String html = within(text, () -> render(text));
        assertInert(html, text);
        Document doc = Jsoup.parseBodyFragment(html);
        doc.select("code, pre").remove();
        String visible = doc.body().text();
        assertThat(visible)
                .as("raw syntax left in %s -> %s", text, html)
                .doesNotContain("[[")
                .doesNotContain("]]")
                .doesNotContain("{{embed")
                .doesNotContainPattern(RAW_BLOCK_REF);
        for (Element code : Jsoup.parseBodyFragment(html).select("code")) {
            assertThat(code.select("a, iframe, img"))
                    .as("link inside code in %s -> %s", text, html)
                    .isEmpty();
        }
    }

    // ---- what the fuzzing found ----

    private static String render(String text) {
        return RENDERER.renderBlock(TestBlocks.md(text), TestGraph.currentPage(CONTEXT), CONTEXT);
    }

    /**
     * Found by {@link #blockHtmlIsInertAndASanitizerFixpoint}: an embed, query or namespace list
     * wrapped in emphasis, a highlight, strikethrough, link text or a table cell threw
     * IllegalArgumentException (a block node inside an inline one), so the whole page fell back to
     * escaped source text.
     */
    @Example
    void embedsInsideInlineMarkupRender() {
        for (String text :
                List.of(
                        "==a {{embed [[Embedded]]}} b==",
                        "^^{{embed [[Embedded]]}}^^",
                        "*{{embed [[Embedded]]}}*",
                        "**x {{query (todo now)}}**",
                        "~~{{namespace a}}~~",
                        "[x {{embed [[Embedded]]}}](https://a.example)",
                        "[{{embed [[Embedded]]}}]([[Page]])",
                        "| {{embed [[Embedded]]}} |\n|---|",
                        "*{{embed [[Embedded]]}} and {{embed ((" + TestGraph.B2 + "))}}*",
                        "{{cloze # {{embed [[Embedded]]}}}}",
                        "x\nfoo:: # {{embed [[Embedded]]}}")) {
            String html = render(text);
            assertInert(html, text);
        }
        assertThat(render("**{{embed [[Embedded]]}}**")).contains("first embedded");
        assertThat(render("*{{embed [[Embedded]]}} and {{embed ((" + TestGraph.B2 + "))}}*"))
                .containsSubsequence("first embedded", "second block");
    }

    /**
     * Found by {@link #pageHtmlIsInert}: a private block reference whose label holds an image with
     * a forbidden URL threw NullPointerException (the image was unwrapped after the label had been
     * removed).
     */
    @Example
    void privateBlockReferenceLabelledWithAnUnsafeImage() {
        String text = "[![x](javascript:alert(1))\\[label](((" + TestGraph.PRIVATE_BLOCK + ")))";
        String html = render(text);
        assertInert(html, text);
        assertThat(html).contains("block-reference private");
    }

    // ---- checks ----

    private static final java.util.Set<String> URL_ATTRIBUTES =
            java.util.Set.of(
                    "href",
                    "src",
                    "srcset",
                    "action",
                    "formaction",
                    "poster",
                    "xlink:href",
                    "background",
                    "cite",
                    "data",
                    "longdesc",
                    "usemap",
                    "lowsrc",
                    "dynsrc",
                    "ping");

    static void assertInert(String html, String source) {
        Document doc = Jsoup.parseBodyFragment(html);
        assertThat(
                        doc.select(
                                "script, base, meta, object, embed, form, style, link, svg, math,"
                                        + " input, button, textarea, template, noscript, frame,"
                                        + " frameset, applet"))
                .as("forbidden element in %s -> %s", source, html)
                .isEmpty();
        for (Element e : doc.getAllElements()) {
            for (org.jsoup.nodes.Attribute a : e.attributes()) {
                String key = a.getKey().toLowerCase(Locale.ROOT);
                assertThat(key)
                        .as("event handler in %s -> %s", source, html)
                        .doesNotStartWith("on");
                assertThat(key).as("style in %s -> %s", source, html).isNotIn("style", "srcdoc");
                if (URL_ATTRIBUTES.contains(key)) {
                    assertThat(a.getValue().replaceAll("[\\s\\u0000-\\u001f]", ""))
                            .as("script URL in %s -> %s", source, html)
                            .matches("(?i)(https?:|mailto:|[^:]*$|[^:]*[/?#].*).*");
                }
            }
            if (e.tagName().equals("iframe")) {
                assertThat(e.attr("src"))
                        .as("iframe host in %s -> %s", source, html)
                        .matches(
                                "https://(www\\.youtube-nocookie\\.com/embed/|player\\.vimeo\\.com/video/|player\\.bilibili\\.com/player\\.html\\?).*");
            }
        }
        String lower = html.toLowerCase(Locale.ROOT);
        assertThat(lower).as("script in %s -> %s", source, html).doesNotContain("<script");
        assertThat(lower)
                .as("event handler in %s -> %s", source, html)
                .doesNotContainPattern("<[^>]*\\son[a-z]+\\s*=");
        assertThat(lower.replaceAll("[\\s\\u0000-\\u001f]", ""))
                .as("script url in %s -> %s", source, html)
                .doesNotContain("href=\"javascript:")
                .doesNotContain("src=\"javascript:");
        String again = HtmlPolicy.sanitize(html);
        if (!again.equals(html)) {
            assertThat(dom(again))
                    .as("not a sanitizer fixpoint: %s -> %s -> %s", source, html, again)
                    .isEqualTo(dom(html));
        }
    }

    /**
     * The DOM a browser builds, without empty paragraphs: raw HTML may leave a {@code <table>} or
     * {@code <div>} inside a {@code <p>}, which browsers (and the sanitizer's second pass) split
     * into an empty paragraph and the block, a difference that changes nothing.
     */
    static String dom(String html) {
        Document d = Jsoup.parseBodyFragment(html.strip());
        d.outputSettings().prettyPrint(false);
        for (Element p : d.select("p")) {
            if (p.childNodeSize() == 0 || (p.children().isEmpty() && p.text().isBlank())) {
                p.remove();
            }
        }
        return d.body().html().replaceAll("\\s+", " ").strip();
    }
}
