package dev.draehi.bench;

import static dev.draehi.bench.BenchRun.deleteTree;
import static dev.draehi.bench.BenchRun.encodePath;
import static dev.draehi.bench.BenchRun.log;
import static dev.draehi.bench.BenchRun.memTotal;

import dev.draehi.Publisher;
import dev.draehi.cli.StaticExport;
import dev.draehi.model.PageRoute;
import dev.draehi.model.Workspace;
import dev.draehi.site.Site;
import dev.draehi.store.Storage;
import dev.draehi.store.jdbi.DatabaseUrls;
import dev.draehi.store.memory.InMemoryStorage;
import dev.draehi.web.SiteUrls;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eclipse.jgit.api.Git;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code draehi bench [--full]}: the benchmark suite in one command. Generates synthetic graphs
 * ({@link GraphGenerator}) into a cache, then measures, in this process and in child processes,
 * full and one-page syncs in memory and on PostgreSQL per phase, store throughput against raw COPY,
 * {@code draehi publish} end to end with its peak RSS, the static export, the heap and RSS of the
 * largest sync, and page views in process and over HTTP; writes {@code report.md} and {@code
 * report.json} with each figure's goal from the performance issue and a pass or miss mark.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description =
                "Runs the benchmark suite on synthetic graphs (g1k, g5k; --full adds g20k, g50k) and"
                        + " writes target/bench/report.md and report.json.")
final class BenchCommand implements Callable<Integer> {
    private static final List<String> INCREMENTAL = List.of("g5k", "g50k");

    @Option(names = "--full", description = "Also g20k and g50k (slow: tens of minutes).")
    boolean full;

    @Option(
            names = "--graphs",
            split = ",",
            paramLabel = "G",
            description = "The graphs, overriding the set: g1k,g5k,g20k,g50k.")
    List<String> graphs;

    @Option(
            names = "--repeat",
            paramLabel = "N",
            description = "Runs of each end-to-end figure (default 3; min and median reported).")
    int repeat = 3;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Where report.md and report.json go (default target/bench).")
    Path out = Path.of("target", "bench");

    @Option(
            names = "--cache",
            paramLabel = "DIR",
            description = "Where generated graphs are kept and reused (default .draehi/bench).")
    Path cache = Path.of(".draehi", "bench");

    @Option(
            names = "--database-url",
            paramLabel = "URL",
            description =
                    "The PostgreSQL to measure on; each run uses its own schemas and drops them"
                            + " (default $DRAEHI_TEST_JDBC_URL or"
                            + " jdbc:postgresql://127.0.0.1:5432/test?user=postgres).")
    String databaseUrl =
            System.getenv()
                    .getOrDefault(
                            "DRAEHI_TEST_JDBC_URL",
                            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    @Option(names = "--no-postgres", description = "Measure in memory only.")
    boolean noPostgres;

    @Option(
            names = "--http-seconds",
            paramLabel = "S",
            description = "Length of the HTTP load test (default 30).")
    int httpSeconds = 30;

    @Option(
            names = "--clients",
            paramLabel = "N",
            description = "Concurrent HTTP clients (default 64).")
    int clients = 64;

    @Option(
            names = "--no-profile",
            description = "Skip the JFR profile of the one-page incremental sync.")
    boolean noProfile;

    @Option(
            names = "--http-only",
            description =
                    "Only the read path over HTTP: one sync of the largest graph into PostgreSQL,"
                            + " then page views in process and over HTTP against the bare server.")
    boolean httpOnly;

    @Option(
            names = "--live-only",
            description =
                    "Only the live preview: serve --watch on g5k (or --graphs), saves timed to the"
                            + " reload event and to the page shown in Chromium.")
    boolean liveOnly;

    @Option(
            names = "--sync-only",
            description =
                    "Only full syncs of the largest graph (--graphs) into PostgreSQL: phases, CPU"
                            + " time, heap, and raw COPY of the same rows beside the store phase.")
    boolean syncOnly;

    @Option(
            names = "--graph-only",
            description =
                    "Only the graph view: g5k (or --graphs) synced in memory and exported, its"
                            + " graph data built in process and its graph views timed in Chromium.")
    boolean graphOnly;

    @Option(
            names = "--search-only",
            description =
                    "Only static search: g5k (or --graphs, e.g. g50k) synced in memory, exported"
                            + " and queried in headless Chromium, the bytes and time of each query.")
    boolean searchOnly;

    @Option(
            names = "--push-only",
            description =
                    "Only one-page pushes: each graph (--graphs, e.g. g50k) synced once per store,"
                            + " then pushed to and read as the incremental section does.")
    boolean pushOnly;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    private BenchRun run;
    private FullSyncBench fullSync;
    private IncrementalBench incremental;
    private ExportBench export;
    private PublishBench publish;
    private MemoryBench memory;
    private ReadPathBench readPath;

    // Held, so that the level set on it stays.
    private static final java.util.logging.Logger LIQUIBASE =
            java.util.logging.Logger.getLogger("liquibase");

    @Override
    public Integer call() throws Exception {
        quietLogs();
        List<String> set = graphSet();
        if (searchOnly) {
            set = set.stream().filter(SearchBench.GRAPHS::contains).toList();
            if (set.isEmpty()) {
                System.err.println("draehi: --search-only measures " + SearchBench.GRAPHS);
                return BenchMain.EXIT_USAGE;
            }
        }
        if (repeat < 1) {
            System.err.println("draehi: --repeat must be at least 1");
            return BenchMain.EXIT_USAGE;
        }
        run = new BenchRun(repeat, httpSeconds, clients, noProfile, cache, out, databaseUrl);
        fullSync = new FullSyncBench(run);
        incremental = new IncrementalBench(run);
        export = new ExportBench(run);
        publish = new PublishBench(run);
        memory = new MemoryBench(run);
        readPath = new ReadPathBench(run);
        Path outDir = out.toAbsolutePath().normalize();
        run.work = outDir.resolve("work");
        deleteTree(run.work);
        Files.createDirectories(run.work);
        run.jdbcBase = noPostgres || searchOnly ? null : run.probePostgres();
        Child child = Child.locate();
        meta(set, child);
        long t0 = System.nanoTime();
        if (liveOnly) {
            Map<String, Path> sources = new LinkedHashMap<>();
            for (String g : set) {
                if (LivePreviewBench.GRAPHS.contains(g)) {
                    sources.put(g, run.ensureGraph(g));
                }
            }
            livePreview(set, sources, child);
            run.report.meta("load average at end", BenchRun.loadAverage());
            run.report.write(outDir);
            deleteTree(run.work);
            System.out.print(run.report.markdown());
            return 0;
        }
        if (graphOnly) {
            for (String g : set) {
                if (GraphViewBench.GRAPHS.contains(g) || graphs != null) {
                    graphViewOnly(g, run.ensureGraph(g));
                }
            }
            return finish(outDir, t0);
        }
        if (searchOnly) {
            for (String g : set) {
                searchOnly(g, run.ensureGraph(g));
            }
            return finish(outDir, t0);
        }
        if (pushOnly) {
            incremental.incrementalHeader();
            for (String g : set) {
                pushOnly(g, run.ensureGraph(g));
            }
            return finish(outDir, t0);
        }
        if (syncOnly || httpOnly) {
            if (run.jdbcBase == null) {
                System.err.println(
                        "draehi: --sync-only and --http-only measure on PostgreSQL; drop"
                                + " --no-postgres");
                return BenchMain.EXIT_USAGE;
            }
            String g = set.get(set.size() - 1);
            if (syncOnly) {
                run.report.section("Full sync per phase (in process, through Publisher)");
                run.report.section(SyncOnlyBench.SECTION);
                fullSync.phaseHeader();
                new SyncOnlyBench(run).syncOnly(g, run.ensureGraph(g), fullSync, memory);
            } else {
                readPathOnly(g, run.ensureGraph(g));
            }
            return finish(outDir, t0);
        }

        run.report.section("Full sync per phase (in process, through Publisher)");
        run.report.section("One-page incremental sync (in process, fetch to page readable)");
        run.report.section("Store throughput against raw COPY (PostgreSQL)");
        run.report.section("`./draehi publish` end to end (child process)");
        run.report.section("Static export (in process, in memory)");
        run.report.section("Static search (Chromium, static export)");
        run.report.section(GraphViewBench.SECTION);
        run.report.section(LivePreviewBench.SECTION);
        run.report.section("Memory of the largest sync (in process)");
        run.report.section("Read path on PostgreSQL (largest graph loaded)");

        Map<String, Path> sources = new LinkedHashMap<>();
        for (String g : set) {
            sources.put(g, run.ensureGraph(g));
        }
        String largest = set.get(set.size() - 1);
        warmUp(set.get(0), sources.get(set.get(0)));

        List<Child.Run> starts = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            starts.add(child.run(List.of("--version"), run.work.resolve("jvm-start.log")));
        }
        double jvmStart =
                BenchReport.median(starts.stream().mapToDouble(Child.Run::seconds).toArray());
        log("JVM start baseline (draehi --version): %.2f s", jvmStart);

        fullSync.phaseHeader();
        publish.publishHeader(child.sharesClasses());
        incremental.incrementalHeader();
        for (String g : set) {
            runGraph(g, sources.get(g), g.equals(largest));
            publish.publish(g, sources.get(g), child, jvmStart);
            if (g.equals(largest) && run.jdbcBase != null) {
                publish.cappedPublish(g, sources.get(g), child);
            }
        }
        export.exportGoals(set);
        livePreview(set, sources, child);
        if (run.jdbcBase != null) {
            new StoreBench(run).store();
        } else {
            run.report
                    .section("Store throughput against raw COPY (PostgreSQL)")
                    .add("Skipped: no PostgreSQL.");
            run.report
                    .section("Read path on PostgreSQL (largest graph loaded)")
                    .add("Skipped: no PostgreSQL.");
        }
        return finish(outDir, t0);
    }

    /** {@code serve --watch} on the graphs of the set it is measured on (g5k). */
    private void livePreview(List<String> set, Map<String, Path> sources, Child child) {
        for (String g : set) {
            if (!LivePreviewBench.GRAPHS.contains(g)) {
                continue;
            }
            try {
                new LivePreviewBench(run)
                        .livePreview(g, sources.get(g), child, Math.max(5, 2 * repeat + 1));
            } catch (Exception e) {
                run.report.section(LivePreviewBench.SECTION).add("failed on " + g + ": " + e);
                log("%s live preview failed: %s", g, e);
            }
        }
    }

    /** Migrations and pools log at length; the benchmark's own lines are what matter here. */
    private static void quietLogs() {
        LIQUIBASE.setLevel(java.util.logging.Level.WARNING);
        System.setProperty("liquibase.showSummaryOutput", "log");
        System.setProperty("liquibase.showSummary", "off");
        System.setProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn");
    }

    private List<String> graphSet() {
        List<String> set =
                graphs != null && !graphs.isEmpty()
                        ? new ArrayList<>(graphs)
                        : full ? List.of("g1k", "g5k", "g20k", "g50k") : List.of("g1k", "g5k");
        // smallest first; an unknown name fails here, naming the known ones
        return set.stream()
                .map(GraphGenerator.Size::named)
                .distinct()
                .sorted()
                .map(GraphGenerator.Size::label)
                .toList();
    }

    private void meta(List<String> set, Child child) {
        Runtime rt = Runtime.getRuntime();
        run.report.meta(
                "date",
                DateTimeFormatter.ISO_LOCAL_DATE_TIME
                                .withZone(ZoneOffset.UTC)
                                .format(
                                        Instant.now()
                                                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                        + "Z");
        run.report.meta("cores", rt.availableProcessors());
        run.report.meta("load average at start", BenchRun.loadAverage());
        run.report.meta(
                "JVM",
                System.getProperty("java.vm.name")
                        + " "
                        + System.getProperty("java.vm.version")
                        + " ("
                        + System.getProperty("java.vendor")
                        + "), max heap "
                        + rt.maxMemory() / (1 << 20)
                        + " MB"
                        + (ManagementFactory.getRuntimeMXBean().getInputArguments().isEmpty()
                                ? ""
                                : ", "
                                        + String.join(
                                                " ",
                                                ManagementFactory.getRuntimeMXBean()
                                                        .getInputArguments())));
        run.report.meta(
                "OS",
                System.getProperty("os.name")
                        + " "
                        + System.getProperty("os.version")
                        + ", "
                        + memTotal());
        run.report.meta(
                "graphs",
                String.join(", ", set)
                        + (graphs != null && !graphs.isEmpty()
                                ? ""
                                : full ? " (--full)" : " (quick set)"));
        run.report.meta("repeat", repeat + " runs of each end-to-end figure; min and median");
        run.report.meta(
                "PostgreSQL",
                run.jdbcBase == null
                        ? "not measured"
                        : run.pgVersion() + " at " + DatabaseUrls.mask(run.jdbcBase));
        run.report.meta(
                "child command",
                (String.join(" ", child.base()) + " " + Child.CLI_MAIN)
                        .replace(System.getProperty("java.class.path"), "<this JVM's classpath>"));
        List<String> args =
                spec == null || spec.commandLine().getParseResult() == null
                        ? List.of()
                        : spec.commandLine().getParseResult().originalArgs();
        String joined = String.join(" ", args);
        run.report.meta(
                "command",
                "draehi " + (joined.startsWith("bench") ? joined : ("bench " + joined).trim()));
        run.report.note(
                "Numbers are noisy: this machine has "
                        + rt.availableProcessors()
                        + " cores, shared with other builds and tests running at the same time,"
                        + " and the HTTP load generator runs on the same cores as the server."
                        + " Compare figures within one report; repeat runs before trusting a change"
                        + " of less than ~20%.");
    }

    private void runGraph(String g, Path source, boolean largest) throws Exception {
        Path repo = run.work.resolve("repo-" + g);
        try (Git git = BenchRun.cloneGraph(source, repo)) {
            for (String backend : run.backends()) {
                List<BenchRun.SyncResult> runs = new ArrayList<>();
                BenchRun.Opened kept = null;
                Publisher keptPublisher = null;
                Workspace keptWs = null;
                for (int rep = 0; rep < repeat; rep++) {
                    BenchRun.Opened o = run.new Opened(backend, g);
                    boolean last = rep == repeat - 1;
                    try {
                        Workspace ws = run.workspace(o.storage, g, repo);
                        Publisher p = run.publisher(o.storage, g + "-" + backend + "-" + rep);
                        System.gc();
                        MemoryBench.MemoryWatch watch =
                                largest
                                                && rep == 0
                                                && backend.equals(
                                                        run.jdbcBase != null
                                                                ? "postgresql"
                                                                : "memory")
                                        ? new MemoryBench.MemoryWatch()
                                        : null;
                        BenchRun.SyncResult r = run.sync(p, ws.id());
                        if (watch != null) {
                            watch.stop();
                            memory.memory(g, backend, watch, r);
                        }
                        runs.add(r);
                        if (backend.equals("postgresql") && !Double.isNaN(r.storedPerSecond())) {
                            run.storePhaseRates.add(r.storedPerSecond());
                        }
                        log(
                                "%s %s full sync %d/%d: %.2f s %s",
                                g, backend, rep + 1, repeat, r.millis() / 1000, r.phases());
                        if (last) {
                            kept = o;
                            keptPublisher = p;
                            keptWs = ws;
                        }
                    } finally {
                        if (!last) {
                            o.close();
                        }
                    }
                }
                try {
                    fullSync.fullSyncFigures(g, backend, runs);
                    if (INCREMENTAL.contains(g)) {
                        incremental.incremental(
                                g, backend, kept.storage, keptPublisher, keptWs, repo, git);
                    }
                    if (backend.equals("memory")) {
                        export.export(g, kept.storage, keptWs);
                    }
                    if (backend.equals("postgresql") && largest) {
                        readPath.readPath(g, kept.storage, keptPublisher, keptWs);
                    }
                } finally {
                    kept.close();
                }
            }
        }
        run.discard(repo);
    }

    /** {@code --push-only}: one full sync of {@code g} per store, then its one-page pushes. */
    private void pushOnly(String g, Path source) throws Exception {
        Path repo = run.work.resolve("repo-" + g);
        try (Git git = BenchRun.cloneGraph(source, repo)) {
            for (String backend : run.backends()) {
                BenchRun.Opened o = run.new Opened(backend, g);
                try {
                    Workspace ws = run.workspace(o.storage, g, repo);
                    Publisher p = run.publisher(o.storage, g + "-" + backend + "-push");
                    BenchRun.SyncResult r = run.sync(p, ws.id());
                    log("%s %s full sync: %.2f s", g, backend, r.millis() / 1000);
                    incremental.incremental(g, backend, o.storage, p, ws, repo, git);
                } finally {
                    o.close();
                }
            }
        }
        run.discard(repo);
    }

    /** {@code --search-only}: one sync of {@code g} in memory, its export and its search. */
    private void searchOnly(String g, Path source) throws Exception {
        Path repo = cloneInto("repo-" + g, source);
        try (Storage s = new InMemoryStorage()) {
            Workspace ws = run.workspace(s, g, repo);
            BenchRun.SyncResult r = run.sync(run.publisher(s, g + "-search"), ws.id());
            log("%s memory full sync: %.2f s", g, r.millis() / 1000);
            export.export(g, s, ws);
        }
        run.discard(repo);
    }

    /** The end of a run: its time and load, the report written and printed. */
    private int finish(Path outDir, long t0) throws IOException {
        run.report.meta(
                "run time",
                String.format(Locale.ROOT, "%.1f min", (System.nanoTime() - t0) / 60e9));
        run.report.meta("load average at end", BenchRun.loadAverage());
        run.report.write(outDir);
        deleteTree(run.work);
        System.out.print(run.report.markdown());
        System.err.println("draehi: wrote " + outDir.resolve("report.md") + " and report.json");
        return 0;
    }

    /** {@code --http-only}: one sync of {@code g} into PostgreSQL, then its read path. */
    private void readPathOnly(String g, Path source) throws Exception {
        Path repo = run.work.resolve("repo-" + g);
        try (Git git = BenchRun.cloneGraph(source, repo);
                BenchRun.Opened o = run.new Opened("postgresql", g)) {
            Workspace ws = run.workspace(o.storage, g, repo);
            Publisher p = run.publisher(o.storage, g + "-http");
            BenchRun.SyncResult r = run.sync(p, ws.id());
            log("%s postgresql full sync: %.2f s", g, r.millis() / 1000);
            readPath.readPath(g, o.storage, p, ws);
        }
        run.discard(repo);
    }

    /** {@code --graph-only}: one sync of {@code g} in memory, its export and its graph views. */
    private void graphViewOnly(String g, Path source) throws Exception {
        Path repo = cloneInto("repo-" + g, source);
        try (Storage s = new InMemoryStorage()) {
            Workspace ws = run.workspace(s, g, repo);
            BenchRun.SyncResult r = run.sync(run.publisher(s, "graph-" + g), ws.id());
            log("%s memory full sync: %.2f s", g, r.millis() / 1000);
            Path dir = run.work.resolve("site-" + g);
            new StaticExport(Site.builder(s).build(), dir).write();
            export.graphView(g, s, ws, dir);
            run.discard(dir);
        }
        run.discard(repo);
    }

    /**
     * One untimed full sync of {@code g} in memory, so that measured runs start with a warm JIT.
     */
    private void warmUp(String g, Path source) throws Exception {
        Path repo = cloneInto("warm-" + g, source);
        try (Storage s = new InMemoryStorage()) {
            Workspace ws = run.workspace(s, g, repo);
            BenchRun.SyncResult r = run.sync(run.publisher(s, "warm-" + g), ws.id());
            Site site = Site.builder(s).build();
            for (PageRoute route : s.nodes().routes(ws.id())) {
                site.get(SiteUrls.page(ws.slug(), encodePath(route.path())));
            }
            log("JIT warm-up: untimed full sync of %s in memory, %.2f s", g, r.millis() / 1000);
        }
        run.discard(repo);
    }

    /** A clone of the generated graph {@code source} in the work directory, as {@code name}. */
    private Path cloneInto(String name, Path source) throws Exception {
        Path repo = run.work.resolve(name);
        BenchRun.cloneGraph(source, repo).close();
        return repo;
    }
}
