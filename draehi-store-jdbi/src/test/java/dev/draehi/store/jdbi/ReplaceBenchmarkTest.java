package dev.draehi.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Node;
import dev.draehi.model.NodeMetadata;
import dev.draehi.model.Workspace;
import dev.draehi.store.WorkspaceContent;
import dev.draehi.store.jdbi.internal.BinaryCopy;
import dev.draehi.store.jdbi.internal.Json;
import dev.draehi.store.jdbi.internal.Rows;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * replaceAll of 200,000 nodes against a raw binary COPY of the same rows into a scratch table with
 * the same columns and no constraints or indexes, measured in the same run. On demand only: {@code
 * mvn -o -q -pl draehi-store-jdbi test -Dsurefire.excludedGroups= -Dgroups=bench}.
 */
@Tag("bench")
class ReplaceBenchmarkTest {
    @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

    private static final int PAGES = 4000;
    private static final int BLOCKS_PER_PAGE = 49;
    private static final int ROUNDS = 3;

    @Test
    void replaceAllOf200kNodesAgainstRawCopy() throws Exception {
        try (JdbiStorage storage = PG.storage()) {
            Workspace w = storage.workspaces().create(storage.users().create("b", "h").id(), "b");
            WorkspaceContent content = TestContent.generate(w.id(), PAGES, BLOCKS_PER_PAGE, "v1");
            int n = content.nodes().size();
            assertThat(n).isEqualTo(200_000);
            long chars =
                    content.nodes().stream()
                            .mapToLong(x -> x.html() == null ? 0 : x.html().length())
                            .sum();
            exec("CREATE TABLE bench_raw (LIKE nodes)");
            exec("CREATE TABLE bench_indexed (LIKE nodes INCLUDING INDEXES)");

            // warm-up: JIT, and the table's pages in shared buffers
            storage.nodes().replaceAll(w.id(), content);
            rawCopy(content, "bench_raw");
            rawCopy(content, "bench_indexed");

            StringBuilder report = new StringBuilder();
            report.append(
                    String.format(
                            Locale.ROOT,
                            "%n200k-node replace: %d nodes, %d pages, %d routes, %d references,"
                                    + " avg html %d chars%n",
                            n,
                            PAGES,
                            content.routes().size(),
                            content.references().size(),
                            chars / (n - PAGES)));
            double bestReplace = 0;
            double bestFresh = 0;
            double bestRaw = 0;
            double bestIndexed = 0;
            for (int round = 0; round < ROUNDS; round++) {
                // replace of a full workspace: delete 200k rows, load 200k
                long t0 = System.nanoTime();
                storage.nodes().replaceAll(w.id(), content);
                double replace = n / seconds(t0);

                // load into an empty workspace
                storage.nodes().replaceAll(w.id(), WorkspaceContent.empty());
                long t1 = System.nanoTime();
                storage.nodes().replaceAll(w.id(), content);
                double fresh = n / seconds(t1);

                exec("TRUNCATE bench_raw");
                long t2 = System.nanoTime();
                rawCopy(content, "bench_raw");
                double raw = n / seconds(t2);

                exec("TRUNCATE bench_indexed");
                long t3 = System.nanoTime();
                rawCopy(content, "bench_indexed");
                double indexed = n / seconds(t3);

                report.append(
                        String.format(
                                Locale.ROOT,
                                "round %d: replaceAll (full→full) %,.0f nodes/s | replaceAll (empty→full)"
                                        + " %,.0f nodes/s | raw COPY %,.0f rows/s (ratio %.0f%% / %.0f%%)"
                                        + " | COPY same indexes, no FKs %,.0f rows/s (ratio %.0f%% / %.0f%%)%n",
                                round + 1,
                                replace,
                                fresh,
                                raw,
                                100 * replace / raw,
                                100 * fresh / raw,
                                indexed,
                                100 * replace / indexed,
                                100 * fresh / indexed));
                bestIndexed = Math.max(bestIndexed, indexed);
                bestReplace = Math.max(bestReplace, replace);
                bestFresh = Math.max(bestFresh, fresh);
                bestRaw = Math.max(bestRaw, raw);
            }
            report.append(
                    String.format(
                            Locale.ROOT,
                            "best: replaceAll (full→full) %,.0f nodes/s, (empty→full) %,.0f nodes/s,"
                                    + " raw COPY %,.0f rows/s (ratio %.0f%% / %.0f%%),"
                                    + " COPY with the same indexes %,.0f rows/s (ratio %.0f%% / %.0f%%)%n",
                            bestReplace,
                            bestFresh,
                            bestRaw,
                            100 * bestReplace / bestRaw,
                            100 * bestFresh / bestRaw,
                            bestIndexed,
                            100 * bestReplace / bestIndexed,
                            100 * bestFresh / bestIndexed));
            System.out.print(report);
            System.err.print(report);
            assertThat(storage.nodes().count(w.id())).isEqualTo(n);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** The same rows, the same encoder, into a scratch table: no FKs. */
    private static void rawCopy(WorkspaceContent content, String table) throws SQLException {
        Instant now = Instant.now();
        try (Connection c = PG.dataSource().getConnection()) {
            c.setAutoCommit(false);
            ByteArrayOutputStream json = new ByteArrayOutputStream(256);
            try (BinaryCopy copy = BinaryCopy.start(c, table, Rows.NODE_COLUMNS)) {
                for (Node x : content.nodes()) {
                    copy.row(11);
                    copy.text(x.uuid());
                    copy.int4((int) x.workspaceId());
                    copy.text(x.parentUuid());
                    copy.int4(x.order());
                    copy.text(x.pageName());
                    copy.text(x.slug());
                    copy.text(x.title());
                    copy.text(x.html());
                    NodeMetadata m = x.metadata();
                    json.reset();
                    Json.writeMetadata(m, json);
                    copy.utf8(json.toByteArray(), 0, json.size());
                    copy.timestamp(now);
                    copy.timestamp(now);
                }
                copy.finish();
            }
            c.commit();
        }
    }

    private static void exec(String sql) throws SQLException {
        try (Connection c = PG.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
