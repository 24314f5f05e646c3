package dev.draehi.store.jdbi.internal;

import dev.draehi.ConflictException;
import dev.draehi.NotFoundException;
import dev.draehi.ValidationException;
import dev.draehi.model.Node;
import dev.draehi.model.PageRoute;
import dev.draehi.model.Reference;
import dev.draehi.store.ContentValidator;
import dev.draehi.store.WorkspaceContent;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
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
 * the content with {@link ContentValidator} (as {@code InMemoryStorage} does), then writes only
 * what changed.
 *
 * <p>Node uuids are deterministic, so a sync mostly rewrites rows that are already there. The
 * writer reads the uuid and a {@link Fingerprint} of every old row the replace takes the place of
 * (the whole workspace, or the pages being replaced with all their descendants), computes the same
 * fingerprint for the new nodes ({@link ContentDiff} compares them), and then ({@link ContentRows}
 * writes), in this order:
 *
 * <ol>
 *   <li>deletes the routes and the references that are not in the new content (before the nodes, so
 *       that the deletes of the rows derived from gone nodes find nothing, and before the new
 *       routes, so that a path can move from one page to another);
 *   <li>COPYs the new nodes (so that a kept node can move under a new parent);
 *   <li>updates the changed nodes from a temporary table filled by COPY;
 *   <li>deletes the nodes that are gone (no kept node points at them any more) with their search
 *       words;
 *   <li>COPYs the new routes and references.
 * </ol>
 *
 * <p>The result is the same as deleting the old rows and inserting the new ones, except for
 * timestamps: an unchanged row keeps both of its timestamps; a changed row keeps its {@code
 * created_at} (unless the node brings its own) and gets {@code updated_at = now}; a new row gets
 * the node's {@code createdAt} or now, and {@code updated_at = now}.
 *
 * <p>Why not delete everything and COPY it again: the seed's foreign keys cost a query per row. A
 * cascading delete runs one (the self-FK cascade), an insert two; an update that leaves the keys
 * alone runs none. draehi's own tables of rows derived from nodes (routes, references, search
 * words) have no foreign keys, so that a COPY into them checks nothing per row: every delete of
 * nodes here deletes their derived rows in the same statement.
 */
public final class ContentWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ContentWriter.class);

    /**
     * Hashes the new nodes while the server hashes the old rows, and finds search words while it
     * writes nodes; one daemon thread per task.
     */
    private static final Executor HASHING =
            task -> {
                Thread t = new Thread(task, "draehi-content-fingerprint");
                t.setDaemon(true);
                t.start();
            };

    /** From this many nodes written, their search words are found on a thread of their own. */
    private static final int SEARCH_ROWS_APART = 500;

    /** A replace that inserts or deletes this many nodes refreshes the planner's statistics. */
    static final int ANALYZE_ROWS = 10_000;

    private final Handle handle;
    private final long workspaceId;
    private final ContentDiff diff;
    private final ContentRows rows;

    public ContentWriter(Handle handle, long workspaceId, Instant now) {
        this.handle = handle;
        this.workspaceId = workspaceId;
        this.diff = new ContentDiff(handle, Math.toIntExact(workspaceId));
        this.rows = new ContentRows(handle, workspaceId, now);
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
        Phases phases = new Phases();
        begin();
        // Check everything that can be checked without the database first, so that a bad sync
        // fails before it writes anything.
        ContentValidator.Outside outside = check(pageUuids, content);

        // The new nodes' fingerprints (and their metadata JSON, which COPY sends as is), computed
        // on another thread while the server computes the old rows' fingerprints.
        List<Node> nodes = content.nodes();
        byte[][] metadata = new byte[nodes.size()][];
        long[] fingerprints = new long[nodes.size() * 2];
        CompletableFuture<Void> hashing =
                CompletableFuture.runAsync(
                        () -> Fingerprint.ofAll(nodes, metadata, fingerprints), HASHING);
        phases.end("check");
        Map<String, long[]> old;
        try {
            old = diff.storedScope(pageUuids);
        } finally {
            join(hashing);
        }
        phases.end("fingerprint " + old.size() + " old and new nodes");
        requireKept(outside, old);
        // the nodes the replaced pages cascade to, before the diff takes the kept ones out
        List<String> scope = pageUuids == null ? null : List.copyOf(old.keySet());
        ContentDiff.Nodes changes = diff.nodes(nodes, fingerprints, old);
        // routes and references: small, compared as sets (references as multisets by source)
        ContentDiff.Routes routes = diff.routes(scope, content.routes());
        ContentDiff.References refs = diff.references(scope, content.references());
        phases.end("diff");

        Result result =
                write(
                        pageUuids == null,
                        new Changes(nodes, metadata, changes, routes, refs),
                        phases);
        if (LOG.isDebugEnabled()) {
            LOG.debug("workspace {}: {}; {}", workspaceId, result, phases);
        }
        return result;
    }

    /** What {@link #replace} found to write. */
    private record Changes(
            List<Node> nodes,
            byte[][] metadata,
            ContentDiff.Nodes diff,
            ContentDiff.Routes routes,
            ContentDiff.References refs) {}

    private Result write(boolean wholeWorkspace, Changes c, Phases phases) throws SQLException {
        ContentDiff.Nodes d = c.diff();
        rows.deleteRoutes(c.routes().delete());
        int refsDeleted = rows.deleteReferences(c.refs(), wholeWorkspace);
        phases.end("delete old routes and references");
        if (d.nothingKept()) {
            // no kept node can point at a gone one: delete first, in one statement
            rows.deleteNodes(d.gone(), wholeWorkspace);
            phases.end("delete");
        }
        CompletableFuture<BinaryCopy> search = searchRows(c.nodes(), d.inserts(), d.updates());
        rows.insertNodes(c.nodes(), c.metadata(), d.inserts());
        phases.end("insert");
        rows.updateNodes(c.nodes(), c.metadata(), d.updates());
        rows.writeSearch(c.nodes(), d.updates(), join(search));
        phases.end("update");
        if (!d.nothingKept()) {
            // after the updates: a kept node may have moved away from a gone parent
            rows.deleteNodes(d.gone(), false);
            phases.end("delete");
        }
        rows.insertRoutes(c.routes().insert());
        rows.insertReferences(c.refs().insert());
        phases.end("insert routes and references");
        if (d.inserts().size() + d.gone().size() >= ANALYZE_ROWS) {
            // Fresh statistics now rather than when autovacuum gets to it: the next incremental
            // sync's lookups are planned on them, and on the statistics of an empty table they
            // become scans of the whole table.
            rows.analyze();
        }
        return new Result(
                d.inserts().size(),
                d.updates().size(),
                d.unchanged(),
                d.gone().size(),
                c.routes().delete().size(),
                c.routes().insert().size(),
                refsDeleted,
                c.refs().insert().size());
    }

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
        begin();
        long stored = handle.attach(NodeDao.class).count(workspaceId);
        PartTotals totals = new PartTotals(stored == 0, stored);
        if (!totals.fresh) {
            rows.createSeen();
        }
        ContentValidator.Parts check = ContentValidator.parts(workspaceId);
        List<PageRoute> routes = new ArrayList<>();
        while (parts.hasNext()) {
            WorkspaceContent part = parts.next();
            Set<String> uuids = check.check(part);
            routes.addAll(part.routes());
            writePart(part, uuids, totals);
        }
        check.finish();
        int gone = totals.fresh ? 0 : rows.deleteUnseen();
        ContentDiff.Routes routeDiff =
                diff.routes(totals.fresh ? Set.of() : diff.storedRoutes(), routes);
        rows.deleteRoutes(routeDiff.delete());
        rows.insertRoutes(routeDiff.insert());
        if (totals.rows - totals.analyzedAt + gone >= ANALYZE_ROWS) {
            rows.analyze();
        }
        if (!totals.fresh) {
            rows.dropSeen();
        }
        return new Result(
                totals.inserted,
                totals.updated,
                totals.unchanged,
                gone,
                routeDiff.delete().size(),
                routeDiff.insert().size(),
                totals.refsDeleted,
                totals.refsInserted);
    }

    /** The counts of a replace in parts so far. */
    private static final class PartTotals {
        final boolean fresh;
        int inserted;
        int updated;
        int unchanged;
        int refsDeleted;
        int refsInserted;
        long rows;
        long analyzedAt;

        PartTotals(boolean fresh, long stored) {
            this.fresh = fresh;
            this.rows = stored;
            this.analyzedAt = stored;
        }
    }

    /** Writes one part's nodes (of uuids {@code uuids}) and references. */
    private void writePart(WorkspaceContent part, Set<String> uuids, PartTotals totals)
            throws SQLException {
        List<Node> nodes = part.nodes();
        byte[][] metadata = new byte[nodes.size()][];
        List<Integer> inserts = new ArrayList<>();
        List<Integer> updates = new ArrayList<>();
        if (totals.fresh) {
            // nothing stored to compare with: no fingerprints
            Fingerprint.metadataOf(nodes, metadata);
            for (int i = 0; i < nodes.size(); i++) {
                inserts.add(i);
            }
        } else {
            long[] fingerprints = new long[nodes.size() * 2];
            Fingerprint.ofAll(nodes, metadata, fingerprints);
            rows.copySeen(uuids);
            ContentDiff.Nodes d = diff.nodes(nodes, fingerprints, diff.stored(uuids));
            inserts = d.inserts();
            updates = d.updates();
        }
        CompletableFuture<BinaryCopy> search = searchRows(nodes, inserts, updates);
        rows.insertNodes(nodes, metadata, inserts);
        rows.updateNodes(nodes, metadata, updates);
        rows.writeSearch(nodes, updates, join(search));
        totals.inserted += inserts.size();
        totals.updated += updates.size();
        totals.unchanged += nodes.size() - inserts.size() - updates.size();
        List<Reference> refs = part.references();
        if (!totals.fresh) {
            ContentDiff.References d = diff.referencesFrom(uuids, refs);
            totals.refsDeleted += rows.deleteReferences(d, false);
            refs = d.insert();
        }
        rows.insertReferences(refs);
        totals.refsInserted += refs.size();
        totals.rows += inserts.size();
        if (!totals.fresh
                && totals.rows - totals.analyzedAt >= Math.max(ANALYZE_ROWS, totals.analyzedAt)) {
            // The next parts' lookups are planned on these statistics: refresh them each time
            // the table has doubled, which is a handful of times for any graph.
            rows.analyzeLookups();
            totals.analyzedAt = totals.rows;
        }
    }

    /** Takes the content lock; the workspace must exist. */
    private void begin() {
        rows.begin();
        SqlContext.requireWorkspace(handle, workspaceId);
    }

    /**
     * The search rows of the nodes {@code inserts} and {@code updates}, or {@code null}: the words
     * of many are found on another thread while the connection writes the nodes, so that the server
     * does not wait for them.
     */
    private static CompletableFuture<BinaryCopy> searchRows(
            List<Node> nodes, List<Integer> inserts, List<Integer> updates) {
        if (inserts.isEmpty() && updates.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<Node> written = ContentRows.written(nodes, inserts, updates);
        if (written.size() < SEARCH_ROWS_APART) {
            return CompletableFuture.completedFuture(SearchIndex.encode(written));
        }
        return CompletableFuture.supplyAsync(() -> SearchIndex.encode(written), HASHING);
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
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

    // ---- checks

    /**
     * Checks what can be checked without the database: all of it for a replace of every page; for a
     * replace of some, the result names what must stay.
     */
    private ContentValidator.Outside check(Collection<String> pageUuids, WorkspaceContent content) {
        if (pageUuids == null) {
            ContentValidator.checkAll(workspaceId, content);
            return null;
        }
        return ContentValidator.checkPages(workspaceId, content);
    }

    /**
     * What the content names outside itself must be stored nodes of the workspace that the replace
     * does not take away ({@code replaced}).
     */
    private void requireKept(ContentValidator.Outside outside, Map<String, long[]> replaced) {
        if (outside == null || outside.isEmpty()) {
            return;
        }
        Map<String, Boolean> stored = diff.storedPages(outside.uuids());
        outside.requireKept(
                uuid -> stored.containsKey(uuid) && !replaced.containsKey(uuid),
                uuid -> Boolean.TRUE.equals(stored.get(uuid)) && !replaced.containsKey(uuid));
    }

    /** The time each phase of a replace took, for the debug log. */
    private static final class Phases {
        private final Map<String, Long> nanos = new LinkedHashMap<>();
        private long last = System.nanoTime();

        /** Ends the phase {@code name} (adding to it, when it ran before). */
        void end(String name) {
            long t = System.nanoTime();
            nanos.merge(name, t - last, Long::sum);
            last = t;
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder();
            nanos.forEach(
                    (name, ns) ->
                            s.append(s.isEmpty() ? "" : ", ")
                                    .append(name)
                                    .append(' ')
                                    .append(ns / 1_000_000)
                                    .append(" ms"));
            return s.toString();
        }
    }
}
