package dev.draehi.bench;

import static dev.draehi.bench.BenchRun.log;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What a query costs a reader of the static export in Chromium: the bytes of the search index it
 * downloads (shards and chunks of documents, no cache; the manifest, which focusing the box loads
 * before one types, apart) and the time from typing to the first hits shown and to all of them.
 * Goals from the site issue: under 300 KB and 100 ms a query on g50k.
 */
final class SearchBench {
    static final List<String> GRAPHS = List.of("g5k", "g50k");
    static final double MAX_BYTES = 300 * 1024;
    static final double MAX_MS = 100;

    /** Not measured: a word of the generated graphs, so that its hits are fetched. */
    static final String WARM_UP = "gamma";

    /** Words of the generated graphs: common, rare, several, a prefix, none. */
    static final List<String> QUERIES =
            List.of(
                    "alpha",
                    "alpha beta",
                    "omega psi chi",
                    "topic 10",
                    "area3 topic",
                    "kap",
                    "nothingmatchesthis");

    private static final String FOCUS =
            "var done = arguments[0];"
                    + "fetch(document.querySelector('form.site-search')"
                    + ".getAttribute('data-index')).then(function (r) { return r.text(); })"
                    + ".then(function () {"
                    + " document.querySelector('form.site-search input').focus();"
                    + " setTimeout(done, 100); });";

    /**
     * Types {@code q} and answers the time to the first hits shown, the bytes and requests of the
     * index, the hits, and the time to all of them (the list no longer {@code aria-busy}).
     */
    private static final String QUERY =
            "var q = arguments[0], done = arguments[1];"
                    + "var list = document.getElementById('search-results');"
                    + "var input = document.querySelector('form.search input');"
                    + "performance.clearResourceTimings();"
                    + "var t0 = performance.now(), first = -1;"
                    + "new MutationObserver(function (m, o) {"
                    + "  var ms = performance.now() - t0;"
                    + "  if (first < 0 && m.some(function (r) { return r.type === 'childList'; }))"
                    + "    first = ms;"
                    + "  if (first < 0 || list.getAttribute('aria-busy') === 'true') return;"
                    + "  o.disconnect();"
                    + "  setTimeout(function () {"
                    + "    var bytes = 0, n = 0, net = [];"
                    + "    performance.getEntriesByType('resource').forEach(function (e) {"
                    + "      if (e.name.indexOf('/-/search') < 0) return;"
                    + "      bytes += e.transferSize; n++;"
                    + "      net.push(e.name.replace(/.*\\/-\\//, '') + ' '"
                    + "        + Math.round(e.startTime - t0) + '-' + Math.round(e.responseEnd - t0)); });"
                    + "    done([first, bytes, n, list.querySelectorAll('li.search-hit').length, ms,"
                    + "      net.join(', ')]);"
                    + "  }, 50); }).observe(list, { childList: true, attributes: true,"
                    + "    attributeFilter: ['aria-busy'] });"
                    + "input.value = q; input.dispatchEvent(new Event('input'));";

    private final BenchRun run;

    SearchBench(BenchRun run) {
        this.run = run;
    }

    /** Queries the export of {@code g} in {@code dir}, whose workspace is {@code slug}. */
    void search(String g, Path dir, String slug) throws Exception {
        List<String> s = run.report.section("Static search (Chromium, static export)");
        if (s.isEmpty()) {
            s.add(
                    "Each query typed into the search page of the static export, served as files,"
                            + " in headless Chromium without cache: the bytes of the index it"
                            + " downloads and the time from typing to the first hits shown and to"
                            + " all of them (after one untimed query). Goals on g50k: under 300 KB"
                            + " and 100 ms (to all hits) a query.");
            s.add("");
            s.add("| graph | query | hits | requests | bytes | first hits ms | all hits ms |");
            s.add("|---|---|---:|---:|---:|---:|---:|");
        }
        if (!BenchBrowser.available()) {
            s.add("| " + g + " | skipped: no Chromium and ChromeDriver | | | | | |");
            return;
        }
        long manifest = Files.size(dir.resolve(slug).resolve("-").resolve("search-index.json"));
        BenchReport.Figure bytes =
                run.report.figure(
                        "search." + g + ".bytes", "static search " + g + " bytes/query", "bytes");
        BenchReport.Figure millis =
                run.report.figure(
                        "search." + g + ".ms", "static search " + g + " time/query", "ms");
        BenchReport.Figure firstHits =
                run.report.figure(
                        "search." + g + ".first_ms",
                        "static search " + g + " time to first hits",
                        "ms");
        ChromeDriver browser = null;
        try (StaticFiles files = new StaticFiles(dir)) {
            browser = BenchBrowser.start(run.work.resolve("chromium-search-" + g));
            browser.executeCdpCommand("Network.enable", Map.of());
            browser.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
            String page = files.base() + "/" + slug + "/-/search";
            // a query with hits first, untimed: a fresh browser's first fetches open connections
            List<String> queries = new ArrayList<>(List.of(WARM_UP));
            queries.addAll(QUERIES);
            for (String q : queries) {
                browser.get(page);
                ((JavascriptExecutor) browser).executeAsyncScript(FOCUS);
                List<?> v = (List<?>) ((JavascriptExecutor) browser).executeAsyncScript(QUERY, q);
                double first = ((Number) v.get(0)).doubleValue();
                long b = ((Number) v.get(1)).longValue();
                long requests = ((Number) v.get(2)).longValue();
                long hits = ((Number) v.get(3)).longValue();
                double ms = ((Number) v.get(4)).doubleValue();
                log(
                        "%s search %-20s %6.1f ms (first hits %.1f) %,9d bytes in %d requests,"
                                + " %d hits",
                        g, "\"" + q + "\"", ms, first, b, requests, hits);
                log("%s search %-20s requests (ms from typing): %s", g, "", v.get(5));
                if (q.equals(WARM_UP)) {
                    continue;
                }
                bytes.add(b);
                millis.add(ms);
                firstHits.add(first);
                s.add(
                        String.format(
                                Locale.ROOT,
                                "| %s | %s | %d | %d | %,d | %.1f | %.1f |",
                                g,
                                q,
                                hits,
                                requests,
                                b,
                                first,
                                ms));
            }
        } finally {
            if (browser != null) {
                browser.quit();
            }
        }
        bytes.goal("< 300 KB a query (max)", bytes.max() < MAX_BYTES)
                .note(
                        String.format(
                                Locale.ROOT,
                                "max %,.0f; manifest %,d apart",
                                bytes.max(),
                                manifest));
        millis.goal("< 100 ms a query (max)", millis.max() < MAX_MS)
                .note(String.format(Locale.ROOT, "max %.1f ms to all hits", millis.max()));
        firstHits.note(String.format(Locale.ROOT, "max %.1f ms", firstHits.max()));
    }
}
