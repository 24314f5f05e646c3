package dev.draehi.store.jdbi.internal;

import dev.draehi.DraehiException;
import dev.draehi.ValidationException;
import dev.draehi.model.Node;
import dev.draehi.model.PageRoute;
import dev.draehi.store.LinkedReferences;
import dev.draehi.store.NodeRepository;
import dev.draehi.store.PageContent;
import dev.draehi.store.SearchWords;
import dev.draehi.store.WorkspaceContent;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.jdbi.v3.core.JdbiException;

/**
 * The {@code nodes} table with its route, reference and search indexes: reads are one indexed query
 * each, content writes go through {@link ContentWriter}.
 */
final class SqlNodeRepository implements NodeRepository {
    // the mapper of the query every page view makes, which bypasses SQL objects (see
    // NodeDao.PAGE_CONTENT)
    private static final Rows.PartRowMapper PART_ROWS = new Rows.PartRowMapper();

    // and of the queries the first page view of a sync makes
    private static final Rows.NodeMapper NODES = new Rows.NodeMapper();

    // workspace_pagename_idx: a page's rows together, sorted among themselves as they come
    private static final String ALL_NODES =
            "SELECT * FROM nodes WHERE workspace_id = :workspaceId"
                    + " ORDER BY page_name, (parent_uuid IS NOT NULL), \"order\", uuid";

    /** Rows a batch of {@link #forEachPage} fetches. */
    private static final int FETCH_ROWS = 1000;

    private final SqlContext sql;

    SqlNodeRepository(SqlContext sql) {
        this.sql = sql;
    }

    @Override
    public Optional<Node> findByUuid(String uuid) {
        Objects.requireNonNull(uuid, "uuid");
        return sql.read("finding node " + uuid, h -> h.attach(NodeDao.class).findByUuid(uuid));
    }

    @Override
    public List<Node> pages(long workspaceId) {
        return sql.read(
                "listing the pages of workspace " + workspaceId,
                h -> h.attach(NodeDao.class).pages(workspaceId));
    }

    @Override
    public Optional<Node> findPage(long workspaceId, String pageName) {
        Objects.requireNonNull(pageName, "pageName");
        return sql.read(
                "finding page '" + pageName + "' of workspace " + workspaceId,
                h -> h.attach(NodeDao.class).findPage(workspaceId, pageName));
    }

    @Override
    public List<Node> favorites(long workspaceId) {
        return sql.read(
                "listing the favorites of workspace " + workspaceId,
                h ->
                        h.createQuery(NodeDao.FAVORITES)
                                .bind("workspaceId", workspaceId)
                                .map(NODES)
                                .list());
    }

    @Override
    public List<Node> journals(long workspaceId) {
        return sql.read(
                "listing the journals of workspace " + workspaceId,
                h -> h.attach(NodeDao.class).journals(workspaceId));
    }

    @Override
    public List<Node> journals(long workspaceId, int limit) {
        return sql.read(
                "listing the newest journals of workspace " + workspaceId,
                h ->
                        h.createQuery(NodeDao.NEWEST_JOURNALS)
                                .bind("workspaceId", workspaceId)
                                .bind("limit", Math.max(0, limit))
                                .map(NODES)
                                .list());
    }

    @Override
    public boolean hasJournals(long workspaceId) {
        return sql.read(
                "looking for the journals of workspace " + workspaceId,
                h ->
                        h.createQuery(NodeDao.HAS_JOURNALS)
                                .bind("workspaceId", workspaceId)
                                .mapTo(Boolean.class)
                                .one());
    }

    @Override
    public Map<String, Node> findPages(long workspaceId, Collection<String> pageNames) {
        Objects.requireNonNull(pageNames, "pageNames");
        if (pageNames.isEmpty()) {
            return Map.of();
        }
        String[] lower =
                pageNames.stream()
                        .map(n -> n.toLowerCase(Locale.ROOT))
                        .distinct()
                        .toArray(String[]::new);
        List<Node> pages =
                sql.read(
                        "finding " + lower.length + " pages of workspace " + workspaceId,
                        h -> h.attach(NodeDao.class).findPages(workspaceId, lower));
        Map<String, Node> byLower = new HashMap<>();
        for (Node p : pages) {
            byLower.put(p.pageName().toLowerCase(Locale.ROOT), p);
        }
        Map<String, Node> out = new HashMap<>();
        for (String name : pageNames) {
            Node p = byLower.get(name.toLowerCase(Locale.ROOT));
            if (p != null) {
                out.put(name, p);
            }
        }
        return out;
    }

    @Override
    public Optional<Node> findByPath(long workspaceId, String path) {
        Objects.requireNonNull(path, "path");
        return sql.read(
                "finding the page at '" + path + "' of workspace " + workspaceId,
                h -> h.attach(NodeDao.class).findByPath(workspaceId, path));
    }

    @Override
    public List<PageRoute> routes(long workspaceId) {
        return sql.read(
                "listing the routes of workspace " + workspaceId,
                h -> h.attach(NodeDao.class).routes(workspaceId));
    }

    @Override
    public int routeCount(long workspaceId, int atMost) {
        return sql.read(
                "counting the routes of workspace " + workspaceId,
                h ->
                        h.createQuery(NodeDao.ROUTE_COUNT)
                                .bind("workspaceId", workspaceId)
                                .bind("atMost", Math.max(0, atMost))
                                .mapTo(Integer.class)
                                .one());
    }

    @Override
    public List<Node> blocksOfPage(long workspaceId, String pageName) {
        Objects.requireNonNull(pageName, "pageName");
        return sql.read(
                "reading the blocks of page '" + pageName + "' of workspace " + workspaceId,
                h -> h.attach(NodeDao.class).blocksOfPage(workspaceId, pageName));
    }

    @Override
    public void forEachPage(long workspaceId, BiConsumer<Node, List<Node>> action) {
        Objects.requireNonNull(action, "action");
        sql.readInBatches(
                "reading every page of workspace " + workspaceId,
                h -> {
                    try (Stream<Node> rows =
                            h
                                    .createQuery(ALL_NODES)
                                    .bind("workspaceId", workspaceId)
                                    .setFetchSize(FETCH_ROWS)
                                    .map(new Rows.NodeMapper())
                                    .stream()) {
                        Node page = null;
                        List<Node> blocks = new ArrayList<>();
                        for (Node n : (Iterable<Node>) rows::iterator) {
                            if (n.isPage()) {
                                if (page != null) {
                                    action.accept(page, blocks);
                                }
                                page = n;
                                blocks = new ArrayList<>();
                            } else if (page != null && n.pageName().equals(page.pageName())) {
                                blocks.add(n);
                            }
                        }
                        if (page != null) {
                            action.accept(page, blocks);
                        }
                    }
                    return null;
                });
    }

    @Override
    public List<Node> backlinks(long workspaceId, String targetUuid) {
        Objects.requireNonNull(targetUuid, "targetUuid");
        return sql.read(
                "reading the backlinks of " + targetUuid + " in workspace " + workspaceId,
                h -> h.attach(NodeDao.class).backlinks(workspaceId, targetUuid));
    }

    @Override
    public LinkedReferences linkedReferences(
            long workspaceId, String targetUuid, String pageName, int maxPages) {
        Objects.requireNonNull(targetUuid, "targetUuid");
        Objects.requireNonNull(pageName, "pageName");
        notNegative("maxPages", maxPages);
        List<Rows.LinkedRow> rows =
                sql.read(
                        "reading the linked references of "
                                + targetUuid
                                + " in workspace "
                                + workspaceId,
                        h ->
                                h.attach(NodeDao.class)
                                        .linkedReferences(
                                                workspaceId, targetUuid, pageName, maxPages));
        return linked(rows);
    }

    @Override
    public Optional<PageContent> pageContent(long workspaceId, String path, int maxReferencePages) {
        Objects.requireNonNull(path, "path");
        notNegative("maxReferencePages", maxReferencePages);
        List<Rows.PartRow> rows =
                sql.read(
                        "reading the page at '" + path + "' of workspace " + workspaceId,
                        h ->
                                h.createQuery(NodeDao.PAGE_CONTENT)
                                        .bind("workspaceId", workspaceId)
                                        .bind("path", path)
                                        .bind("maxPages", maxReferencePages)
                                        .map(PART_ROWS)
                                        .list());
        if (rows.isEmpty() || rows.get(0).part() != 0) {
            return Optional.empty();
        }
        List<Node> blocks = new ArrayList<>();
        List<Rows.LinkedRow> linked = new ArrayList<>();
        for (Rows.PartRow r : rows) {
            if (r.part() == 1) {
                blocks.add(r.row().block());
            } else if (r.part() == 2) {
                linked.add(r.row());
            }
        }
        return Optional.of(new PageContent(rows.get(0).row().block(), blocks, linked(linked)));
    }

    private static void notNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }

    /** Linked references from their rows, which come in page-name order. */
    private static LinkedReferences linked(List<Rows.LinkedRow> rows) {
        if (rows.isEmpty()) {
            return LinkedReferences.NONE;
        }
        // a group per page, in the rows' order
        Map<String, List<Node>> byPage = new LinkedHashMap<>();
        Map<String, String> paths = new HashMap<>();
        for (Rows.LinkedRow row : rows) {
            if (row.block() != null) {
                String name = row.block().pageName();
                byPage.computeIfAbsent(name, k -> new ArrayList<>()).add(row.block());
                paths.put(name, row.pagePath());
            }
        }
        List<LinkedReferences.Group> groups = new ArrayList<>(byPage.size());
        byPage.forEach(
                (name, blocks) ->
                        groups.add(new LinkedReferences.Group(name, paths.get(name), blocks)));
        return new LinkedReferences(groups, rows.get(0).blockCount(), rows.get(0).pageCount());
    }

    @Override
    public List<Node> search(long workspaceId, String query, int limit) {
        Objects.requireNonNull(query, "query");
        // every word, each quoted: words are letters, digits and marks, nothing tsquery reads
        List<String> words = SearchWords.ofQuery(query);
        if (words.isEmpty() || limit <= 0) {
            return List.of();
        }
        StringBuilder tsquery = new StringBuilder();
        for (String w : words) {
            if (!tsquery.isEmpty()) {
                tsquery.append(" & ");
            }
            tsquery.append('\'').append(w.replace("\\", "\\\\").replace("'", "''")).append('\'');
        }
        return sql.read(
                "searching workspace " + workspaceId,
                h ->
                        h.attach(NodeDao.class)
                                .search(
                                        workspaceId,
                                        tsquery.toString(),
                                        SearchWords.MAX_CANDIDATES,
                                        limit));
    }

    @Override
    public long count(long workspaceId) {
        return sql.read(
                "counting the nodes of workspace " + workspaceId,
                h -> h.attach(NodeDao.class).count(workspaceId));
    }

    @Override
    public void replaceAll(long workspaceId, WorkspaceContent content) {
        Objects.requireNonNull(content, "content");
        writeContent(workspaceId, w -> w.replace(null, content));
    }

    @Override
    public void replaceAll(long workspaceId, Stream<WorkspaceContent> parts) {
        Objects.requireNonNull(parts, "parts");
        writeContent(workspaceId, w -> w.replaceInParts(parts.iterator()));
    }

    @Override
    public void replacePages(
            long workspaceId, Collection<String> pageUuids, WorkspaceContent content) {
        Objects.requireNonNull(pageUuids, "pageUuids");
        Objects.requireNonNull(content, "content");
        writeContent(workspaceId, w -> w.replace(pageUuids, content));
    }

    private interface ContentWrite {
        void run(ContentWriter writer) throws SQLException;
    }

    private void writeContent(long workspaceId, ContentWrite op) {
        String what = "replacing the content of workspace " + workspaceId;
        sql.write(
                what,
                h -> {
                    try {
                        op.run(new ContentWriter(h, workspaceId, sql.nowInstant()));
                    } catch (SQLException | JdbiException e) {
                        throw contentFailure(what, e);
                    }
                    return null;
                });
    }

    private static DraehiException contentFailure(String what, Exception e) {
        if (Errors.FOREIGN_KEY_VIOLATION.equals(Errors.sqlState(e))) {
            // a route or reference naming a node that is not in the content
            return new ValidationException(
                    what
                            + ": the content refers to a node it does not contain: "
                            + Errors.rootMessage(e));
        }
        return Errors.translate(what, e);
    }
}
