package dev.draehi.store.jdbi.internal;

import dev.draehi.model.Node;
import dev.draehi.model.PageRoute;
import dev.draehi.model.Reference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * What changed between a workspace's stored content and the content replacing it: which nodes are
 * new, changed or gone (by {@link Fingerprint}), and which routes and references go and come. Reads
 * the stored rows; writes nothing.
 */
final class ContentDiff {
    /**
     * The nodes that replaced pages cascade to: the pages {@code ?2} of workspace {@code ?1} with
     * every node below them.
     */
    private static final String SCOPE =
            "WITH RECURSIVE scope(uuid) AS ("
                    + " SELECT uuid FROM nodes WHERE workspace_id = ?"
                    + " AND parent_uuid IS NULL AND uuid = ANY(?)"
                    + " UNION ALL SELECT c.uuid FROM nodes c JOIN scope s"
                    + " ON c.parent_uuid = s.uuid)";

    private final Handle handle;
    private final Connection connection;
    private final int ws;

    ContentDiff(Handle handle, int ws) {
        this.handle = handle;
        this.connection = handle.getConnection();
        this.ws = ws;
    }

    /**
     * The new nodes by index, to insert and to update; the uuids of the stored nodes that go; how
     * many nodes are unchanged and how many were stored.
     */
    record Nodes(
            List<Integer> inserts,
            List<Integer> updates,
            List<String> gone,
            int unchanged,
            int stored) {
        /** Whether every stored node goes (and some did exist). */
        boolean nothingKept() {
            return !gone.isEmpty() && gone.size() == stored;
        }
    }

    /** A row of {@code draehi_page_routes}. */
    record RouteRow(int workspaceId, String path, String pageUuid) {}

    /** The route rows to delete and to insert. */
    record Routes(List<RouteRow> delete, List<RouteRow> insert) {}

    /** A row of {@code draehi_references} but its source. */
    private record RefRow(int workspaceId, String targetUuid, String kind) {}

    /**
     * {@code delete}: the sources whose references all go (they had some and the new list differs),
     * {@code all} when that is every source that had some; {@code insert}: the new references of
     * those sources and of sources that had none.
     */
    record References(List<String> delete, boolean all, List<Reference> insert) {}

    // ---- nodes

    /**
     * uuid → fingerprint of the rows a replace takes the place of: the workspace's nodes ({@code
     * pageUuids} null), or the pages {@code pageUuids} with every node below them (what deleting
     * them would cascade to).
     */
    Map<String, long[]> storedScope(Collection<String> pageUuids) throws SQLException {
        if (pageUuids == null) {
            return fingerprints(
                    "SELECT n.uuid, " + Fingerprint.SQL + " FROM nodes n WHERE n.workspace_id = ?",
                    null);
        }
        if (pageUuids.isEmpty()) {
            return new HashMap<>();
        }
        return fingerprints(
                SCOPE
                        + " SELECT n.uuid, "
                        + Fingerprint.SQL
                        + " FROM nodes n JOIN scope USING (uuid)",
                pageUuids);
    }

    /** uuid → fingerprint of the workspace's nodes among {@code uuids}. */
    Map<String, long[]> stored(Collection<String> uuids) throws SQLException {
        return fingerprints(
                "SELECT n.uuid, "
                        + Fingerprint.SQL
                        + " FROM nodes n WHERE n.workspace_id = ? AND n.uuid = ANY(?)",
                uuids);
    }

    /** Runs {@code sql} (workspace, then optionally an array of uuids) for uuid and fingerprint. */
    private Map<String, long[]> fingerprints(String sql, Collection<String> uuids)
            throws SQLException {
        Map<String, long[]> out = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setInt(1, ws);
            if (uuids != null) {
                ps.setArray(2, connection.createArrayOf("text", uuids.toArray()));
            }
            ps.setFetchSize(50_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), Fingerprint.parseHex(rs.getString(2)));
                }
            }
        }
        return out;
    }

    /**
     * Sorts {@code nodes} into inserts and updates against the stored rows' fingerprints {@code
     * old}; what is left of {@code old} (which this takes the matched rows out of) is gone.
     */
    Nodes nodes(List<Node> nodes, long[] fingerprints, Map<String, long[]> old) {
        int stored = old.size();
        List<Integer> inserts = new ArrayList<>();
        List<Integer> updates = new ArrayList<>();
        List<Integer> sameUnlessCreatedAt = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            long[] o = old.remove(nodes.get(i).uuid());
            if (o == null) {
                inserts.add(i);
            } else if (o[0] != fingerprints[2 * i] || o[1] != fingerprints[2 * i + 1]) {
                updates.add(i);
            } else if (nodes.get(i).createdAt() != null) {
                sameUnlessCreatedAt.add(i);
            }
        }
        updates.addAll(createdAtChanged(nodes, sameUnlessCreatedAt));
        List<String> gone = new ArrayList<>(old.keySet());
        return new Nodes(
                inserts, updates, gone, nodes.size() - inserts.size() - updates.size(), stored);
    }

    /** Of the unchanged nodes that bring their own {@code createdAt}, those where it differs. */
    private List<Integer> createdAtChanged(List<Node> nodes, List<Integer> candidates) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        Map<String, Instant> stored = new HashMap<>();
        List<String> ids = new ArrayList<>(candidates.size());
        for (int i : candidates) {
            ids.add(nodes.get(i).uuid());
        }
        handle.createQuery("SELECT uuid, created_at FROM nodes WHERE uuid = ANY(:uuids)")
                .bindArray("uuids", String.class, ids)
                .map((rs, ctx) -> Map.entry(rs.getString(1), Timestamps.read(rs, "created_at")))
                .forEach(e -> stored.put(e.getKey(), e.getValue()));
        List<Integer> out = new ArrayList<>();
        for (int i : candidates) {
            Node n = nodes.get(i);
            if (!n.createdAt().truncatedTo(ChronoUnit.MICROS).equals(stored.get(n.uuid()))) {
                out.add(i);
            }
        }
        return out;
    }

    /** Of {@code uuids}, those of the workspace's stored nodes, each with whether it is a page. */
    Map<String, Boolean> storedPages(Set<String> uuids) {
        Map<String, Boolean> out = new HashMap<>();
        if (uuids.isEmpty()) {
            return out;
        }
        handle.createQuery(
                        "SELECT uuid, parent_uuid IS NULL FROM nodes WHERE workspace_id = :ws"
                                + " AND uuid = ANY(:uuids)")
                .bind("ws", ws)
                .bindArray("uuids", String.class, new ArrayList<>(uuids))
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getBoolean(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    // ---- routes

    /**
     * The routes to delete and insert so that the routes of the nodes {@code scope} (the uuids
     * {@link #storedScope} found; null for the whole workspace) become {@code routes}.
     */
    Routes routes(Collection<String> scope, List<PageRoute> routes) throws SQLException {
        if (scope == null) {
            return routes(storedRoutes(), routes);
        }
        Set<RouteRow> old = new HashSet<>();
        if (!scope.isEmpty()) {
            // the routes that go with the pages, to them and to their blocks: by the uuids the
            // scope's walk found, not by walking it again (1.2 ms a walk at g50k)
            try (PreparedStatement ps =
                    withUuids(
                            "SELECT workspace_id, path, page_uuid FROM draehi_page_routes"
                                    + " WHERE page_uuid = ANY(?)",
                            scope)) {
                readRoutes(ps, old);
            }
        }
        return routes(old, routes);
    }

    /** Every stored route of the workspace. */
    Set<RouteRow> storedRoutes() throws SQLException {
        Set<RouteRow> old = new HashSet<>();
        try (PreparedStatement ps =
                connection.prepareStatement(
                        "SELECT workspace_id, path, page_uuid FROM draehi_page_routes"
                                + " WHERE workspace_id = ?")) {
            ps.setInt(1, ws);
            readRoutes(ps, old);
        }
        return old;
    }

    /** The routes to delete and insert so that {@code old} becomes {@code routes}. */
    Routes routes(Set<RouteRow> old, List<PageRoute> routes) {
        List<RouteRow> insert = new ArrayList<>();
        Set<RouteRow> fresh = new HashSet<>(routes.size() * 2);
        for (PageRoute r : routes) {
            RouteRow row = new RouteRow(ws, r.path(), r.pageUuid());
            fresh.add(row);
            if (!old.contains(row)) {
                insert.add(row);
            }
        }
        List<RouteRow> delete = new ArrayList<>();
        for (RouteRow row : old) {
            if (!fresh.contains(row)) {
                delete.add(row);
            }
        }
        return new Routes(delete, insert);
    }

    private static void readRoutes(PreparedStatement ps, Set<RouteRow> into) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                into.add(new RouteRow(rs.getInt(1), rs.getString(2), rs.getString(3)));
            }
        }
    }

    /** {@code sql} prepared with {@code uuids} as its one parameter, a text array. */
    private PreparedStatement withUuids(String sql, Collection<String> uuids) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        try {
            ps.setArray(1, connection.createArrayOf("text", uuids.toArray()));
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    // ---- references

    /**
     * The references to delete and insert so that those from the nodes {@code scope} (as in {@link
     * #routes}; null for the whole workspace) become {@code references}: compared as multisets by
     * source.
     */
    References references(Collection<String> scope, List<Reference> references)
            throws SQLException {
        if (scope != null) {
            return referencesFrom(scope, references);
        }
        Map<String, Map<RefRow, Integer>> old = new HashMap<>();
        try (PreparedStatement ps =
                connection.prepareStatement(
                        "SELECT source_uuid, workspace_id, target_uuid, kind"
                                + " FROM draehi_references WHERE workspace_id = ?")) {
            ps.setInt(1, ws);
            readReferences(ps, old);
        }
        return references(old, references);
    }

    /**
     * The references to delete and insert so that those from the nodes {@code sources} become
     * {@code references}.
     */
    References referencesFrom(Collection<String> sources, List<Reference> references)
            throws SQLException {
        Map<String, Map<RefRow, Integer>> old = new HashMap<>();
        if (!sources.isEmpty()) {
            try (PreparedStatement ps =
                    withUuids(
                            "SELECT source_uuid, workspace_id, target_uuid, kind"
                                    + " FROM draehi_references WHERE source_uuid = ANY(?)",
                            sources)) {
                readReferences(ps, old);
            }
        }
        return references(old, references);
    }

    private References references(
            Map<String, Map<RefRow, Integer>> old, List<Reference> references) {
        Map<String, Map<RefRow, Integer>> fresh = new HashMap<>();
        for (Reference r : references) {
            fresh.computeIfAbsent(r.sourceUuid(), k -> new HashMap<>())
                    .merge(
                            new RefRow(ws, r.targetUuid(), ContentRows.kind(r.kind())),
                            1,
                            Integer::sum);
        }
        List<String> delete = new ArrayList<>();
        List<Reference> insert = new ArrayList<>();
        for (Map.Entry<String, Map<RefRow, Integer>> e : old.entrySet()) {
            if (!e.getValue().equals(fresh.get(e.getKey()))) {
                delete.add(e.getKey());
            }
        }
        for (Reference r : references) {
            String source = r.sourceUuid();
            if (!fresh.get(source).equals(old.get(source))) {
                insert.add(r);
            }
        }
        return new References(delete, delete.size() == old.size(), insert);
    }

    private static void readReferences(PreparedStatement ps, Map<String, Map<RefRow, Integer>> into)
            throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                into.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                        .merge(
                                new RefRow(rs.getInt(2), rs.getString(3), rs.getString(4)),
                                1,
                                Integer::sum);
            }
        }
    }
}
