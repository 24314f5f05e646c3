package dev.draehi.bench;

import static dev.draehi.bench.BenchRun.log;
import static dev.draehi.bench.BenchRun.tail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code draehi publish} end to end in a child JVM, and the largest graph on PostgreSQL in 2 GiB of
 * heap.
 */
final class PublishBench {
    private final BenchRun run;

    PublishBench(BenchRun run) {
        this.run = run;
    }

    private static final Map<String, Integer> PUBLISH_GOALS = Map.of("g5k", 25);

    void publishHeader(boolean sharesClasses) {
        List<String> s = run.report.section("`./draehi publish` end to end (child process)");
        s.add(
                "`draehi publish GRAPH --out DIR` in a new JVM, in memory, cold checkout: JVM start,"
                        + " clone, sync and static export. Peak RSS from the child's rusage (`/usr/bin/time`)"
                        + " or /proc VmHWM. Baseline: `draehi --version` (JVM start only). CPU: the"
                        + " child's user + system seconds, the figure that holds on a loaded machine;"
                        + " in brackets the system part, mostly creating files (slow on ext4 without"
                        + " a journal for a minute after many deletions)."
                        + (sharesClasses
                                ? " The child starts with the class-data archive `./draehi` made"
                                        + " and the JIT and GC options it gives a publish."
                                : " The child has the JIT and GC options `./draehi` gives a publish,"
                                        + " but no class-data archive (`./draehi bench` makes one)."));
        s.add("");
        s.add(
                "| graph | JVM start s | wall min s | wall median s | CPU median s (system) | peak RSS"
                        + " max MB |"
                        + " output | goal | mark |");
        s.add("|---|---:|---:|---:|---:|---:|---|---|---|");
    }

    /** Heap cap of {@link #cappedPublish}: the goal for a g50k sync. */
    private static final int CAPPED_HEAP_MB = 2048;

    /**
     * {@code ./draehi publish --database-url} of the largest graph in a JVM whose heap is capped at
     * 2 GiB: the sync streams into PostgreSQL and the export reads it back page by page, so neither
     * may hold the graph's HTML at once. Succeeding is the figure; time and RSS go with it.
     */
    void cappedPublish(String g, Path source, Child child) throws Exception {
        String schema = run.newSchema("capped");
        Path site = run.work.resolve("capped-" + g);
        Path co = run.work.resolve("cappedco-" + g);
        Path logFile = run.work.resolve("capped-" + g + ".log");
        try {
            Child.Run r =
                    child.run(
                            publishArgs(
                                    source, site, co, g, "--database-url", run.inSchema(schema)),
                            logFile,
                            List.of("-Xmx" + CAPPED_HEAP_MB + "m"));
            String text = Files.readString(logFile);
            boolean ok = r.exit() == 0;
            log(
                    "%s publish on PostgreSQL with -Xmx%dm: %s in %.1f s, peak RSS %d MB",
                    g, CAPPED_HEAP_MB, ok ? "ok" : "FAILED", r.seconds(), r.peakRssKb() / 1024);
            BenchReport.Figure f =
                    run.report.figure(
                            "publish_capped." + g,
                            "`./draehi publish --database-url` " + g + " with -Xmx2g",
                            "s");
            if (ok) {
                f.add(r.seconds());
            }
            f.below("completes in 2 GiB of heap", Double.MAX_VALUE);
            List<String> sec =
                    run.report.section(
                            "Largest graph on PostgreSQL in 2 GiB of heap (child process)");
            sec.add(
                    String.format(
                            Locale.ROOT,
                            "`DRAEHI_JAVA_OPTS=-Xmx%dm ./draehi publish %s --database-url …`: %s in"
                                    + " %.1f s, peak RSS %.0f MB (sync into PostgreSQL a part at a"
                                    + " time, then the static export read back from it). %s",
                            CAPPED_HEAP_MB,
                            g,
                            ok ? "completed" : "FAILED (exit " + r.exit() + ")",
                            r.seconds(),
                            r.peakRssKb() / 1024.0,
                            ok ? "" : "Log tail: " + tail(text)));
        } finally {
            run.dropSchema(schema);
            run.discard(site);
            run.discard(co);
        }
    }

    /** The arguments of {@code draehi publish} of graph {@code g}, then {@code more}. */
    private static List<String> publishArgs(
            Path source, Path site, Path checkouts, String g, String... more) {
        List<String> args = new ArrayList<>();
        args.addAll(
                List.of(
                        "publish",
                        source.toString(),
                        "--out",
                        site.toString(),
                        "--checkout-dir",
                        checkouts.toString(),
                        "--workspace",
                        g));
        args.addAll(List.of(more));
        return args;
    }

    void publish(String g, Path source, Child child, double jvmStart) throws Exception {
        BenchReport.Figure f = run.report.figure("publish." + g, "`./draehi publish` " + g, "s");
        BenchReport.Figure rss =
                run.report.figure(
                        "publish." + g + ".peak_rss",
                        "`./draehi publish` " + g + " peak RSS",
                        "MB");
        BenchReport.Figure cpu =
                run.report.figure(
                        "publish." + g + ".cpu",
                        "`./draehi publish` " + g + " CPU (user + sys)",
                        "s");
        // the kernel's part: file creation on some disks (see BenchRun.discard)
        BenchReport.Figure sys =
                run.report.figure(
                        "publish." + g + ".sys", "`./draehi publish` " + g + " system CPU", "s");
        String wrote = "";
        for (int i = 0; i < run.repeat; i++) {
            Path site = run.work.resolve("pub-" + g + "-" + i);
            Path co = run.work.resolve("pubco-" + g + "-" + i);
            Path logFile = run.work.resolve("publish-" + g + "-" + i + ".log");
            Child.Run r = child.run(publishArgs(source, site, co, g), logFile, Child.PUBLISH_JVM);
            String text = Files.readString(logFile);
            if (r.exit() != 0) {
                throw new IllegalStateException("draehi publish " + g + " failed:\n" + text);
            }
            Matcher m = Pattern.compile("wrote (\\d+) files \\((\\d+) KB\\)").matcher(text);
            if (m.find()) {
                wrote = m.group(1) + " files, " + m.group(2) + " KB";
            }
            f.add(r.seconds());
            if (r.cpuSeconds() >= 0) {
                cpu.add(r.cpuSeconds());
                sys.add(r.systemSeconds());
            }
            if (r.peakRssKb() > 0) {
                rss.add(r.peakRssKb() / 1024.0);
            }
            log(
                    "%s publish %d/%d: %.2f s, %.2f s CPU (%.2f system), peak RSS %d MB",
                    g,
                    i + 1,
                    run.repeat,
                    r.seconds(),
                    r.cpuSeconds(),
                    r.systemSeconds(),
                    r.peakRssKb() / 1024);
            run.discard(site);
            run.discard(co);
        }
        f.baseline("JVM start", jvmStart);
        Integer goal = PUBLISH_GOALS.get(g);
        if (goal != null) {
            f.below("< " + goal + " s", goal);
        }
        run.report
                .section("`./draehi publish` end to end (child process)")
                .add(
                        String.format(
                                Locale.ROOT,
                                "| %s | %.2f | %.2f | %.2f | %s | %s | %s | %s | %s |",
                                g,
                                jvmStart,
                                f.min(),
                                f.median(),
                                cpu.values.isEmpty()
                                        ? "-"
                                        : String.format(
                                                Locale.ROOT,
                                                "%.2f (%.2f)",
                                                cpu.median(),
                                                sys.median()),
                                rss.values.isEmpty()
                                        ? "-"
                                        : String.format(Locale.ROOT, "%.0f", rss.max()),
                                wrote,
                                goal == null ? "" : "< " + goal + " s",
                                f.mark()));
    }
}
