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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What a query costs a reader of a static export in Chromium: the bytes it downloads (manifest,
 * shards and chunks of documents, without cache; the manifest, which focusing the box loads before
 * one types, is printed apart) and the time from typing to the hits shown. Graph size by {@code
 * -Ddraehi.search.graph=g50k} (default g5k); goals: under 300 KB and 100 ms a query. {@code mvn
 * verify -Pbench -pl draehi-bench,draehi-integration-tests -Dtest=SearchBenchTest}.
 */
@Tag("bench")
class SearchBenchTest {
    static final List<String> QUERIES =
            List.of(
                    "alpha",
                    "alpha beta",
                    "omega psi chi",
                    "topic 10",
                    "area3 topic",
                    "kap",
                    "nothingmatchesthis");

    @Test
    void queriesOfAStaticExport() throws Exception {
        assumeTrue(Files.isExecutable(BrowserSession.CHROMIUM), "no Chromium");
        String g = System.getProperty("draehi.search.graph", "g5k");
        Path work = Path.of("target", "search-bench").toAbsolutePath();
        Path graph = work.resolve(g);
        if (!Files.isDirectory(graph.resolve("pages"))) {
            GraphGenerator.of(GraphGenerator.Size.named(g)).writeTo(graph);
        }
        InMemoryStorage storage = new InMemoryStorage();
        Workspace ws = LocalWorkspace.ensure(storage, "g", graph.toString());
        long t0 = System.nanoTime();
        Graphs graphs =
                new Graphs(
                        storage,
                        work.resolve("co-" + g),
                        new PrintStream(PrintStream.nullOutputStream()));
        assertThat(graphs.sync(ws).succeeded()).isTrue();
        long t1 = System.nanoTime();
        Site site = Site.builder(storage).build();
        Path out = work.resolve("export-" + g);
        StaticExport.Result r = new StaticExport(site, out).write();
        long t2 = System.nanoTime();
        long indexBytes;
        long indexFiles;
        try (var walk = Files.walk(out.resolve("g/-/search"))) {
            List<Path> parts = walk.filter(Files::isRegularFile).toList();
            indexFiles = parts.size();
            indexBytes = parts.stream().mapToLong(p -> p.toFile().length()).sum();
        }
        System.out.printf(
                Locale.ROOT,
                "search bench %s: sync %.1f s, export %.1f s (%d files), index %d files %,d bytes,"
                        + " manifest %,d bytes%n",
                g,
                (t1 - t0) / 1e9,
                (t2 - t1) / 1e9,
                r.files(),
                indexFiles,
                indexBytes,
                Files.size(out.resolve("g/-/search-index.json")));
        HttpServer files = ServedGraph.serveDirectory(out);
        ChromeDriver browser = BrowserSession.chromium(work.resolve("profile"), false);
        List<String> failures = new ArrayList<>();
        try {
            browser.executeCdpCommand("Network.enable", Map.of());
            browser.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
            String page = "http://127.0.0.1:" + files.getAddress().getPort() + "/g/-/search";
            // the first query of a fresh browser also pays for its connections: not measured
            List<String> queries = new ArrayList<>(List.of("warm up"));
            queries.addAll(QUERIES);
            for (String q : queries) {
                browser.get(page);
                // the manifest, as focusing the box loads it before one types
                ((JavascriptExecutor) browser)
                        .executeAsyncScript(
                                "var done = arguments[0];"
                                        + "fetch(document.querySelector('form.site-search')"
                                        + ".getAttribute('data-index')).then(function () {"
                                        + " document.querySelector('form.site-search input').focus();"
                                        + " setTimeout(done, 100); });");
                Object res =
                        ((JavascriptExecutor) browser)
                                .executeAsyncScript(
                                        "var q = arguments[0], done = arguments[1];"
                                                + "var list = document.getElementById('search-results');"
                                                + "var input = document.querySelector('form.search input');"
                                                + "performance.clearResourceTimings();"
                                                + "var t0 = performance.now();"
                                                + "new MutationObserver(function (m, o) { o.disconnect();"
                                                + "  var ms = performance.now() - t0;"
                                                + "  setTimeout(function () {"
                                                + "    var bytes = 0, n = 0, net = 0;"
                                                + "    performance.getEntriesByType('resource').forEach(function (e) {"
                                                + "      if (e.name.indexOf('/-/search') >= 0) { bytes += e.transferSize; n++;"
                                                + "        net += e.responseEnd - e.startTime; } });"
                                                + "    done([ms, bytes, n, list.querySelectorAll('li.search-hit').length, net]);"
                                                + "  }, 50); }).observe(list, { childList: true });"
                                                + "input.value = q; input.dispatchEvent(new Event('input'));",
                                        q);
                List<?> v = (List<?>) res;
                double ms = ((Number) v.get(0)).doubleValue();
                long bytes = ((Number) v.get(1)).longValue();
                System.out.printf(
                        Locale.ROOT,
                        "search bench %s: %-20s %6.1f ms %,9d bytes in %2d requests (%.0f ms summed),"
                                + " %2d hits%n",
                        g,
                        "\"" + q + "\"",
                        ms,
                        bytes,
                        ((Number) v.get(2)).longValue(),
                        ((Number) v.get(4)).doubleValue(),
                        ((Number) v.get(3)).longValue());
                if (q.equals("warm up")) {
                    continue;
                }
                if (bytes > 300 * 1024 || ms > 100) {
                    failures.add(q + ": " + ms + " ms, " + bytes + " bytes");
                }
            }
        } finally {
            browser.quit();
            files.stop(0);
        }
        assertThat(failures).as("queries over 300 KB or 100 ms").isEmpty();
    }
}
