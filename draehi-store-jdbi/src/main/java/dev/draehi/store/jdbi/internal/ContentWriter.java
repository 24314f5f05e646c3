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
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a workspace's content inside the caller's transaction: takes the content lock, checks
 * the content as {@code InMemoryStorage} does, deletes the old rows, then bulk-loads nodes, routes
 * and references with binary COPY.
 */
public final class ContentWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ContentWriter.class);
    private static final byte[] EMPTY_METADATA =
            Json.metadata(NodeMetadata.EMPTY).getBytes(StandardCharsets.UTF_8);

    private final Handle handle;
    private final long workspaceId;
    private final Instant now;

    public ContentWriter(Handle handle, long workspaceId, Instant now) {
        this.handle = handle;
        this.workspaceId = workspaceId;
        this.now = now;
    }

    /**
     * Replaces the pages {@code pageUuids} ({@code null}: every page) with {@code content}.
     *
     * @throws NotFoundException when the workspace does not exist
     * @throws ValidationException when the content is inconsistent
     * @throws ConflictException when a uuid or a path is there twice
     */
    public void replace(Collection<String> pageUuids, WorkspaceContent content)
            throws SQLException {
        long t0 = System.nanoTime();
        NodeDao dao = handle.attach(NodeDao.class);
        int ws = Math.toIntExact(workspaceId);
        dao.lockContent(ws);
        if (!handle.attach(WorkspaceDao.class).exists(workspaceId)) {
            throw new NotFoundException("no workspace with id " + workspaceId);
        }

        // Check everything that can be checked without the database first, so that a bad sync
        // fails before it deletes anything.
        Set<String> uuids = new HashSet<>(content.nodes().size() * 2);
        Set<String> parentsElsewhere = new LinkedHashSet<>();
        Map<String, Node> orphans = new HashMap<>();
        for (Node n : content.nodes()) {
            if (n.workspaceId() != workspaceId) {
                throw new ValidationException(
                        "node "
                                + n.uuid()
                                + " belongs to workspace "
                                + n.workspaceId()
                                + ", not "
                                + workspaceId);
            }
            if (n.parentUuid() != null && !uuids.contains(n.parentUuid())) {
                if (pageUuids == null) {
                    throw beforeParent(n);
                }
                parentsElsewhere.add(n.parentUuid());
                orphans.putIfAbsent(n.parentUuid(), n);
            }
            if (!uuids.add(n.uuid())) {
                throw new ConflictException(
                        "duplicate node uuid " + n.uuid() + " in workspace " + workspaceId);
            }
        }
        Set<String> paths = new HashSet<>();
        for (PageRoute r : content.routes()) {
            if (!paths.add(r.path().toLowerCase(Locale.ROOT))) {
                throw new ConflictException(
                        "duplicate page path '" + r.path() + "' in workspace " + workspaceId);
            }
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

        if (pageUuids == null) {
            dao.deleteReferences(workspaceId);
            dao.deleteRoutes(workspaceId);
            dao.deleteNodes(workspaceId);
        } else {
            if (!pageUuids.isEmpty()) {
                // cascades to their blocks, their routes and the references from their blocks
                handle.createUpdate(
                                "DELETE FROM nodes WHERE workspace_id = :ws"
                                        + " AND parent_uuid IS NULL AND uuid = ANY(:uuids)")
                        .bind("ws", workspaceId)
                        .bindArray("uuids", String.class, List.copyOf(pageUuids))
                        .execute();
            }
            Set<String> kept = existing(parentsElsewhere);
            for (String parent : parentsElsewhere) {
                if (!kept.contains(parent)) {
                    throw beforeParent(orphans.get(parent));
                }
            }
            Set<String> keptSources = existing(sourcesElsewhere);
            for (String source : sourcesElsewhere) {
                if (!keptSources.contains(source)) {
                    throw new ValidationException("reference from unknown node " + source);
                }
            }
        }

        long t1 = System.nanoTime();
        Connection c = handle.getConnection();
        copyNodes(c, content.nodes());
        long t2 = System.nanoTime();
        copyRoutes(c, content.routes());
        copyReferences(c, content.references());
        long t3 = System.nanoTime();
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "workspace {}: lock, check and delete {} ms; {} nodes {} ms; {} routes and {}"
                            + " references {} ms",
                    workspaceId,
                    (t1 - t0) / 1_000_000,
                    content.nodes().size(),
                    (t2 - t1) / 1_000_000,
                    content.routes().size(),
                    content.references().size(),
                    (t3 - t2) / 1_000_000);
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

    private void copyNodes(Connection c, List<Node> nodes) throws SQLException {
        if (nodes.isEmpty()) {
            return;
        }
        int ws = Math.toIntExact(workspaceId);
        ByteArrayOutputStream json = new ByteArrayOutputStream(256);
        try (BinaryCopy copy = BinaryCopy.start(c, "nodes", Rows.NODE_COLUMNS)) {
            for (Node n : nodes) {
                copy.row(11);
                copy.text(n.uuid());
                copy.int4(ws);
                copy.text(n.parentUuid());
                copy.int4(n.order());
                copy.text(n.pageName());
                copy.text(n.slug());
                copy.text(n.title());
                copy.text(n.html());
                if (n.metadata().equals(NodeMetadata.EMPTY)) {
                    copy.utf8(EMPTY_METADATA, 0, EMPTY_METADATA.length);
                } else {
                    json.reset();
                    Json.writeMetadata(n.metadata(), json);
                    copy.utf8(json.toByteArray(), 0, json.size());
                }
                copy.timestamp(n.createdAt() != null ? n.createdAt() : now);
                copy.timestamp(now);
            }
            copy.finish();
        }
    }

    private void copyRoutes(Connection c, List<PageRoute> routes) throws SQLException {
        if (routes.isEmpty()) {
            return;
        }
        int ws = Math.toIntExact(workspaceId);
        try (BinaryCopy copy =
                BinaryCopy.start(c, "draehi_page_routes", "workspace_id, path, page_uuid")) {
            for (PageRoute r : routes) {
                copy.row(3);
                copy.int4(ws);
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
        int ws = Math.toIntExact(workspaceId);
        try (BinaryCopy copy =
                BinaryCopy.start(
                        c, "draehi_references", "workspace_id, source_uuid, target_uuid, kind")) {
            for (Reference r : refs) {
                copy.row(4);
                copy.int4(ws);
                copy.text(r.sourceUuid());
                copy.text(r.targetUuid());
                copy.text(r.kind().name().toLowerCase(Locale.ROOT));
            }
            copy.finish();
        }
    }
}
