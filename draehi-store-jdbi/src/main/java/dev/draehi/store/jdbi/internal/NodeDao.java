package dev.draehi.store.jdbi.internal;

import dev.draehi.model.Node;
import dev.draehi.model.PageRoute;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code nodes} with draehi's route and reference tables: the read side, each query indexed. */
@RegisterRowMapper(Rows.NodeMapper.class)
@RegisterRowMapper(Rows.PageRouteMapper.class)
public interface NodeDao {
    @SqlQuery("SELECT * FROM nodes WHERE uuid = :uuid")
    Optional<Node> findByUuid(String uuid);

    // draehi_nodes_pages_idx; "C" sorts by code point, as Java's String order does
    @SqlQuery(
            "SELECT * FROM nodes WHERE workspace_id = :workspaceId AND parent_uuid IS NULL"
                    + " ORDER BY page_name COLLATE \"C\"")
    List<Node> pages(long workspaceId);

    // draehi_nodes_page_lower_name_idx
    @SqlQuery(
            "SELECT * FROM nodes WHERE workspace_id = :workspaceId AND parent_uuid IS NULL"
                    + " AND lower(page_name) = lower(:pageName)"
                    + " ORDER BY page_name COLLATE \"C\" LIMIT 1")
    Optional<Node> findPage(long workspaceId, String pageName);

    /**
     * The favorite pages of {@code :workspaceId}; read on the first page view of a sync, through
     * the fluent API (see {@link #PAGE_CONTENT}).
     */
    // draehi_nodes_favorites_idx (partial: favorite pages only)
    String FAVORITES =
            "SELECT * FROM nodes WHERE workspace_id = :workspaceId AND parent_uuid IS NULL"
                    + " AND (metadata -> 'draehi' ->> 'favorite') IS NOT NULL"
                    + " ORDER BY page_name COLLATE \"C\"";

    // draehi_nodes_journals_idx (partial: journal pages only), in its order
    String JOURNALS =
            "SELECT * FROM nodes WHERE workspace_id = :workspaceId AND parent_uuid IS NULL"
                    + " AND (metadata -> 'draehi' ->> 'journal-day') IS NOT NULL"
                    + " ORDER BY metadata -> 'draehi' ->> 'journal-day' DESC,"
                    + " page_name COLLATE \"C\"";

    @SqlQuery(JOURNALS)
    List<Node> journals(long workspaceId);

    /**
     * The {@code :limit} newest journals of {@code :workspaceId}, the index's order ending the scan
     * at them; read on the first page view of a sync, through the fluent API.
     */
    String NEWEST_JOURNALS = JOURNALS + " LIMIT :limit";

    /** Whether {@code :workspaceId} has a journal page; read on the first page view of a sync. */
    // draehi_nodes_journals_idx
    String HAS_JOURNALS =
            "SELECT EXISTS (SELECT 1 FROM nodes WHERE workspace_id = :workspaceId"
                    + " AND parent_uuid IS NULL"
                    + " AND (metadata -> 'draehi' ->> 'journal-day') IS NOT NULL)";

    // draehi_nodes_page_lower_name_idx, one probe per name
    @SqlQuery(
            "SELECT DISTINCT ON (lower(page_name)) * FROM nodes WHERE workspace_id = :workspaceId"
                    + " AND parent_uuid IS NULL AND lower(page_name) = ANY(:lowerNames)"
                    + " ORDER BY lower(page_name), page_name COLLATE \"C\"")
    List<Node> findPages(long workspaceId, String[] lowerNames);

    // draehi_page_routes_lower_path_idx, then the primary key of nodes
    @SqlQuery(
            "SELECT n.* FROM draehi_page_routes r JOIN nodes n ON n.uuid = r.page_uuid"
                    + " WHERE r.workspace_id = :workspaceId AND lower(r.path) = lower(:path)")
    Optional<Node> findByPath(long workspaceId, String path);

    @SqlQuery(
            "SELECT path, page_uuid FROM draehi_page_routes WHERE workspace_id = :workspaceId"
                    + " ORDER BY path COLLATE \"C\"")
    List<PageRoute> routes(long workspaceId);

    /**
     * How many routes {@code :workspaceId} has, up to {@code :atMost}; read on the first page view
     * of a sync, through the fluent API.
     */
    // the primary key of draehi_page_routes (workspace_id, path): an index-only count that stops
    // at the limit (all 53,000 routes of one workspace: 8 ms; the first 10,000: under 2 ms)
    String ROUTE_COUNT =
            "SELECT count(*) FROM (SELECT 1 FROM draehi_page_routes WHERE workspace_id ="
                    + " :workspaceId LIMIT :atMost) AS r";

    // workspace_pagename_idx
    @SqlQuery(
            "SELECT * FROM nodes WHERE workspace_id = :workspaceId AND page_name = :pageName"
                    + " AND parent_uuid IS NOT NULL ORDER BY \"order\", uuid")
    List<Node> blocksOfPage(long workspaceId, String pageName);

    // draehi_references_target_idx, then the primary key of nodes
    @SqlQuery(
            "SELECT n.* FROM nodes n WHERE n.workspace_id = :workspaceId AND n.uuid IN"
                    + " (SELECT r.source_uuid FROM draehi_references r"
                    + " WHERE r.workspace_id = :workspaceId AND r.target_uuid = :targetUuid)"
                    + " ORDER BY n.page_name COLLATE \"C\", (n.parent_uuid IS NOT NULL), n.\"order\", n.uuid")
    List<Node> backlinks(long workspaceId, String targetUuid);

    /**
     * The referring blocks of the target in a CTE {@code p (uuid, page_name)}, but for those on
     * page {@code p.page_name}, ranked by page name ({@code s}), and their counts ({@code t}).
     * Ranks the blocks on their uuids and page names only.
     */
    // draehi_references_target_idx, then the primary key of nodes
    String LINKED_CTES =
            " s AS (SELECT n.uuid, n.page_name,"
                    + " dense_rank() OVER (ORDER BY n.page_name COLLATE \"C\") AS page_rank"
                    + " FROM nodes n WHERE n.workspace_id = :workspaceId"
                    + " AND n.page_name <> (SELECT page_name FROM p) AND n.uuid IN"
                    + " (SELECT r.source_uuid FROM draehi_references r"
                    + " WHERE r.workspace_id = :workspaceId"
                    + " AND r.target_uuid = (SELECT uuid FROM p))),"
                    + " t AS (SELECT count(*) AS block_count,"
                    + " coalesce(max(page_rank), 0) AS page_count FROM s)";

    /**
     * Over {@link #LINKED_CTES}: one row per referring block of the first {@code maxPages} pages,
     * read in full, each with the counts of all and its page's path; one row with the counts alone
     * when no page is shown.
     */
    // the primary key of nodes, workspace_pagename_idx
    String LINKED_ROWS =
            "SELECT b.*, t.block_count, t.page_count, pp.path AS page_path"
                    + " FROM t LEFT JOIN s ON s.page_rank <= :maxPages"
                    + " LEFT JOIN nodes b ON b.uuid = s.uuid"
                    + " LEFT JOIN LATERAL (SELECT q.metadata -> 'draehi' ->> 'path' AS path"
                    + " FROM nodes q WHERE q.workspace_id = :workspaceId"
                    + " AND q.page_name = s.page_name AND q.parent_uuid IS NULL LIMIT 1) pp"
                    + " ON true";

    /** The linked references of a target, as {@link #LINKED_ROWS}, in page-name order. */
    @SqlQuery(
            "WITH p AS (SELECT CAST(:targetUuid AS text) AS uuid,"
                    + " CAST(:pageName AS text) AS page_name),"
                    + LINKED_CTES
                    + " "
                    + LINKED_ROWS
                    + " ORDER BY b.page_name COLLATE \"C\", (b.parent_uuid IS NOT NULL), b.\"order\", b.uuid")
    @RegisterRowMapper(Rows.LinkedRowMapper.class)
    List<Rows.LinkedRow> linkedReferences(
            long workspaceId, String targetUuid, String pageName, int maxPages);

    /**
     * A page view's reads in one: the page at {@code :path} (part 0), its blocks (part 1) and its
     * linked references of at most {@code :maxPages} pages, as {@link #linkedReferences} gives them
     * (part 2); no rows when there is no page at that path. Rows map with {@link
     * Rows.PartRowMapper}.
     *
     * <p>This and the other queries of every page view run through JDBI's fluent API: attaching an
     * SQL object costs as much as the query's round trip, as it prepares a handler for each of the
     * interface's methods.
     */
    // draehi_page_routes_lower_path_idx, workspace_pagename_idx, and those of the linked rows
    String PAGE_CONTENT =
            "WITH p AS (SELECT n.* FROM draehi_page_routes r JOIN nodes n ON n.uuid = r.page_uuid"
                    + " WHERE r.workspace_id = :workspaceId AND lower(r.path) = lower(:path)),"
                    + LINKED_CTES
                    + " SELECT * FROM (SELECT 0 AS part, p.*, CAST(NULL AS bigint) AS block_count,"
                    + " CAST(NULL AS bigint) AS page_count, CAST(NULL AS text) AS page_path FROM p"
                    + " UNION ALL SELECT 1, b.*, NULL, NULL, NULL FROM p JOIN nodes b"
                    + " ON b.workspace_id = :workspaceId AND b.page_name = p.page_name"
                    + " AND b.parent_uuid IS NOT NULL"
                    + " UNION ALL SELECT 2, l.* FROM ("
                    + LINKED_ROWS
                    + ") l WHERE EXISTS (SELECT 1 FROM p)) c"
                    + " ORDER BY part, page_name COLLATE \"C\", (parent_uuid IS NOT NULL), \"order\", uuid";

    /**
     * Nodes whose words match {@code query}, a {@code tsquery} in text form: at most {@code
     * candidates} pages and as many blocks, as each GIN index of draehi_search finds them, ordered
     * as {@code InMemoryStorage} orders them.
     */
    @SqlQuery(
            "SELECT n.* FROM ("
                    + SEARCH_CANDIDATES
                    + " is_page"
                    + SEARCH_MATCH
                    + " UNION ALL "
                    + SEARCH_CANDIDATES
                    + " NOT is_page"
                    + SEARCH_MATCH
                    + ") h JOIN nodes n ON n.uuid = h.uuid"
                    + " ORDER BY (n.parent_uuid IS NOT NULL), n.page_name COLLATE \"C\","
                    + " n.\"order\", n.uuid"
                    + " LIMIT :limit")
    List<Node> search(long workspaceId, String query, int candidates, int limit);

    String SEARCH_CANDIDATES =
            "(SELECT uuid FROM draehi_search WHERE workspace_id = :workspaceId AND";
    String SEARCH_MATCH = " AND words @@ CAST(:query AS tsquery) LIMIT :candidates)";

    @SqlQuery("SELECT count(*) FROM nodes WHERE workspace_id = :workspaceId")
    long count(long workspaceId);

    /** The content lock of a workspace, held until the transaction ends. */
    String LOCK_CONTENT = "pg_advisory_xact_lock(" + Locks.CONTENT + ", :workspaceId)";

    /** Waits for the workspace's content lock, held until the transaction ends. */
    @SqlQuery("SELECT count(*) FROM (SELECT " + LOCK_CONTENT + ") AS l")
    int lockContent(int workspaceId);

    /**
     * {@link #lockContent}, and jit off for the rest of the transaction (as {@code SET LOCAL} would
     * set it), in one round trip; every content write takes it, through the fluent API.
     */
    String LOCK_CONTENT_WITHOUT_JIT =
            "SELECT count(*) FROM (SELECT "
                    + LOCK_CONTENT
                    + ", set_config('jit', 'off', true)) AS l";

    @SqlUpdate("DELETE FROM draehi_references WHERE workspace_id = :workspaceId")
    int deleteReferences(long workspaceId);

    @SqlUpdate("DELETE FROM draehi_page_routes WHERE workspace_id = :workspaceId")
    int deleteRoutes(long workspaceId);

    /**
     * Deletes the workspace's nodes with the rows draehi derives from them (routes, references and
     * search words, which have no foreign key to cascade from nodes), in one statement; how many
     * nodes. The caller holds the workspace's content lock.
     */
    @SqlQuery(
            "WITH words AS (DELETE FROM draehi_search s USING nodes n"
                    + " WHERE n.workspace_id = :workspaceId AND s.uuid = n.uuid),"
                    + " refs AS (DELETE FROM draehi_references WHERE workspace_id = :workspaceId),"
                    + " routes AS (DELETE FROM draehi_page_routes"
                    + " WHERE workspace_id = :workspaceId),"
                    + " gone AS (DELETE FROM nodes WHERE workspace_id = :workspaceId RETURNING 1)"
                    + " SELECT count(*) FROM gone")
    int deleteContent(long workspaceId);

    /** The ids of the user's workspaces. */
    @SqlQuery("SELECT id FROM workspaces WHERE user_id = :userId ORDER BY id")
    List<Long> workspacesOf(long userId);
}
