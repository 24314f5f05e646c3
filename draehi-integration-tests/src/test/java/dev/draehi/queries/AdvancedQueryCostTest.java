package dev.draehi.queries;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Block;
import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import dev.draehi.render.HtmlPageRenderer;
import dev.draehi.spi.RenderContext;
import dev.draehi.sync.LogseqGraphReader;
import dev.draehi.testing.DocsGraph;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What advanced queries cost a sync: the fact index, built on a graph's first query, and each query
 * after it, on the docs graph and on a generated graph of 5,000 pages and 1,000 journals. Run with
 * {@code mvn -pl draehi-integration-tests -am test -Dsurefire.excludedGroups= -Dgroups=bench
 * -Dtest=AdvancedQueryCostTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
class AdvancedQueryCostTest {
    private static final HtmlPageRenderer RENDERER =
            HtmlPageRenderer.builder()
                    .clock(Clock.fixed(Instant.parse("2024-03-01T12:00:00Z"), ZoneOffset.UTC))
                    .build();

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private static final List<String> QUERIES =
            List.of(
                    "{:query [:find ?d . :in $ ?d] :inputs [:today]}",
                    "{:query [:find (pull ?b [*]) :where [?b :block/marker \"TODO\"]]}",
                    "{:query [:find (pull ?b [*]) :where (task ?b #{\"TODO\" \"DOING\"})]}",
                    "{:query [:find (pull ?p [*]) :where (page-property ?p :type \"book\")]}",
                    "{:query [:find (pull ?b [*]) :where (page-ref ?b \"alpha\")]}",
                    "{:query [:find (pull ?b [*]) :in $ ?s ?e :where (between ?b ?s ?e)]"
                            + " :inputs [:-30d :today]}",
                    "{:query \"lambda omega\"}",
                    "{:query [:find (count ?b) . :where [?b :block/refs ?p] [?p :block/name ?n]"
                            + " [(clojure.string/starts-with? ?n \"a\")]]}");

    @TempDir Path dir;

    @Test
    void docsGraph() {
        Graph graph = LogseqGraphReader.builder().build().read(DocsGraph.path(), "0".repeat(40));
        measure("docs", graph);
        // the docs graph's own query pages, on a fresh graph (index built again) and after
        Graph fresh = LogseqGraphReader.builder().build().read(DocsGraph.path(), "1".repeat(40));
        RenderContext ctx = DocsGraphQueriesTest.context(fresh);
        for (int round = 1; round <= 2; round++) {
            long t0 = System.nanoTime();
            for (Page p : fresh.publishedPages()) {
                if (p.flatBlocks().stream().anyMatch(b -> b.content().contains("#+BEGIN_QUERY"))) {
                    RENDERER.render(p, ctx);
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "docs: the 6 query pages rendered, round %d: %.1f ms%n",
                    round,
                    (System.nanoTime() - t0) / 1e6);
        }
    }

    @Test
    void generatedGraphOf5000Pages() throws Exception {
        Path script =
                Path.of(System.getProperty("draehi.genGraph", "/work/shared/bench/gen-graph.py"));
        Process p =
                new ProcessBuilder("python3", script.toString(), dir.toString(), "5000", "1000")
                        .inheritIO()
                        .start();
        assertThat(p.waitFor()).isZero();
        Graph graph = LogseqGraphReader.builder().build().read(dir, "0".repeat(40));
        measure("g5k", graph);
        // again on a new graph object, as the next sync has: the JIT is warm now
        measure("g5k (warm)", LogseqGraphReader.builder().build().read(dir, "1".repeat(40)));
    }

    private static void measure(String name, Graph graph) {
        long blocks = graph.publishedPages().stream().mapToLong(Page::blockCount).sum();
        System.out.printf(
                Locale.ROOT,
                "%s: %d published pages, %d blocks%n",
                name,
                graph.publishedPages().size(),
                blocks);
        RenderContext ctx = DocsGraphQueriesTest.context(graph);
        Page page = graph.publishedPages().get(0);
        System.gc();
        long heap0 = used();
        for (String q : QUERIES) {
            Block holder = Block.of("#+BEGIN_QUERY\n" + q + "\n#+END_QUERY").withLine(1);
            long c0 = CPU.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            String html = RENDERER.renderBlock(holder, page, ctx);
            double first = (System.nanoTime() - t0) / 1e6;
            double firstCpu = (CPU.getCurrentThreadCpuTime() - c0) / 1e6;
            c0 = CPU.getCurrentThreadCpuTime();
            RENDERER.renderBlock(holder, page, ctx);
            double secondCpu = (CPU.getCurrentThreadCpuTime() - c0) / 1e6;
            Element view = Jsoup.parseBodyFragment(html).selectFirst(".advanced-query");
            String shown =
                    view.select("> p.query-note").text()
                            + " "
                            + view.select("li.query-block, tbody tr").size()
                            + " shown "
                            + view.select("pre.query-data").text();
            System.out.printf(
                    Locale.ROOT,
                    "%s: first %7.1f ms (cpu %7.1f ms), again cpu %7.1f ms  %s  -> %s%n",
                    name,
                    first,
                    firstCpu,
                    secondCpu,
                    q,
                    shown.strip());
        }
        System.gc();
        System.out.printf(
                Locale.ROOT,
                "%s: heap after the queries: +%.1f MB%n",
                name,
                (used() - heap0) / 1e6);
    }

    private static long used() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
