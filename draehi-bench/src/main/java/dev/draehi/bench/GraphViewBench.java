package dev.draehi.bench;

import static dev.draehi.bench.BenchRun.log;

import dev.draehi.model.Workspace;
import dev.draehi.site.Site;
import dev.draehi.store.Storage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The graph view as a reader of the static export uses it in headless Chromium (software canvas):
 * the global graph ({@code -/graph}) and the local graph of the best linked page. Measured: the
 * bytes of the graph's data, the time from navigation to the first frame drawn and to the view
 * settled ({@code graph.js}'s performance marks), the frame times (intervals of {@code
 * requestAnimationFrame}) while it settles and while the reader drags and wheels over it for a few
 * seconds, and the time the site takes to build the data in process. Goal, the site issue's
 * "usable": 30 frames a second or more while the reader pans and zooms g5k.
 */
final class GraphViewBench {
    static final List<String> GRAPHS = List.of("g5k");
    static final String SECTION = "Graph view (Chromium, static export)";
    static final double FRAME_GOAL_FPS = 30;

    /** Starts recording frame intervals in {@code window.__frames}. */
    private static final String RECORD =
            "window.__frames = []; window.__rec = true; var last = performance.now();"
                    + "requestAnimationFrame(function tick(now) {"
                    + " window.__frames.push(now - last); last = now;"
                    + " if (window.__rec) requestAnimationFrame(tick); });";

    /** The nodes and links a view draws. */
    private static final String COUNTS =
            "var d = arguments[0].forceGraph.graphData(); return [d.nodes.length, d.links.length];";

    private static final String STOP = "window.__rec = false; return window.__frames;";

    /** Navigation to first frame, to settled, and the data's transfer and body size. */
    private static final String MARKS =
            "function at(n) { var e = performance.getEntriesByName(n); return e.length ? e[0].startTime : -1; }"
                    + "var d = performance.getEntriesByType('resource').filter(function (e) {"
                    + " return /graph.*\\.json/.test(e.name); })[0];"
                    + "return [at('draehi-graph-frame'), at('draehi-graph-settled'),"
                    + " d ? d.transferSize : -1, d ? d.decodedBodySize : -1];";

    private static final String WAIT_SETTLED =
            "var done = arguments[1], el = arguments[0], t0 = performance.now();"
                    + "(function wait() { var s = el.getAttribute('data-drawn');"
                    + " if (s === 'settled' || s === 'failed' || performance.now() - t0 > 60000) done(s);"
                    + " else setTimeout(wait, 20); })();";

    private final BenchRun run;

    GraphViewBench(BenchRun run) {
        this.run = run;
    }

    /** Times the site building {@code ws}'s graph data in process, a fresh site each run. */
    void build(String g, Storage storage, Workspace ws) {
        BenchReport.Figure f =
                run.report.figure(
                        "graph." + g + ".build_ms", "graph data " + g + ": built in process", "ms");
        for (int i = 0; i <= run.repeat; i++) {
            Site site = Site.builder(storage).build();
            long t0 = System.nanoTime();
            site.get("/" + ws.slug() + "/-/graph.json");
            double ms = (System.nanoTime() - t0) / 1e6;
            log("%s graph data built in %.0f ms%s", g, ms, i == 0 ? " (untimed)" : "");
            if (i > 0) {
                f.add(ms);
            }
        }
        f.note(String.format(Locale.ROOT, "min %.0f ms; first build untimed", f.min()));
    }

    /** Opens the graph views of the export of {@code g} in {@code dir}, workspace {@code slug}. */
    void graphView(String g, Path dir, String slug) throws Exception {
        List<String> s = run.report.section(SECTION);
        if (s.isEmpty()) {
            s.add(
                    "The static export served as files (uncompressed; gzip size computed apart),"
                            + " in headless Chromium with a software canvas (1280×900), cache off."
                            + " \"frame\": navigation to the first frame drawn; \"settled\": to"
                            + " the layout done; frames while settling, then while the reader"
                            + " drags (2 s) and wheels in and out (2 s) over the view: median and"
                            + " 95th percentile of requestAnimationFrame intervals, and frames a"
                            + " second (a frame redrawn only when something moved). Local: the"
                            + " sidebar graph of the best linked page, timed from opening it."
                            + " Goal: median frame under 33 ms while panning and zooming g5k.");
            s.add("");
            s.add(
                    "| graph | view | nodes | links | data bytes | gzip | frame ms | settled ms"
                            + " | settling median / p95 ms, fps | pan+zoom median / p95 ms, fps |");
            s.add("|---|---|---:|---:|---:|---:|---:|---:|---|---|");
        }
        if (!BenchBrowser.available()) {
            s.add("| " + g + " | skipped: no Chromium and ChromeDriver | | | | | | | | |");
            return;
        }
        Path json = dir.resolve(slug).resolve("-").resolve("graph.json");
        long gzip = gzipSize(json);
        ChromeDriver browser = null;
        try (StaticFiles files = new StaticFiles(dir)) {
            browser = BenchBrowser.start(run.work.resolve("chromium-graph-" + g));
            browser.executeCdpCommand("Network.enable", Map.of());
            browser.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
            JavascriptExecutor js = browser;
            String base = files.base() + "/" + slug + "/";
            // one untimed load first: the browser's own caches of the library's code warm
            for (int i = 0; i < 2; i++) {
                browser.get(base + "-/graph");
                Object el = browser.findElement(By.cssSelector(".graph-view.graph-global"));
                js.executeScript(RECORD);
                Object state = js.executeAsyncScript(WAIT_SETTLED, el);
                List<?> settling = (List<?>) js.executeScript(STOP);
                if (i == 0) {
                    log("%s graph view untimed load: %s", g, state);
                    continue;
                }
                List<?> marks = (List<?>) js.executeScript(MARKS);
                List<?> counts = (List<?>) js.executeScript(COUNTS, el);
                Files.createDirectories(run.out);
                Files.write(
                        run.out.resolve("graph-" + g + ".png"),
                        browser.getScreenshotAs(OutputType.BYTES));
                double[] pan = panAndZoom(browser, js);
                row(s, g, "global", state, counts, marks, gzip, frames(settling), pan);
            }
            String page =
                    (String)
                            js.executeScript(
                                    "var n = arguments[0].forceGraph.graphData().nodes.slice()"
                                            + ".sort(function (a, b) { return b.deg - a.deg; })[0];"
                                            + "return n.p;",
                                    browser.findElement(By.cssSelector(".graph-view")));
            browser.get(base + page);
            Path local = dir.resolve(slug).resolve("-").resolve("graph").resolve(page + ".json");
            long localGzip = Files.isRegularFile(local) ? gzipSize(local) : -1;
            js.executeScript(
                    "performance.clearMarks(); performance.clearResourceTimings();"
                            + "window.__opened = performance.now();"
                            + "document.querySelector('details.local-graph').open = true;");
            Object el = browser.findElement(By.cssSelector(".graph-view.graph-local"));
            js.executeScript(RECORD);
            Object state = js.executeAsyncScript(WAIT_SETTLED, el);
            List<?> settling = (List<?>) js.executeScript(STOP);
            List<?> marks =
                    (List<?>)
                            js.executeScript(
                                    "var m = (function () {"
                                            + MARKS
                                            + "})();"
                                            + "m[0] -= window.__opened; m[1] -= window.__opened;"
                                            + "return m;");
            List<?> counts = (List<?>) js.executeScript(COUNTS, el);
            row(s, g, "local: " + page, state, counts, marks, localGzip, frames(settling), null);
        } finally {
            if (browser != null) {
                browser.quit();
            }
        }
    }

    private void row(
            List<String> s,
            String g,
            String view,
            Object state,
            List<?> counts,
            List<?> marks,
            long gzip,
            double[] settling,
            double[] pan) {
        double frame = ((Number) marks.get(0)).doubleValue();
        double settled = ((Number) marks.get(1)).doubleValue();
        long bytes = ((Number) marks.get(3)).longValue();
        String key = "graph." + g + "." + (view.equals("global") ? "global" : "local");
        String name = "graph view " + g + " " + (view.equals("global") ? "global" : "local");
        run.report.figure(key + ".bytes", name + ": data", "bytes").add(bytes);
        run.report.figure(key + ".frame_ms", name + ": to first frame", "ms").add(frame);
        run.report.figure(key + ".settled_ms", name + ": to settled", "ms").add(settled);
        run.report
                .figure(key + ".settling_frame_ms", name + ": frame while settling", "ms")
                .add(settling[0])
                .note(
                        String.format(
                                Locale.ROOT, "p95 %.1f ms, %.1f fps", settling[1], settling[2]));
        if (pan != null) {
            run.report
                    .figure(key + ".pan_fps", name + ": frames/s while panning/zooming", "fps")
                    .add(pan[2])
                    .atLeast("≥ 30 fps", FRAME_GOAL_FPS)
                    .note(
                            String.format(
                                    Locale.ROOT,
                                    "frame median %.1f ms, p95 %.1f ms",
                                    pan[0],
                                    pan[1]));
        }
        String line =
                String.format(
                        Locale.ROOT,
                        "| %s | %s%s | %s | %s | %,d | %,d | %.0f | %.0f | %.1f / %.1f, %.1f | %s |",
                        g,
                        view,
                        "settled".equals(state) ? "" : " (" + state + ")",
                        counts.get(0),
                        counts.get(1),
                        bytes,
                        gzip,
                        frame,
                        settled,
                        settling[0],
                        settling[1],
                        settling[2],
                        pan == null
                                ? ""
                                : String.format(
                                        Locale.ROOT, "%.1f / %.1f, %.1f", pan[0], pan[1], pan[2]));
        log("graph view %s", line);
        s.add(line);
    }

    /**
     * Drags across the view for 2 s, then wheels in and out over it for 2 s, as trusted input
     * events; returns the median and 95th percentile frame interval meanwhile.
     */
    private static double[] panAndZoom(ChromeDriver browser, JavascriptExecutor js)
            throws InterruptedException {
        @SuppressWarnings("unchecked")
        Map<String, Number> box =
                (Map<String, Number>)
                        js.executeScript(
                                "var v = document.querySelector('.graph-view');"
                                        + "v.scrollIntoView({block: 'center'});"
                                        + "var r = v.getBoundingClientRect();"
                                        + "return {x: r.left + r.width / 2, y: r.top + r.height / 2};");
        double cx = box.get("x").doubleValue();
        double cy = box.get("y").doubleValue();
        js.executeScript(RECORD);
        mouse(browser, "mouseMoved", cx, cy, 0);
        mouse(browser, "mousePressed", cx, cy, 1);
        long end = System.nanoTime() + 2_000_000_000L;
        for (int i = 0; System.nanoTime() < end; i++) {
            double a = i * 0.15;
            mouse(browser, "mouseMoved", cx + 120 * Math.cos(a), cy + 90 * Math.sin(a), 1);
            Thread.sleep(16);
        }
        mouse(browser, "mouseReleased", cx, cy, 1);
        end = System.nanoTime() + 2_000_000_000L;
        for (int i = 0; System.nanoTime() < end; i++) {
            double a = i * 0.2;
            browser.executeCdpCommand(
                    "Input.dispatchMouseEvent",
                    Map.of(
                            "type",
                            "mouseWheel",
                            "x",
                            cx + 100 * Math.cos(a),
                            "y",
                            cy + 80 * Math.sin(a),
                            "deltaX",
                            0,
                            "deltaY",
                            (i / 15) % 2 == 0 ? -60 : 60));
            Thread.sleep(16);
        }
        List<?> f = (List<?>) js.executeScript(STOP);
        return frames(f);
    }

    private static void mouse(ChromeDriver b, String type, double x, double y, int buttons) {
        b.executeCdpCommand(
                "Input.dispatchMouseEvent",
                Map.of(
                        "type", type,
                        "x", x,
                        "y", y,
                        "button", buttons > 0 || !type.equals("mouseMoved") ? "left" : "none",
                        "buttons", buttons,
                        "clickCount", type.equals("mouseMoved") ? 0 : 1));
    }

    /** Median and 95th percentile of frame intervals {@code f}, the first left out. */
    private static double[] frames(List<?> f) {
        List<Double> ms = new ArrayList<>();
        for (int i = 1; i < f.size(); i++) {
            ms.add(((Number) f.get(i)).doubleValue());
        }
        if (ms.isEmpty()) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        double[] v = ms.stream().mapToDouble(Double::doubleValue).toArray();
        double sum = Arrays.stream(v).sum();
        Arrays.sort(v);
        return new double[] {
            v[v.length / 2],
            v[Math.min(v.length - 1, (int) (v.length * 0.95))],
            v.length * 1e3 / sum
        };
    }

    private static long gzipSize(Path f) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(Files.readAllBytes(f));
        }
        return out.size();
    }
}
