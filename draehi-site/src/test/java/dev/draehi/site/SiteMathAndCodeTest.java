package dev.draehi.site;

import static dev.draehi.site.SiteTest.meta;
import static dev.draehi.site.SiteTest.page;
import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Node;
import dev.draehi.model.NodeIds;
import dev.draehi.model.PageRoute;
import dev.draehi.model.Workspace;
import dev.draehi.site.internal.SiteFiles;
import dev.draehi.store.WorkspaceContent;
import dev.draehi.store.memory.InMemoryStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** KaTeX and highlight.js are linked from the pages with math or code, and only from those. */
class SiteMathAndCodeTest {
    static final List<String> MATH_FILES =
            List.of("katex.min.css", "katex.min.js", "mhchem.min.js", "math.js");
    static final List<String> CODE_FILES = List.of("code.css", "highlight.min.js", "code.js");

    Site site;

    @BeforeEach
    void setUp() {
        InMemoryStorage storage = new InMemoryStorage();
        Workspace ws = storage.workspaces().create(storage.users().create("ada", "h").id(), "Ws");
        site = Site.builder(storage).build();
        long id = ws.id();
        List<Node> nodes = new ArrayList<>();
        List<PageRoute> routes = new ArrayList<>();
        Map<String, String> pages =
                Map.of(
                        "plain",
                        // math and code as text only: escaped, so not the renderer's elements
                        "<p>costs $5 and &lt;pre&gt;&lt;code&gt; class=&quot;math inline&quot;"
                                + " <code>inline code</code></p>",
                        "inline-math",
                        "<p>energy <span class=\"math inline\">\\(E=mc^2\\)</span></p>",
                        "display-math",
                        "<div class=\"math display\">\\[\\ce{H2O}\\]</div>",
                        "code",
                        "<pre><code class=\"language-python\">print(1)\n</code></pre>",
                        "query",
                        "<pre class=\"advanced-query\"><code class=\"language-clojure\">{:query"
                                + " []}</code></pre>");
        int order = 0;
        for (Map.Entry<String, String> e : pages.entrySet()) {
            Node p = page(id, e.getKey(), e.getKey(), Map.of());
            nodes.add(p);
            routes.add(new PageRoute(e.getKey(), p.uuid()));
            nodes.add(
                    Node.block(
                            NodeIds.blockUuid(id, e.getKey(), "b", 0),
                            p,
                            p.uuid(),
                            order++,
                            e.getValue(),
                            meta(null, Map.of())));
        }
        storage.nodes().replaceAll(id, new WorkspaceContent(nodes, routes, List.of()));
    }

    String html(String path) {
        SiteResponse r = site.get("/ws/" + path);
        assertThat(r.status()).isEqualTo(200);
        return r.bodyText();
    }

    @Test
    void aPageWithoutMathOrCodeLinksNoneOfTheirFiles() {
        String html = html("plain");
        for (String f : concat(MATH_FILES, CODE_FILES)) {
            assertThat(html).doesNotContain(f);
        }
        assertThat(html).doesNotContain("katex").doesNotContain("highlight");
        assertThat(html("-/all-pages")).doesNotContain("katex").doesNotContain("code.js");
    }

    @Test
    void aPageWithMathLinksKatexAndMhchemButNotTheCodeFiles() {
        for (String page : List.of("inline-math", "display-math")) {
            String html = html(page);
            String head = html.substring(0, html.indexOf("</head>"));
            assertThat(head)
                    .contains("<link rel=\"stylesheet\" href=\"/ws/-/static/katex/katex.min.css\">")
                    .contains("<script defer src=\"/ws/-/static/katex/katex.min.js\"></script>")
                    .contains(
                            "<script defer src=\"/ws/-/static/katex/contrib/mhchem.min.js\"></script>")
                    .contains("<script defer src=\"/ws/-/static/math.js\"></script>");
            // KaTeX before mhchem before the script that uses them: deferred scripts run in order
            assertThat(head.indexOf("katex.min.js"))
                    .isLessThan(head.indexOf("mhchem.min.js"))
                    .isLessThan(head.indexOf("math.js"));
            for (String f : CODE_FILES) {
                assertThat(html).doesNotContain(f);
            }
        }
    }

    @Test
    void aPageWithACodeBlockLinksHighlightJsButNotKatex() {
        for (String page : List.of("code", "query")) {
            String html = html(page);
            String head = html.substring(0, html.indexOf("</head>"));
            assertThat(head)
                    .contains("<link rel=\"stylesheet\" href=\"/ws/-/static/code.css\">")
                    .contains(
                            "<script defer src=\"/ws/-/static/highlight/highlight.min.js\"></script>")
                    .contains("<script defer src=\"/ws/-/static/code.js\"></script>");
            assertThat(html).doesNotContain("katex");
        }
    }

    @Test
    void everyBuiltInFileIsServedAndExported() {
        assertThat(SiteFiles.BUILT_IN)
                .contains(
                        "draehi.css",
                        "search.js",
                        SiteFiles.KATEX_CSS,
                        SiteFiles.KATEX_JS,
                        SiteFiles.MHCHEM_JS,
                        SiteFiles.MATH_JS,
                        SiteFiles.HIGHLIGHT_JS,
                        SiteFiles.CODE_JS,
                        SiteFiles.CODE_CSS,
                        "katex/fonts/KaTeX_Main-Regular.woff2",
                        "katex/LICENSE",
                        "highlight/LICENSE");
        List<String> exported = site.exportPaths();
        for (String name : SiteFiles.BUILT_IN) {
            SiteResponse r = site.get("/ws/-/static/" + name);
            assertThat(r.status()).as(name).isEqualTo(200);
            assertThat(r.body().length).as(name).isPositive();
            assertThat(exported).contains("/ws/-/static/" + name);
        }
        assertThat(site.get("/ws/-/static/katex/fonts/KaTeX_Main-Regular.woff2").contentType())
                .isEqualTo("font/woff2");
        assertThat(site.get("/ws/-/static/katex/LICENSE").contentType()).startsWith("text/plain");
        // only the listed files: not the list itself, nor the class files beside them
        assertThat(site.get("/ws/-/static/files.txt").status()).isEqualTo(404);
        assertThat(site.get("/ws/-/static/Site.class").status()).isEqualTo(404);
        assertThat(site.get("/ws/-/static/katex/../draehi.css").status()).isEqualTo(404);
    }

    @Test
    void katexFontsTheStyleSheetNamesAreAllServed() {
        String css = site.get("/ws/-/static/" + SiteFiles.KATEX_CSS).bodyText();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("url\\((fonts/[^)]+\\.woff2)\\)").matcher(css);
        int fonts = 0;
        while (m.find()) {
            fonts++;
            assertThat(site.get("/ws/-/static/katex/" + m.group(1)).status())
                    .as(m.group(1))
                    .isEqualTo(200);
        }
        assertThat(fonts).isGreaterThan(15);
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
