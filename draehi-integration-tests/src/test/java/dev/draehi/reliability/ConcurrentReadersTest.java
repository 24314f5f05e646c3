package dev.draehi.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.Publisher;
import dev.draehi.model.Deployment;
import dev.draehi.model.Workspace;
import dev.draehi.render.HtmlPageRenderer;
import dev.draehi.site.Site;
import dev.draehi.site.SiteResponse;
import dev.draehi.store.jdbi.JdbiStorage;
import dev.draehi.store.jdbi.testing.PostgresExtension;
import dev.draehi.sync.GitGraphSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers never see a half-published site: while syncs switch the site between two versions of a
 * graph, every page read is whole, of one version.
 */
@Tag("slow")
class ConcurrentReadersTest {
    static final int PAGES = 8;
    static final int SYNCS = 20;
    static final int READERS = 8;

    @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

    @TempDir Path tmp;

    @BeforeEach
    void emptyTables() throws SQLException {
        PG.truncate();
    }

    /** A page's own blocks (everything before its linked references) are always one version. */
    @Test
    @Timeout(300)
    void readersSeeOneVersionOfEveryPageWhileSyncsRun() throws Exception {
        run(false);
    }

    /**
     * The whole page, linked references included, comes from one sync: Site.get reads every query
     * of a response in one snapshot (Storage.inSnapshot, a REPEATABLE READ read-only transaction).
     */
    @Test
    @Timeout(300)
    void readersSeeOneVersionOfEveryWholePageWhileSyncsRun() throws Exception {
        run(true);
    }

    private void run(boolean wholePage) throws Exception {
        Path work = tmp.resolve("repo");
        PersonIdent me = new PersonIdent("Test", "test@example.com");
        String[] shas = new String[2];
        try (Git git = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call()) {
            for (int v = 0; v < 2; v++) {
                String version = v == 0 ? "version A" : "version B";
                Files.createDirectories(work.resolve("pages"));
                for (int p = 0; p < PAGES; p++) {
                    StringBuilder s = new StringBuilder();
                    for (int b = 0; b < 5; b++) {
                        s.append("- ")
                                .append(version)
                                .append(" block ")
                                .append(b)
                                .append(" of page ")
                                .append(p)
                                .append(", see [[page ")
                                .append((p + 1) % PAGES)
                                .append("]]\n");
                    }
                    Files.writeString(work.resolve("pages/page " + p + ".md"), s.toString());
                }
                git.add().addFilepattern(".").call();
                RevCommit c =
                        git.commit().setAuthor(me).setCommitter(me).setMessage(version).call();
                shas[v] = c.name();
            }
        }

        try (JdbiStorage storage = JdbiStorage.builder(PG.jdbcUrl()).build()) {
            Publisher publisher =
                    Publisher.builder()
                            .storage(storage)
                            .source(
                                    GitGraphSource.builder()
                                            .checkoutRoot(tmp.resolve("co"))
                                            .build())
                            .renderer(HtmlPageRenderer.builder().build())
                            .build();
            Workspace ws =
                    storage.workspaces().create(storage.users().create("r", "!").id(), "readers");
            storage.repositories().create(ws.id(), work.toUri().toString(), "main", null);
            Deployment first = publisher.deploy(ws.id(), shas[0]);
            assertThat(first.succeeded()).as(first.errorLog()).isTrue();
            Site site = Site.builder(storage).build();
            List<String> paths = new ArrayList<>();
            for (String p : site.exportPaths()) {
                if (p.startsWith("/readers/page-")) {
                    paths.add(p);
                }
            }
            assertThat(paths).hasSize(PAGES);
            paths.add("/readers/");
            paths.add("/readers/-/all-pages");

            AtomicBoolean done = new AtomicBoolean();
            AtomicLong reads = new AtomicLong();
            Map<String, String> problems = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(READERS);
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                int offset = r;
                readers.add(
                        pool.submit(
                                () -> {
                                    int i = offset;
                                    while (!done.get() && problems.size() < 20) {
                                        String path = paths.get(i++ % paths.size());
                                        check(site, path, wholePage, problems);
                                        reads.incrementAndGet();
                                    }
                                }));
            }
            int succeeded = 0;
            for (int s = 1; s <= SYNCS; s++) {
                Deployment d = publisher.deploy(ws.id(), shas[s % 2]);
                assertThat(d.succeeded()).as(d.errorLog()).isTrue();
                succeeded++;
            }
            done.set(true);
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            for (Future<?> f : readers) {
                f.get();
            }
            System.out.printf(
                    "concurrent readers: %d page reads checked by %d threads during %d syncs%n",
                    reads.get(), READERS, succeeded);
            assertThat(problems).as("reads that were not one whole version").isEmpty();
            assertThat(reads.get()).isGreaterThan(SYNCS);
        }
    }

    private static void check(
            Site site, String path, boolean wholePage, Map<String, String> problems) {
        SiteResponse r;
        try {
            r = site.get(path);
        } catch (RuntimeException e) {
            problems.put(path + " threw", e.toString());
            return;
        }
        if (r.status() != 200) {
            problems.put(path + " status " + r.status(), r.bodyText());
            return;
        }
        String body = r.bodyText();
        int refs = body.indexOf("class=\"linked-references\"");
        if (!wholePage && refs >= 0) {
            body = body.substring(0, refs);
        }
        if (path.equals("/readers/")) {
            // The journals (the graph has none): a whole page, without content markers.
            if (!body.contains("</html>")) {
                problems.put(path + " is cut short", body);
            }
            return;
        }
        if (path.endsWith("all-pages")) {
            for (int p = 0; p < PAGES; p++) {
                if (!body.contains(">page " + p + "<")) {
                    problems.put(path + " lacks page " + p, body);
                }
            }
            return;
        }
        boolean a = body.contains("version A");
        boolean b = body.contains("version B");
        if (a == b) {
            problems.put(path + (a ? " shows both versions" : " shows no version"), body);
        }
    }
}
