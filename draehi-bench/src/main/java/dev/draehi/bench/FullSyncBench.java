package dev.draehi.bench;

import static dev.draehi.bench.BenchRun.PHASES;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Full syncs per phase, in memory and on PostgreSQL: the table of phases and the goals. */
final class FullSyncBench {
    private final BenchRun run;

    FullSyncBench(BenchRun run) {
        this.run = run;
    }

    /** The full-sync goal of each graph in seconds (0: none). */
    private static final Map<String, Integer> FULL_SYNC_GOALS =
            Map.of("g1k", 5, "g5k", 25, "g20k", 0, "g50k", 240);

    void phaseHeader() {
        List<String> s = run.report.section("Full sync per phase (in process, through Publisher)");
        s.add(
                "After one untimed warm-up sync of the smallest graph (JIT), each run is a first"
                        + " sync into a fresh storage and checkout (clone included in"
                        + " fetch). Phases are the medians of the build log's timings; *other* is the"
                        + " rest of the wall time (commit, deployment rows, lock). ms/page is the"
                        + " median total over published pages; ×smallest compares it with the"
                        + " smallest graph on the same storage (1.0 = linear).");
        s.add("");
        s.add(
                "| graph | pages | blocks | storage | fetch ms | parse ms | of which checkout ms |"
                        + " render ms | store ms |"
                        + " other ms | total min s | total median s | ms/page | ×smallest | goal |"
                        + " mark |");
        s.add("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
    }

    /** The median checkout time, or NaN when the build logs do not time it. */
    static double checkoutMedian(List<BenchRun.SyncResult> runs) {
        double[] v =
                runs.stream()
                        .filter(r -> r.phases().containsKey("checkout"))
                        .mapToDouble(r -> r.phases().get("checkout"))
                        .toArray();
        return BenchReport.median(v);
    }

    void fullSyncFigures(String g, String backend, List<BenchRun.SyncResult> runs) {
        int goal = FULL_SYNC_GOALS.get(g);
        BenchReport.Figure f =
                run.report.figure(
                        "sync.full." + g + "." + backend,
                        "full sync " + g + " (" + backend + ")",
                        "s");
        runs.forEach(r -> f.add(r.millis() / 1000));
        if (goal > 0) {
            f.below("< " + goal + " s", goal);
        }
        Map<String, Double> med = new LinkedHashMap<>();
        for (String ph : PHASES) {
            med.put(
                    ph,
                    BenchReport.median(
                            runs.stream()
                                    .mapToDouble(r -> r.phases().getOrDefault(ph, 0L))
                                    .toArray()));
        }
        med.put("checkout", checkoutMedian(runs));
        double total = f.median() * 1000;
        double other =
                BenchReport.median(
                        runs.stream()
                                .mapToDouble(
                                        r ->
                                                r.millis()
                                                        - PHASES.stream()
                                                                .mapToLong(
                                                                        ph ->
                                                                                r.phases()
                                                                                        .getOrDefault(
                                                                                                ph,
                                                                                                0L))
                                                                .sum())
                                .toArray());
        BenchRun.SyncResult first = runs.get(0);
        double perPage = total / Math.max(1, first.pages());
        String key = backend;
        Double base = run.msPerPage.get(key);
        if (base == null) {
            run.msPerPage.put(key, perPage);
            base = perPage;
        }
        BenchReport.Figure pp =
                run.report.figure(
                        "sync.full." + g + "." + backend + ".ms_per_page",
                        "full sync " + g + " (" + backend + ") per page",
                        "ms/page");
        runs.forEach(r -> pp.add(r.millis() / Math.max(1, r.pages())));
        pp.note(String.format(Locale.ROOT, "%.2f× the smallest graph's", perPage / base));
        run.report
                .section("Full sync per phase (in process, through Publisher)")
                .add(
                        String.format(
                                Locale.ROOT,
                                "| %s | %,d | %,d | %s | %.0f | %.0f | %s | %.0f | %.0f | %.0f |"
                                        + " %.2f | %.2f | %.2f | %.2f | %s | %s |",
                                g,
                                first.pages(),
                                first.blocks(),
                                backend,
                                med.get("fetched"),
                                med.get("parsed"),
                                BenchReport.num(med.get("checkout")),
                                med.get("rendered"),
                                med.get("stored"),
                                other,
                                f.min(),
                                f.median(),
                                perPage,
                                perPage / base,
                                goal > 0 ? "< " + goal + " s" : "",
                                f.mark()));
    }
}
