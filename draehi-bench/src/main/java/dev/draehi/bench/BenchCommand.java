package dev.draehi.bench;

import dev.draehi.Publisher;
import dev.draehi.cli.StaticExport;
import dev.draehi.model.Deployment;
import dev.draehi.model.Node;
import dev.draehi.model.NodeMetadata;
import dev.draehi.model.PageRoute;
import dev.draehi.model.Workspace;
import dev.draehi.render.HtmlPageRenderer;
import dev.draehi.server.DraehiServer;
import dev.draehi.site.Site;
import dev.draehi.site.SiteResponse;
import dev.draehi.store.Storage;
import dev.draehi.store.jdbi.DatabaseUrls;
import dev.draehi.store.jdbi.JdbiStorage;
import dev.draehi.store.memory.InMemoryStorage;
import dev.draehi.sync.GitGraphSource;
import dev.draehi.web.SiteUrls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
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
    /** The full-sync goal of each graph in seconds (0: none). */
    private static final Map<String, Integer> FULL_SYNC_GOALS =
            Map.of("g1k", 5, "g5k", 25, "g20k", 0, "g50k", 240);

    private static final List<String> INCREMENTAL = List.of("g5k", "g50k");
    private static final Map<String, Integer> PUBLISH_GOALS = Map.of("g5k", 25);
    private static final double INCREMENTAL_GOAL_MS = 500;
    private static final int INCREMENTAL_PUSHES = 9;
    private static final double FLAT_TOLERANCE = 0.20;

    private static final Pattern PHASE =
            Pattern.compile("^\\S+ (fetched|parsed|rendered|stored) .* in (\\d+) ms");
    private static final Pattern PARSED =
            Pattern.compile(" parsed (\\d+) pages \\((\\d+) published, (\\d+) blocks\\)");
    private static final Pattern STORED = Pattern.compile(" stored (\\d+) nodes, .* in (\\d+) ms");
    private static final List<String> PHASES = List.of("fetched", "parsed", "rendered", "stored");
    // GitGraphSource's "checked out SHA in N ms": part of the parse phase, shown apart
    private static final Pattern CHECKOUT = Pattern.compile("^\\S+ checked out \\S+ in (\\d+) ms");

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

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    private final BenchReport report = new BenchReport();
    private Path work;
    private String jdbcBase;

    // per-graph results used across sections
    private final Map<String, Double> bytesPerPage = new LinkedHashMap<>();
    private final Map<String, Double> msPerPage = new LinkedHashMap<>();
    private final List<Double> storePhaseRates = new ArrayList<>();
    private boolean profiled;

    // Held, so that the level set on it stays.
    private static final java.util.logging.Logger LIQUIBASE =
            java.util.logging.Logger.getLogger("liquibase");

    @Override
    public Integer call() throws Exception {
        quietLogs();
        List<String> set = graphSet();
        if (repeat < 1) {
            System.err.println("draehi: --repeat must be at least 1");
            return BenchMain.EXIT_USAGE;
        }
        Path outDir = out.toAbsolutePath().normalize();
        work = outDir.resolve("work");
        deleteTree(work);
        Files.createDirectories(work);
        jdbcBase = noPostgres ? null : probePostgres();
        Child child = Child.locate();
        meta(set, child);
        long t0 = System.nanoTime();
        if (httpOnly) {
            if (jdbcBase == null) {
                System.err.println(
                        "draehi: --http-only measures on PostgreSQL; drop --no-postgres");
                return BenchMain.EXIT_USAGE;
            }
            String g = set.get(set.size() - 1);
            readPathOnly(g, ensureGraph(g));
            report.meta(
                    "run time",
                    String.format(Locale.ROOT, "%.1f min", (System.nanoTime() - t0) / 60e9));
            report.write(outDir);
            deleteTree(work);
            System.out.print(report.markdown());
            System.err.println("draehi: wrote " + outDir.resolve("report.md") + " and report.json");
            return 0;
        }

        report.section("Full sync per phase (in process, through Publisher)");
        report.section("One-page incremental sync (in process, fetch to page readable)");
        report.section("Store throughput against raw COPY (PostgreSQL)");
        report.section("`./draehi publish` end to end (child process)");
        report.section("Static export (in process, in memory)");
        report.section("Memory of the largest sync (in process)");
        report.section("Read path on PostgreSQL (largest graph loaded)");

        Map<String, Path> sources = new LinkedHashMap<>();
        for (String g : set) {
            sources.put(g, ensureGraph(g));
        }
        String largest = set.get(set.size() - 1);
        warmUp(set.get(0), sources.get(set.get(0)));

        List<Child.Run> starts = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            starts.add(child.run(List.of("--version"), work.resolve("jvm-start.log")));
        }
        double jvmStart =
                BenchReport.median(starts.stream().mapToDouble(Child.Run::seconds).toArray());
        log("JVM start baseline (draehi --version): %.2f s", jvmStart);

        phaseHeader();
        publishHeader();
        incrementalHeader();
        for (String g : set) {
            runGraph(g, sources.get(g), g.equals(largest));
            publish(g, sources.get(g), child, jvmStart);
            if (g.equals(largest) && jdbcBase != null) {
                cappedPublish(g, sources.get(g), child);
            }
        }
        exportGoals(set);
        if (jdbcBase != null) {
            store();
        } else {
            report.section("Store throughput against raw COPY (PostgreSQL)")
                    .add("Skipped: no PostgreSQL.");
            report.section("Read path on PostgreSQL (largest graph loaded)")
                    .add("Skipped: no PostgreSQL.");
        }
        report.meta(
                "run time",
                String.format(Locale.ROOT, "%.1f min", (System.nanoTime() - t0) / 60e9));
        report.write(outDir);
        deleteTree(work);
        System.out.print(report.markdown());
        System.err.println("draehi: wrote " + outDir.resolve("report.md") + " and report.json");
        return 0;
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
        report.meta(
                "date",
                DateTimeFormatter.ISO_LOCAL_DATE_TIME
                                .withZone(ZoneOffset.UTC)
                                .format(
                                        Instant.now()
                                                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                        + "Z");
        report.meta("cores", rt.availableProcessors());
        report.meta(
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
        report.meta(
                "OS",
                System.getProperty("os.name")
                        + " "
                        + System.getProperty("os.version")
                        + ", "
                        + memTotal());
        report.meta("graphs", String.join(", ", set) + (full ? " (--full)" : " (quick set)"));
        report.meta("repeat", repeat + " runs of each end-to-end figure; min and median");
        report.meta(
                "PostgreSQL",
                jdbcBase == null
                        ? "not measured"
                        : pgVersion() + " at " + DatabaseUrls.mask(jdbcBase));
        report.meta(
                "child command",
                String.join(" ", child.base())
                        .replace(System.getProperty("java.class.path"), "<this JVM's classpath>"));
        List<String> args =
                spec == null || spec.commandLine().getParseResult() == null
                        ? List.of()
                        : spec.commandLine().getParseResult().originalArgs();
        String joined = String.join(" ", args);
        report.meta(
                "command",
                "draehi " + (joined.startsWith("bench") ? joined : ("bench " + joined).trim()));
        report.note(
                "Numbers are noisy: this machine has "
                        + rt.availableProcessors()
                        + " cores, shared with other builds and tests running at the same time,"
                        + " and the HTTP load generator runs on the same cores as the server."
                        + " Compare figures within one report; repeat runs before trusting a change"
                        + " of less than ~20%.");
    }

    // ---------------------------------------------------------------- graphs

    /**
     * The cached graph {@code g}: generated and committed to git on first use, and again when the
     * generator or its settings changed since (the {@code g.ok} file holds its fingerprint).
     */
    private Path ensureGraph(String g) throws Exception {
        GraphGenerator generator = GraphGenerator.of(GraphGenerator.Size.named(g));
        Path root = cache.toAbsolutePath().normalize();
        Path dir = root.resolve(g);
        Path stamp = root.resolve(g + ".ok");
        String want = generator.fingerprint();
        if (Files.isRegularFile(stamp)
                && Files.readString(stamp).trim().equals(want)
                && Files.isDirectory(dir.resolve(".git"))) {
            log("%s: cached at %s", g, dir);
            return dir;
        }
        log(
                "%s: generating %d pages and %d journals into %s",
                g, generator.pages(), generator.journals(), dir);
        deleteTree(dir);
        Files.deleteIfExists(stamp);
        Files.createDirectories(root);
        generator.writeTo(dir);
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            commit(git, ".", "graph " + g);
        }
        Files.writeString(stamp, want + "\n");
        return dir;
    }

    private static void commit(Git git, String pattern, String message) throws Exception {
        git.add().addFilepattern(pattern).call();
        PersonIdent who = new PersonIdent("bench", "bench@example.com");
        git.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
    }

    // ---------------------------------------------------------------- syncs

    /** A storage under measurement; on PostgreSQL in a schema of its own, dropped on close. */
    private final class Opened implements AutoCloseable {
        final Storage storage;
        final String schema;
        final String backend;

        Opened(String backend, String g) throws Exception {
            this.backend = backend;
            if (backend.equals("memory")) {
                storage = new InMemoryStorage();
                schema = null;
            } else {
                schema = newSchema(g);
                storage = JdbiStorage.builder(inSchema(schema)).migrate(true).build();
            }
        }

        @Override
        public void close() throws Exception {
            storage.close();
            if (schema != null) {
                dropSchema(schema);
            }
        }
    }

    private record SyncResult(
            double millis,
            Map<String, Long> phases,
            int pages,
            int blocks,
            double storedPerSecond,
            Deployment d) {}

    private SyncResult sync(Publisher p, long ws) {
        long t0 = System.nanoTime();
        Deployment d = p.sync(ws);
        double ms = (System.nanoTime() - t0) / 1e6;
        if (!d.succeeded()) {
            throw new IllegalStateException("sync failed: " + d.errorLog());
        }
        Map<String, Long> phases = new LinkedHashMap<>();
        int pages = 0;
        int blocks = 0;
        double stored = Double.NaN;
        for (String line : d.buildLog()) {
            Matcher m = PHASE.matcher(line);
            if (m.find()) {
                phases.put(m.group(1), Long.parseLong(m.group(2)));
            }
            Matcher co = CHECKOUT.matcher(line);
            if (co.find()) {
                phases.put("checkout", Long.parseLong(co.group(1)));
            }
            Matcher pm = PARSED.matcher(line);
            if (pm.find()) {
                pages = Integer.parseInt(pm.group(2));
                blocks = Integer.parseInt(pm.group(3));
            }
            Matcher sm = STORED.matcher(line);
            if (sm.find()
                    && Long.parseLong(sm.group(2)) > 0
                    && d.buildLog().stream().noneMatch(l -> l.contains("(incremental:"))) {
                stored = Long.parseLong(sm.group(1)) * 1000.0 / Long.parseLong(sm.group(2));
            }
        }
        return new SyncResult(ms, phases, pages, blocks, stored, d);
    }

    private Publisher publisher(Storage s, String name) {
        return Publisher.builder()
                .storage(s)
                .source(GitGraphSource.builder().checkoutRoot(work.resolve("co-" + name)).build())
                .renderer(HtmlPageRenderer.builder().build())
                .build();
    }

    private Workspace workspace(Storage s, String g, Path repo) {
        Workspace ws = s.workspaces().create(s.users().create("bench-" + g, "!").id(), g);
        s.repositories().create(ws.id(), repo.toUri().toString(), "main", null);
        return ws;
    }

    private void runGraph(String g, Path source, boolean largest) throws Exception {
        Path repo = work.resolve("repo-" + g);
        try (Git git =
                Git.cloneRepository()
                        .setURI(source.toUri().toString())
                        .setDirectory(repo.toFile())
                        .setBranch("main")
                        .call()) {
            List<String> backends = new ArrayList<>(List.of("memory"));
            if (jdbcBase != null) {
                backends.add("postgresql");
            }
            for (String backend : backends) {
                List<SyncResult> runs = new ArrayList<>();
                Opened kept = null;
                Publisher keptPublisher = null;
                Workspace keptWs = null;
                for (int rep = 0; rep < repeat; rep++) {
                    Opened o = new Opened(backend, g);
                    boolean last = rep == repeat - 1;
                    try {
                        Workspace ws = workspace(o.storage, g, repo);
                        Publisher p = publisher(o.storage, g + "-" + backend + "-" + rep);
                        System.gc();
                        MemoryWatch watch =
                                largest
                                                && rep == 0
                                                && backend.equals(
                                                        jdbcBase != null ? "postgresql" : "memory")
                                        ? new MemoryWatch()
                                        : null;
                        SyncResult r = sync(p, ws.id());
                        if (watch != null) {
                            watch.stop();
                            memory(g, backend, watch, r);
                        }
                        runs.add(r);
                        if (backend.equals("postgresql") && !Double.isNaN(r.storedPerSecond())) {
                            storePhaseRates.add(r.storedPerSecond());
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
                    fullSyncFigures(g, backend, runs);
                    if (INCREMENTAL.contains(g)) {
                        incremental(g, backend, kept.storage, keptPublisher, keptWs, repo, git);
                    }
                    if (backend.equals("memory")) {
                        export(g, kept.storage, keptWs);
                    }
                    if (backend.equals("postgresql") && largest) {
                        readPath(g, kept.storage, keptPublisher, keptWs);
                    }
                } finally {
                    kept.close();
                }
            }
        }
        deleteTree(repo);
    }

    /** {@code --http-only}: one sync of {@code g} into PostgreSQL, then its read path. */
    private void readPathOnly(String g, Path source) throws Exception {
        Path repo = work.resolve("repo-" + g);
        try (Git git =
                        Git.cloneRepository()
                                .setURI(source.toUri().toString())
                                .setDirectory(repo.toFile())
                                .setBranch("main")
                                .call();
                Opened o = new Opened("postgresql", g)) {
            Workspace ws = workspace(o.storage, g, repo);
            Publisher p = publisher(o.storage, g + "-http");
            SyncResult r = sync(p, ws.id());
            log("%s postgresql full sync: %.2f s", g, r.millis() / 1000);
            readPath(g, o.storage, p, ws);
        }
        deleteTree(repo);
    }

    /**
     * One untimed full sync of {@code g} in memory, so that measured runs start with a warm JIT.
     */
    private void warmUp(String g, Path source) throws Exception {
        Path repo = work.resolve("warm-" + g);
        Git.cloneRepository()
                .setURI(source.toUri().toString())
                .setDirectory(repo.toFile())
                .setBranch("main")
                .call()
                .close();
        try (Storage s = new InMemoryStorage()) {
            Workspace ws = workspace(s, g, repo);
            SyncResult r = sync(publisher(s, "warm-" + g), ws.id());
            Site site = Site.builder(s).build();
            for (PageRoute route : s.nodes().routes(ws.id())) {
                site.get(SiteUrls.page(ws.slug(), encodePath(route.path())));
            }
            log("JIT warm-up: untimed full sync of %s in memory, %.2f s", g, r.millis() / 1000);
        }
        deleteTree(repo);
    }

    private void phaseHeader() {
        List<String> s = report.section("Full sync per phase (in process, through Publisher)");
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
    private static double checkoutMedian(List<SyncResult> runs) {
        double[] v =
                runs.stream()
                        .filter(r -> r.phases().containsKey("checkout"))
                        .mapToDouble(r -> r.phases().get("checkout"))
                        .toArray();
        return BenchReport.median(v);
    }

    private void fullSyncFigures(String g, String backend, List<SyncResult> runs) {
        int goal = FULL_SYNC_GOALS.get(g);
        BenchReport.Figure f =
                report.figure(
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
        SyncResult first = runs.get(0);
        double perPage = total / Math.max(1, first.pages());
        String key = backend;
        Double base = msPerPage.get(key);
        if (base == null) {
            msPerPage.put(key, perPage);
            base = perPage;
        }
        BenchReport.Figure pp =
                report.figure(
                        "sync.full." + g + "." + backend + ".ms_per_page",
                        "full sync " + g + " (" + backend + ") per page",
                        "ms/page");
        runs.forEach(r -> pp.add(r.millis() / Math.max(1, r.pages())));
        pp.note(String.format(Locale.ROOT, "%.2f× the smallest graph's", perPage / base));
        report.section("Full sync per phase (in process, through Publisher)")
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

    // ---------------------------------------------------------------- incremental

    private void incrementalHeader() {
        List<String> s =
                report.section("One-page incremental sync (in process, fetch to page readable)");
        s.add(
                "After the full sync, one page file gets a new block and is committed; the time runs"
                        + " from `Publisher.sync` (fetch) until `Site.get` of that page shows the new"
                        + " block. The first such push after the full sync, which also builds the"
                        + " plan's reader index, is reported apart (first push ms); min and median"
                        + " are of the "
                        + INCREMENTAL_PUSHES
                        + " pushes after it. Baseline: a sync of an unchanged commit (fetch and the"
                        + " 'already published' check).");
        s.add("");
        s.add(
                "| graph | storage | unchanged sync ms (median) | fetch ms | parse ms | of which"
                        + " checkout ms | render ms |"
                        + " store ms | sync ms (median) | first push ms | to readable min ms"
                        + " | to readable median ms | goal | mark |");
        s.add("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
    }

    private int edits;

    private void incremental(
            String g,
            String backend,
            Storage storage,
            Publisher p,
            Workspace ws,
            Path repo,
            Git git)
            throws Exception {
        Site site = Site.builder(storage).build();
        double[] unchanged = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            SyncResult r = sync(p, ws.id());
            if (r.d().buildLog().stream().noneMatch(l -> l.contains("unchanged:"))) {
                throw new IllegalStateException("expected an unchanged sync: " + r.d().buildLog());
            }
            unchanged[i] = r.millis();
        }
        List<Path> pageFiles;
        try (Stream<Path> files = Files.list(repo.resolve("pages"))) {
            pageFiles = files.sorted().toList();
        }
        BenchReport.Figure f =
                report.figure(
                        "sync.incremental." + g + "." + backend,
                        "one-page incremental sync " + g + " (" + backend + "), to page readable",
                        "ms");
        // The first push after a full sync also builds the plan's index of who reads what, and
        // runs code the full sync did not: reported apart. The goal is on the pushes after it,
        // as a server that syncs on every push runs them.
        double[] first = edit(site, p, ws, pageFiles, git, new ArrayList<>());
        report.figure(
                        "sync.incremental.first." + g + "." + backend,
                        "first one-page push after the full sync " + g + " (" + backend + ")",
                        "ms")
                .add(first[1]);
        log("%s %s first one-page sync: readable %.0f ms", g, backend, first[1]);
        List<SyncResult> syncs = new ArrayList<>();
        int edits = Math.max(repeat, INCREMENTAL_PUSHES);
        for (int i = 0; i < edits; i++) {
            double[] r = edit(site, p, ws, pageFiles, git, syncs);
            f.add(r[1]);
            log(
                    "%s %s one-page sync %d/%d: sync %.0f ms, readable %.0f ms %s",
                    g, backend, i + 1, edits, r[0], r[1], syncs.get(syncs.size() - 1).phases());
        }
        f.baseline("unchanged sync", BenchReport.median(unchanged));
        f.below("< 500 ms", INCREMENTAL_GOAL_MS);
        Map<String, Double> med = new LinkedHashMap<>();
        for (String ph : PHASES) {
            med.put(
                    ph,
                    BenchReport.median(
                            syncs.stream()
                                    .mapToDouble(r -> r.phases().getOrDefault(ph, 0L))
                                    .toArray()));
        }
        med.put("checkout", checkoutMedian(syncs));
        report.section("One-page incremental sync (in process, fetch to page readable)")
                .add(
                        String.format(
                                Locale.ROOT,
                                "| %s | %s | %.0f | %.0f | %.0f | %s | %.0f | %.0f | %.0f | %.0f |"
                                        + " %.0f | %.0f | < 500 ms | %s |",
                                g,
                                backend,
                                BenchReport.median(unchanged),
                                med.get("fetched"),
                                med.get("parsed"),
                                BenchReport.num(med.get("checkout")),
                                med.get("rendered"),
                                med.get("stored"),
                                BenchReport.median(
                                        syncs.stream().mapToDouble(SyncResult::millis).toArray()),
                                first[1],
                                f.min(),
                                f.median(),
                                f.mark()));
        boolean profileHere =
                !noProfile && !profiled && (backend.equals("postgresql") || jdbcBase == null);
        if (profileHere) {
            profiled = true;
            Path jfr =
                    out.toAbsolutePath()
                            .normalize()
                            .resolve("incremental-" + g + "-" + backend + ".jfr");
            Files.createDirectories(jfr.getParent());
            BenchProfile profile = new BenchProfile(jfr);
            List<SyncResult> profiledSyncs = new ArrayList<>();
            try (profile) {
                for (int i = 0; i < Math.max(repeat, 5); i++) {
                    edit(site, p, ws, pageFiles, git, profiledSyncs);
                }
            }
            List<String> s =
                    report.section(
                            "Profile: one-page incremental sync of "
                                    + g
                                    + " on "
                                    + backend
                                    + " (JFR)");
            s.add(
                    profiledSyncs.size()
                            + " more one-page syncs, recorded with JDK Flight Recorder; their build"
                            + " logs' phases: "
                            + profiledSyncs.stream()
                                    .map(r -> r.phases().toString())
                                    .reduce((a, b) -> a + "; " + b)
                                    .orElse(""));
            s.add("");
            s.addAll(profile.summary(15));
        }
    }

    /** Edits one page, syncs and reads it; returns {sync ms, readable ms}. */
    private double[] edit(
            Site site,
            Publisher p,
            Workspace ws,
            List<Path> pageFiles,
            Git git,
            List<SyncResult> syncs)
            throws Exception {
        int n = edits++;
        Path file = pageFiles.get((7 * (n + 1)) % pageFiles.size());
        String base = file.getFileName().toString().replaceFirst("\\.md$", "");
        String name = base.replace("___", "/");
        Node page =
                p.storage()
                        .nodes()
                        .findPage(ws.id(), name)
                        .orElseThrow(() -> new IllegalStateException("no page " + name));
        String url =
                "/"
                        + ws.slug()
                        + "/"
                        + encodePath(
                                page.metadata().attribute(NodeMetadata.Attributes.PATH).orElse(""));
        String nonce = "benchedit" + Long.toHexString(System.nanoTime());
        Files.writeString(file, "- " + nonce + " one more block\n", StandardOpenOption.APPEND);
        commit(git, "pages/" + file.getFileName(), "edit " + n);
        long t0 = System.nanoTime();
        SyncResult r = sync(p, ws.id());
        double syncMs = (System.nanoTime() - t0) / 1e6;
        if (r.d().buildLog().stream().noneMatch(l -> l.contains("(incremental:"))) {
            log("warning: the one-page sync was not incremental: %s", r.d().buildLog());
        }
        for (int tries = 0; ; tries++) {
            SiteResponse resp = site.get(url);
            if (resp.ok() && resp.bodyText().contains(nonce)) {
                break;
            }
            if (tries == 100) {
                throw new IllegalStateException("the edit of " + url + " never became readable");
            }
            Thread.sleep(10);
        }
        double readable = (System.nanoTime() - t0) / 1e6;
        syncs.add(r);
        return new double[] {syncMs, readable};
    }

    // ---------------------------------------------------------------- export

    private void export(String g, Storage storage, Workspace ws) {
        Site site = Site.builder(storage).build();
        Path dir = work.resolve("site-" + g);
        long t0 = System.nanoTime();
        StaticExport.Result r = new StaticExport(site, dir).write();
        double secs = (System.nanoTime() - t0) / 1e9;
        int pages = storage.nodes().pages(ws.id()).size();
        double perPage = (double) r.bytes() / pages;
        bytesPerPage.put(g, perPage);
        report.figure("export." + g + ".seconds", "static export " + g, "s").add(secs);
        report.figure("export." + g + ".bytes", "static export " + g + " bytes", "bytes")
                .add(r.bytes());
        List<String> s = report.section("Static export (in process, in memory)");
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
        deleteTree(dir);
    }

    private void exportGoals(List<String> set) {
        if (bytesPerPage.isEmpty()) {
            return;
        }
        String first = set.get(0);
        double base = bytesPerPage.get(first);
        for (Map.Entry<String, Double> e : bytesPerPage.entrySet()) {
            BenchReport.Figure f =
                    report.figure(
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

    // ---------------------------------------------------------------- publish

    private void publishHeader() {
        List<String> s = report.section("`./draehi publish` end to end (child process)");
        s.add(
                "`draehi publish GRAPH --out DIR` in a new JVM, in memory, cold checkout: JVM start,"
                        + " clone, sync and static export. Peak RSS from the child's rusage (`/usr/bin/time`)"
                        + " or /proc VmHWM. Baseline: `draehi --version` (JVM start only).");
        s.add("");
        s.add(
                "| graph | JVM start s | wall min s | wall median s | peak RSS max MB | output |"
                        + " goal | mark |");
        s.add("|---|---:|---:|---:|---:|---|---|---|");
    }

    /** Heap cap of {@link #cappedPublish}: the goal for a g50k sync. */
    private static final int CAPPED_HEAP_MB = 2048;

    /**
     * {@code ./draehi publish --database-url} of the largest graph in a JVM whose heap is capped at
     * 2 GiB: the sync streams into PostgreSQL and the export reads it back page by page, so neither
     * may hold the graph's HTML at once. Succeeding is the figure; time and RSS go with it.
     */
    private void cappedPublish(String g, Path source, Child child) throws Exception {
        String schema = newSchema("capped");
        Path site = work.resolve("capped-" + g);
        Path co = work.resolve("cappedco-" + g);
        Path logFile = work.resolve("capped-" + g + ".log");
        try {
            Child.Run r =
                    child.run(
                            publishArgs(source, site, co, g, "--database-url", inSchema(schema)),
                            logFile,
                            Map.of("DRAEHI_JAVA_OPTS", "-Xmx" + CAPPED_HEAP_MB + "m"));
            String text = Files.readString(logFile);
            boolean ok = r.exit() == 0;
            log(
                    "%s publish on PostgreSQL with -Xmx%dm: %s in %.1f s, peak RSS %d MB",
                    g, CAPPED_HEAP_MB, ok ? "ok" : "FAILED", r.seconds(), r.peakRssKb() / 1024);
            BenchReport.Figure f =
                    report.figure(
                            "publish_capped." + g,
                            "`./draehi publish --database-url` " + g + " with -Xmx2g",
                            "s");
            if (ok) {
                f.add(r.seconds());
            }
            f.below("completes in 2 GiB of heap", Double.MAX_VALUE);
            List<String> sec =
                    report.section("Largest graph on PostgreSQL in 2 GiB of heap (child process)");
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
            dropSchema(schema);
            deleteTree(site);
            deleteTree(co);
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

    private static String tail(String text) {
        return text.length() <= 400 ? text : text.substring(text.length() - 400);
    }

    private void publish(String g, Path source, Child child, double jvmStart) throws Exception {
        BenchReport.Figure f = report.figure("publish." + g, "`./draehi publish` " + g, "s");
        BenchReport.Figure rss =
                report.figure(
                        "publish." + g + ".peak_rss",
                        "`./draehi publish` " + g + " peak RSS",
                        "MB");
        String wrote = "";
        for (int i = 0; i < repeat; i++) {
            Path site = work.resolve("pub-" + g + "-" + i);
            Path co = work.resolve("pubco-" + g + "-" + i);
            Path logFile = work.resolve("publish-" + g + "-" + i + ".log");
            Child.Run r = child.run(publishArgs(source, site, co, g), logFile);
            String text = Files.readString(logFile);
            if (r.exit() != 0) {
                throw new IllegalStateException("draehi publish " + g + " failed:\n" + text);
            }
            Matcher m = Pattern.compile("wrote (\\d+) files \\((\\d+) KB\\)").matcher(text);
            if (m.find()) {
                wrote = m.group(1) + " files, " + m.group(2) + " KB";
            }
            f.add(r.seconds());
            if (r.peakRssKb() > 0) {
                rss.add(r.peakRssKb() / 1024.0);
            }
            log(
                    "%s publish %d/%d: %.2f s, peak RSS %d MB",
                    g, i + 1, repeat, r.seconds(), r.peakRssKb() / 1024);
            deleteTree(site);
            deleteTree(co);
        }
        f.baseline("JVM start", jvmStart);
        Integer goal = PUBLISH_GOALS.get(g);
        if (goal != null) {
            f.below("< " + goal + " s", goal);
        }
        report.section("`./draehi publish` end to end (child process)")
                .add(
                        String.format(
                                Locale.ROOT,
                                "| %s | %.2f | %.2f | %.2f | %s | %s | %s | %s |",
                                g,
                                jvmStart,
                                f.min(),
                                f.median(),
                                rss.values.isEmpty()
                                        ? "-"
                                        : String.format(Locale.ROOT, "%.0f", rss.max()),
                                wrote,
                                goal == null ? "" : "< " + goal + " s",
                                f.mark()));
    }

    /** How to start {@code draehi}: the ./draehi script next to the jar, else this classpath. */
    record Child(List<String> base) {
        record Run(double seconds, long peakRssKb, int exit) {}

        static Child locate() {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            try {
                Path code =
                        Path.of(
                                BenchCommand.class
                                        .getProtectionDomain()
                                        .getCodeSource()
                                        .getLocation()
                                        .toURI());
                if (code.toString().endsWith(".jar")) {
                    Path script =
                            code.toAbsolutePath()
                                    .getParent()
                                    .getParent()
                                    .getParent()
                                    .resolve("draehi");
                    if (Files.isExecutable(script)) {
                        return new Child(List.of(script.toString()));
                    }
                    return new Child(List.of(java, "-jar", code.toString()));
                }
            } catch (Exception e) {
                // fall back to the classpath
            }
            return new Child(
                    List.of(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            "dev.draehi.cli.Main"));
        }

        Run run(List<String> args, Path logFile) throws Exception {
            return run(args, logFile, Map.of());
        }

        /** Runs draehi with {@code env} added to this process's environment. */
        Run run(List<String> args, Path logFile, Map<String, String> env) throws Exception {
            Path time = Path.of("/usr/bin/time");
            Path timeOut = logFile.resolveSibling(logFile.getFileName() + ".time");
            List<String> cmd = new ArrayList<>();
            boolean timed = Files.isExecutable(time);
            if (timed) {
                cmd.addAll(List.of(time.toString(), "-f", "%M", "-o", timeOut.toString()));
            }
            cmd.addAll(base);
            cmd.addAll(args);
            long t0 = System.nanoTime();
            ProcessBuilder pb =
                    new ProcessBuilder(cmd)
                            .redirectErrorStream(true)
                            .redirectOutput(logFile.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            long hwm = 0;
            while (!p.waitFor(20, TimeUnit.MILLISECONDS)) {
                if (!timed) {
                    hwm = Math.max(hwm, vmHwmKb(p.pid()));
                }
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            if (timed && Files.isRegularFile(timeOut)) {
                for (String line : Files.readAllLines(timeOut)) {
                    if (line.trim().matches("\\d+")) {
                        hwm = Long.parseLong(line.trim());
                    }
                }
            }
            return new Run(secs, hwm, p.exitValue());
        }
    }

    static long vmHwmKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone, or this is not Linux
        }
        return 0;
    }

    // ---------------------------------------------------------------- memory

    /** Heap and RSS while it is open: GC notifications and a sampler, RSS peak reset first. */
    private static final class MemoryWatch {
        final List<MemoryPoolMXBean> heapPools =
                ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(p -> p.getType() == MemoryType.HEAP)
                        .toList();
        final List<String> heapNames = heapPools.stream().map(MemoryPoolMXBean::getName).toList();
        volatile long maxUsed;
        volatile long maxBeforeGc;
        volatile long maxAfterGc;
        final long liveAtStart;
        final boolean rssReset;
        final Thread sampler;
        final NotificationListener listener;
        volatile boolean running = true;

        MemoryWatch() {
            System.gc();
            liveAtStart = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
            boolean reset;
            try {
                Files.writeString(Path.of("/proc/self/clear_refs"), "5");
                reset = true;
            } catch (IOException | RuntimeException e) {
                reset = false;
            }
            rssReset = reset;
            listener =
                    (n, handback) -> {
                        if (!n.getType().equals("com.sun.management.gc.notification")) {
                            return;
                        }
                        var info =
                                com.sun.management.GarbageCollectionNotificationInfo.from(
                                        (CompositeData) n.getUserData());
                        long before = 0;
                        long after = 0;
                        for (String pool : heapNames) {
                            var b = info.getGcInfo().getMemoryUsageBeforeGc().get(pool);
                            var a = info.getGcInfo().getMemoryUsageAfterGc().get(pool);
                            before += b == null ? 0 : b.getUsed();
                            after += a == null ? 0 : a.getUsed();
                        }
                        maxBeforeGc = Math.max(maxBeforeGc, before);
                        maxAfterGc = Math.max(maxAfterGc, after);
                    };
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter e) {
                    e.addNotificationListener(listener, null, null);
                }
            }
            sampler =
                    new Thread(
                            () -> {
                                while (running) {
                                    maxUsed =
                                            Math.max(
                                                    maxUsed,
                                                    ManagementFactory.getMemoryMXBean()
                                                            .getHeapMemoryUsage()
                                                            .getUsed());
                                    try {
                                        Thread.sleep(10);
                                    } catch (InterruptedException e) {
                                        return;
                                    }
                                }
                            },
                            "bench-memory");
            sampler.setDaemon(true);
            sampler.start();
        }

        long rssPeakKb;

        void stop() throws InterruptedException {
            running = false;
            sampler.join();
            rssPeakKb = vmHwmKb(ProcessHandle.current().pid());
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter e) {
                    try {
                        e.removeNotificationListener(listener);
                    } catch (Exception ignored) {
                        // not registered
                    }
                }
            }
        }
    }

    private void memory(String g, String backend, MemoryWatch w, SyncResult r) {
        double mb = 1 << 20;
        double used = Math.max(w.maxUsed, w.maxBeforeGc) / mb;
        report.figure("memory." + g + ".heap_peak", "peak heap used, full sync " + g, "MB")
                .add(used);
        BenchReport.Figure live =
                report.figure(
                                "memory." + g + ".heap_live",
                                "max heap live after GC, full sync " + g,
                                "MB")
                        .add(w.maxAfterGc / mb);
        if (g.equals("g50k") && !backend.equals("memory")) {
            // What the sync needs; the peak used also counts garbage a large heap lets lie.
            // (In memory, the storage itself holds the whole graph's HTML.)
            live.below("< 2 GiB", 2048);
        }
        report.figure("memory." + g + ".rss_peak", "peak RSS, full sync " + g, "MB")
                .add(w.rssPeakKb / 1024.0)
                .note(w.rssReset ? "VmHWM reset before the sync" : "VmHWM since JVM start");
        List<String> s = report.section("Memory of the largest sync (in process)");
        s.add(
                String.format(
                        Locale.ROOT,
                        "Full sync of %s (%,d pages, %,d blocks) into %s, %.1f s; the JVM's max heap"
                                + " is %,d MB.",
                        g,
                        r.pages(),
                        r.blocks(),
                        backend.equals("memory") ? "memory" : "PostgreSQL",
                        r.millis() / 1000,
                        Runtime.getRuntime().maxMemory() >> 20));
        s.add("");
        s.add("| figure | MB |");
        s.add("|---|---:|");
        s.add(
                String.format(
                        Locale.ROOT,
                        "| heap live before the sync (after GC) | %.0f |",
                        w.liveAtStart / mb));
        s.add(
                String.format(
                        Locale.ROOT,
                        "| peak heap used (sampled every 10 ms and before each GC) | %.0f |",
                        used));
        s.add(String.format(Locale.ROOT, "| max heap live after a GC | %.0f |", w.maxAfterGc / mb));
        s.add(
                String.format(
                        Locale.ROOT,
                        "| peak RSS of this JVM (%s) | %.0f |",
                        w.rssReset ? "VmHWM, reset before the sync" : "VmHWM since JVM start",
                        w.rssPeakKb / 1024.0));
    }

    // ---------------------------------------------------------------- read path

    private void readPath(String g, Storage storage, Publisher publisher, Workspace ws)
            throws Exception {
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
        report.figure(
                        "read.site." + g + ".p50",
                        "page view p50 in process (Site.get, " + g + ")",
                        "ms")
                .add(p50);
        report.figure(
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
            crawl = BenchLoad.crawl(server.port(), urls, clients);
            log("HTTP crawl, every page once from a cold cache: %s", crawl);
            warm = BenchLoad.run(server.port(), urls, clients, Math.min(5, httpSeconds));
            log("HTTP warm-up: %s", warm);
            baseline =
                    BenchLoad.run(
                            server.port(),
                            List.of("/robots.txt"),
                            clients,
                            Math.max(3, httpSeconds / 3.0));
            log("HTTP baseline /robots.txt: %s", baseline);
            load = BenchLoad.run(server.port(), urls, clients, httpSeconds);
            log("HTTP pages: %s", load);
        } finally {
            server.close();
        }
        // the export's bytes per page when it ran (--http-only: the pages just read)
        int pageBytes = (int) Math.round(bytesPerPage.getOrDefault(g, pageBytesSeen / (double) n));
        BenchLoad.FixedServer bare = BenchLoad.FixedServer.start(pageBytes);
        BenchLoad.Result stack;
        try {
            stack =
                    BenchLoad.run(
                            bare.port(), List.of("/"), clients, Math.max(3, httpSeconds / 3.0));
            log("HTTP baseline, bare Jetty server: %s", stack);
        } finally {
            bare.stop();
        }
        report.figure(
                        "read.http." + g + ".crawl.rps",
                        "crawl of every page over HTTP from a cold cache, "
                                + clients
                                + " clients ("
                                + g
                                + ")",
                        "req/s")
                .add(crawl.requestsPerSecond());
        report.figure(
                        "read.http." + g + ".rps",
                        "page views over HTTP, " + clients + " clients (" + g + ")",
                        "req/s")
                .add(load.requestsPerSecond())
                .baseline("/robots.txt", baseline.requestsPerSecond());
        report.figure(
                        "read.http." + g + ".p99",
                        "page view p99 over HTTP, " + clients + " clients (" + g + ")",
                        "ms")
                .add(load.p99Millis())
                .baseline("/robots.txt", baseline.p99Millis())
                .below("< 20 ms", 20);
        report.figure(
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
        report.figure(
                        "read.http." + g + ".p99_of_bare",
                        "page view p99 over HTTP as % of the bare server's p99 (" + g + ")",
                        "%")
                .add(100 * load.p99Millis() / stack.p99Millis())
                .baseline("bare p99 ms", stack.p99Millis())
                .goal("<= 110%", load.p99Millis() <= 1.1 * stack.p99Millis());
        report.figure(
                        "read.http." + g + ".errors",
                        "HTTP errors in " + httpSeconds + " s (" + g + ")",
                        "count")
                .add(load.errors())
                .goal("0", load.errors() == 0);

        List<String> s = report.section("Read path on PostgreSQL (largest graph loaded)");
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
                        clients));
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

    // ---------------------------------------------------------------- store

    private void store() throws Exception {
        String schema = newSchema("store");
        BenchStore.Rates rates;
        try {
            log(
                    "store: replaceAll of %,d nodes against raw COPY, %d rounds",
                    BenchStore.PAGES * (BenchStore.BLOCKS_PER_PAGE + 1), repeat);
            rates = BenchStore.run(inSchema(schema), repeat);
        } finally {
            dropSchema(schema);
        }
        BenchReport.Figure fraction =
                report.figure(
                        "store.fraction_of_copy",
                        "store throughput as % of raw COPY (same indexes + FKs)",
                        "%");
        BenchReport.Figure bare =
                report.figure(
                        "store.fraction_of_bare_copy",
                        "store throughput as % of raw COPY (no indexes)",
                        "%");
        for (int i = 0; i < repeat; i++) {
            fraction.add(100 * rates.store()[i] / rates.copyIndexed()[i]);
            bare.add(100 * rates.store()[i] / rates.copyBare()[i]);
        }
        double copy = BenchReport.median(rates.copyIndexed());
        double store = BenchReport.median(rates.store());
        fraction.baseline("COPY nodes/s", copy).atLeast(">= 50%", 50);
        bare.baseline("COPY nodes/s", BenchReport.median(rates.copyBare()));
        report.figure(
                        "store.nodes_per_second",
                        "store (replaceAll into empty workspace)",
                        "nodes/s")
                .values
                .addAll(java.util.Arrays.stream(rates.store()).boxed().toList());
        List<String> s = report.section("Store throughput against raw COPY (PostgreSQL)");
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
                        repeat));
        s.add("");
        s.add("| way in | min nodes/s | median nodes/s | store as % of it (median) |");
        s.add("|---|---:|---:|---:|");
        s.add(rateRow("raw COPY, no indexes or FKs", rates.copyBare(), store));
        s.add(rateRow("raw COPY, same indexes + FKs", rates.copyIndexed(), store));
        s.add(rateRow("replaceAll (store)", rates.store(), store));
        if (!storePhaseRates.isEmpty()) {
            s.add("");
            s.add(
                    String.format(
                            Locale.ROOT,
                            "For comparison, the *store* phase of the full syncs on PostgreSQL above"
                                    + " (build content, replaceAll, assets; commit excluded) ran at %,.0f"
                                    + " nodes/s (median of %d syncs of the real graphs).",
                            BenchReport.median(
                                    storePhaseRates.stream()
                                            .mapToDouble(Double::doubleValue)
                                            .toArray()),
                            storePhaseRates.size()));
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

    // ---------------------------------------------------------------- PostgreSQL

    private String probePostgres() {
        String url = DatabaseUrls.parse(databaseUrl).url();
        String full = jdbcWithCredentials();
        DriverManager.setLoginTimeout(5);
        try (Connection c = DriverManager.getConnection(full)) {
            c.isValid(5);
            return full;
        } catch (Exception e) {
            report.note(
                    "PostgreSQL at "
                            + DatabaseUrls.mask(url)
                            + " is unreachable ("
                            + e.getMessage()
                            + "): its figures are skipped.");
            log("no PostgreSQL at %s: measuring in memory only", DatabaseUrls.mask(url));
            return null;
        }
    }

    /** The JDBC URL with the seed form's user and password put back as parameters. */
    private String jdbcWithCredentials() {
        DatabaseUrls.Jdbc j = DatabaseUrls.parse(databaseUrl);
        String url = j.url();
        StringBuilder sb = new StringBuilder(url);
        if (j.user() != null && !url.contains("user=")) {
            sb.append(url.contains("?") ? '&' : '?').append("user=").append(encode(j.user()));
        }
        if (j.password() != null && !url.contains("password=")) {
            sb.append(sb.indexOf("?") >= 0 ? '&' : '?')
                    .append("password=")
                    .append(encode(j.password()));
        }
        return sb.toString();
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private String pgVersion() {
        try (Connection c = DriverManager.getConnection(jdbcBase);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW server_version")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1);
        } catch (Exception e) {
            return "PostgreSQL (version unknown)";
        }
    }

    private String newSchema(String g) throws Exception {
        String schema =
                "draehi_bench_"
                        + g.replaceAll("[^a-z0-9]", "")
                        + "_"
                        + Long.toString(System.nanoTime() & 0xffffffffL, 36);
        try (Connection c = DriverManager.getConnection(jdbcBase);
                Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        return schema;
    }

    private String inSchema(String schema) {
        return jdbcBase + (jdbcBase.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private void dropSchema(String schema) {
        try (Connection c = DriverManager.getConnection(jdbcBase);
                Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (Exception e) {
            log("could not drop schema %s: %s", schema, e.getMessage());
        }
    }

    // ---------------------------------------------------------------- helpers

    private static String encodePath(String path) {
        StringBuilder sb = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "-._~/".indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return sb.toString();
    }

    private static String memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / (1 << 20) + " GB RAM";
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "RAM unknown";
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void log(String format, Object... args) {
        System.err.println("bench: " + String.format(Locale.ROOT, format, args));
    }
}
