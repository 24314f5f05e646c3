package dev.draehi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.draehi.bench.GraphGenerator;
import dev.draehi.model.Workspace;
import dev.draehi.site.Site;
import dev.draehi.store.memory.InMemoryStorage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What the graph page costs a reader of a static export in headless Chromium (software canvas): the
 * bytes of its data, the time until it is drawn, and the frame times while the layout runs and
 * while the reader zooms the settled graph. Measured, not asserted. Graph size by {@code
 * -Ddraehi.graph.bench=g5k} (the default). {@code mvn verify -Pbench -pl
 * draehi-bench,draehi-integration-tests -Dtest=GraphBenchTest}.
 */
@Tag("bench")
class GraphBenchTest {
    @Test
    void framesOfTheGraphPage() throws Exception {
        assumeTrue(Files.isExecutable(BrowserSession.CHROMIUM), "no Chromium");
        String g = System.getProperty("draehi.graph.bench", "g5k");
        Path work = Path.of("target", "graph-bench").toAbsolutePath();
        Path graph = work.resolve(g);
        if (!Files.isDirectory(graph.resolve("pages"))) {
            GraphGenerator.of(GraphGenerator.Size.named(g)).writeTo(graph);
        }
        InMemoryStorage storage = new InMemoryStorage();
        Workspace ws = LocalWorkspace.ensure(storage, "g", graph.toString());
        Graphs graphs =
                new Graphs(
                        storage,
                        work.resolve("co-" + g),
                        new PrintStream(PrintStream.nullOutputStream()));
        assertThat(graphs.sync(ws).succeeded()).isTrue();
        Site site = Site.builder(storage).build();
        long t0 = System.nanoTime();
        String json = site.get("/g/-/graph.json").bodyText();
        long t1 = System.nanoTime();
        Path out = work.resolve("export-" + g);
        Files.createDirectories(out.resolve("g/-"));
        // the graph page and what it loads; the rest of the export is not needed here
        for (String p :
                List.of(
                        "/g/-/graph",
                        "/g/-/graph.json",
                        "/g/-/static/draehi.css",
                        "/g/-/static/graph.js",
                        "/g/-/static/force-graph/force-graph.min.js",
                        "/g/-/static/search.js",
                        "/g/-/static/preview.js",
                        "/g/-/static/sidebar.js")) {
            Path f = out.resolve(StaticExport.fileFor(p));
            Files.createDirectories(f.getParent());
            Files.write(f, site.get(p).body());
        }
        HttpServer files = ServedGraph.serveDirectory(out);
        ChromeDriver browser = BrowserSession.chromium(work.resolve("profile"), false);
        try {
            String page = "http://127.0.0.1:" + files.getAddress().getPort() + "/g/-/graph";
            long nav = System.nanoTime();
            browser.get(page);
            List<?> layout =
                    (List<?>)
                            ((JavascriptExecutor) browser)
                                    .executeAsyncScript(
                                            "var done = arguments[0], el = document.querySelector('.graph-view');"
                                                    + "var t0 = performance.now(), drawn = 0;"
                                                    + "(function wait() { if (el.forceGraph) { drawn = performance.now(); measure(); }"
                                                    + "  else setTimeout(wait, 10); })();"
                                                    + "function measure() { var last = performance.now(), f = [];"
                                                    + "  function tick(now) { f.push(now - last); last = now;"
                                                    + "    if (now - drawn < 5000) requestAnimationFrame(tick);"
                                                    + "    else done([drawn, f, el.forceGraph.graphData().nodes.length,"
                                                    + "      el.forceGraph.graphData().links.length]); }"
                                                    + "  requestAnimationFrame(tick); }");
            long untilMeasured = System.nanoTime() - nav;
            List<?> marks =
                    (List<?>)
                            ((JavascriptExecutor) browser)
                                    .executeScript(
                                            "function at(n) { var e = performance.getEntriesByName(n); return e.length ? e[0].startTime || e[0].responseEnd : -1; }"
                                                    + "var json = performance.getEntriesByType('resource').filter(function (e) { return e.name.indexOf('graph.json') >= 0; })[0];"
                                                    + "var lib = performance.getEntriesByType('resource').filter(function (e) { return e.name.indexOf('force-graph') >= 0; })[0];"
                                                    + "return [json ? json.responseEnd : -1, lib ? lib.responseEnd : -1,"
                                                    + " at('draehi-graph-data'), at('draehi-graph-drawn'), json ? json.transferSize : -1];");
            ((JavascriptExecutor) browser)
                    .executeAsyncScript(
                            "var done = arguments[0], el = document.querySelector('.graph-view');"
                                    + "(function wait() { if (el.getAttribute('data-drawn') === 'settled') done();"
                                    + "  else setTimeout(wait, 50); })();");
            List<?> zoom =
                    (List<?>)
                            ((JavascriptExecutor) browser)
                                    .executeAsyncScript(
                                            "var done = arguments[0], g = document.querySelector('.graph-view').forceGraph;"
                                                    + "var last = performance.now(), start = last, f = [];"
                                                    + "g.zoom(g.zoom() * 3, 2000);"
                                                    + "function tick(now) { f.push(now - last); last = now;"
                                                    + "  if (now - start < 2000) requestAnimationFrame(tick); else done(f); }"
                                                    + "requestAnimationFrame(tick);");
            @SuppressWarnings("unchecked")
            List<Number> during = (List<Number>) layout.get(1);
            @SuppressWarnings("unchecked")
            List<Number> zooming = (List<Number>) zoom;
            System.out.printf(
                    Locale.ROOT,
                    "graph bench %s: %d pages, %d links, graph.json %,d bytes (built in %.0f ms);"
                            + " page to drawn %.0f ms (data in at %.0f ms, library at %.0f ms, parsed %.0f ms,"
                            + " drawn %.0f ms; measured until %.0f ms); frames while the layout runs: %s;"
                            + " while zooming the settled graph: %s%n",
                    g,
                    ((Number) layout.get(2)).intValue(),
                    ((Number) layout.get(3)).intValue(),
                    json.length(),
                    (t1 - t0) / 1e6,
                    ((Number) marks.get(3)).doubleValue(),
                    ((Number) marks.get(0)).doubleValue(),
                    ((Number) marks.get(1)).doubleValue(),
                    ((Number) marks.get(2)).doubleValue(),
                    ((Number) marks.get(3)).doubleValue(),
                    untilMeasured / 1e6,
                    frames(during),
                    frames(zooming));
        } finally {
            browser.quit();
            files.stop(0);
        }
    }

    /** Median and 95th percentile frame time, and frames per second, of {@code f}. */
    static String frames(List<Number> f) {
        double[] ms = f.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        double sum = 0;
        for (double m : ms) {
            sum += m;
        }
        return String.format(
                Locale.ROOT,
                "median %.1f ms, p95 %.1f ms, %.0f fps over %d frames",
                ms[ms.length / 2],
                ms[(int) (ms.length * 0.95)],
                ms.length * 1000 / sum,
                ms.length);
    }
}
