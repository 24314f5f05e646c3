package dev.draehi.bench;

import static dev.draehi.bench.BenchRun.log;

import dev.draehi.cli.StaticExport;
import dev.draehi.model.Workspace;
import dev.draehi.site.Site;
import dev.draehi.store.Storage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The static export of a synced graph, and whether its bytes per page stay flat as graphs grow. */
final class ExportBench {
    /** How far bytes per page may drift from the smallest graph's and still be flat. */
    private static final double FLAT_TOLERANCE = 0.20;

    private final BenchRun run;

    ExportBench(BenchRun run) {
        this.run = run;
    }

    void export(String g, Storage storage, Workspace ws) {
        Site site = Site.builder(storage).build();
        Path dir = run.work.resolve("site-" + g);
        long t0 = System.nanoTime();
        StaticExport.Result r = new StaticExport(site, dir).write();
        double secs = (System.nanoTime() - t0) / 1e9;
        int pages = storage.nodes().pages(ws.id()).size();
        double perPage = (double) r.bytes() / pages;
        run.bytesPerPage.put(g, perPage);
        run.report.figure("export." + g + ".seconds", "static export " + g, "s").add(secs);
        run.report
                .figure("export." + g + ".bytes", "static export " + g + " bytes", "bytes")
                .add(r.bytes());
        List<String> s = run.report.section("Static export (in process, in memory)");
        if (s.isEmpty()) {
            s.add(
                    "The publish command's export (StaticExport over Site) of the synced graph:"
                            + " every page, the site pages and the assets. bytes/page should stay"
                            + " flat as graphs grow (goal: within ±"
                            + Math.round(FLAT_TOLERANCE * 100)
                            + "% of the smallest graph's).");
            s.add("");
            s.add("| graph | pages | files | bytes | bytes/page | time s | pages/s |");
            s.add("|---|---:|---:|---:|---:|---:|---:|");
        }
        s.add(
                String.format(
                        Locale.ROOT,
                        "| %s | %,d | %,d | %,d | %,.0f | %.2f | %,.0f |",
                        g,
                        pages,
                        r.files(),
                        r.bytes(),
                        perPage,
                        secs,
                        pages / secs));
        log(
                "%s export: %d files, %d bytes, %.0f bytes/page in %.2f s",
                g, r.files(), r.bytes(), perPage, secs);
        if (SearchBench.GRAPHS.contains(g)) {
            try {
                new SearchBench(run).search(g, dir, ws.slug());
            } catch (Exception e) {
                run.report
                        .section("Static search (Chromium, static export)")
                        .add(
                                "| "
                                        + g
                                        + " | failed: "
                                        + e.toString().replace('|', '/')
                                        + " | | | | |");
                log("%s search bench failed: %s", g, e);
            }
        }
        if (GraphViewBench.GRAPHS.contains(g)) {
            graphView(g, storage, ws, dir);
        }
        run.discard(dir);
    }

    /** The graph view's figures on the export of {@code g} in {@code dir}. */
    void graphView(String g, Storage storage, Workspace ws, Path dir) {
        try {
            GraphViewBench b = new GraphViewBench(run);
            b.build(g, storage, ws);
            b.graphView(g, dir, ws.slug());
        } catch (Exception e) {
            run.report
                    .section(GraphViewBench.SECTION)
                    .add("| " + g + " | failed: " + e.toString().replace('|', '/') + " |");
            log("%s graph view bench failed: %s", g, e);
        }
    }

    void exportGoals(List<String> set) {
        if (run.bytesPerPage.isEmpty()) {
            return;
        }
        String first = set.get(0);
        double base = run.bytesPerPage.get(first);
        for (Map.Entry<String, Double> e : run.bytesPerPage.entrySet()) {
            BenchReport.Figure f =
                    run.report
                            .figure(
                                    "export." + e.getKey() + ".bytes_per_page",
                                    "export bytes/page " + e.getKey(),
                                    "bytes/page")
                            .add(e.getValue());
            if (!e.getKey().equals(first)) {
                double ratio = e.getValue() / base;
                f.baseline(first, base)
                        .goal(
                                "flat (within ±"
                                        + Math.round(FLAT_TOLERANCE * 100)
                                        + "% of "
                                        + first
                                        + ")",
                                Math.abs(ratio - 1) <= FLAT_TOLERANCE)
                        .note(String.format(Locale.ROOT, "%.2f× %s", ratio, first));
            }
        }
    }
}
