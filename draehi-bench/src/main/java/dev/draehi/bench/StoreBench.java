package dev.draehi.bench;

import static dev.draehi.bench.BenchRun.log;

import java.util.List;
import java.util.Locale;

/** Store throughput on PostgreSQL against raw COPY. */
final class StoreBench {
    private final BenchRun run;

    StoreBench(BenchRun run) {
        this.run = run;
    }

    void store() throws Exception {
        String schema = run.newSchema("store");
        BenchStore.Rates rates;
        try {
            log(
                    "store: replaceAll of %,d nodes against raw COPY, %d rounds",
                    BenchStore.PAGES * (BenchStore.BLOCKS_PER_PAGE + 1), run.repeat);
            rates = BenchStore.run(run.inSchema(schema), run.repeat);
        } finally {
            run.dropSchema(schema);
        }
        BenchReport.Figure fraction =
                run.report.figure(
                        "store.fraction_of_copy",
                        "store throughput as % of raw COPY (same indexes + FKs)",
                        "%");
        BenchReport.Figure bare =
                run.report.figure(
                        "store.fraction_of_bare_copy",
                        "store throughput as % of raw COPY (no indexes)",
                        "%");
        for (int i = 0; i < run.repeat; i++) {
            fraction.add(100 * rates.store()[i] / rates.copyIndexed()[i]);
            bare.add(100 * rates.store()[i] / rates.copyBare()[i]);
        }
        double copy = BenchReport.median(rates.copyIndexed());
        double store = BenchReport.median(rates.store());
        fraction.baseline("COPY nodes/s", copy).atLeast(">= 50%", 50);
        bare.baseline("COPY nodes/s", BenchReport.median(rates.copyBare()));
        run.report
                .figure(
                        "store.nodes_per_second",
                        "store (replaceAll into empty workspace)",
                        "nodes/s")
                .values
                .addAll(java.util.Arrays.stream(rates.store()).boxed().toList());
        List<String> s = run.report.section("Store throughput against raw COPY (PostgreSQL)");
        s.add(
                String.format(
                        Locale.ROOT,
                        "`replaceAll` of %,d nodes (%,d pages × %d blocks, ~460 chars of HTML each, with"
                                + " routes and references) into an empty workspace, against binary COPY of"
                                + " the same node rows with the same encoder into a scratch table shaped"
                                + " like `nodes` (with indexes, also their search words into one shaped"
                                + " like `draehi_search`, as replaceAll writes them); %d rounds after one warm-up (the logic of"
                                + " draehi-store-jdbi's ReplaceBenchmarkTest). The goal is judged against"
                                + " raw COPY into a table with `nodes`' own indexes and foreign keys,"
                                + " which the seed schema fixes: what PostgreSQL can take into that"
                                + " table. COPY into a bare table (no indexes, no foreign keys) is"
                                + " shown too: the difference is what the schema's self-referencing"
                                + " foreign key (a lookup per row) and indexes cost.",
                        rates.nodes(),
                        BenchStore.PAGES,
                        BenchStore.BLOCKS_PER_PAGE,
                        run.repeat));
        s.add("");
        s.add("| way in | min nodes/s | median nodes/s | store as % of it (median) |");
        s.add("|---|---:|---:|---:|");
        s.add(rateRow("raw COPY, no indexes or FKs", rates.copyBare(), store));
        s.add(rateRow("raw COPY, same indexes + FKs", rates.copyIndexed(), store));
        s.add(rateRow("replaceAll (store)", rates.store(), store));
        if (!run.storePhaseRates.isEmpty()) {
            s.add("");
            s.add(
                    String.format(
                            Locale.ROOT,
                            "For comparison, the *store* phase of the full syncs on PostgreSQL above"
                                    + " (build content, replaceAll, assets; commit excluded) ran at %,.0f"
                                    + " nodes/s (median of %d syncs of the real graphs).",
                            BenchReport.median(
                                    run.storePhaseRates.stream()
                                            .mapToDouble(Double::doubleValue)
                                            .toArray()),
                            run.storePhaseRates.size()));
        }
    }

    private static String rateRow(String name, double[] v, double store) {
        double med = BenchReport.median(v);
        return String.format(
                Locale.ROOT,
                "| %s | %,.0f | %,.0f | %.0f%% |",
                name,
                java.util.Arrays.stream(v).min().orElse(Double.NaN),
                med,
                100 * store / med);
    }
}
