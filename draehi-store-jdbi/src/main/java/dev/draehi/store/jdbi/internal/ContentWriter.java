package dev.draehi.store.jdbi.internal;

import dev.draehi.ConflictException;
import dev.draehi.NotFoundException;
import dev.draehi.ValidationException;
import dev.draehi.model.Node;
import dev.draehi.model.NodeMetadata;
import dev.draehi.model.PageRoute;
import dev.draehi.model.Reference;
import dev.draehi.store.WorkspaceContent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a workspace's content inside the caller's transaction: takes the content lock, checks
 * the content as {@code InMemoryStorage} does, then writes only what changed.
 *
 * <p>Node uuids are deterministic, so a sync mostly rewrites rows that are already there. The
 * writer reads the uuid and a content fingerprint of every old row the replace takes the place of
 * (the whole workspace, or the pages being replaced with all their descendants), computes the same
 * fingerprint for the new nodes, and then, in this order:
 *
 * <ol>
 *   <li>deletes the routes and the references that are not in the new content (before the nodes, so
 *       that the cascades from deleted nodes find nothing, and before the new routes, so that a
 *       path can move from one page to another);
 *   <li>COPYs the new nodes (so that a kept node can move under a new parent);
 *   <li>updates the changed nodes from a temporary table filled by COPY;
 *   <li>deletes the nodes that are gone (no kept node points at them any more);
 *   <li>COPYs the new routes and references.
 * </ol>
 *
 * <p>The result is the same as deleting the old rows and inserting the new ones, except for
 * timestamps: an unchanged row keeps both of its timestamps; a changed row keeps its {@code
 * created_at} (unless the node brings its own) and gets {@code updated_at = now}; a new row gets
 * the node's {@code createdAt} or now, and {@code updated_at = now}.
 *
 * <p>Why not delete everything and COPY it again: the seed's foreign keys cost a query per row. A
 * cascading delete runs three (the self-FK cascade and those of the route and reference tables), an
 * insert two; an update that leaves the keys alone runs none.
 */
public final class ContentWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ContentWriter.class);
    private static final byte[] EMPTY_METADATA =
            Json.metadata(NodeMetadata.EMPTY).getBytes(StandardCharsets.UTF_8);

    /** {@code F(x)}: a field of the fingerprint, length-prefixed so that no two rows collide. */
    private static String field(String column) {
        return "coalesce(octet_length(" + column + ") || ':' || " + column + ", '-')";
    }

    /**
     * The content fingerprint of a {@code nodes} row, as hex MD5, computed by the server; {@link
     * Fingerprint#of} computes the same over a {@link Node}. Not a security boundary: a collision
     * only means that a row is not rewritten.
     */
    static final String FINGERPRINT_SQL =
            "md5("
                    + field("n.parent_uuid")
                    + " || '|' || n.\"order\" || '|' || "
                    + field("n.page_name")
                    + " || '|' || "
                    + field("n.slug")
                    + " || '|' || "
                    + field("n.title")
                    + " || '|' || "
                    + field("n.html")
                    + " || '|' || "
                    + field("n.metadata::text")
                    + ")";

    /** Hashes the new nodes while the server hashes the old rows; one daemon thread per replace. */
    private static final Executor HASHING =
            task -> {
                Thread t = new Thread(task, "draehi-content-fingerprint");
                t.setDaemon(true);
                t.start();
            };

    private static final String TEMP_TABLE = "draehi_changed_nodes";
    private static final String TEMP_COLUMNS =
            "uuid, parent_uuid, \"order\", page_name, slug, title, html, metadata, created_at";

    private final Handle handle;
    private final long workspaceId;
    private final int ws;
    private final Instant now;

    /** A replace that inserts or deletes this many nodes refreshes the planner's statistics. */
    static final int ANALYZE_ROWS = 10_000;

    /** Refreshes the statistics of every table a replace writes. */
    private static final String ANALYZE_WRITTEN =
            "ANALYZE nodes, draehi_references, draehi_page_routes, draehi_search";

    public ContentWriter(Handle handle, long workspaceId, Instant now) {
        this.handle = handle;
        this.workspaceId = workspaceId;
        this.ws = Math.toIntExact(workspaceId);
        this.now = now;
    }

    /** What a replace did, for logs and tests. */
    public record Result(
            int inserted,
            int updated,
            int unchanged,
            int deleted,
            int routesDeleted,
            int routesInserted,
            int referencesDeleted,
            int referencesInserted) {}

    /**
     * Replaces the pages {@code pageUuids} ({@code null}: every page) with {@code content}.
     *
     * @throws NotFoundException when the workspace does not exist
     * @throws ValidationException when the content is inconsistent
     * @throws ConflictException when a uuid or a path is there twice
     */
    public Result replace(Collection<String> pageUuids, WorkspaceContent content)
            throws SQLException {
        long t0 = System.nanoTime();
        NodeDao dao = handle.attach(NodeDao.class);
        dao.lockContent(ws);
        // These statements are small lookups and bulk COPYs; compiling them (which a cost estimate
        // over stale statistics can set off) takes longer than running them.
        handle.execute("SET LOCAL jit = off");
        if (!handle.attach(WorkspaceDao.class).exists(workspaceId)) {
            throw new NotFoundException("no workspace with id " + workspaceId);
        }

        // Check everything that can be checked without the database first, so that a bad sync
        // fails before it writes anything.
        List<Node> nodes = content.nodes();
        Set<String> uuids = new HashSet<>(nodes.size() * 2);
        Set<String> parentsElsewhere = new LinkedHashSet<>();
        Map<String, Node> orphans = new HashMap<>();
        for (Node n : nodes) {
            requireOwn(n);
            if (n.parentUuid() != null && !uuids.contains(n.parentUuid())) {
                if (pageUuids == null) {
                    throw beforeParent(n);
                }
                parentsElsewhere.add(n.parentUuid());
                orphans.putIfAbsent(n.parentUuid(), n);
            }
            requireNew(uuids, n);
        }
        Set<String> paths = new HashSet<>();
        for (PageRoute r : content.routes()) {
            requireNewPath(paths, r);
        }
        Set<String> sourcesElsewhere = new LinkedHashSet<>();
        for (Reference r : content.references()) {
            if (!uuids.contains(r.sourceUuid())) {
                if (pageUuids == null) {
                    throw new ValidationException("reference from unknown node " + r.sourceUuid());
                }
                sourcesElsewhere.add(r.sourceUuid());
            }
        }

        // The new nodes' fingerprints (and their metadata JSON, which COPY sends as is), computed
        // on another thread while the server computes the old rows' fingerprints.
        byte[][] metadata = new byte[nodes.size()][];
        long[] fingerprints = new long[nodes.size() * 2];
        CompletableFuture<Void> hashing =
                CompletableFuture.runAsync(
                        () -> fingerprint(nodes, metadata, fingerprints), HASHING);

        // The old rows this replace takes the place of.
        Connection c = handle.getConnection();
        long t1 = System.nanoTime();
        Map<String, long[]> old;
        try {
            old = readScope(c, pageUuids);
        } finally {
            join(hashing);
        }
        long t2 = System.nanoTime();

        if (pageUuids != null) {
            // parents and reference sources outside the content must be kept nodes
            Set<String> kept = existing(parentsElsewhere);
            for (String parent : parentsElsewhere) {
                if (!kept.contains(parent) || old.containsKey(parent)) {
                    throw beforeParent(orphans.get(parent));
                }
            }
            Set<String> keptSources = existing(sourcesElsewhere);
            for (String source : sourcesElsewhere) {
                if (!keptSources.contains(source) || old.containsKey(source)) {
                    throw new ValidationException("reference from unknown node " + source);
                }
            }
        }

        // Classify the nodes.
        int oldCount = old.size();
        List<Integer> inserts = new ArrayList<>();
        List<Integer> updates = new ArrayList<>();
        classify(nodes, fingerprints, old, inserts, updates);
        List<String> gone = new ArrayList<>(old.keySet());
        boolean nothingKept = !gone.isEmpty() && gone.size() == oldCount;
        int unchanged = nodes.size() - inserts.size() - updates.size();

        // Routes and references: small, compared as sets (references as multisets by source).
        RouteDiff routes = routeDiff(c, pageUuids, content.routes());
        ReferenceDiff refs = referenceDiff(c, pageUuids, content.references());
        long t3 = System.nanoTime();

        deleteRoutes(routes.delete);
        int refsDeleted = deleteReferences(pageUuids, refs);
        long t4 = System.nanoTime();
        if (nothingKept) {
            // no kept node can point at a gone one: delete first, in one statement
            deleteNodes(pageUuids, gone, true);
        }
        long t5 = System.nanoTime();
        copyNodes(c, "nodes", nodes, metadata, inserts);
        long t6 = System.nanoTime();
        updateNodes(c, nodes, metadata, updates);
        writeSearch(c, nodes, inserts, updates);
        long t7 = System.nanoTime();
        if (!nothingKept) {
            // after the updates: a kept node may have moved away from a gone parent
            deleteNodes(pageUuids, gone, false);
        }
        long t8 = System.nanoTime();
        copyRoutes(c, routes.insert);
        copyReferences(c, refs.insert);
        long t9 = System.nanoTime();
        if (inserts.size() + gone.size() >= ANALYZE_ROWS) {
            // Fresh statistics now rather than when autovacuum gets to it: the next incremental
            // sync's lookups are planned on them, and on the statistics of an empty table they
            // become scans of the whole table.
            handle.execute(ANALYZE_WRITTEN);
        }
        Result result =
                new Result(
                        inserts.size(),
                        updates.size(),
                        unchanged,
                        gone.size(),
                        routes.delete.size(),
                        routes.insert.size(),
                        refsDeleted,
                        refs.insert.size());
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "workspace {}: {}; check {} ms, fingerprint {} old and new nodes {} ms, diff"
                            + " {} ms, delete old routes and references {} ms, insert {} ms,"
                            + " update {} ms, delete {} ms, insert routes and references {} ms",
                    workspaceId,
                    result,
                    (t1 - t0) / 1_000_000,
                    oldCount,
                    (t2 - t1) / 1_000_000,
                    (t3 - t2) / 1_000_000,
                    (t4 - t3) / 1_000_000,
                    (t6 - t5) / 1_000_000,
                    (t7 - t6) / 1_000_000,
                    (t5 - t4 + t8 - t7) / 1_000_000,
                    (t9 - t8) / 1_000_000);
        }
        return result;
    }

    /**
     * Sorts {@code nodes} into inserts and updates (by index) against the stored rows'
     * fingerprints, taking each stored row that a node matches out of {@code old}.
     */
    private void classify(
            List<Node> nodes,
            long[] fingerprints,
            Map<String, long[]> old,
            List<Integer> inserts,
            List<Integer> updates) {
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
    }

    private static final String SEEN_TABLE = "draehi_seen_nodes";

    /**
     * Replaces every page with content that comes in parts, writing each part as it comes: the
     * nodes and references of a part are compared with the stored rows of the same uuids (and only
     * those), so memory holds one part at a time. What no part named is deleted at the end, and the
     * routes, which are few, are compared as a whole then, so that a path may pass from one page to
     * another between parts.
     *
     * <p>Into a workspace with no nodes, the parts go straight in with COPY. Otherwise the uuids
     * seen are kept in a temporary table for the final delete.
     *
     * @throws NotFoundException when the workspace does not exist
     * @throws ValidationException when a part is inconsistent in itself
     * @throws ConflictException when a uuid or a path is there twice
     */
    public Result replaceInParts(Iterator<WorkspaceContent> parts) throws SQLException {
        NodeDao dao = handle.attach(NodeDao.class);
        dao.lockContent(ws);
        handle.execute("SET LOCAL jit = off");
        if (!handle.attach(WorkspaceDao.class).exists(workspaceId)) {
            throw new NotFoundException("no workspace with id " + workspaceId);
        }
        Connection c = handle.getConnection();
        long stored = dao.count(workspaceId);
        boolean fresh = stored == 0;
        if (!fresh) {
            try (Statement st = c.createStatement()) {
                st.execute(
                        "CREATE TEMPORARY TABLE "
                                + SEEN_TABLE
                                + " (uuid text PRIMARY KEY) ON COMMIT DROP");
            }
        }
        List<PageRoute> routes = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        int inserted = 0;
        int updated = 0;
        int unchanged = 0;
        int refsDeleted = 0;
        int refsInserted = 0;
        long analyzedAt = stored;
        long rows = stored;
        while (parts.hasNext()) {
            WorkspaceContent part = parts.next();
            List<Node> nodes = part.nodes();
            Set<String> uuids = new LinkedHashSet<>(nodes.size() * 2);
            for (Node n : nodes) {
                requireOwn(n);
                if (n.parentUuid() != null && !uuids.contains(n.parentUuid())) {
                    throw beforeParent(n);
                }
                requireNew(uuids, n);
            }
            for (PageRoute r : part.routes()) {
                requireNewPath(paths, r);
                routes.add(r);
            }
            for (Reference r : part.references()) {
                if (!uuids.contains(r.sourceUuid())) {
                    throw new ValidationException(
                            "reference from node "
                                    + r.sourceUuid()
                                    + ", which is not in the same part");
                }
            }
            byte[][] metadata = new byte[nodes.size()][];
            long[] fingerprints = new long[nodes.size() * 2];
            fingerprint(nodes, metadata, fingerprints);
            List<Integer> inserts = new ArrayList<>();
            List<Integer> updates = new ArrayList<>();
            if (fresh) {
                for (int i = 0; i < nodes.size(); i++) {
                    inserts.add(i);
                }
            } else {
                copySeen(c, uuids);
                classify(nodes, fingerprints, fingerprintsOf(c, uuids), inserts, updates);
            }
            copyNodes(c, "nodes", nodes, metadata, inserts);
            updateNodes(c, nodes, metadata, updates);
            writeSearch(c, nodes, inserts, updates);
            inserted += inserts.size();
            updated += updates.size();
            unchanged += nodes.size() - inserts.size() - updates.size();
            List<Reference> refs = part.references();
            if (!fresh) {
                Map<String, Map<RefRow, Integer>> old = new HashMap<>();
                try (PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT source_uuid, workspace_id, target_uuid, kind"
                                        + " FROM draehi_references WHERE source_uuid = ANY(?)")) {
                    ps.setArray(1, c.createArrayOf("text", uuids.toArray()));
                    readReferences(ps, old);
                }
                ReferenceDiff diff = referenceDiff(old, refs);
                if (!diff.delete.isEmpty()) {
                    refsDeleted +=
                            handle.createUpdate(
                                            "DELETE FROM draehi_references"
                                                    + " WHERE source_uuid = ANY(:sources)")
                                    .bindArray("sources", String.class, diff.delete)
                                    .execute();
                }
                refs = diff.insert;
            }
            copyReferences(c, refs);
            refsInserted += refs.size();
            rows += inserts.size();
            if (!fresh && rows - analyzedAt >= Math.max(ANALYZE_ROWS, analyzedAt)) {
                // The next parts' lookups are planned on these statistics: refresh them each time
                // the table has doubled, which is a handful of times for any graph.
                handle.execute("ANALYZE nodes, draehi_references, draehi_search");
                analyzedAt = rows;
            }
        }
        int gone = 0;
        if (!fresh) {
            gone =
                    handle.createUpdate(
                                    "DELETE FROM nodes n WHERE n.workspace_id = :ws AND NOT EXISTS"
                                            + " (SELECT 1 FROM "
                                            + SEEN_TABLE
                                            + " s WHERE s.uuid = n.uuid)")
                            .bind("ws", ws)
                            .execute();
        }
        Set<RouteRow> oldRoutes = new HashSet<>();
        if (!fresh) {
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "SELECT workspace_id, path, page_uuid FROM draehi_page_routes"
                                    + " WHERE workspace_id = ?")) {
                ps.setInt(1, ws);
                readRoutes(ps, oldRoutes);
            }
        }
        RouteDiff routeDiff = routeDiff(oldRoutes, routes);
        deleteRoutes(routeDiff.delete);
        copyRoutes(c, routeDiff.insert);
        if (rows - analyzedAt + gone >= ANALYZE_ROWS) {
            handle.execute(ANALYZE_WRITTEN);
        }
        if (!fresh) {
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE " + SEEN_TABLE);
            }
        }
        return new Result(
                inserted,
                updated,
                unchanged,
                gone,
                routeDiff.delete.size(),
                routeDiff.insert.size(),
                refsDeleted,
                refsInserted);
    }

    private void copySeen(Connection c, Collection<String> uuids) throws SQLException {
        try (BinaryCopy copy = BinaryCopy.start(c, SEEN_TABLE, "uuid")) {
            for (String u : uuids) {
                copy.row(1);
                copy.text(u);
            }
            copy.finish();
        }
    }

    private static void fingerprint(List<Node> nodes, byte[][] metadata, long[] fingerprints) {
        Fingerprint fp = new Fingerprint();
        ByteArrayOutputStream json = new ByteArrayOutputStream(256);
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            if (n.metadata().equals(NodeMetadata.EMPTY)) {
                metadata[i] = EMPTY_METADATA;
            } else {
                json.reset();
                Json.writeMetadata(n.metadata(), json);
                metadata[i] = json.toByteArray();
            }
            fp.of(n, metadata[i], fingerprints, 2 * i);
        }
    }

    private static void join(CompletableFuture<Void> f) {
        try {
            f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private void requireOwn(Node n) {
        if (n.workspaceId() != workspaceId) {
            throw new ValidationException(
                    "node "
                            + n.uuid()
                            + " belongs to workspace "
                            + n.workspaceId()
                            + ", not "
                            + workspaceId);
        }
    }

    private void requireNew(Set<String> uuids, Node n) {
        if (!uuids.add(n.uuid())) {
            throw new ConflictException(
                    "duplicate node uuid " + n.uuid() + " in workspace " + workspaceId);
        }
    }

    private void requireNewPath(Set<String> paths, PageRoute r) {
        if (!paths.add(r.path().toLowerCase(Locale.ROOT))) {
            throw new ConflictException(
                    "duplicate page path '" + r.path() + "' in workspace " + workspaceId);
        }
    }

    private ValidationException beforeParent(Node n) {
        return new ValidationException(
                "block "
                        + n.uuid()
                        + " of page '"
                        + n.pageName()
                        + "' comes before its parent "
                        + n.parentUuid());
    }

    private Set<String> existing(Set<String> uuids) {
        if (uuids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(
                handle.createQuery(
                                "SELECT uuid FROM nodes WHERE workspace_id = :ws"
                                        + " AND uuid = ANY(:uuids)")
                        .bind("ws", workspaceId)
                        .bindArray("uuids", String.class, new ArrayList<>(uuids))
                        .mapTo(String.class)
                        .list());
    }

    /**
     * uuid → fingerprint of the rows a replace takes the place of: the workspace's nodes, or the
     * pages {@code pageUuids} with every node below them (what deleting them would cascade to).
     */
    private Map<String, long[]> readScope(Connection c, Collection<String> pageUuids)
            throws SQLException {
        String sql;
        if (pageUuids == null) {
            sql = "SELECT n.uuid, " + FINGERPRINT_SQL + " FROM nodes n WHERE n.workspace_id = ?";
        } else if (pageUuids.isEmpty()) {
            return new HashMap<>();
        } else {
            sql =
                    "WITH RECURSIVE scope(uuid) AS ("
                            + " SELECT uuid FROM nodes WHERE workspace_id = ?"
                            + " AND parent_uuid IS NULL AND uuid = ANY(?)"
                            + " UNION ALL SELECT c.uuid FROM nodes c JOIN scope s"
                            + " ON c.parent_uuid = s.uuid)"
                            + " SELECT n.uuid, "
                            + FINGERPRINT_SQL
                            + " FROM nodes n JOIN scope USING (uuid)";
        }
        return readFingerprints(c, sql, pageUuids);
    }

    /** uuid → fingerprint of the workspace's nodes among {@code uuids}. */
    private Map<String, long[]> fingerprintsOf(Connection c, Collection<String> uuids)
            throws SQLException {
        return readFingerprints(
                c,
                "SELECT n.uuid, "
                        + FINGERPRINT_SQL
                        + " FROM nodes n WHERE n.workspace_id = ? AND n.uuid = ANY(?)",
                uuids);
    }

    /** Runs {@code sql} (workspace, then optionally an array of uuids) for uuid and fingerprint. */
    private Map<String, long[]> readFingerprints(Connection c, String sql, Collection<String> uuids)
            throws SQLException {
        Map<String, long[]> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, ws);
            if (uuids != null) {
                ps.setArray(2, c.createArrayOf("text", uuids.toArray()));
            }
            ps.setFetchSize(50_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String hex = rs.getString(2);
                    out.put(
                            rs.getString(1),
                            new long[] {
                                Long.parseUnsignedLong(hex, 0, 16, 16),
                                Long.parseUnsignedLong(hex, 16, 32, 16)
                            });
                }
            }
        }
        return out;
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

    private record RouteRow(int workspaceId, String path, String pageUuid) {}

    private record RouteDiff(List<RouteRow> delete, List<RouteRow> insert) {}

    private RouteDiff routeDiff(Connection c, Collection<String> pageUuids, List<PageRoute> routes)
            throws SQLException {
        Set<RouteRow> old = new HashSet<>();
        if (pageUuids == null) {
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "SELECT workspace_id, path, page_uuid FROM draehi_page_routes"
                                    + " WHERE workspace_id = ?")) {
                ps.setInt(1, ws);
                readRoutes(ps, old);
            }
        } else if (!pageUuids.isEmpty()) {
            // the routes that deleting the pages would cascade to: to the pages and their blocks
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "WITH RECURSIVE scope(uuid) AS ("
                                    + " SELECT uuid FROM nodes WHERE workspace_id = ?"
                                    + " AND parent_uuid IS NULL AND uuid = ANY(?)"
                                    + " UNION ALL SELECT c.uuid FROM nodes c JOIN scope s"
                                    + " ON c.parent_uuid = s.uuid)"
                                    + " SELECT r.workspace_id, r.path, r.page_uuid"
                                    + " FROM draehi_page_routes r JOIN scope s"
                                    + " ON r.page_uuid = s.uuid")) {
                ps.setInt(1, ws);
                ps.setArray(2, c.createArrayOf("text", pageUuids.toArray()));
                readRoutes(ps, old);
            }
        }
        return routeDiff(old, routes);
    }

    private RouteDiff routeDiff(Set<RouteRow> old, List<PageRoute> routes) {
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
        return new RouteDiff(delete, insert);
    }

    private static void readRoutes(PreparedStatement ps, Set<RouteRow> into) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                into.add(new RouteRow(rs.getInt(1), rs.getString(2), rs.getString(3)));
            }
        }
    }

    private record RefRow(int workspaceId, String targetUuid, String kind) {}

    /**
     * {@code delete}: the sources whose references all go (they had some and the new list differs);
     * {@code insert}: the new references of those sources and of sources that had none.
     */
    private record ReferenceDiff(List<String> delete, boolean all, List<Reference> insert) {}

    private ReferenceDiff referenceDiff(
            Connection c, Collection<String> pageUuids, List<Reference> references)
            throws SQLException {
        Map<String, Map<RefRow, Integer>> old = new HashMap<>();
        if (pageUuids == null) {
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "SELECT source_uuid, workspace_id, target_uuid, kind"
                                    + " FROM draehi_references WHERE workspace_id = ?")) {
                ps.setInt(1, ws);
                readReferences(ps, old);
            }
        } else if (!pageUuids.isEmpty()) {
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "WITH RECURSIVE scope(uuid) AS ("
                                    + " SELECT uuid FROM nodes WHERE workspace_id = ?"
                                    + " AND parent_uuid IS NULL AND uuid = ANY(?)"
                                    + " UNION ALL SELECT c.uuid FROM nodes c JOIN scope s"
                                    + " ON c.parent_uuid = s.uuid)"
                                    + " SELECT r.source_uuid, r.workspace_id, r.target_uuid,"
                                    + " r.kind FROM draehi_references r JOIN scope s"
                                    + " ON r.source_uuid = s.uuid")) {
                ps.setInt(1, ws);
                ps.setArray(2, c.createArrayOf("text", pageUuids.toArray()));
                readReferences(ps, old);
            }
        }
        return referenceDiff(old, references);
    }

    private ReferenceDiff referenceDiff(
            Map<String, Map<RefRow, Integer>> old, List<Reference> references) {
        Map<String, Map<RefRow, Integer>> fresh = new HashMap<>();
        for (Reference r : references) {
            fresh.computeIfAbsent(r.sourceUuid(), k -> new HashMap<>())
                    .merge(new RefRow(ws, r.targetUuid(), kind(r.kind())), 1, Integer::sum);
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
        return new ReferenceDiff(delete, delete.size() == old.size(), insert);
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

    private static String kind(Reference.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private void deleteRoutes(List<RouteRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<Integer> workspaces = new ArrayList<>(rows.size());
        List<String> paths = new ArrayList<>(rows.size());
        for (RouteRow r : rows) {
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

    private int deleteReferences(Collection<String> pageUuids, ReferenceDiff refs) {
        if (refs.delete.isEmpty()) {
            return 0;
        }
        if (pageUuids == null && refs.all) {
            return handle.attach(NodeDao.class).deleteReferences(workspaceId);
        }
        return handle.createUpdate(
                        pageUuids == null
                                ? "DELETE FROM draehi_references WHERE workspace_id = :ws"
                                        + " AND source_uuid = ANY(:sources)"
                                : "DELETE FROM draehi_references WHERE source_uuid = ANY(:sources)")
                .bind("ws", ws)
                .bindArray("sources", String.class, refs.delete)
                .execute();
    }

    private void deleteNodes(Collection<String> pageUuids, List<String> gone, boolean nothingKept) {
        if (gone.isEmpty()) {
            return;
        }
        if (pageUuids == null && nothingKept) {
            handle.attach(NodeDao.class).deleteNodes(workspaceId);
            return;
        }
        handle.createUpdate("DELETE FROM nodes WHERE uuid = ANY(:uuids)")
                .bindArray("uuids", String.class, gone)
                .execute();
    }

    /** Updates the changed rows from a temporary table: one COPY and one UPDATE. */
    private void updateNodes(
            Connection c, List<Node> nodes, byte[][] metadata, List<Integer> updates)
            throws SQLException {
        if (updates.isEmpty()) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TEMPORARY TABLE "
                            + TEMP_TABLE
                            + " (uuid text, parent_uuid text, \"order\" integer, page_name text,"
                            + " slug text, title text, html text, metadata json,"
                            + " created_at timestamp) ON COMMIT DROP");
        }
        try (BinaryCopy copy = BinaryCopy.start(c, TEMP_TABLE, TEMP_COLUMNS)) {
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
                c.prepareStatement(
                        "UPDATE nodes n SET parent_uuid = t.parent_uuid, \"order\" = t.\"order\","
                                + " page_name = t.page_name, slug = t.slug, title = t.title,"
                                + " html = t.html, metadata = t.metadata,"
                                + " created_at = coalesce(t.created_at, n.created_at),"
                                + " updated_at = ? FROM "
                                + TEMP_TABLE
                                + " t WHERE n.uuid = t.uuid AND n.workspace_id = ?")) {
            ps.setObject(1, Timestamps.toDb(now));
            ps.setInt(2, ws);
            int n = ps.executeUpdate();
            if (n != updates.size()) {
                throw new IllegalStateException(
                        "updated "
                                + n
                                + " nodes of workspace "
                                + workspaceId
                                + ", not "
                                + updates.size());
            }
        }
        try (Statement s = c.createStatement()) {
            // a second replace in the same transaction creates it again
            s.execute("DROP TABLE " + TEMP_TABLE);
        }
    }

    private void copyNodes(
            Connection c, String table, List<Node> nodes, byte[][] metadata, List<Integer> rows)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (BinaryCopy copy = BinaryCopy.start(c, table, Rows.NODE_COLUMNS)) {
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
     * Writes the search words of the inserted and the updated nodes (those that have any) to {@code
     * draehi_search}, after taking out the updated nodes' old words. A node's words go when the
     * node does, by the foreign key's cascade.
     */
    private void writeSearch(
            Connection c, List<Node> nodes, List<Integer> inserts, List<Integer> updates)
            throws SQLException {
        if (!updates.isEmpty()) {
            List<String> uuids = new ArrayList<>(updates.size());
            for (int i : updates) {
                uuids.add(nodes.get(i).uuid());
            }
            handle.createUpdate("DELETE FROM draehi_search WHERE uuid = ANY(:uuids)")
                    .bindArray("uuids", String.class, uuids)
                    .execute();
        }
        if (inserts.isEmpty() && updates.isEmpty()) {
            return;
        }
        List<Node> written = new ArrayList<>(inserts.size() + updates.size());
        for (List<Integer> rows : List.of(inserts, updates)) {
            for (int i : rows) {
                written.add(nodes.get(i));
            }
        }
        SearchIndex.copy(c, "draehi_search", written);
    }

    private void copyRoutes(Connection c, List<RouteRow> routes) throws SQLException {
        if (routes.isEmpty()) {
            return;
        }
        try (BinaryCopy copy =
                BinaryCopy.start(c, "draehi_page_routes", "workspace_id, path, page_uuid")) {
            for (RouteRow r : routes) {
                copy.row(3);
                copy.int4(r.workspaceId());
                copy.text(r.path());
                copy.text(r.pageUuid());
            }
            copy.finish();
        }
    }

    private void copyReferences(Connection c, List<Reference> refs) throws SQLException {
        if (refs.isEmpty()) {
            return;
        }
        try (BinaryCopy copy =
                BinaryCopy.start(
                        c, "draehi_references", "workspace_id, source_uuid, target_uuid, kind")) {
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

    /** {@link #FINGERPRINT_SQL} over a node, in Java: MD5 of the same bytes. */
    static final class Fingerprint {
        private final MessageDigest md5;

        Fingerprint() {
            try {
                md5 = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("no MD5 in this JVM", e);
            }
        }

        /** Writes the fingerprint of {@code n} to {@code out[at]} and {@code out[at + 1]}. */
        void of(Node n, byte[] metadataJson, long[] out, int at) {
            md5.reset();
            field(n.parentUuid());
            sep();
            ascii(Integer.toString(n.order()));
            sep();
            field(n.pageName());
            sep();
            field(n.slug());
            sep();
            field(n.title());
            sep();
            field(n.html());
            sep();
            field(metadataJson);
            byte[] d = md5.digest();
            out[at] = longAt(d, 0);
            out[at + 1] = longAt(d, 8);
        }

        private void field(String s) {
            if (s == null) {
                md5.update((byte) '-');
            } else {
                field(s.getBytes(StandardCharsets.UTF_8));
            }
        }

        private void field(byte[] b) {
            ascii(Integer.toString(b.length));
            md5.update((byte) ':');
            md5.update(b);
        }

        private void sep() {
            md5.update((byte) '|');
        }

        private void ascii(String s) {
            for (int i = 0; i < s.length(); i++) {
                md5.update((byte) s.charAt(i));
            }
        }

        private static long longAt(byte[] b, int off) {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (b[off + i] & 0xff);
            }
            return v;
        }
    }
}
