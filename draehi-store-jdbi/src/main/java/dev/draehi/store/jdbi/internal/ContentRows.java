package dev.draehi.store.jdbi.internal;

import dev.draehi.model.Node;
import dev.draehi.model.Reference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Handle;

/**
 * The writes of a content replace, in bulk: COPY of new nodes, routes, references and search words,
 * the update of changed nodes through a temporary table filled by COPY, and the deletes. Decides
 * nothing: {@link ContentDiff} says what to write.
 */
final class ContentRows {
    private static final String CHANGED_TABLE = "draehi_changed_nodes";

    /** Updates of at most this many rows go in one statement, without a temporary table. */
    static final int FEW_UPDATES = 64;

    private static final String CHANGED_COLUMNS =
            "uuid, parent_uuid, \"order\", page_name, slug, title, html, metadata, created_at";
    private static final String SEEN_TABLE = "draehi_seen_nodes";

    /** Refreshes the statistics of every table a replace writes. */
    private static final String ANALYZE_WRITTEN =
            "ANALYZE nodes, draehi_references, draehi_page_routes, draehi_search";

    private final Handle handle;
    private final Connection connection;
    private final long workspaceId;
    private final int ws;
    private final Instant now;

    ContentRows(Handle handle, long workspaceId, Instant now) {
        this.handle = handle;
        this.connection = handle.getConnection();
        this.workspaceId = workspaceId;
        this.ws = Math.toIntExact(workspaceId);
        this.now = now;
    }

    /** A reference kind as {@code draehi_references.kind} stores it. */
    static String kind(Reference.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Takes the workspace's content lock (until the transaction ends) and sets the transaction up
     * for bulk writes.
     */
    void begin() {
        // These statements are small lookups and bulk COPYs; compiling them (which a cost estimate
        // over stale statistics can set off) takes longer than running them: jit is set off for
        // the transaction in the statement that takes the lock, one round trip.
        handle.createQuery(NodeDao.LOCK_CONTENT_WITHOUT_JIT)
                .bind("workspaceId", ws)
                .mapTo(Integer.class)
                .one();
    }

    /** Refreshes the planner's statistics of the tables a replace writes. */
    void analyze() {
        handle.execute(ANALYZE_WRITTEN);
    }

    /** Refreshes the planner's statistics of the tables the parts of a replace look up. */
    void analyzeLookups() {
        handle.execute("ANALYZE nodes, draehi_references, draehi_search");
    }

    // ---- nodes

    /** COPYs the nodes {@code rows} (indexes into {@code nodes}) into {@code nodes}. */
    void insertNodes(List<Node> nodes, byte[][] metadata, List<Integer> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (BinaryCopy copy = BinaryCopy.start(connection, "nodes", Rows.NODE_COLUMNS)) {
            for (int i : rows) {
                Node n = nodes.get(i);
                copy.row(11);
                copy.text(n.uuid());
                copy.int4(ws);
                copy.text(n.parentUuid());
                copy.int4(n.order());
                copy.text(n.pageName());
                copy.text(n.slug());
                copy.text(n.title());
                copy.text(n.html());
                copy.utf8(metadata[i], 0, metadata[i].length);
                copy.timestamp(n.createdAt() != null ? n.createdAt() : now);
                copy.timestamp(now);
            }
            copy.finish();
        }
    }

    /**
     * Updates the changed rows: a few in one statement from arrays, many from a temporary table
     * (one COPY and one UPDATE, which a push of one page would pay four round trips and a table's
     * creation for).
     */
    void updateNodes(List<Node> nodes, byte[][] metadata, List<Integer> updates)
            throws SQLException {
        if (updates.isEmpty()) {
            return;
        }
        if (updates.size() <= FEW_UPDATES) {
            updateFew(nodes, metadata, updates);
            return;
        }
        execute(
                "CREATE TEMPORARY TABLE "
                        + CHANGED_TABLE
                        + " (uuid text, parent_uuid text, \"order\" integer, page_name text,"
                        + " slug text, title text, html text, metadata json,"
                        + " created_at timestamp) ON COMMIT DROP");
        try (BinaryCopy copy = BinaryCopy.start(connection, CHANGED_TABLE, CHANGED_COLUMNS)) {
            for (int i : updates) {
                Node n = nodes.get(i);
                copy.row(9);
                copy.text(n.uuid());
                copy.text(n.parentUuid());
                copy.int4(n.order());
                copy.text(n.pageName());
                copy.text(n.slug());
                copy.text(n.title());
                copy.text(n.html());
                copy.utf8(metadata[i], 0, metadata[i].length);
                copy.timestamp(n.createdAt());
            }
            copy.finish();
        }
        try (PreparedStatement ps =
                connection.prepareStatement(
                        "UPDATE nodes n SET parent_uuid = t.parent_uuid, \"order\" = t.\"order\","
                                + " page_name = t.page_name, slug = t.slug, title = t.title,"
                                + " html = t.html, metadata = t.metadata,"
                                + " created_at = coalesce(t.created_at, n.created_at),"
                                + " updated_at = ? FROM "
                                + CHANGED_TABLE
                                + " t WHERE n.uuid = t.uuid AND n.workspace_id = ?")) {
            ps.setObject(1, Timestamps.toDb(now));
            ps.setInt(2, ws);
            requireUpdated(ps.executeUpdate(), updates.size());
        }
        // a second replace in the same transaction creates it again
        execute("DROP TABLE " + CHANGED_TABLE);
    }

    /** Updates at most {@link #FEW_UPDATES} rows in one statement, their values as arrays. */
    private void updateFew(List<Node> nodes, byte[][] metadata, List<Integer> updates)
            throws SQLException {
        int n = updates.size();
        String[][] text = new String[7][n];
        Integer[] order = new Integer[n];
        String[] created = new String[n];
        for (int k = 0; k < n; k++) {
            int i = updates.get(k);
            Node node = nodes.get(i);
            text[0][k] = node.uuid();
            text[1][k] = node.parentUuid();
            text[2][k] = node.pageName();
            text[3][k] = node.slug();
            text[4][k] = node.title();
            text[5][k] = node.html();
            text[6][k] = new String(metadata[i], java.nio.charset.StandardCharsets.UTF_8);
            order[k] = node.order();
            created[k] =
                    node.createdAt() == null ? null : Timestamps.toDb(node.createdAt()).toString();
        }
        try (PreparedStatement ps =
                connection.prepareStatement(
                        "UPDATE nodes n SET parent_uuid = t.parent_uuid, \"order\" = t.\"order\","
                                + " page_name = t.page_name, slug = t.slug, title = t.title,"
                                + " html = t.html, metadata = CAST(t.metadata AS json),"
                                + " created_at = coalesce(CAST(t.created_at AS timestamp),"
                                + " n.created_at), updated_at = ?"
                                + " FROM unnest(CAST(? AS text[]), CAST(? AS text[]),"
                                + " CAST(? AS int4[]), CAST(? AS text[]), CAST(? AS text[]),"
                                + " CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),"
                                + " CAST(? AS text[])) AS t(uuid, parent_uuid, \"order\","
                                + " page_name, slug, title, html, metadata, created_at)"
                                + " WHERE n.uuid = t.uuid AND n.workspace_id = ?")) {
            ps.setObject(1, Timestamps.toDb(now));
            ps.setArray(2, connection.createArrayOf("text", text[0]));
            ps.setArray(3, connection.createArrayOf("text", text[1]));
            ps.setArray(4, connection.createArrayOf("int4", order));
            for (int c = 2; c < 7; c++) {
                ps.setArray(3 + c, connection.createArrayOf("text", text[c]));
            }
            ps.setArray(10, connection.createArrayOf("text", created));
            ps.setInt(11, ws);
            requireUpdated(ps.executeUpdate(), n);
        }
    }

    private void requireUpdated(int updated, int expected) {
        if (updated != expected) {
            throw new IllegalStateException(
                    "updated "
                            + updated
                            + " nodes of workspace "
                            + workspaceId
                            + ", not "
                            + expected);
        }
    }

    /**
     * Deletes the nodes {@code gone} with their routes, references and search words; all of the
     * workspace's in one statement when {@code everything} says that they are all of them.
     */
    void deleteNodes(List<String> gone, boolean everything) {
        if (gone.isEmpty()) {
            return;
        }
        if (everything) {
            handle.attach(NodeDao.class).deleteContent(workspaceId);
            return;
        }
        // the rows derived from the nodes go with them (no foreign key cascades to them); those of
        // a gone node's descendants too, which are gone as well: a replace's scope is whole pages
        handle.createUpdate(
                        "WITH words AS (DELETE FROM draehi_search WHERE uuid = ANY(:uuids)),"
                                + " refs AS (DELETE FROM draehi_references"
                                + " WHERE source_uuid = ANY(:uuids)),"
                                + " routes AS (DELETE FROM draehi_page_routes"
                                + " WHERE page_uuid = ANY(:uuids))"
                                + " DELETE FROM nodes WHERE uuid = ANY(:uuids)")
                .bindArray("uuids", String.class, gone)
                .execute();
    }

    /**
     * The nodes {@code inserts} and {@code updates} (indexes into {@code nodes}), in that order.
     */
    static List<Node> written(List<Node> nodes, List<Integer> inserts, List<Integer> updates) {
        List<Node> written = new ArrayList<>(inserts.size() + updates.size());
        for (List<Integer> rows : List.of(inserts, updates)) {
            for (int i : rows) {
                written.add(nodes.get(i));
            }
        }
        return written;
    }

    /**
     * Writes the search words of the inserted and the updated nodes ({@code rows}, from {@link
     * SearchIndex#encode}; {@code null} when there are none) to {@code draehi_search}, after taking
     * out the updated nodes' old words. A node's words go when the node does ({@link #deleteNodes},
     * {@link #deleteUnseen}).
     */
    void writeSearch(List<Node> nodes, List<Integer> updates, BinaryCopy rows) throws SQLException {
        if (!updates.isEmpty()) {
            List<String> uuids = new ArrayList<>(updates.size());
            for (int i : updates) {
                uuids.add(nodes.get(i).uuid());
            }
            handle.createUpdate("DELETE FROM draehi_search WHERE uuid = ANY(:uuids)")
                    .bindArray("uuids", String.class, uuids)
                    .execute();
        }
        if (rows != null) {
            SearchIndex.copy(connection, "draehi_search", rows);
        }
    }

    // ---- the nodes a replace in parts has seen

    /**
     * A temporary table of the uuids the parts of a replace brought, until the transaction ends.
     */
    void createSeen() throws SQLException {
        execute("CREATE TEMPORARY TABLE " + SEEN_TABLE + " (uuid text PRIMARY KEY) ON COMMIT DROP");
    }

    /** Adds {@code uuids} to the seen nodes; a uuid seen before is a unique violation. */
    void copySeen(Collection<String> uuids) throws SQLException {
        try (BinaryCopy copy = BinaryCopy.start(connection, SEEN_TABLE, "uuid")) {
            for (String u : uuids) {
                copy.row(1);
                copy.text(u);
            }
            copy.finish();
        }
    }

    /**
     * Deletes the workspace's nodes that no part brought, with their routes, references and search
     * words; how many nodes.
     */
    int deleteUnseen() {
        return handle.createQuery(
                        "WITH gone AS (DELETE FROM nodes n WHERE n.workspace_id = :ws AND NOT EXISTS"
                                + " (SELECT 1 FROM "
                                + SEEN_TABLE
                                + " s WHERE s.uuid = n.uuid) RETURNING n.uuid),"
                                + " words AS (DELETE FROM draehi_search"
                                + " WHERE uuid IN (SELECT uuid FROM gone)),"
                                + " refs AS (DELETE FROM draehi_references"
                                + " WHERE source_uuid IN (SELECT uuid FROM gone)),"
                                + " routes AS (DELETE FROM draehi_page_routes"
                                + " WHERE page_uuid IN (SELECT uuid FROM gone))"
                                + " SELECT count(*) FROM gone")
                .bind("ws", ws)
                .mapTo(Integer.class)
                .one();
    }

    void dropSeen() throws SQLException {
        execute("DROP TABLE " + SEEN_TABLE);
    }

    // ---- routes and references

    void deleteRoutes(List<ContentDiff.RouteRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<Integer> workspaces = new ArrayList<>(rows.size());
        List<String> paths = new ArrayList<>(rows.size());
        for (ContentDiff.RouteRow r : rows) {
            workspaces.add(r.workspaceId());
            paths.add(r.path());
        }
        handle.createUpdate(
                        "DELETE FROM draehi_page_routes r USING unnest(:ws, :paths) AS d(ws, path)"
                                + " WHERE r.workspace_id = d.ws AND r.path = d.path")
                .bindArray("ws", Integer.class, workspaces)
                .bindArray("paths", String.class, paths)
                .execute();
    }

    void insertRoutes(List<ContentDiff.RouteRow> routes) throws SQLException {
        if (routes.isEmpty()) {
            return;
        }
        try (BinaryCopy copy =
                BinaryCopy.start(
                        connection, "draehi_page_routes", "workspace_id, path, page_uuid")) {
            for (ContentDiff.RouteRow r : routes) {
                copy.row(3);
                copy.int4(r.workspaceId());
                copy.text(r.path());
                copy.text(r.pageUuid());
            }
            copy.finish();
        }
    }

    /**
     * Deletes the references from the sources {@code refs.delete()}: by workspace when {@code
     * wholeWorkspace} (all of them in one statement when they are all it has), else by source.
     */
    int deleteReferences(ContentDiff.References refs, boolean wholeWorkspace) {
        if (refs.delete().isEmpty()) {
            return 0;
        }
        if (wholeWorkspace && refs.all()) {
            return handle.attach(NodeDao.class).deleteReferences(workspaceId);
        }
        if (wholeWorkspace) {
            return handle.createUpdate(
                            "DELETE FROM draehi_references WHERE workspace_id = :ws"
                                    + " AND source_uuid = ANY(:sources)")
                    .bind("ws", ws)
                    .bindArray("sources", String.class, refs.delete())
                    .execute();
        }
        return handle.createUpdate(
                        "DELETE FROM draehi_references WHERE source_uuid = ANY(:sources)")
                .bindArray("sources", String.class, refs.delete())
                .execute();
    }

    void insertReferences(List<Reference> refs) throws SQLException {
        if (refs.isEmpty()) {
            return;
        }
        try (BinaryCopy copy =
                BinaryCopy.start(
                        connection,
                        "draehi_references",
                        "workspace_id, source_uuid, target_uuid, kind")) {
            for (Reference r : refs) {
                copy.row(4);
                copy.int4(ws);
                copy.text(r.sourceUuid());
                copy.text(r.targetUuid());
                copy.text(kind(r.kind()));
            }
            copy.finish();
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }
}
