package dev.draehi.store.jdbi.internal;

import dev.draehi.model.Node;
import dev.draehi.store.SearchWords;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;

/**
 * The rows of {@code draehi_search}: each node's search words ({@link SearchWords}) as a {@code
 * tsvector}, written with COPY; a node without words has no row.
 *
 * <p>Also the changeset that creates the table fills it from the nodes already stored (Liquibase
 * runs it as a custom change, once).
 */
public final class SearchIndex implements CustomTaskChange {
    private static final int BATCH = 5_000;

    private static final String COLUMNS = "uuid, workspace_id, is_page, words";

    /**
     * COPYs the rows of {@code nodes} into {@code table}: {@code draehi_search}, or a table shaped
     * like it.
     */
    public static void copy(Connection c, String table, Iterable<Node> nodes) throws SQLException {
        try (BinaryCopy copy = BinaryCopy.start(c, table, COLUMNS)) {
            rows(copy, nodes);
            copy.finish();
        }
    }

    /**
     * The rows of {@code nodes} in memory, for {@link #copy(Connection, String, BinaryCopy)}: the
     * words of a part are found while the connection writes its nodes.
     */
    public static BinaryCopy encode(Iterable<Node> nodes) {
        BinaryCopy copy = BinaryCopy.inMemory();
        try {
            rows(copy, nodes);
        } catch (SQLException e) {
            throw new IllegalStateException("rows in memory are not sent while encoded", e);
        }
        return copy;
    }

    /** COPYs rows that {@link #encode} made into {@code table}. */
    public static void copy(Connection c, String table, BinaryCopy rows) throws SQLException {
        rows.copyTo(c, table, COLUMNS);
    }

    /** Writes the rows of {@code nodes} that have words. */
    private static void rows(BinaryCopy copy, Iterable<Node> nodes) throws SQLException {
        for (Node n : nodes) {
            row(copy, n.uuid(), Math.toIntExact(n.workspaceId()), n.isPage(), SearchWords.of(n));
        }
    }

    /** Writes the row of one node, unless it has no words. */
    private static void row(
            BinaryCopy copy, String uuid, int workspaceId, boolean page, List<String> words)
            throws SQLException {
        if (!words.isEmpty()) {
            copy.row(4);
            copy.text(uuid);
            copy.int4(workspaceId);
            copy.bool(page);
            copy.tsvector(words);
        }
    }

    /** Fills the table from {@code nodes}, a batch at a time in the order of the uuids. */
    @Override
    public void execute(Database database) throws CustomChangeException {
        Connection c = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
        record Row(String uuid, int workspaceId, boolean page, List<String> words) {}
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT uuid, workspace_id, parent_uuid IS NULL, title, html FROM nodes"
                                + " WHERE uuid > ? ORDER BY uuid LIMIT "
                                + BATCH)) {
            String after = "";
            while (after != null) {
                List<Row> rows = new ArrayList<>(BATCH);
                ps.setString(1, after);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(
                                new Row(
                                        rs.getString(1),
                                        rs.getInt(2),
                                        rs.getBoolean(3),
                                        rs.getBoolean(3)
                                                ? SearchWords.ofTitle(rs.getString(4))
                                                : SearchWords.ofHtml(rs.getString(5))));
                    }
                }
                try (BinaryCopy copy = BinaryCopy.start(c, "draehi_search", COLUMNS)) {
                    for (Row r : rows) {
                        row(copy, r.uuid(), r.workspaceId(), r.page(), r.words());
                    }
                    copy.finish();
                }
                after = rows.size() < BATCH ? null : rows.get(rows.size() - 1).uuid();
            }
        } catch (SQLException e) {
            throw new CustomChangeException(
                    "filling draehi_search from nodes: " + e.getMessage(), e);
        }
    }

    @Override
    public String getConfirmationMessage() {
        return "search words computed for the stored nodes";
    }

    @Override
    public void setUp() {}

    @Override
    public void setFileOpener(ResourceAccessor resourceAccessor) {}

    @Override
    public ValidationErrors validate(Database database) {
        return new ValidationErrors();
    }
}
