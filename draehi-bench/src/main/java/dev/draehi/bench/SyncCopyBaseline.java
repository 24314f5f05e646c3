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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
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
 * the foreign keys the real tables have (read from the catalog, those to {@code nodes} pointed at
 * its copy), as often as asked, the tables emptied between rounds.
 */
final class SyncCopyBaseline {
    /** Each table, in the order the foreign keys need. */
    private static final List<String> TABLES =
            List.of("nodes", "draehi_search", "draehi_references", "draehi_page_routes");

    /** Milliseconds of each round in all and per table; rows and bytes per table. */
    record Result(
            double[] totalMillis,
            double[] serverCpu,
            Map<String, double[]> tableMillis,
            String rows,
            long bytes,
            String foreignKeys) {}

    private SyncCopyBaseline() {}

    static Result measure(String url, long workspaceId, Path work, int rounds) throws Exception {
        Map<String, Path> files = new LinkedHashMap<>();
        StringBuilder rows = new StringBuilder();
        StringBuilder keys = new StringBuilder();
        long bytes = 0;
        try (Connection c = DriverManager.getConnection(url)) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            // a sequential scan of a table written once gives its rows in the order they were
            // written: parents before their children, as the self-referencing key needs
            execute(c, "SET enable_indexscan = off");
            execute(c, "SET enable_bitmapscan = off");
            execute(c, "SET synchronize_seqscans = off");
            for (String t : TABLES) {
                Path f = work.resolve("raw-" + t + ".copy");
                long n;
                try (OutputStream out =
                        new BufferedOutputStream(Files.newOutputStream(f), 1 << 16)) {
                    n =
                            copy.copyOut(
                                    "COPY (SELECT * FROM "
                                            + t
                                            + " WHERE workspace_id = "
                                            + workspaceId
                                            + ") TO STDOUT (FORMAT binary)",
                                    out);
                }
                files.put(t, f);
                bytes += Files.size(f);
                rows.append(rows.isEmpty() ? "" : ", ")
                        .append(String.format(Locale.ROOT, "%,d %s", n, t));
                execute(c, "CREATE TABLE raw_" + t + " (LIKE " + t + " INCLUDING ALL)");
                for (String fk : foreignKeys(c, t)) {
                    execute(c, "ALTER TABLE raw_" + t + " ADD " + fk);
                    keys.append(keys.isEmpty() ? "" : "; ").append(t).append(' ').append(fk);
                }
            }
        }
        double[] total = new double[rounds];
        double[] cpu = new double[rounds];
        Map<String, double[]> perTable = new LinkedHashMap<>();
        files.keySet().forEach(t -> perTable.put(t, new double[rounds]));
        try {
            for (int r = 0; r < rounds; r++) {
                try (Connection c = DriverManager.getConnection(url)) {
                    execute(c, "TRUNCATE " + RAW_TABLES);
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
                execute(c, "DROP TABLE IF EXISTS " + RAW_TABLES);
            }
            for (Path f : files.values()) {
                Files.deleteIfExists(f);
            }
        }
        return new Result(
                total,
                cpu,
                perTable,
                rows.toString(),
                bytes,
                keys.isEmpty() ? "none" : keys.toString());
    }

    /** The scratch tables, as TRUNCATE and DROP take them. */
    private static final String RAW_TABLES =
            "raw_draehi_page_routes, raw_draehi_references, raw_draehi_search, raw_nodes";

    /**
     * The foreign keys of {@code table} as the catalog defines them, a reference to {@code nodes}
     * turned into one to its copy.
     */
    private static List<String> foreignKeys(Connection c, String table) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT pg_get_constraintdef(oid) FROM pg_constraint"
                                + " WHERE conrelid = CAST(? AS regclass) AND contype = 'f'"
                                + " ORDER BY conname")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(
                            rs.getString(1)
                                    .replaceAll(
                                            "REFERENCES (\\w+\\.)?nodes\\(",
                                            "REFERENCES raw_nodes("));
                }
            }
        }
        return keys;
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
