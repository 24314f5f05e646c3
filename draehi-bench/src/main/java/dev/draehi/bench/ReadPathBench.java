package dev.draehi.bench;

import static dev.draehi.bench.BenchRun.encodePath;
import static dev.draehi.bench.BenchRun.log;

import dev.draehi.Publisher;
import dev.draehi.model.PageRoute;
import dev.draehi.model.Workspace;
import dev.draehi.server.DraehiServer;
import dev.draehi.site.Site;
import dev.draehi.site.SiteResponse;
import dev.draehi.store.Storage;
import dev.draehi.web.SiteUrls;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** The read path on PostgreSQL: page views in process and over HTTP, against the bare server. */
final class ReadPathBench {
    private final BenchRun run;

    ReadPathBench(BenchRun run) {
        this.run = run;
    }

    void readPath(String g, Storage storage, Publisher publisher, Workspace ws) throws Exception {
        List<String> urls = new ArrayList<>();
        for (PageRoute r : storage.nodes().routes(ws.id())) {
            urls.add(SiteUrls.page(ws.slug(), encodePath(r.path())));
        }
        Site site = Site.builder(storage).build();
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            site.get(urls.get(random.nextInt(urls.size())));
        }
        int n = 5000;
        long[] lat = new long[n];
        int errors = 0;
        long pageBytesSeen = 0;
        for (int i = 0; i < n; i++) {
            String u = urls.get(random.nextInt(urls.size()));
            long t0 = System.nanoTime();
            SiteResponse resp = site.get(u);
            lat[i] = System.nanoTime() - t0;
            pageBytesSeen += resp.length();
            if (!resp.ok()) {
                errors++;
            }
        }
        java.util.Arrays.sort(lat);
        double p50 = BenchReport.percentile(lat, 50) / 1e6;
        double p99 = BenchReport.percentile(lat, 99) / 1e6;
        run.report
                .figure(
                        "read.site." + g + ".p50",
                        "page view p50 in process (Site.get, " + g + ")",
                        "ms")
                .add(p50);
        run.report
                .figure(
                        "read.site." + g + ".p99",
                        "page view p99 in process (Site.get, " + g + ")",
                        "ms")
                .add(p99)
                .below("< 5 ms", 5);
        log("%s Site.get: p50 %.2f ms, p99 %.2f ms, %d errors", g, p50, p99, errors);

        // Over HTTP, the site as `draehi serve` configures it.
        DraehiServer server =
                DraehiServer.builder(
                                Site.builder(storage)
                                        .cacheBytes(256L << 20)
                                        .recheckEvery(java.time.Duration.ofSeconds(1))
                                        .build())
                        .storage(storage)
                        .publisher(publisher)
                        .port(0)
                        .build()
                        .start();
        BenchLoad.Result crawl;
        BenchLoad.Result warm;
        BenchLoad.Result baseline;
        BenchLoad.Result load;
        try {
            // Every page once, from a cold cache: what the first visitors after a deployment
            // see; the timed run then measures the site as it serves once its pages are cached.
            crawl = BenchLoad.crawl(server.port(), urls, run.clients);
            log("HTTP crawl, every page once from a cold cache: %s", crawl);
            warm = BenchLoad.run(server.port(), urls, run.clients, Math.min(5, run.httpSeconds));
            log("HTTP warm-up: %s", warm);
            baseline =
                    BenchLoad.run(
                            server.port(),
                            List.of("/robots.txt"),
                            run.clients,
                            Math.max(3, run.httpSeconds / 3.0));
            log("HTTP baseline /robots.txt: %s", baseline);
            load = BenchLoad.run(server.port(), urls, run.clients, run.httpSeconds);
            log("HTTP pages: %s", load);
        } finally {
            server.close();
        }
        // the export's bytes per page when it ran (--http-only: the pages just read)
        int pageBytes =
                (int) Math.round(run.bytesPerPage.getOrDefault(g, pageBytesSeen / (double) n));
        BenchLoad.FixedServer bare = BenchLoad.FixedServer.start(pageBytes);
        BenchLoad.Result stack;
        try {
            stack =
                    BenchLoad.run(
                            bare.port(),
                            List.of("/"),
                            run.clients,
                            Math.max(3, run.httpSeconds / 3.0));
            log("HTTP baseline, bare Jetty server: %s", stack);
        } finally {
            bare.stop();
        }
        run.report
                .figure(
                        "read.http." + g + ".crawl.rps",
                        "crawl of every page over HTTP from a cold cache, "
                                + run.clients
                                + " clients ("
                                + g
                                + ")",
                        "req/s")
                .add(crawl.requestsPerSecond());
        run.report
                .figure(
                        "read.http." + g + ".rps",
                        "page views over HTTP, " + run.clients + " clients (" + g + ")",
                        "req/s")
                .add(load.requestsPerSecond())
                .baseline("/robots.txt", baseline.requestsPerSecond());
        run.report
                .figure(
                        "read.http." + g + ".p99",
                        "page view p99 over HTTP, " + run.clients + " clients (" + g + ")",
                        "ms")
                .add(load.p99Millis())
                .baseline("/robots.txt", baseline.p99Millis())
                .below("< 20 ms", 20);
        run.report
                .figure(
                        "read.http." + g + ".of_bare",
                        "page views over HTTP as % of the bare server's req/s ("
                                + g
                                + ", same connector, a fixed "
                                + pageBytes
                                + "-byte page)",
                        "%")
                .add(100 * load.requestsPerSecond() / stack.requestsPerSecond())
                .baseline("bare req/s", stack.requestsPerSecond())
                .atLeast(">= 90%", 90);
        run.report
                .figure(
                        "read.http." + g + ".p99_of_bare",
                        "page view p99 over HTTP as % of the bare server's p99 (" + g + ")",
                        "%")
                .add(100 * load.p99Millis() / stack.p99Millis())
                .baseline("bare p99 ms", stack.p99Millis())
                .goal("<= 110%", load.p99Millis() <= 1.1 * stack.p99Millis());
        run.report
                .figure(
                        "read.http." + g + ".errors",
                        "HTTP errors in " + run.httpSeconds + " s (" + g + ")",
                        "count")
                .add(load.errors())
                .goal("0", load.errors() == 0);

        List<String> s = run.report.section("Read path on PostgreSQL (largest graph loaded)");
        s.add(
                String.format(
                        Locale.ROOT,
                        "%s on PostgreSQL, %,d page routes. In process: %,d `Site.get` of random pages,"
                                + " one thread, after 2,000 warm-up gets. Over HTTP: DraehiServer in this"
                                + " JVM, %d keep-alive clients (raw sockets, same JVM and cores, asking for gzip"
                                + " as browsers do) first crawl every page once from a cold cache"
                                + " (what the first visitors after a deployment meet), then GET random"
                                + " pages for the time given (`serve`'s 256 MiB cache holds a g50k"
                                + " site gzipped). Baselines in the same run: a bare Jetty server with"
                                + " DraehiServer's connector (HTTP/1.1 and h2c), thread pool and limits"
                                + " answering a fixed page-sized body (the HTTP stack and the load"
                                + " generator alone; goal: draehi within 10%% of it), and `/robots.txt`"
                                + " through Site (one snapshot, no page queries). With a closed loop of"
                                + " N clients, latency ≈ N / throughput (Little's law): p99 < 20 ms at"
                                + " 64 clients needs well over 3,200 req/s.",
                        g,
                        urls.size(),
                        n,
                        run.clients));
        s.add("");
        s.add(
                "| run | duration s | requests | errors | req/s | p50 ms | p99 ms | max ms | goal | mark |");
        s.add("|---|---:|---:|---:|---:|---:|---:|---:|---|---|");
        s.add(
                String.format(
                        Locale.ROOT,
                        "| Site.get in process | - | %,d | %d | - | %.2f | %.2f | %.1f | p99 < 5 ms | %s |",
                        n,
                        errors,
                        p50,
                        p99,
                        lat[n - 1] / 1e6,
                        p99 < 5 ? "✅ pass" : "❌ miss"));
        s.add(
                httpRow(
                        "HTTP, bare Jetty server, fixed " + pageBytes + "-byte page (baseline)",
                        stack,
                        ""));
        s.add(httpRow("HTTP /robots.txt through Site (baseline)", baseline, ""));
        s.add(httpRow("HTTP crawl, every page once, cold cache", crawl, ""));
        s.add(httpRow("HTTP random pages, after the crawl", load, "p99 < 20 ms, 0 errors"));
    }

    private static String httpRow(String name, BenchLoad.Result r, String goal) {
        return String.format(
                Locale.ROOT,
                "| %s | %.1f | %,d | %,d | %,.0f | %.2f | %.2f | %.1f | %s | %s |",
                name,
                r.seconds(),
                r.ok(),
                r.errors(),
                r.requestsPerSecond(),
                r.p50Millis(),
                r.p99Millis(),
                r.maxMillis(),
                goal,
                goal.isEmpty() ? "" : r.p99Millis() < 20 && r.errors() == 0 ? "✅ pass" : "❌ miss");
    }
}
