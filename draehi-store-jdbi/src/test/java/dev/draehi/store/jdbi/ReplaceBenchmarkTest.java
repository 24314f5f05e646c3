package dev.draehi.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Node;
import dev.draehi.model.Workspace;
import dev.draehi.store.WorkspaceContent;
import dev.draehi.store.jdbi.testing.PostgresExtension;
import dev.draehi.store.jdbi.testing.RawCopy;
import dev.draehi.store.jdbi.testing.TestContent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * replaceAll of 200,000 nodes against raw binary COPY of the same rows, measured in the same run,
 * {@value #ROUNDS} rounds, min and median reported:
 *
 * <ul>
 *   <li>(a) raw COPY into a scratch table with the same columns, no indexes, no FKs;
 *   <li>(b) raw COPY into a scratch table with the same indexes and both FKs of {@code nodes}, and
 *       of the nodes' search words into one shaped like {@code draehi_search};
 *   <li>(c) replaceAll into an empty workspace;
 *   <li>(d) replaceAll of the same content again (nothing changed);
 *   <li>(e) replaceAll where 1% of the pages changed;
 *   <li>(f) replaceAll where every block changed (same uuids);
 *   <li>(g) replaceAll where every uuid is new (delete 200k, insert 200k).
 * </ul>
 *
 * <p>On demand only: {@code mvn -o -q -pl draehi-store-jdbi test -Dsurefire.excludedGroups=
 * -Dgroups=bench}; the table goes to {@code target/surefire-reports/*-output.txt}, with
 * ContentWriter's per-phase timings.
 */
@Tag("bench")
class ReplaceBenchmarkTest {
    static {
        System.setProperty(
                "org.slf4j.simpleLogger.log.dev.draehi.store.jdbi.internal.ContentWriter", "debug");
    }

    @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

    private static final int PAGES = 4000;
    private static final int BLOCKS_PER_PAGE = 49;
    private static final int ROUNDS = 3;

    @Test
    void replaceAllOf200kNodesAgainstRawCopy() throws Exception {
        try (JdbiStorage storage = PG.storage()) {
            Workspace w = storage.workspaces().create(storage.users().create("b", "h").id(), "b");
            WorkspaceContent v1 = TestContent.generate(w.id(), PAGES, BLOCKS_PER_PAGE, "v1");
            WorkspaceContent v2 = TestContent.generate(w.id(), PAGES, BLOCKS_PER_PAGE, "v2");
            WorkspaceContent other =
                    TestContent.generate(w.id(), PAGES, BLOCKS_PER_PAGE, "v1", "Other");
            int n = v1.nodes().size();
            assertThat(n).isEqualTo(200_000);
            long chars =
                    v1.nodes().stream()
                            .mapToLong(x -> x.html() == null ? 0 : x.html().length())
                            .sum();
            try (Connection c = PG.dataSource().getConnection()) {
                RawCopy.createTables(c);
            }

            // warm-up: JIT, and the tables' pages in shared buffers
            storage.nodes().replaceAll(w.id(), v1);
            storage.nodes().replaceAll(w.id(), v2);
            rawCopy(v1, RawCopy.Table.BARE);
            rawCopy(v1, RawCopy.Table.INDEXED);

            Map<String, double[]> rates = new LinkedHashMap<>();
            String a = "(a) raw COPY, no indexes/FKs";
            String b = "(b) raw COPY, same indexes + FKs";
            String c = "(c) replaceAll into empty workspace";
            String d = "(d) replaceAll, nothing changed";
            String e = "(e) replaceAll, 1% of pages changed";
            String f = "(f) replaceAll, every block changed";
            String g = "(g) replaceAll, every uuid new";
            for (String k : List.of(a, b, c, d, e, f, g)) {
                rates.put(k, new double[ROUNDS]);
            }
            for (int round = 0; round < ROUNDS; round++) {
                truncate(RawCopy.Table.BARE);
                long t = System.nanoTime();
                rawCopy(v1, RawCopy.Table.BARE);
                rates.get(a)[round] = n / seconds(t);

                truncate(RawCopy.Table.INDEXED);
                t = System.nanoTime();
                rawCopy(v1, RawCopy.Table.INDEXED);
                rates.get(b)[round] = n / seconds(t);

                storage.nodes().replaceAll(w.id(), WorkspaceContent.empty());
                t = System.nanoTime();
                storage.nodes().replaceAll(w.id(), v1);
                rates.get(c)[round] = n / seconds(t);

                t = System.nanoTime();
                storage.nodes().replaceAll(w.id(), v1);
                rates.get(d)[round] = n / seconds(t);

                WorkspaceContent edited = editPages(v1, round + 1);
                t = System.nanoTime();
                storage.nodes().replaceAll(w.id(), edited);
                rates.get(e)[round] = n / seconds(t);

                t = System.nanoTime();
                storage.nodes().replaceAll(w.id(), v2);
                rates.get(f)[round] = n / seconds(t);

                t = System.nanoTime();
                storage.nodes().replaceAll(w.id(), other);
                rates.get(g)[round] = n / seconds(t);
            }

            StringBuilder report = new StringBuilder();
            report.append(
                    String.format(
                            Locale.ROOT,
                            "%n200k-node replace: %d nodes, %d pages, %d routes, %d references,"
                                    + " avg html %d chars; %d rounds%n",
                            n,
                            PAGES,
                            v1.routes().size(),
                            v1.references().size(),
                            chars / (n - PAGES),
                            ROUNDS));
            report.append(
                    String.format(
                            Locale.ROOT,
                            "%-38s %12s %12s %9s %9s  %s%n",
                            "",
                            "min nodes/s",
                            "median",
                            "med/(a)",
                            "med/(b)",
                            "rounds"));
            double medA = median(rates.get(a));
            double medB = median(rates.get(b));
            for (Map.Entry<String, double[]> r : rates.entrySet()) {
                double[] v = r.getValue();
                double med = median(v);
                StringBuilder all = new StringBuilder();
                for (double x : v) {
                    all.append(String.format(Locale.ROOT, "%,.0f ", x));
                }
                report.append(
                        String.format(
                                Locale.ROOT,
                                "%-38s %,12.0f %,12.0f %8.0f%% %8.0f%%  %s%n",
                                r.getKey(),
                                Arrays.stream(v).min().orElseThrow(),
                                med,
                                100 * med / medA,
                                100 * med / medB,
                                all.toString().trim()));
            }
            System.out.print(report);
            System.err.print(report);
            assertThat(storage.nodes().count(w.id())).isEqualTo(n);
        }
    }

    /** {@code content} with the blocks of every 100th page (from {@code offset}) edited. */
    private static WorkspaceContent editPages(WorkspaceContent content, int offset) {
        List<Node> nodes = new ArrayList<>(content.nodes().size());
        int page = -1;
        for (Node x : content.nodes()) {
            if (x.isPage()) {
                page++;
            }
            if (!x.isPage() && page % 100 == offset) {
                x =
                        new Node(
                                x.uuid(),
                                x.workspaceId(),
                                x.parentUuid(),
                                x.order(),
                                x.pageName(),
                                x.slug(),
                                x.title(),
                                x.html() + "<p>edit " + offset + "</p>",
                                x.metadata(),
                                null,
                                null);
            }
            nodes.add(x);
        }
        return new WorkspaceContent(nodes, content.routes(), content.references());
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** The same rows, the same encoder, in one transaction, into a scratch table. */
    private static void rawCopy(WorkspaceContent content, RawCopy.Table table) throws SQLException {
        try (Connection c = PG.dataSource().getConnection()) {
            RawCopy.copy(c, content, table);
        }
    }

    private static void truncate(RawCopy.Table table) throws SQLException {
        try (Connection c = PG.dataSource().getConnection()) {
            RawCopy.truncate(c, table);
        }
    }
}
