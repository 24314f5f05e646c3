package dev.draehi.bench;

import static dev.draehi.bench.BenchRun.log;

import dev.draehi.model.Slugs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * {@code draehi serve DIR --watch} as a writer uses it: a child process serves a clone of the
 * graph, a page is open in Chromium and an event stream is listened to, and a page file is saved
 * again and again. Measured from the write: the reload event on the stream, and the page showing
 * the new text in Chromium (its first contentful paint after the reload). Goal from the ecosystem
 * issue: under 300 ms on g5k.
 */
final class LivePreviewBench {
    static final List<String> GRAPHS = List.of("g5k");
    static final double GOAL_MS = 300;
    static final String SECTION = "Live preview (`serve --watch`, child process)";

    private static final Pattern SERVING =
            Pattern.compile("serving 1 workspace\\(s\\) at (http://\\S+/)");
    private static final Pattern SYNCED = Pattern.compile("draehi: synced in (\\d+) ms");

    /** Shown: when the page was first painted, in epoch milliseconds; else -1. */
    private static final String SHOWN =
            "var p = performance.getEntriesByName('first-contentful-paint')[0];"
                    + "var n = performance.getEntriesByType('navigation')[0];"
                    + "var at = p ? p.startTime : n && n.loadEventEnd > 0 ? n.loadEventEnd : -1;"
                    + "return at < 0 ? -1 : performance.timeOrigin + at;";

    private final BenchRun run;

    LivePreviewBench(BenchRun run) {
        this.run = run;
    }

    void livePreview(String g, Path source, Child child, int edits) throws Exception {
        List<String> s = run.report.section(SECTION);
        if (s.isEmpty()) {
            s.add(
                    "`draehi serve DIR --watch` on a clone of the graph (in memory), one page open"
                            + " in headless Chromium and one event stream read here; the page"
                            + " file is saved with a new block, one untimed save first, and a"
                            + " pause after each reload. \"event\": the write to the reload"
                            + " event; \"shown\": the write to Chromium's first paint of the"
                            + " reloaded page with the new text; \"sync\": the server's own"
                            + " sync time. Goal: under 300 ms on g5k.");
            s.add("");
            s.add("| graph | save | event ms | shown ms | sync ms |");
            s.add("|---|---:|---:|---:|---:|");
        }
        Path dir = run.work.resolve("live-" + g);
        BenchRun.cloneGraph(source, dir).close();
        Path logFile = run.work.resolve("live-" + g + ".log");
        Process serve =
                child.start(
                        List.of(
                                "serve",
                                dir.toString(),
                                "--watch",
                                "--port",
                                "0",
                                "--workspace",
                                "live",
                                "--checkout-dir",
                                run.work.resolve("live-co").toString()),
                        logFile);
        ChromeDriver browser = null;
        try {
            String base = awaitLog(serve, logFile, SERVING, Duration.ofMinutes(5)).group(1);
            HttpClient http = HttpClient.newHttpClient();
            Path file = null;
            String url = null;
            try (Stream<Path> pages = Files.list(dir.resolve("pages"))) {
                for (Path p : pages.sorted().toList()) {
                    String name = p.getFileName().toString();
                    if (name.endsWith(".md") && !name.contains("___")) {
                        url = base + "live/" + Slugs.slugify(name.substring(0, name.length() - 3));
                        if (status(http, url) == 200) {
                            file = p;
                            break;
                        }
                    }
                }
            }
            if (file == null) {
                s.add("| " + g + " | failed: no page found to edit | | | |");
                return;
            }
            BlockingQueue<String> events = listen(http, base + "-/draehi-live");
            if (BenchBrowser.available()) {
                browser = BenchBrowser.start(run.work.resolve("chromium-live-" + g));
                browser.get(url);
            }
            String original = Files.readString(file);
            BenchReport.Figure event =
                    run.report.figure(
                            "live." + g + ".event_ms",
                            "live preview " + g + ": save to reload event",
                            "ms");
            BenchReport.Figure shown =
                    run.report.figure(
                            "live." + g + ".shown_ms",
                            "live preview " + g + ": save to page shown in Chromium",
                            "ms");
            int syncedBefore = 0;
            for (int i = 0; i <= edits; i++) {
                Thread.sleep(500); // the last reload done, the watcher quiet
                events.clear();
                String nonce = "live-edit-" + i + "-" + System.nanoTime();
                Instant wall = Instant.now();
                long t0 = System.nanoTime();
                Files.writeString(file, original + "- " + nonce + "\n");
                String line;
                do {
                    line = events.poll(60, TimeUnit.SECONDS);
                    if (line == null) {
                        throw new IllegalStateException(
                                "no reload event in 60 s; log:\n" + Files.readString(logFile));
                    }
                } while (!line.equals("event: reload"));
                double eventMs = (System.nanoTime() - t0) / 1e6;
                double shownMs = browser == null ? Double.NaN : shown(browser, nonce, wall);
                List<String> syncs = synced(logFile);
                String sync =
                        String.join(
                                " + ",
                                syncs.subList(Math.min(syncedBefore, syncs.size()), syncs.size()));
                syncedBefore = syncs.size();
                log(
                        "%s live preview save %d: event %.0f ms, shown %.0f ms, sync %s ms",
                        g, i, eventMs, shownMs, sync);
                if (i == 0) {
                    continue; // untimed: the first re-read warms the server's JIT
                }
                event.add(eventMs);
                if (!Double.isNaN(shownMs)) {
                    shown.add(shownMs);
                }
                s.add(
                        String.format(
                                Locale.ROOT,
                                "| %s | %d | %.0f | %s | %s |",
                                g,
                                i,
                                eventMs,
                                Double.isNaN(shownMs)
                                        ? "no Chromium"
                                        : String.format(Locale.ROOT, "%.0f", shownMs),
                                sync));
            }
            event.below("< 300 ms (median)", GOAL_MS)
                    .note(
                            String.format(
                                    Locale.ROOT, "min %.0f, max %.0f", event.min(), event.max()));
            if (!shown.values.isEmpty()) {
                shown.below("< 300 ms (median)", GOAL_MS)
                        .note(
                                String.format(
                                        Locale.ROOT,
                                        "min %.0f, max %.0f",
                                        shown.min(),
                                        shown.max()));
            }
        } finally {
            if (browser != null) {
                browser.quit();
            }
            serve.destroy();
            if (!serve.waitFor(20, TimeUnit.SECONDS)) {
                serve.destroyForcibly();
            }
            run.discard(dir);
        }
    }

    /**
     * Waits until Chromium shows {@code nonce}, then returns the ms from {@code wall} to its paint.
     */
    private static double shown(ChromeDriver browser, String nonce, Instant wall)
            throws InterruptedException {
        JavascriptExecutor js = browser;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            try {
                Object has =
                        js.executeScript(
                                "return document.readyState === 'complete' && document.body"
                                        + " && document.body.textContent.indexOf(arguments[0]) >= 0;",
                                nonce);
                if (Boolean.TRUE.equals(has)) {
                    Object at = js.executeScript(SHOWN);
                    double epochMs = ((Number) at).doubleValue();
                    if (epochMs > 0) {
                        return epochMs - (wall.getEpochSecond() * 1e3 + wall.getNano() / 1e6);
                    }
                }
            } catch (org.openqa.selenium.WebDriverException e) {
                // the page is reloading
            }
            Thread.sleep(10);
        }
        return Double.NaN;
    }

    private static List<String> synced(Path log) throws java.io.IOException {
        List<String> out = new ArrayList<>();
        Matcher m = SYNCED.matcher(Files.readString(log));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static int status(HttpClient http, String url) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** The lines of the server's event stream, from its {@code retry:} line on. */
    private static BlockingQueue<String> listen(HttpClient http, String url) throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        http.sendAsync(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.fromLineSubscriber(
                        new Flow.Subscriber<String>() {
                            @Override
                            public void onSubscribe(Flow.Subscription sub) {
                                sub.request(Long.MAX_VALUE);
                            }

                            @Override
                            public void onNext(String line) {
                                lines.add(line);
                            }

                            @Override
                            public void onError(Throwable t) {}

                            @Override
                            public void onComplete() {}
                        }));
        String first = lines.poll(30, TimeUnit.SECONDS);
        if (first == null || !first.startsWith("retry:")) {
            throw new IllegalStateException("no event stream at " + url + ": " + first);
        }
        return lines;
    }

    private static Matcher awaitLog(Process p, Path log, Pattern pattern, Duration limit)
            throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            Matcher m = pattern.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (m.find()) {
                return m;
            }
            if (!p.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("serve did not start; log:\n" + Files.readString(log));
    }
}
