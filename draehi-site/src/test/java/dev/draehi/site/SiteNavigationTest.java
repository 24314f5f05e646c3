package dev.draehi.site;

import static dev.draehi.site.SiteTest.meta;
import static dev.draehi.site.SiteTest.page;
import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Node;
import dev.draehi.model.NodeIds;
import dev.draehi.model.NodeMetadata.Attributes;
import dev.draehi.model.PageRoute;
import dev.draehi.model.Workspace;
import dev.draehi.store.WorkspaceContent;
import dev.draehi.store.memory.InMemoryStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Previews, the sidebar and the graph's data, as the site serves and exports them. */
class SiteNavigationTest {
    Site site;
    List<Node> nodes = new ArrayList<>();
    List<PageRoute> routes = new ArrayList<>();
    long id;
    int order;

    @BeforeEach
    void setUp() {
        InMemoryStorage storage = new InMemoryStorage();
        Workspace ws = storage.workspaces().create(storage.users().create("ada", "h").id(), "Ws");
        id = ws.id();
        site = Site.builder(storage).build();
        Node alpha = add("Alpha", "alpha", Map.of(Attributes.FAVORITE, "1"));
        for (int i = 0; i < 20; i++) {
            block(alpha, "<p>Alpha block " + i + " <script>x</script></p>");
        }
        Node beta =
                add(
                        "Beta",
                        "beta",
                        Map.of(
                                Attributes.FAVORITE,
                                "0",
                                Attributes.NAMESPACE_CHILDREN,
                                "Beta/Kid\tbeta/kid"));
        block(
                beta,
                "<p>see <a class=\"page-reference\" data-page=\"Alpha\" href=\"/ws/alpha\">Alpha</a>"
                        + " and <a class=\"block-reference\" href=\"/ws/alpha#b1\">b</a></p>");
        Node kid = add("Beta/Kid", "beta/kid", Map.of(Attributes.NAMESPACE_PARENTS, "Beta\tbeta"));
        block(
                kid,
                "<p><a class=\"hashtag-link\" data-tag=\"Gamma\" href=\"/ws/gamma\">#Gamma</a></p>");
        Node delta = add("Delta", "delta", Map.of());
        block(
                delta,
                "<p><a class=\"page-reference\" data-page=\"Beta\" href=\"/ws/beta\">Beta</a></p>");
        add("Gamma", "gamma", Map.of());
        add("Lonely <b>", "lonely", Map.of());
        storage.nodes().replaceAll(id, new WorkspaceContent(nodes, routes, List.of()));
    }

    Node add(String name, String path, Map<String, String> attrs) {
        Node p = page(id, name, path, attrs);
        nodes.add(p);
        routes.add(new PageRoute(path, p.uuid()));
        return p;
    }

    void block(Node page, String html) {
        nodes.add(
                Node.block(
                        NodeIds.blockUuid(id, page.pageName(), html, order),
                        page,
                        page.uuid(),
                        order++,
                        html.replace("<script>x</script>", ""),
                        meta(null, Map.of())));
    }

    @Test
    void aPreviewIsTakenFromThePageItselfSoThereIsNoFragmentToServe() {
        String html = site.get("/ws/beta").bodyText();
        assertThat(html).contains("preview.js\" defer data-base=\"/ws/\">");
        assertThat(site.get("/ws/-/preview/alpha.html").status()).isEqualTo(404);
    }

    @Test
    void onlyPagesWithReferencesLoadThePreviewScript() {
        assertThat(site.get("/ws/beta").bodyText()).contains("preview.js");
        assertThat(site.get("/ws/alpha").bodyText()).doesNotContain("preview.js");
    }

    @Test
    void theSidebarListsFavoritesInTheGraphsOrderAndTheNamespace() {
        String html = site.get("/ws/beta/kid").bodyText();
        int aside = html.indexOf("<aside class=\"sidebar\" id=\"sidebar\"");
        assertThat(aside).isGreaterThan(html.indexOf("</main>"));
        String bar = html.substring(aside, html.indexOf("</aside>"));
        assertThat(bar.indexOf(">Beta</a>")).isLessThan(bar.indexOf(">Alpha</a>"));
        assertThat(bar)
                .contains("sidebar-favorites")
                .contains("<span class=\"current\">Kid</span>")
                // a small graph's pages take their graph out of the whole graph's data
                .contains("data-src=\"/ws/-/graph.json\" data-base=\"/ws/\" data-page=\"beta/kid\"")
                .contains("href=\"/ws/-/all-pages\"")
                .contains("href=\"/ws/-/graph\"")
                .doesNotContain("sidebar-journals");
        assertThat(html).contains("class=\"sidebar-toggle\"").contains("sidebar.js");
        assertThat(site.get("/ws/-/all-pages").bodyText())
                .contains("sidebar-favorites")
                .doesNotContain("local-graph");
    }

    @Test
    void theGraphLinksPagesByTheirReferencesAndALocalGraphIsAPageAndItsNeighbours() {
        SiteResponse all = site.get("/ws/-/graph.json");
        assertThat(all.contentType()).startsWith("application/json");
        String json = all.bodyText();
        // pages by name: Alpha 0, Beta 1, Beta/Kid 2, Delta 3, Gamma 4, Lonely 5
        assertThat(json)
                .contains("[\"Alpha\",\"alpha\"]")
                .contains("[\"Lonely \\u003cb>\",\"lonely\"]")
                .contains("\"links\":[[1,0],[2,4],[3,1]],")
                // where each of the 6 pages is drawn: x and y, whole numbers
                .containsPattern("\"xy\":\\[-?\\d+(,-?\\d+){11}\\]}$");
        String local = site.get("/ws/-/graph/beta.json").bodyText();
        assertThat(local)
                .isEqualTo(
                        "{\"nodes\":[[\"Beta\",\"beta\"],[\"Alpha\",\"alpha\"],[\"Delta\",\"delta\"]],"
                                + "\"links\":[[0,1],[0,2]]}");
        // as in Logseq, one hop: Alpha, linked from Beta, is not in Delta's graph
        assertThat(site.get("/ws/-/graph/delta.json").bodyText())
                .contains("\"Beta\"")
                .doesNotContain("\"Alpha\"");
        assertThat(site.get("/ws/-/graph/beta/kid.json").bodyText())
                .contains("\"Gamma\"")
                .doesNotContain("\"Alpha\"");
        assertThat(site.get("/ws/-/graph/nothing.json").status()).isEqualTo(404);
        String page = site.get("/ws/-/graph").bodyText();
        assertThat(page)
                .contains("class=\"graph-view graph-global\"")
                .contains("graph.js")
                .contains("data-lib=\"/ws/-/static/force-graph/force-graph.min.js\"");
        assertThat(site.get("/ws/-/static/force-graph/force-graph.min.js").status()).isEqualTo(200);
        assertThat(site.get("/ws/-/static/force-graph/LICENSE").bodyText()).contains("MIT");
    }

    @Test
    void theExportWritesTheGraphDataFirstAndASmallGraphsPagesHaveNoGraphFilesOfTheirOwn() {
        assertThat(site.exportPaths())
                .contains(
                        "/ws/-/graph",
                        "/ws/-/graph.json",
                        "/ws/-/static/preview.js",
                        "/ws/-/static/sidebar.js",
                        "/ws/-/static/graph.js")
                .noneMatch(p -> p.contains("/-/preview/"))
                .noneMatch(p -> p.startsWith("/ws/-/graph/"));
        // the whole graph's layout runs while the pages are made
        List<String> paths = site.exportPaths();
        assertThat(paths.indexOf("/ws/-/graph.json")).isLessThan(paths.indexOf("/ws/alpha"));
    }
}
