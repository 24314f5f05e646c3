package dev.draehi.bench;

import static dev.draehi.bench.BenchRun.log;

import dev.draehi.Publisher;
import dev.draehi.model.Workspace;
import dev.draehi.store.jdbi.JdbiStorage;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.jgit.api.Git;

/**
 * {@code --sync-only}: full syncs of one graph into PostgreSQL per phase, with the process's CPU
 * time and heap, then raw COPY of the rows the last sync stored ({@link SyncCopyBaseline}) into
 * tables with the same indexes and foreign keys, in the same run: how close the store phase comes
 * to what PostgreSQL can take.
 */
final class SyncOnlyBench {
    static final String SECTION = "Full sync into PostgreSQL against raw COPY of its rows";

    private final BenchRun run;

    SyncOnlyBench(BenchRun run) {
        this.run = run;
    }

    void syncOnly(String g, Path source, FullSyncBench fullSync, MemoryBench memory)
            throws Exception {
        Path repo = run.work.resolve("repo-" + g);
        List<BenchRun.SyncResult> runs = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        List<Double> serverCpu = new ArrayList<>();
        SyncCopyBaseline.Result copy = null;
        List<String> profileLines = List.of();
        try (Git git = BenchRun.cloneGraph(source, repo)) {
            for (int rep = 0; rep < run.repeat; rep++) {
                boolean last = rep == run.repeat - 1;
                String schema = run.newSchema(g);
                String app = "draehi-bench-" + schema;
                try (JdbiStorage storage =
                        JdbiStorage.builder(run.inSchema(schema) + "&ApplicationName=" + app)
                                .migrate(true)
                                .build()) {
                    Workspace ws = run.workspace(storage, g, repo);
                    Publisher p = run.publisher(storage, g + "-sync-" + rep);
                    System.gc();
                    MemoryBench.MemoryWatch watch = rep == 0 ? new MemoryBench.MemoryWatch() : null;
                    BenchProfile profile = null;
                    if (last && !run.noProfile) {
                        Path jfr =
                                run.out.toAbsolutePath().normalize().resolve("sync-" + g + ".jfr");
                        Files.createDirectories(jfr.getParent());
                        profile = new BenchProfile(jfr);
                    }
                    long cpu0 = processCpuNanos();
                    double server0 = BackendCpu.ofApplication(run.jdbcBase, app);
                    BenchRun.SyncResult r;
                    try {
                        r = run.sync(p, ws.id());
                    } finally {
                        if (profile != null) {
                            profile.close();
                        }
                    }
                    cpu.add((processCpuNanos() - cpu0) / 1e9);
                    serverCpu.add(BackendCpu.ofApplication(run.jdbcBase, app) - server0);
                    if (watch != null) {
                        watch.stop();
                        memory.memory(g, "postgresql", watch, r);
                    }
                    if (profile != null) {
                        profileLines = profile.summary(15);
                    }
                    runs.add(r);
                    log(
                            "%s postgresql full sync %d/%d: %.2f s, %.1f s CPU, server %.1f s"
                                    + " CPU %s",
                            g,
                            rep + 1,
                            run.repeat,
                            r.millis() / 1000,
                            cpu.get(cpu.size() - 1),
                            serverCpu.get(serverCpu.size() - 1),
                            r.phases());
                    if (last) {
                        copy =
                                SyncCopyBaseline.measure(
                                        run.inSchema(schema), ws.id(), run.work, run.repeat);
                    }
                } finally {
                    run.dropSchema(schema);
                }
            }
        }
        run.discard(repo);
        fullSync.fullSyncFigures(g, "postgresql", runs);
        report(g, runs, cpu, serverCpu, copy);
        if (!profileLines.isEmpty()) {
            List<String> s =
                    run.report.section("Profile: full sync of " + g + " on PostgreSQL (JFR)");
            s.add("The last full sync above, recorded with JDK Flight Recorder.");
            s.add("");
            s.addAll(profileLines);
        }
    }

    private void report(
            String g,
            List<BenchRun.SyncResult> runs,
            List<Double> cpu,
            List<Double> serverCpu,
            SyncCopyBaseline.Result copy) {
        double[] stored =
                runs.stream().mapToDouble(r -> r.phases().getOrDefault("stored", 0L)).toArray();
        double storeMs = BenchReport.median(stored);
        double copyMs = BenchReport.median(copy.totalMillis());
        BenchReport.Figure share =
                run.report.figure(
                        "sync.full." + g + ".postgresql.store_share_of_copy",
                        "full sync " + g + ": raw COPY of its rows as % of the store phase's time",
                        "%");
        for (double s : stored) {
            share.add(100 * copyMs / s);
        }
        share.baseline("raw COPY ms", copyMs);
        List<String> s = run.report.section(SECTION);
        s.add(
                String.format(
                        Locale.ROOT,
                        "%d full syncs of %s into a fresh schema each (clone in fetch); JVM CPU is"
                                + " this process's, the backends' CPU that of the storage's"
                                + " connections (read from /proc when the server runs here: NaN"
                                + " otherwise). Then the rows the"
                                + " last sync stored (nodes, search words, references, routes), read"
                                + " out with binary COPY beforehand, COPYed again in one transaction"
                                + " into tables made `LIKE` them `INCLUDING ALL` with the same"
                                + " foreign keys, %d times: what PostgreSQL takes for the same rows"
                                + " and indexes with no work of draehi's.",
                        runs.size(),
                        g,
                        copy.totalMillis().length));
        s.add("");
        s.add("| figure | min | median |");
        s.add("|---|---:|---:|");
        s.add(row("total s", runs.stream().mapToDouble(r -> r.millis() / 1000).toArray()));
        s.add(row("JVM CPU s", cpu.stream().mapToDouble(Double::doubleValue).toArray()));
        s.add(
                row(
                        "PostgreSQL backends' CPU s",
                        serverCpu.stream().mapToDouble(Double::doubleValue).toArray()));
        for (String ph : BenchRun.PHASES) {
            s.add(
                    row(
                            ph + " ms",
                            runs.stream()
                                    .mapToDouble(r -> r.phases().getOrDefault(ph, 0L))
                                    .toArray()));
        }
        s.add(row("raw COPY of the same rows ms", copy.totalMillis()));
        s.add(row("raw COPY, its backend's CPU s", copy.serverCpu()));
        copy.tableMillis().forEach((table, ms) -> s.add(row("… of which " + table + " ms", ms)));
        s.add(
                String.format(
                        Locale.ROOT,
                        "| raw COPY as %% of the store phase (throughput share) | | %.0f%% |",
                        100 * copyMs / storeMs));
        double serverMedian =
                BenchReport.median(serverCpu.stream().mapToDouble(Double::doubleValue).toArray());
        s.add(
                String.format(
                        Locale.ROOT,
                        "| raw COPY's backend CPU as %% of the syncs' backends' CPU | | %.0f%% |",
                        100 * BenchReport.median(copy.serverCpu()) / serverMedian));
        s.add("");
        s.add(
                String.format(
                        Locale.ROOT,
                        "Rows: %s; %,d bytes of binary COPY. Foreign keys of the copies: %s.",
                        copy.rows(),
                        copy.bytes(),
                        copy.foreignKeys()));
    }

    private static String row(String name, double[] v) {
        return String.format(
                Locale.ROOT,
                "| %s | %,.1f | %,.1f |",
                name,
                java.util.Arrays.stream(v).min().orElse(Double.NaN),
                BenchReport.median(v));
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean()
                        instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : 0;
    }
}
