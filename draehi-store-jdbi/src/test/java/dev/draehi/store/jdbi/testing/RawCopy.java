package dev.draehi.store.jdbi.testing;

import dev.draehi.model.Node;
import dev.draehi.store.WorkspaceContent;
import dev.draehi.store.jdbi.internal.BinaryCopy;
import dev.draehi.store.jdbi.internal.Json;
import dev.draehi.store.jdbi.internal.Rows;
import dev.draehi.store.jdbi.internal.SearchIndex;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Objects;

/**
 * Raw binary COPY of a content's nodes into scratch tables: the baseline that {@code replaceAll}'s
 * throughput is measured against. The rows are those {@code replaceAll} writes, encoded by the same
 * encoder, with none of its reads, diffing or checks. For benchmarks in other modules, which must
 * not reach draehi-store-jdbi's internal classes themselves.
 *
 * <pre>{@code
 * try (Connection c = dataSource.getConnection()) {
 *     RawCopy.createTables(c); // once, in a migrated schema
 * }
 * try (Connection c = dataSource.getConnection()) {
 *     RawCopy.copy(c, content, RawCopy.Table.INDEXED); // one transaction
 * }
 * }</pre>
 */
public final class RawCopy {
    /** The scratch tables, in the schema of the connection. */
    public enum Table {
        /** Shaped like {@code nodes}, with no index and no foreign key. */
        BARE("bench_raw"),
        /**
         * Shaped like {@code nodes} with its indexes and both of its foreign keys, with the nodes'
         * search words in a table shaped like {@code draehi_search} (its indexes, no foreign key),
         * as {@code replaceAll} writes them.
         */
        INDEXED("bench_fk");

        private final String table;

        Table(String table) {
            this.table = table;
        }

        /** The table's name. */
        public String tableName() {
            return table;
        }
    }

    private static final String SEARCH_TABLE = "bench_fk_search";

    private RawCopy() {}

    /**
     * Creates the scratch tables, on a connection in auto-commit whose schema holds draehi's
     * tables.
     */
    public static void createTables(Connection c) throws SQLException {
        execute(c, "CREATE TABLE " + Table.BARE.table + " (LIKE nodes)");
        execute(c, "CREATE TABLE " + Table.INDEXED.table + " (LIKE nodes INCLUDING ALL)");
        execute(
                c,
                "ALTER TABLE "
                        + Table.INDEXED.table
                        + " ADD FOREIGN KEY (workspace_id) REFERENCES workspaces (id)"
                        + " ON DELETE CASCADE, ADD FOREIGN KEY (parent_uuid)"
                        + " REFERENCES "
                        + Table.INDEXED.table
                        + " (uuid) ON DELETE CASCADE");
        // like draehi_search, with no foreign key
        execute(c, "CREATE TABLE " + SEARCH_TABLE + " (LIKE draehi_search INCLUDING ALL)");
    }

    /** Empties {@code table} (and the search words of {@link Table#INDEXED}). */
    public static void truncate(Connection c, Table table) throws SQLException {
        execute(c, "TRUNCATE " + table.table + (table == Table.INDEXED ? ", " + SEARCH_TABLE : ""));
    }

    /**
     * COPYs the nodes of {@code content} (and, into {@link Table#INDEXED}, their search words) in
     * one transaction on {@code c}, which it commits (leaving auto-commit as it was); the table
     * must hold none of these uuids.
     */
    public static void copy(Connection c, WorkspaceContent content, Table table)
            throws SQLException {
        Objects.requireNonNull(content, "content");
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            copyNodes(c, content, table.table);
            if (table == Table.INDEXED) {
                SearchIndex.copy(c, SEARCH_TABLE, content.nodes());
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static void copyNodes(Connection c, WorkspaceContent content, String table)
            throws SQLException {
        Instant now = Instant.now();
        ByteArrayOutputStream json = new ByteArrayOutputStream(256);
        try (BinaryCopy copy = BinaryCopy.start(c, table, Rows.NODE_COLUMNS)) {
            for (Node x : content.nodes()) {
                copy.row(11);
                copy.text(x.uuid());
                copy.int4(Math.toIntExact(x.workspaceId()));
                copy.text(x.parentUuid());
                copy.int4(x.order());
                copy.text(x.pageName());
                copy.text(x.slug());
                copy.text(x.title());
                copy.text(x.html());
                json.reset();
                Json.writeMetadata(x.metadata(), json);
                copy.utf8(json.toByteArray(), 0, json.size());
                copy.timestamp(now);
                copy.timestamp(now);
            }
            copy.finish();
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
