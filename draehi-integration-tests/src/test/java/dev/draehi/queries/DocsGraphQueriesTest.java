package dev.draehi.queries;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Block;
import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import dev.draehi.model.Slugs;
import dev.draehi.model.Workspace;
import dev.draehi.render.HtmlPageRenderer;
import dev.draehi.spi.LinkResolver;
import dev.draehi.spi.RenderContext;
import dev.draehi.sync.LogseqGraphReader;
import dev.draehi.testing.DocsGraph;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every advanced query of the Logseq docs graph (examples/graphs/logseq-docs), as the published
 * pages show it: which run and show results, which run and find nothing, and which fall back.
 */
class DocsGraphQueriesTest {
    private static Graph graph;
    private static Map<String, List<Element>> queries;

    @BeforeAll
    static void renderEveryQueryPage() {
        graph = LogseqGraphReader.builder().build().read(DocsGraph.path(), "0".repeat(40));
        HtmlPageRenderer renderer =
                HtmlPageRenderer.builder()
                        .clock(Clock.fixed(Instant.parse("2024-01-15T12:00:00Z"), ZoneOffset.UTC))
                        .build();
        RenderContext ctx = context(graph);
        queries = new TreeMap<>();
        for (Page p : graph.publishedPages()) {
            boolean hasQuery =
                    p.flatBlocks().stream()
                            .anyMatch(
                                    b ->
                                            b.content()
                                                    .toLowerCase(Locale.ROOT)
                                                    .contains("#+begin_query"));
            if (!hasQuery) {
                continue;
            }
            List<Element> found = new ArrayList<>();
            for (String html : renderer.render(p, ctx).blockHtml()) {
                Document d = Jsoup.parseBodyFragment(html);
                found.addAll(d.select(".advanced-query"));
            }
            queries.put(p.name(), found);
        }
    }

    @Test
    void everyQueryRunsOrSaysWhyNot() {
        Map<String, Integer> kinds = new TreeMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        int total = 0;
        for (Map.Entry<String, List<Element>> e : queries.entrySet()) {
            int n = 0;
            for (Element q : e.getValue()) {
                total++;
                n++;
                String title = q.select("> .query-title").text();
                String kind = kind(q);
                kinds.merge(kind, 1, Integer::sum);
                for (Element note : q.select("> p.query-note")) {
                    notes.put(e.getKey() + " #" + n + " " + title, note.text());
                }
                System.out.printf("%-20s #%-2d %-12s %s%n", e.getKey(), n, kind, title);
            }
        }
        System.out.println(kinds);
        notes.forEach((k, v) -> System.out.println(k + ": " + v));
        // "Advanced Queries" shows its queries as code (#+BEGIN_SRC), not as queries
        assertThat(queries)
                .containsOnlyKeys(
                        "Advanced Queries",
                        "Commands",
                        "Graph Overview",
                        "May 30th, 2020",
                        "Publishing",
                        "Queries",
                        "changelog_06");
        assertThat(total).isEqualTo(14);
        assertThat(kinds).doesNotContainKeys("not run", "stopped");
    }

    /**
     * The 19 examples of the docs' "Advanced Queries" page (shown there as code), run as queries on
     * that page: all run; those with a :view or :result-transform show their default view.
     */
    @Test
    void theExamplesOfTheAdvancedQueriesPageRun() {
        Page page = graph.page("Advanced Queries").orElseThrow();
        HtmlPageRenderer renderer =
                HtmlPageRenderer.builder()
                        .clock(Clock.fixed(Instant.parse("2024-01-15T12:00:00Z"), ZoneOffset.UTC))
                        .build();
        RenderContext ctx = context(graph);
        Map<String, Integer> kinds = new TreeMap<>();
        int n = 0;
        for (Block b : page.flatBlocks()) {
            String c = b.content();
            int from = c.indexOf("#+BEGIN_QUERY");
            while (from >= 0) {
                int to = c.indexOf("#+END_QUERY", from);
                String query = c.substring(from, to + "#+END_QUERY".length());
                Block holder = Block.of(query).withLine(1);
                Element q =
                        Jsoup.parseBodyFragment(renderer.renderBlock(holder, page, ctx))
                                .selectFirst(".advanced-query");
                String kind = kind(q);
                kinds.merge(kind, 1, Integer::sum);
                n++;
                System.out.printf(
                        "example %-2d %-30s %s %s%n",
                        n,
                        kind,
                        q.select("> .query-title").text(),
                        q.select("> p.query-note").text());
                from = c.indexOf("#+BEGIN_QUERY", to);
            }
        }
        System.out.println(kinds);
        assertThat(n).isEqualTo(19);
        assertThat(kinds).doesNotContainKeys("not run", "stopped");
    }

    @Test
    void graphOverviewListsThePagesOfEachClass() {
        List<Element> overview = queries.get("Graph Overview");
        assertThat(overview).hasSize(9);
        for (Element q : overview) {
            assertThat(q.select("table.query-table tbody tr"))
                    .as(q.select(".query-title").text())
                    .isNotEmpty();
        }
        Element features =
                overview.stream()
                        .filter(q -> q.select(".query-title").text().equals("Feature pages"))
                        .findFirst()
                        .orElseThrow();
        assertThat(features.select("thead th").eachText())
                .containsExactly(
                        "page", "type", "platforms", "description", "initial-version", "tags");
        assertThat(features.select("tbody tr")).hasSizeGreaterThan(50);
    }

    private static String kind(Element q) {
        if (!q.select("> p.query-note.query-not-run").isEmpty()) {
            return "not run";
        }
        if (!q.select("> p.query-note.query-stopped").isEmpty()) {
            return "stopped";
        }
        String kind;
        if (!q.select("> table.query-table").isEmpty()) {
            kind = "table";
        } else if (!q.select("> .query-group").isEmpty()) {
            kind = "blocks";
        } else if (!q.select("> pre.query-data").isEmpty()) {
            kind = "values";
        } else {
            kind = "empty";
        }
        if (!q.select("> p.query-note.query-custom-view").isEmpty()) {
            kind += " (custom view not shown)";
        }
        return kind;
    }

    static RenderContext context(Graph graph) {
        Workspace ws =
                new Workspace(
                        1,
                        1,
                        "docs",
                        "Docs",
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
                                .map(p -> "/docs/" + Slugs.slugify(p.name()));
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
}
