package dev.draehi.bench;

import static dev.draehi.bench.BenchRun.log;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Raw binary COPY of the rows a sync stored, as the baseline of its store phase: the workspace's
 * rows of {@code nodes}, {@code draehi_search}, {@code draehi_references} and {@code
 * draehi_page_routes} are read out with COPY into files (untimed), then COPYed from them in one
 * transaction into scratch tables made {@code LIKE} them {@code INCLUDING ALL} (every index) with
 * the same foreign keys, as often as asked, the tables emptied between rounds.
 */
final class SyncCopyBaseline {
    /** Each table, in the order the foreign keys need, and the foreign keys of its copy. */
    private static final List<String[]> TABLES =
            List.of(
                    new String[] {
                        "nodes",
                        "FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE,"
                                + " ADD FOREIGN KEY (parent_uuid) REFERENCES raw_nodes (uuid)"
                                + " ON DELETE CASCADE"
                    },
                    new String[] {
                        "draehi_search",
                        "FOREIGN KEY (uuid) REFERENCES raw_nodes (uuid) ON DELETE CASCADE"
                    },
                    new String[] {
                        "draehi_references",
                        "FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE,"
                                + " ADD FOREIGN KEY (source_uuid) REFERENCES raw_nodes (uuid)"
                                + " ON DELETE CASCADE"
                    },
                    new String[] {
                        "draehi_page_routes",
                        "FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE,"
                                + " ADD FOREIGN KEY (page_uuid) REFERENCES raw_nodes (uuid)"
                                + " ON DELETE CASCADE"
                    });

    /** Milliseconds of each round in all and per table; rows and bytes per table. */
    record Result(
            double[] totalMillis,
            double[] serverCpu,
            Map<String, double[]> tableMillis,
            String rows,
            long bytes) {}

    private SyncCopyBaseline() {}

    static Result measure(String url, long workspaceId, Path work, int rounds) throws Exception {
        Map<String, Path> files = new LinkedHashMap<>();
        StringBuilder rows = new StringBuilder();
        long bytes = 0;
        try (Connection c = DriverManager.getConnection(url)) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            // a sequential scan of a table written once gives its rows in the order they were
            // written: parents before their children, as the self-referencing key needs
            execute(c, "SET enable_indexscan = off");
            execute(c, "SET enable_bitmapscan = off");
            execute(c, "SET synchronize_seqscans = off");
            for (String[] t : TABLES) {
                Path f = work.resolve("raw-" + t[0] + ".copy");
                long n;
                try (OutputStream out =
                        new BufferedOutputStream(Files.newOutputStream(f), 1 << 16)) {
                    n =
                            copy.copyOut(
                                    "COPY (SELECT * FROM "
                                            + t[0]
                                            + " WHERE workspace_id = "
                                            + workspaceId
                                            + ") TO STDOUT (FORMAT binary)",
                                    out);
                }
                files.put(t[0], f);
                bytes += Files.size(f);
                rows.append(rows.isEmpty() ? "" : ", ")
                        .append(String.format(Locale.ROOT, "%,d %s", n, t[0]));
                execute(c, "CREATE TABLE raw_" + t[0] + " (LIKE " + t[0] + " INCLUDING ALL)");
                execute(c, "ALTER TABLE raw_" + t[0] + " ADD " + t[1]);
            }
        }
        double[] total = new double[rounds];
        double[] cpu = new double[rounds];
        Map<String, double[]> perTable = new LinkedHashMap<>();
        files.keySet().forEach(t -> perTable.put(t, new double[rounds]));
        try {
            for (int r = 0; r < rounds; r++) {
                try (Connection c = DriverManager.getConnection(url)) {
                    execute(c, "TRUNCATE raw_nodes CASCADE");
                    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                    c.setAutoCommit(false);
                    double cpu0 = BackendCpu.of(c);
                    long t0 = System.nanoTime();
                    for (Map.Entry<String, Path> e : files.entrySet()) {
                        long t = System.nanoTime();
                        try (InputStream in =
                                new BufferedInputStream(
                                        Files.newInputStream(e.getValue()), 1 << 16)) {
                            copy.copyIn(
                                    "COPY raw_" + e.getKey() + " FROM STDIN (FORMAT binary)", in);
                        }
                        perTable.get(e.getKey())[r] = (System.nanoTime() - t) / 1e6;
                    }
                    c.commit();
                    total[r] = (System.nanoTime() - t0) / 1e6;
                    cpu[r] = BackendCpu.of(c) - cpu0;
                }
                log(
                        "raw COPY of the synced rows, round %d: %.0f ms, server %.1f s CPU %s",
                        r + 1, total[r], cpu[r], perTableOf(perTable, r));
            }
        } finally {
            try (Connection c = DriverManager.getConnection(url)) {
                execute(
                        c,
                        "DROP TABLE IF EXISTS raw_draehi_page_routes, raw_draehi_references,"
                                + " raw_draehi_search, raw_nodes");
            }
            for (Path f : files.values()) {
                Files.deleteIfExists(f);
            }
        }
        return new Result(total, cpu, perTable, rows.toString(), bytes);
    }

    private static String perTableOf(Map<String, double[]> perTable, int round) {
        StringBuilder s = new StringBuilder();
        perTable.forEach(
                (t, ms) ->
                        s.append(s.isEmpty() ? "" : ", ")
                                .append(t)
                                .append(' ')
                                .append(Math.round(ms[round])));
        return "{" + s + "}";
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
