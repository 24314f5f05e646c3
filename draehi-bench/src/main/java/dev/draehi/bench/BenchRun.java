package dev.draehi.bench;

import dev.draehi.Publisher;
import dev.draehi.model.Deployment;
import dev.draehi.model.Workspace;
import dev.draehi.render.HtmlPageRenderer;
import dev.draehi.store.Storage;
import dev.draehi.store.jdbi.DatabaseUrls;
import dev.draehi.store.jdbi.JdbiStorage;
import dev.draehi.store.memory.InMemoryStorage;
import dev.draehi.sync.GitGraphSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * What the benchmarks of one {@code draehi bench} run share: its options, the report, the work
 * directory and PostgreSQL, the generated graphs, and syncs into a fresh storage.
 */
final class BenchRun {
    final BenchReport report = new BenchReport();
    final int repeat;
    final int httpSeconds;
    final int clients;
    final boolean noProfile;
    final Path cache;
    final Path out;
    final String databaseUrl;
    Path work;
    String jdbcBase;

    // per-graph results used across benchmarks
    final Map<String, Double> bytesPerPage = new LinkedHashMap<>();
    final Map<String, Double> msPerPage = new LinkedHashMap<>();
    final List<Double> storePhaseRates = new ArrayList<>();
    boolean profiled;

    BenchRun(
            int repeat,
            int httpSeconds,
            int clients,
            boolean noProfile,
            Path cache,
            Path out,
            String databaseUrl) {
        this.repeat = repeat;
        this.httpSeconds = httpSeconds;
        this.clients = clients;
        this.noProfile = noProfile;
        this.cache = cache;
        this.out = out;
        this.databaseUrl = databaseUrl;
    }

    static final Pattern PHASE =
            Pattern.compile("^\\S+ (fetched|parsed|rendered|stored) .* in (\\d+) ms");

    static final Pattern PARSED =
            Pattern.compile(" parsed (\\d+) pages \\((\\d+) published, (\\d+) blocks\\)");

    static final Pattern STORED = Pattern.compile(" stored (\\d+) nodes, .* in (\\d+) ms");

    static final List<String> PHASES = List.of("fetched", "parsed", "rendered", "stored");

    // GitGraphSource's "checked out SHA in N ms": part of the parse phase, shown apart
    static final Pattern CHECKOUT = Pattern.compile("^\\S+ checked out \\S+ in (\\d+) ms");

    /**
     * The cached graph {@code g}: generated and committed to git on first use, and again when the
     * generator or its settings changed since (the {@code g.ok} file holds its fingerprint).
     */
    Path ensureGraph(String g) throws Exception {
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
        discard(dir);
        Files.deleteIfExists(stamp);
        Files.createDirectories(root);
        generator.writeTo(dir);
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            commit(git, ".", "graph " + g);
        }
        Files.writeString(stamp, want + "\n");
        return dir;
    }

    /** A clone of branch main of the cached graph {@code source} into {@code dir}. */
    static Git cloneGraph(Path source, Path dir) throws Exception {
        return Git.cloneRepository()
                .setURI(source.toUri().toString())
                .setDirectory(dir.toFile())
                .setBranch("main")
                .call();
    }

    static void commit(Git git, String pattern, String message) throws Exception {
        git.add().addFilepattern(pattern).call();
        PersonIdent who = new PersonIdent("bench", "bench@example.com");
        git.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
    }

    /** A storage under measurement; on PostgreSQL in a schema of its own, dropped on close. */
    final class Opened implements AutoCloseable {
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

    record SyncResult(
            double millis,
            Map<String, Long> phases,
            int pages,
            int blocks,
            double storedPerSecond,
            Deployment d) {}

    /** The stores measured: memory, and PostgreSQL when it answered. */
    List<String> backends() {
        return jdbcBase == null ? List.of("memory") : List.of("memory", "postgresql");
    }

    SyncResult sync(Publisher p, long ws) {
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

    Publisher publisher(Storage s, String name) {
        return Publisher.builder()
                .storage(s)
                .source(GitGraphSource.builder().checkoutRoot(work.resolve("co-" + name)).build())
                .renderer(HtmlPageRenderer.builder().build())
                .build();
    }

    Workspace workspace(Storage s, String g, Path repo) {
        Workspace ws = s.workspaces().create(s.users().create("bench-" + g, "!").id(), g);
        s.repositories().create(ws.id(), repo.toUri().toString(), "main", null);
        return ws;
    }

    String probePostgres() {
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
    String jdbcWithCredentials() {
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

    static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    String pgVersion() {
        try (Connection c = DriverManager.getConnection(jdbcBase);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW server_version")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1);
        } catch (Exception e) {
            return "PostgreSQL (version unknown)";
        }
    }

    String newSchema(String g) throws Exception {
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

    String inSchema(String schema) {
        return jdbcBase + (jdbcBase.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    void dropSchema(String schema) {
        try (Connection c = DriverManager.getConnection(jdbcBase);
                Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (Exception e) {
            log("could not drop schema %s: %s", schema, e.getMessage());
        }
    }

    static String encodePath(String path) {
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

    static String memTotal() {
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

    /** The 1, 5 and 15 minute load averages (Linux), or "unknown": how shared the cores were. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Below this much free space, {@link #discard} deletes at once what it has set aside. */
    private static final long KEEP_FREE_BYTES = 4L << 30;

    private int discarded;

    /**
     * Puts {@code dir} out of the way into the run's work directory, deleted when the run ends,
     * instead of deleting it between measurements. On ext4 without a journal, as on the machines
     * these figures come from, a file created within about a minute of thousands of deletions in
     * the same block group costs the kernel a look at each of those inodes ({@code find_inode_bit},
     * {@code recently_deleted}): up to a millisecond a file, and a clean-up between two runs of a
     * cold publish of g5k made the next one 1.6 times as slow. A user's publish does not follow the
     * bench's clean-up, so the bench keeps its files until its figures are taken, unless the disk
     * is nearly full.
     */
    void discard(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        Path trash = work.resolve(".trash");
        try {
            Files.createDirectories(trash);
            if (Files.getFileStore(trash).getUsableSpace() < KEEP_FREE_BYTES) {
                log("less than %d GiB free: deleting set-aside files now", KEEP_FREE_BYTES >> 30);
                deleteTree(trash);
                deleteTree(dir);
                return;
            }
            Files.move(dir, trash.resolve(String.valueOf(discarded++)));
        } catch (IOException | UncheckedIOException e) {
            deleteTree(dir); // another file system, or no room to keep it: delete it now
        }
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

    static void log(String format, Object... args) {
        System.err.println("bench: " + String.format(Locale.ROOT, format, args));
    }

    static String tail(String text) {
        return text.length() <= 400 ? text : text.substring(text.length() - 400);
    }
}
