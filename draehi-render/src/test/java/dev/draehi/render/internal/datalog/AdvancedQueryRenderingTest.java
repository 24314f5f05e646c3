package dev.draehi.render.internal.datalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Block;
import dev.draehi.model.Graph;
import dev.draehi.model.GraphConfig;
import dev.draehi.model.Page;
import dev.draehi.model.Slugs;
import dev.draehi.model.Workspace;
import dev.draehi.render.HtmlPageRenderer;
import dev.draehi.spi.LinkResolver;
import dev.draehi.spi.RenderContext;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** What an advanced query looks like on a published page: titles, groups, tables and notes. */
class AdvancedQueryRenderingTest {
    private static final HtmlPageRenderer RENDERER =
            HtmlPageRenderer.builder()
                    .clock(
                            Clock.fixed(
                                    AdvancedQuerySpecTest.NOW.toInstant(),
                                    java.time.ZoneOffset.UTC))
                    .build();

    private static Document render(String query, String... properties) throws IOException {
        return render(AdvancedQuerySpecTest.graph(), query, properties);
    }

    private static Document render(Graph graph, String query, String... properties) {
        Map<String, String> props = new LinkedHashMap<>();
        for (int i = 0; i + 1 < properties.length; i += 2) {
            props.put(properties[i], properties[i + 1]);
        }
        Block block =
                Block.of("#+BEGIN_QUERY\n" + query + "\n#+END_QUERY")
                        .withProperties(props)
                        .withLine(1);
        Page page = graph.pages().get(0);
        String html = RENDERER.renderBlock(block, page, context(graph));
        assertThat(html).doesNotContain("live query is not shown");
        return Jsoup.parseBodyFragment(html);
    }

    static RenderContext context(Graph graph) {
        Workspace ws =
                new Workspace(
                        1,
                        1,
                        "ws",
                        "Workspace",
                        null,
                        Workspace.DEFAULT_EMBED_DEPTH,
                        Instant.EPOCH,
                        Instant.EPOCH);
        LinkResolver links =
                new LinkResolver() {
                    @Override
                    public Optional<String> pageUrl(String name) {
                        return graph.page(name)
                                .filter(Page::published)
                                .map(p -> "/ws/" + Slugs.slugify(p.name()));
                    }

                    @Override
                    public Optional<String> blockUrl(String id) {
                        return Optional.empty();
                    }

                    @Override
                    public Optional<String> assetUrl(String path) {
                        return Optional.empty();
                    }
                };
        return new RenderContext(graph, ws, links);
    }

    private static List<String> texts(Document d, String css) {
        List<String> out = new ArrayList<>();
        for (Element e : d.select(css)) {
            out.add(e.text());
        }
        return out;
    }

    @Test
    void blocksAreGroupedByPageJournalsNewestFirst() throws IOException {
        Document d =
                render(
                        "{:title \"TODO tasks\" :query [:find (pull ?b [*]) :where (task ?b #{\"TODO\"})]}");
        assertThat(d.select("div.advanced-query > div.query-title").text()).isEqualTo("TODO tasks");
        assertThat(texts(d, ".query-group > .query-page"))
                .containsExactly(
                        "Jan 20th, 2024",
                        "Jan 14th, 2024",
                        "Jan 10th, 2024",
                        "Bob",
                        "Dashboard",
                        "Gamma",
                        "Project Alpha");
        assertThat(d.select(".query-page a.page-reference").first().attr("href"))
                .isEqualTo("/ws/jan-20th-2024");
        Element first = d.selectFirst(".query-group li.query-block .query-block-content");
        assertThat(first.select("span.task-marker.task-todo").text()).isEqualTo("TODO");
        assertThat(first.text()).isEqualTo("TODO dentist appointment SCHEDULED: 2024-01-20 Sat");
    }

    @Test
    void aCollapsedQueryIsClosedDetailsWithItsTitle() throws IOException {
        Document d =
                render("{:title \"Query: \\\"budget\\\"\" :query \"budget\" :collapsed? true}");
        Element details = d.selectFirst("details.advanced-query");
        assertThat(details).isNotNull();
        assertThat(details.hasAttr("open")).isFalse();
        assertThat(details.selectFirst("summary.query-title").text())
                .isEqualTo("Query: \"budget\"");
        // both blocks match; the child shows under its parent only
        assertThat(details.select(".query-group > ul.query-blocks > li")).hasSize(1);
        assertThat(details.select("li.query-block li.query-block").text())
                .isEqualTo("notes on the budget");
    }

    @Test
    void aHiccupTitleIsHtmlThroughTheSanitizer() throws IOException {
        Document d =
                render(
                        "{:title [:h2 {:onclick \"alert(1)\"} \"Languages \" [:script \"x\"]]"
                                + " :query [:find (pull ?b [*]) :where [?b :block/priority \"C\"]]}");
        Element h2 = d.selectFirst(".query-title h2");
        assertThat(h2).isNotNull();
        assertThat(h2.hasAttr("onclick")).isFalse();
        assertThat(d.select("script")).isEmpty();
        assertThat(h2.text()).startsWith("Languages");
    }

    @Test
    void titlesNotesAndValuesAreTextNotMarkup() throws IOException {
        Document d =
                render(
                        "{:title \"<script>alert(1)</script>\""
                                + " :query [:find ?x . :in $ ?x] :inputs [\"<img src=x onerror=alert(1)>\"]}");
        assertThat(d.select("script, img")).isEmpty();
        assertThat(d.select(".query-title").text()).isEqualTo("<script>alert(1)</script>");
        assertThat(d.select("pre.query-data").text()).isEqualTo("<img src=x onerror=alert(1)>");
    }

    @Test
    void pagesAreATableOfTheirProperties() throws IOException {
        Document d =
                render(
                        "{:query [:find (pull ?p [*]) :where (page-property ?p :type \"Project\")]}");
        assertThat(texts(d, "table.query-table th"))
                .containsExactly("page", "tags", "type", "status", "rating", "alias");
        assertThat(texts(d, "table.query-table tbody tr td:eq(0)"))
                .containsExactly("Beta", "Project Alpha");
        Element type = d.selectFirst("table.query-table tbody tr td:eq(2) a.page-reference");
        assertThat(type.attr("href")).isEqualTo("/ws/project");
    }

    @Test
    void queryPropertiesChooseTheColumnsAndQuerySortByTheOrder() throws IOException {
        Document d =
                render(
                        "{:query (page-property type [[Project]])}",
                        "query-properties",
                        "[:page :status]",
                        "query-sort-by",
                        "status",
                        "query-sort-desc",
                        "true");
        assertThat(texts(d, "table.query-table th")).containsExactly("page", "status");
        assertThat(texts(d, "table.query-table tbody tr"))
                .containsExactly("Beta paused", "Project Alpha active");
    }

    @Test
    void queryTableShowsBlocksAsATable() throws IOException {
        Document d =
                render(
                        "{:query [:find (pull ?b [*]) :where (property ?b :owner \"Alice\")]}",
                        "query-table",
                        "true");
        assertThat(texts(d, "table.query-table th")).containsExactly("block", "owner", "effort");
        assertThat(texts(d, "table.query-table tbody td"))
                .containsExactly("the beta owner", "Alice", "3");
    }

    @Test
    void childrenShowUnderTheirParentAndAResultShowsWhereItSits() throws IOException {
        Document d =
                render(
                        "{:query [:find (pull ?b [*]) :where [?p :block/name \"project alpha\"]"
                                + " [?b :block/page ?p]]}");
        Element list = d.selectFirst(".query-group > ul.query-blocks");
        assertThat(list.children()).hasSize(5);
        assertThat(list.select("> li > ul.query-blocks > li").eachText())
                .containsExactly("notes on the budget", "a follow-up under a done task Gamma");
        Document crumbs =
                render(
                        "{:query [:find (pull ?b [*]) :where [?b :block/content \"notes on the budget\"]]}");
        assertThat(crumbs.selectFirst(".query-breadcrumb").text())
                .isEqualTo("review the budget Beta");
        Document none =
                render(
                        "{:query [:find (pull ?b [*]) :where [?b :block/content \"notes on the"
                                + " budget\"]] :breadcrumb-show? false}");
        assertThat(none.select(".query-breadcrumb")).isEmpty();
    }

    @Test
    void aCustomViewIsNotRunAndSaysSo() throws IOException {
        Document d =
                render(
                        "{:query [:find (pull ?b [*]) :where [?b :block/priority \"C\"]]"
                                + " :view (fn [r] [:div (count r)])}");
        assertThat(d.selectFirst("p.query-note.query-custom-view").text())
                .contains("custom view", "not shown");
        assertThat(d.select("li.query-block").text()).contains("sketch the beta logo");
    }

    @Test
    void whatCannotRunOrIsStoppedSaysWhy() throws IOException {
        assertThat(
                        render("{:query [:find ?b :where [(foo ?b)]]}")
                                .select("p.query-note.query-not-run")
                                .text())
                .isEqualTo("query not run: no clause binds ?b, which a predicate or not needs");
        assertThat(render("{:query [:find").select("p.query-note.query-not-run").text())
                .startsWith("query not run: the query cannot be read: line 1: EOF while reading");
        assertThat(render("not a map").select("p.query-note.query-not-run").text())
                .isEqualTo("query not run: an advanced query is a map such as {:query [:find …]}");
        assertThat(
                        render(
                                        "{:query [:find ?a :where [?a :block/uuid] [?b :block/uuid]"
                                                + " [?c :block/uuid] [?d :block/uuid]]}")
                                .select("p.query-note.query-stopped")
                                .text())
                .startsWith("query stopped: it needed more than 1,000,000 steps");
    }

    @Test
    void valuesArePrintedAndTodayComesFromTheClock() throws IOException {
        assertThat(
                        render("{:query [:find ?d . :in $ ?d] :inputs [:today]}")
                                .select("pre.query-data")
                                .text())
                .isEqualTo("20240115");
        assertThat(
                        render("{:query [:find (count ?b) . :where [?b :block/marker \"TODO\"]]}")
                                .select("pre.query-data")
                                .text())
                .isEqualTo("7");
    }

    @Test
    void nothingOfAnUnpublishedPageIsShown() throws IOException {
        Document d =
                render(
                        "{:query [:find (pull ?b [*]) :where [?b :block/content ?c]"
                                + " [(clojure.string/includes? ?c \"secret\")]]}");
        assertThat(d.select("p.query-empty").text()).isEqualTo("No results");
        assertThat(d.text()).doesNotContain("secret");
    }

    @Test
    void aQueryInTheResultsOfAQueryIsNotRun() {
        Block inner =
                Block.of(
                        "#+BEGIN_QUERY\n{:query [:find (pull ?b [*]) :where [?b :block/content _]]}\n#+END_QUERY");
        Page page =
                new Page(
                        "Queries",
                        "pages/Queries.md",
                        null,
                        null,
                        true,
                        Map.of(),
                        List.of(),
                        List.of(),
                        List.of(inner));
        Graph graph =
                new Graph("0".repeat(40), GraphConfig.DEFAULTS, List.of(page), Map.of(), List.of());
        Document d =
                render(
                        graph,
                        "{:query [:find (pull ?b [*]) :where [?b :block/content ?c]"
                                + " [(clojure.string/includes? ?c \"BEGIN_QUERY\")]]}");
        assertThat(d.select("li.query-block p.query-note.query-nested").text())
                .isEqualTo("A query inside the results of a query is not run.");
    }

    @Test
    void anEmbeddedQueryBlockKeepsItsPropertiesAndItsPage() {
        String id = "6500000e-0000-4000-8000-000000000001";
        Block query =
                Block.of(
                                "#+BEGIN_QUERY\n{:query [:find ?pages ?shown :in $ ?pages ?shown]"
                                        + " :inputs [:query-page :current-page]}\n#+END_QUERY\n"
                                        + "#+BEGIN_QUERY\n{:query [:find (pull ?p [*])"
                                        + " :where [?p :block/name \"board\"]]}\n#+END_QUERY")
                        .withId(id)
                        .withProperties(
                                Map.of(
                                        "id",
                                        id,
                                        "query-table",
                                        "true",
                                        "query-properties",
                                        "[:page]"))
                        .withLine(1);
        Page board =
                new Page(
                        "Board",
                        "pages/Board.md",
                        null,
                        null,
                        true,
                        Map.of(),
                        List.of(),
                        List.of(),
                        List.of(query));
        Page home =
                new Page(
                        "Home",
                        "pages/Home.md",
                        null,
                        null,
                        true,
                        Map.of(),
                        List.of(),
                        List.of(),
                        List.of(Block.of("{{embed ((" + id + "))}}")));
        Graph graph =
                new Graph(
                        "0".repeat(40),
                        GraphConfig.DEFAULTS,
                        List.of(home, board),
                        Map.of(),
                        List.of());
        String html = RENDERER.render(home, context(graph)).blockHtml().get(0);
        Document d = Jsoup.parseBodyFragment(html);
        assertThat(d.select(".embed pre.query-data").text()).isEqualTo("[\"board\" \"home\"]");
        assertThat(texts(d, ".embed table.query-table th")).containsExactly("page");
    }

    @Test
    void aHundredResultsAreShownAndTheRestCounted() {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            blocks.add(Block.of("task " + i).withMarker("TODO").withLine(1));
        }
        Page page =
                new Page(
                        "Many",
                        "pages/Many.md",
                        null,
                        null,
                        true,
                        Map.of(),
                        List.of(),
                        List.of(),
                        blocks);
        Graph graph =
                new Graph("0".repeat(40), GraphConfig.DEFAULTS, List.of(page), Map.of(), List.of());
        Document d =
                render(graph, "{:query [:find (pull ?b [*]) :where [?b :block/marker \"TODO\"]]}");
        assertThat(d.select("li.query-block")).hasSize(100);
        assertThat(d.select("p.query-note.query-more").text())
                .isEqualTo("Showing the first 100 of 120 results.");
    }
}
