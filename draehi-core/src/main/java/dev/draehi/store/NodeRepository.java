package dev.draehi.store;

import dev.draehi.internal.NodeOrder;
import dev.draehi.model.Node;
import dev.draehi.model.NodeMetadata;
import dev.draehi.model.PageRoute;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * The {@code nodes} table with draehi's route and reference indexes: the read side of a published
 * site, each method one indexed lookup.
 */
public interface NodeRepository {
    /** The node with this uuid. */
    Optional<Node> findByUuid(String uuid);

    /** The workspace's pages, ordered by page name. */
    List<Node> pages(long workspaceId);

    /**
     * The workspace's journal pages (those with a {@code journal-day} attribute), newest day first.
     * The default filters {@link #pages}; a backend may answer it without reading every page.
     */
    default List<Node> journals(long workspaceId) {
        return pages(workspaceId).stream()
                .filter(NodeOrder::isJournal)
                .sorted(NodeOrder.JOURNALS)
                .toList();
    }

    /**
     * The first {@code limit} of {@link #journals}: the newest, which a page's sidebar shows. The
     * default reads them all; a backend should read no more than it returns.
     */
    default List<Node> journals(long workspaceId, int limit) {
        List<Node> all = journals(workspaceId);
        return all.subList(0, Math.min(Math.max(0, limit), all.size()));
    }

    /**
     * The workspace's favorite pages (those with a {@code favorite} attribute: the graph's {@code
     * :favorites}), in no particular order; the sidebar of every page shows them. The default
     * filters {@link #pages}; a backend may answer it without reading every page.
     */
    default List<Node> favorites(long workspaceId) {
        return pages(workspaceId).stream().filter(NodeOrder::isFavorite).toList();
    }

    /**
     * Whether the workspace has a journal page, as {@link #journals} lists them: what every page's
     * navigation asks. The default looks through {@link #pages} to the first.
     */
    default boolean hasJournals(long workspaceId) {
        return pages(workspaceId).stream().anyMatch(NodeOrder::isJournal);
    }

    /** The page named {@code pageName}, case-insensitively. */
    Optional<Node> findPage(long workspaceId, String pageName);

    /**
     * The pages with these names, case-insensitively, keyed by the name as given; names without a
     * page are left out. One lookup for a whole list (a page's linked references name many pages);
     * the default asks {@link #findPage} for each.
     */
    default Map<String, Node> findPages(long workspaceId, Collection<String> pageNames) {
        Map<String, Node> out = new HashMap<>();
        for (String name : pageNames) {
            findPage(workspaceId, name).ifPresent(p -> out.put(name, p));
        }
        return out;
    }

    /**
     * The page served at {@code path} ({@code a/b-c}: namespace segments, slugified, joined by
     * {@code /}), case-insensitively.
     */
    Optional<Node> findByPath(long workspaceId, String path);

    /** The route of every page of the workspace, by path. */
    List<PageRoute> routes(long workspaceId);

    /**
     * How many routes {@link #routes} lists, counting no further than {@code atMost}, without
     * reading them: a site asks once per deployment whether a graph is small enough for its pages
     * to take their page graph from the whole graph's data, and a large graph's answer costs no
     * more than a small one's. The default counts {@link #routes}; a backend should count them
     * where they are kept.
     *
     * @return the number of routes, or {@code atMost} when there are more
     */
    default int routeCount(long workspaceId, int atMost) {
        return Math.min(routes(workspaceId).size(), atMost);
    }

    /** The blocks of the page named {@code pageName} (exact name), in tree order. */
    List<Node> blocksOfPage(long workspaceId, String pageName);

    /**
     * Calls {@code action} with each page of the workspace and its blocks in tree order (as {@link
     * #blocksOfPage} gives them), one page at a time and the pages in no particular order: what
     * reads a whole workspace (a site's search index and graph) reads, without holding it whole.
     * The default asks {@link #blocksOfPage} for each of {@link #pages}; a backend should read them
     * all in one query.
     *
     * <pre>{@code
     * storage.nodes().forEachPage(ws.id(), (page, blocks) -> index.add(page, blocks));
     * }</pre>
     */
    default void forEachPage(long workspaceId, BiConsumer<Node, List<Node>> action) {
        Objects.requireNonNull(action, "action");
        for (Node page : pages(workspaceId)) {
            action.accept(page, blocksOfPage(workspaceId, page.pageName()));
        }
    }

    /**
     * The blocks that refer to the page or block {@code targetUuid}, ordered by page name and then
     * position in the page; from the reference index.
     */
    List<Node> backlinks(long workspaceId, String targetUuid);

    /**
     * The linked references of the page or block {@code targetUuid}, as a page view shows them: the
     * {@link #backlinks} that are not on page {@code pageName} (exact name), grouped by page, with
     * the blocks of the first {@code maxPages} pages and the counts of all. The default reads every
     * backlink and then the shown pages; a backend may count the rest without reading them.
     *
     * @throws IllegalArgumentException when {@code maxPages} is negative
     */
    default LinkedReferences linkedReferences(
            long workspaceId, String targetUuid, String pageName, int maxPages) {
        Objects.requireNonNull(pageName, "pageName");
        if (maxPages < 0) {
            throw new IllegalArgumentException("maxPages must not be negative, was " + maxPages);
        }
        Map<String, List<Node>> byPage = new LinkedHashMap<>();
        int blocks = 0;
        for (Node b : backlinks(workspaceId, targetUuid)) {
            if (!b.pageName().equals(pageName)) {
                byPage.computeIfAbsent(b.pageName(), k -> new ArrayList<>()).add(b);
                blocks++;
            }
        }
        List<String> shown = byPage.keySet().stream().limit(maxPages).toList();
        Map<String, Node> pages = shown.isEmpty() ? Map.of() : findPages(workspaceId, shown);
        List<LinkedReferences.Group> groups = new ArrayList<>(shown.size());
        for (String name : shown) {
            Node page = pages.get(name);
            String path =
                    page == null
                            ? null
                            : page.metadata().attribute(NodeMetadata.Attributes.PATH).orElse(null);
            groups.add(new LinkedReferences.Group(name, path, byPage.get(name)));
        }
        return new LinkedReferences(groups, blocks, byPage.size());
    }

    /**
     * The page whose route is {@code path} (any case), with its {@link #blocksOfPage blocks} and
     * its {@link #linkedReferences linked references} of at most {@code maxReferencePages} pages:
     * all that a page view reads, in one call. The default makes the three reads; a backend may
     * answer in one round trip.
     *
     * @throws IllegalArgumentException when {@code maxReferencePages} is negative
     */
    default Optional<PageContent> pageContent(
            long workspaceId, String path, int maxReferencePages) {
        Objects.requireNonNull(path, "path");
        if (maxReferencePages < 0) {
            throw new IllegalArgumentException(
                    "maxReferencePages must not be negative, was " + maxReferencePages);
        }
        return findByPath(workspaceId, path)
                .map(
                        page ->
                                new PageContent(
                                        page,
                                        blocksOfPage(workspaceId, page.pageName()),
                                        linkedReferences(
                                                workspaceId,
                                                page.uuid(),
                                                page.pageName(),
                                                maxReferencePages)));
    }

    /**
     * Full-text search: pages whose title and blocks whose text contain every word of {@code query}
     * (case-insensitive), at most {@code limit}: pages first, then blocks, each by page name and
     * position. A word is a run of letters, digits and combining marks; a block's text is its HTML
     * without tags. A store of one's own should split text the same way.
     *
     * <p>So that a common word costs a bounded read, the results come from at most 1,000 matching
     * pages and 1,000 matching blocks, whichever the store finds first: when more match, the first
     * results are not necessarily the first by name.
     */
    List<Node> search(long workspaceId, String query, int limit);

    /** How many nodes (pages and blocks) the workspace has. */
    long count(long workspaceId);

    /**
     * Replaces everything the workspace publishes with {@code content}, atomically: readers see the
     * old content or the new, never a mix. Holds the workspace's content lock while it writes, so
     * two replaces of one workspace never interleave. On failure, the old content stays.
     *
     * @throws dev.draehi.ValidationException when the content breaks a rule of {@link
     *     ContentValidator#checkAll} (a node belongs to another workspace, a block's parent is not
     *     in {@code content}, …)
     * @throws dev.draehi.ConflictException when a uuid or a path is there twice
     */
    void replaceAll(long workspaceId, WorkspaceContent content);

    /**
     * Replaces everything the workspace publishes with content that comes in parts, with the
     * guarantees of {@link #replaceAll(long, WorkspaceContent)}: the parts are one atomic replace,
     * and on failure the old content stays. A backend that can writes each part as it arrives and
     * lets go of it, so that a graph's whole content is never in memory at once: draehi's full
     * syncs render and hand over a few hundred pages at a time.
     *
     * <p>Each block comes in the same part as its parent, after it, and each reference in the part
     * of its source; a page's route may come in any part. The default collects the parts and calls
     * {@link #replaceAll(long, WorkspaceContent)}.
     *
     * <pre>{@code
     * storage.inTransaction(s -> {
     *     s.nodes().replaceAll(workspaceId, chunks.stream().map(builder::build));
     *     return null;
     * });
     * }</pre>
     *
     * @throws dev.draehi.ValidationException as {@link #replaceAll(long, WorkspaceContent)}, and
     *     when a block's parent is in another part ({@link ContentValidator#parts})
     */
    default void replaceAll(long workspaceId, Stream<WorkspaceContent> parts) {
        replaceAll(workspaceId, WorkspaceContent.concat(parts));
    }

    /**
     * Replaces some pages: deletes the pages {@code pageUuids} (with their blocks, routes and the
     * references from their blocks), then stores {@code content}. Same guarantees as {@link
     * #replaceAll}; the parents, route pages and reference sources that {@code content} names but
     * does not contain must be nodes that stay ({@link ContentValidator#checkPages}).
     */
    void replacePages(long workspaceId, Collection<String> pageUuids, WorkspaceContent content);
}
