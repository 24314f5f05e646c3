package dev.draehi.bench;

import dev.draehi.model.Workspace;
import dev.draehi.store.WorkspaceContent;
import dev.draehi.store.jdbi.JdbiStorage;
import dev.draehi.store.jdbi.testing.RawCopy;
import dev.draehi.store.jdbi.testing.TestContent;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Bulk store throughput against raw binary COPY of the same rows, measured in the same run (the
 * logic of draehi-store-jdbi's ReplaceBenchmarkTest): {@code replaceAll} of 200,000 nodes of {@link
 * TestContent} into an empty workspace, and {@link RawCopy} of the same node rows into a scratch
 * table shaped like {@code nodes} without indexes, and with its indexes and foreign keys together
 * with the nodes' search words.
 */
final class BenchStore {
    static final int PAGES = 4000;
    static final int BLOCKS_PER_PAGE = 49;

    /** Nodes per second of each way in, one value per round. */
    record Rates(int nodes, double[] store, double[] copyBare, double[] copyIndexed) {}

    private BenchStore() {}

    /** Runs {@code rounds} rounds (after one warm-up) in the schema that {@code url} names. */
    static Rates run(String url, int rounds) throws SQLException {
        try (JdbiStorage storage = JdbiStorage.builder(url).migrate(true).build()) {
            Workspace w = storage.workspaces().create(storage.users().create("b", "!").id(), "b");
            WorkspaceContent content = TestContent.generate(w.id(), PAGES, BLOCKS_PER_PAGE, "v1");
            int n = content.nodes().size();
            try (Connection c = DriverManager.getConnection(url)) {
                RawCopy.createTables(c);
            }
            // warm-up: JIT, and the tables' pages in shared buffers
            storage.nodes().replaceAll(w.id(), content);
            storage.nodes().replaceAll(w.id(), WorkspaceContent.empty());
            rawCopy(url, content, RawCopy.Table.BARE);
            rawCopy(url, content, RawCopy.Table.INDEXED);
            double[] store = new double[rounds];
            double[] bare = new double[rounds];
            double[] indexed = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                truncate(url, RawCopy.Table.BARE);
                long t = System.nanoTime();
                rawCopy(url, content, RawCopy.Table.BARE);
                bare[r] = n / seconds(t);

                truncate(url, RawCopy.Table.INDEXED);
                t = System.nanoTime();
                rawCopy(url, content, RawCopy.Table.INDEXED);
                indexed[r] = n / seconds(t);

                storage.nodes().replaceAll(w.id(), WorkspaceContent.empty());
                t = System.nanoTime();
                storage.nodes().replaceAll(w.id(), content);
                store[r] = n / seconds(t);
                System.err.printf(
                        Locale.ROOT,
                        "  store round %d: replaceAll %,.0f nodes/s, COPY bare %,.0f, COPY"
                                + " indexed %,.0f%n",
                        r + 1,
                        store[r],
                        bare[r],
                        indexed[r]);
            }
            return new Rates(n, store, bare, indexed);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** The same rows, the same encoder, in one transaction, into a scratch table. */
    private static void rawCopy(String url, WorkspaceContent content, RawCopy.Table table)
            throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            RawCopy.copy(c, content, table);
        }
    }

    private static void truncate(String url, RawCopy.Table table) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            RawCopy.truncate(c, table);
        }
    }
}
