package dev.draehi.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.Publisher;
import dev.draehi.model.Deployment;
import dev.draehi.model.Workspace;
import dev.draehi.render.HtmlPageRenderer;
import dev.draehi.store.Storage;
import dev.draehi.store.jdbi.JdbiStorage;
import dev.draehi.store.memory.InMemoryStorage;
import dev.draehi.sync.GitGraphSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Full and incremental syncs of synthetic graphs (shared/bench/gen-graph.py) through the library,
 * in memory and on PostgreSQL, with the time of each phase from the build log. Writes
 * target/bench/sync.md. Run: {@code mvn verify -Pbench -pl examples -am}.
 */
@Tag("bench")
class SyncBenchmarkTest {
    static final Pattern PHASE =
            Pattern.compile("^\\S+ (fetched|parsed|rendered|stored) .* in (\\d+) ms");

    static final Pattern RENDERED = Pattern.compile(" rendered (\\d+) pages");

    @TempDir Path tmp;
    final List<String> rows = new ArrayList<>();
    final List<String> lastLogs = new ArrayList<>();

    @Test
    void fullAndIncrementalSyncs() throws Exception {
        Path script = findShared().resolve("bench/gen-graph.py");
        rows.add(
                "| graph | storage | run | fetch ms | parse ms | render ms | store ms | total ms |");
        rows.add("|---|---|---|---|---|---|---|---|");
        List<String> wanted =
                List.of(System.getProperty("draehi.bench.graphs", "g1k,g5k").split(","));
        List<String> backends =
                List.of(System.getProperty("draehi.bench.storage", "memory,postgresql").split(","));
        for (String[] size :
                new String[][] {
                    {"g1k", "1000", "365"},
                    {"g5k", "5000", "1000"},
                    {"g20k", "20000", "2000"},
                    {"g50k", "50000", "3000"}
                }) {
            if (!wanted.contains(size[0])) {
                continue;
            }
            Path repo = tmp.resolve(size[0]);
            run("python3", script.toString(), repo.toString(), size[1], size[2]);
            try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
                commit(git, "graph");
                for (String backend : backends) {
                    try (Storage storage = open(backend, size[0])) {
                        Workspace ws =
                                storage.workspaces()
                                        .create(storage.users().create("bench", "!").id(), size[0]);
                        storage.repositories()
                                .create(ws.id(), repo.toUri().toString(), "main", null);
                        Publisher p =
                                Publisher.builder()
                                        .storage(storage)
                                        .source(
                                                GitGraphSource.builder()
                                                        .checkoutRoot(
                                                                tmp.resolve(
                                                                        "co-" + backend + size[0]))
                                                        .build())
                                        .renderer(HtmlPageRenderer.create())
                                        .build();
                        measure(size[0], backend, "full", p, ws);
                        for (int i = 0; i < 3; i++) {
                            Path page =
                                    Files.list(repo.resolve("pages"))
                                            .sorted()
                                            .skip(7L * (i + 1))
                                            .findFirst()
                                            .orElseThrow();
                            Files.writeString(
                                    page,
                                    "- edited block " + i + " [[Alpha alpha 1]]\n",
                                    java.nio.file.StandardOpenOption.APPEND);
                            commit(git, "edit " + i);
                            measure(size[0], backend, "one-page push " + (i + 1), p, ws);
                        }
                    }
                }
            }
        }
        Path out = Path.of("target", "bench");
        Files.createDirectories(out);
        Files.write(out.resolve("sync.md"), rows, StandardCharsets.UTF_8);
        System.out.println(String.join("\n", rows));
        lastLogs.forEach(System.out::println);
    }

    private void measure(String graph, String backend, String run, Publisher p, Workspace ws) {
        long t0 = System.nanoTime();
        Deployment d = p.sync(ws.id());
        long total = (System.nanoTime() - t0) / 1_000_000;
        assertThat(d.succeeded()).as(d.errorLog()).isTrue();
        d.buildLog().stream()
                .filter(l -> l.contains(" rendered "))
                .forEach(l -> lastLogs.add(graph + " " + backend + " " + run + ": " + l));
        Map<String, String> phases = new LinkedHashMap<>();
        String renderedPages = "-";
        for (String line : d.buildLog()) {
            Matcher r = RENDERED.matcher(line);
            if (r.find()) {
                renderedPages = r.group(1);
            }
            Matcher m = PHASE.matcher(line);
            if (m.find()) {
                phases.put(m.group(1), m.group(2));
            }
        }
        rows.add(
                String.format(
                        Locale.ROOT,
                        "| %s | %s | %s | %s | %s | %s | %s | %d |",
                        graph,
                        backend,
                        run,
                        phases.getOrDefault("fetched", "-"),
                        phases.getOrDefault("parsed", "-"),
                        phases.getOrDefault("rendered", "-"),
                        phases.getOrDefault("stored", "-"),
                        total));
        System.out.println(rows.get(rows.size() - 1));
    }

    private static Storage open(String backend, String name) throws Exception {
        if (backend.equals("memory")) {
            return new InMemoryStorage();
        }
        String base =
                System.getenv()
                        .getOrDefault(
                                "DRAEHI_TEST_JDBC_URL",
                                "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        String schema = "draehi_bench_" + name + "_" + System.nanoTime();
        try (Connection c = DriverManager.getConnection(base)) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return JdbiStorage.builder(url).migrate(true).build();
    }

    private static void commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        PersonIdent who = new PersonIdent("bench", "bench@example.com");
        git.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertThat(p.waitFor()).isZero();
    }

    static Path findShared() {
        String env = System.getenv("DRAEHI_SHARED");
        if (env != null) {
            return Path.of(env);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("shared/bench"))) {
                return d.resolve("shared");
            }
        }
        throw new IllegalStateException(
                "shared/bench not found above " + Path.of("").toAbsolutePath());
    }
}
