package dev.draehi.store.memory;

import dev.draehi.ConflictException;
import dev.draehi.internal.NodeOrder;
import dev.draehi.model.Node;
import dev.draehi.model.PageRoute;
import dev.draehi.model.Reference;
import dev.draehi.store.WorkspaceContent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One workspace's nodes, routes and references, with the indexes the read side needs. Never changed
 * once published: a replace copies the maps (sharing their shards) and patches the copies, so its
 * cost is the shards of the pages it touches, not a copy of the workspace.
 */
final class MemoryContent {
    static final MemoryContent EMPTY = new MemoryContent();

    final CowMap<String, Node> nodes; // by uuid
    final CowMap<String, Node> pages; // the page nodes, by uuid
    final CowMap<String, PageRoute> routesByPath; // by lower-cased path
    final CowMap<String, List<String>> pathsByPageUuid; // lower-cased paths
    final CowMap<String, List<Reference>> refsBySource;
    final CowMap<String, String> pageUuidByIdentity;
    final CowMap<String, List<Node>> blocksByPage; // by exact page name, in order
    final CowMap<String, List<String>> sourcesByTarget;
    // the pages every page view's sidebar lists, by uuid: not found by a look through every page
    final CowMap<String, Node> journalPages;
    final CowMap<String, Node> favoritePages;

    /**
     * The sources {@link #without} took out of each target's list, by target, left for the next
     * {@link #add} to apply: most of a page stored again refers to what it referred to before, and
     * a target whose sources come back as they went keeps its list as it is.
     */
    private Map<String, Set<String>> goneSources = Map.of();

    /** Search's index of this version, made by the first search. */
    private volatile WordIndex words;

    /** No content, to {@link #add} to before it is published. */
    MemoryContent() {
        this(
                new CowMap<>(),
                new CowMap<>(),
                new CowMap<>(),
                new CowMap<>(),
                new CowMap<>(),
                new CowMap<>(),
                new CowMap<>(),
                new CowMap<>(),
                new CowMap<>(),
                new CowMap<>());
    }

    private MemoryContent(
            CowMap<String, Node> nodes,
            CowMap<String, Node> pages,
            CowMap<String, PageRoute> routesByPath,
            CowMap<String, List<String>> pathsByPageUuid,
            CowMap<String, List<Reference>> refsBySource,
            CowMap<String, String> pageUuidByIdentity,
            CowMap<String, List<Node>> blocksByPage,
            CowMap<String, List<String>> sourcesByTarget,
            CowMap<String, Node> journalPages,
            CowMap<String, Node> favoritePages) {
        this.nodes = nodes;
        this.pages = pages;
        this.routesByPath = routesByPath;
        this.pathsByPageUuid = pathsByPageUuid;
        this.refsBySource = refsBySource;
        this.pageUuidByIdentity = pageUuidByIdentity;
        this.blocksByPage = blocksByPage;
        this.sourcesByTarget = sourcesByTarget;
        this.journalPages = journalPages;
        this.favoritePages = favoritePages;
    }

    WordIndex words() {
        WordIndex w = words;
        if (w == null) {
            synchronized (this) {
                w = words;
                if (w == null) {
                    words = w = WordIndex.of(pages.values(), blocksByPage);
                }
            }
        }
        return w;
    }

    /**
     * A copy whose maps can be patched, at the cost of the shards it patches; the lists in them are
     * shared, never changed.
     */
    private MemoryContent copy() {
        return new MemoryContent(
                nodes.copy(),
                pages.copy(),
                routesByPath.copy(),
                pathsByPageUuid.copy(),
                refsBySource.copy(),
                pageUuidByIdentity.copy(),
                blocksByPage.copy(),
                sourcesByTarget.copy(),
                journalPages.copy(),
                favoritePages.copy());
    }

    /**
     * A copy of this content without the pages {@code pageUuids} (with their blocks, routes and the
     * references from their nodes), to {@link #add} to before it is published: the references'
     * sources leave their targets' lists in that {@code add}.
     */
    MemoryContent without(Collection<String> pageUuids) {
        MemoryContent c = copy();
        // gathered by target: a page tagged by thousands of blocks has its list copied once, not
        // once per removed reference, and not at all when the same sources refer to it again
        c.goneSources = new HashMap<>();
        for (String pageUuid : new HashSet<>(pageUuids)) {
            c.removePage(pageUuid, c.goneSources);
        }
        return c;
    }

    /**
     * Adds checked content (see {@code ContentValidator}) to this unpublished copy. A uuid or a
     * path that is already here is a conflict: the store's own keys.
     */
    void add(long workspaceId, WorkspaceContent add, Instant now) {
        addNodes(workspaceId, add.nodes(), now);
        addRoutes(workspaceId, add.routes());
        addReferences(add.references());
    }

    private void addNodes(long workspaceId, List<Node> added, Instant now) {
        Set<String> touchedPages = new HashSet<>();
        for (Node a : added) {
            Node n = a.createdAt() != null && a.updatedAt() != null ? a : stamped(a, now);
            if (nodes.putIfAbsent(n.uuid(), n) != null) {
                throw new ConflictException(
                        "duplicate node uuid " + n.uuid() + " in workspace " + workspaceId);
            }
            if (n.isPage()) {
                pages.put(n.uuid(), n);
                if (NodeOrder.isJournal(n)) {
                    journalPages.put(n.uuid(), n);
                }
                if (NodeOrder.isFavorite(n)) {
                    favoritePages.put(n.uuid(), n);
                }
                pageUuidByIdentity.put(n.pageName().toLowerCase(Locale.ROOT), n.uuid());
            } else {
                if (touchedPages.add(n.pageName())) {
                    List<Node> blocks = blocksByPage.get(n.pageName());
                    blocksByPage.put(
                            n.pageName(),
                            blocks == null ? new ArrayList<>() : new ArrayList<>(blocks));
                }
                blocksByPage.get(n.pageName()).add(n);
            }
        }
        for (String page : touchedPages) {
            blocksByPage.get(page).sort(Comparator.comparingInt(Node::order));
        }
    }

    private void addRoutes(long workspaceId, List<PageRoute> routes) {
        for (PageRoute r : routes) {
            String path = r.path().toLowerCase(Locale.ROOT);
            if (routesByPath.putIfAbsent(path, r) != null) {
                throw new ConflictException(
                        "duplicate page path '" + r.path() + "' in workspace " + workspaceId);
            }
            pathsByPageUuid.put(r.pageUuid(), with(pathsByPageUuid.get(r.pageUuid()), path));
        }
    }

    private void addReferences(List<Reference> references) {
        // grouped first: a page that thousands of blocks refer to gets its list once, not a copy
        // of it per reference
        Map<String, List<Reference>> bySource = new HashMap<>();
        Map<String, List<String>> byTarget = new HashMap<>();
        for (Reference r : references) {
            bySource.computeIfAbsent(r.sourceUuid(), k -> new ArrayList<>()).add(r);
            byTarget.computeIfAbsent(r.targetUuid(), k -> new ArrayList<>()).add(r.sourceUuid());
        }
        bySource.forEach((k, added) -> refsBySource.put(k, joined(refsBySource.get(k), added)));
        goneSources.forEach(
                (target, gone) -> {
                    List<String> back = byTarget.get(target);
                    if (back != null && gone.equals(new HashSet<>(back))) {
                        // the same sources again (backlinks read them distinct): the list stands
                        byTarget.remove(target);
                        return;
                    }
                    List<String> sources = new ArrayList<>(sourcesByTarget.get(target));
                    sources.removeAll(gone);
                    if (sources.isEmpty()) {
                        sourcesByTarget.remove(target);
                    } else {
                        sourcesByTarget.put(target, sources);
                    }
                });
        goneSources = Map.of();
        byTarget.forEach(
                (k, added) -> sourcesByTarget.put(k, joined(sourcesByTarget.get(k), added)));
    }

    private static Node stamped(Node n, Instant now) {
        return new Node(
                n.uuid(),
                n.workspaceId(),
                n.parentUuid(),
                n.order(),
                n.pageName(),
                n.slug(),
                n.title(),
                n.html(),
                n.metadata(),
                n.createdAt() != null ? n.createdAt() : now,
                n.updatedAt() != null ? n.updatedAt() : now);
    }

    private static <T> List<T> with(List<T> list, T item) {
        List<T> out = new ArrayList<>(list == null ? 1 : list.size() + 1);
        if (list != null) {
            out.addAll(list);
        }
        out.add(item);
        return out;
    }

    /**
     * {@code list} (shared with snapshots, never changed) and then {@code added}, in a new list.
     */
    private static <T> List<T> joined(List<T> list, List<T> added) {
        if (list == null || list.isEmpty()) {
            return added;
        }
        List<T> out = new ArrayList<>(list.size() + added.size());
        out.addAll(list);
        out.addAll(added);
        return out;
    }

    /**
     * Removes a page with its blocks and routes, and the references from its nodes; adds to {@code
     * goneSources} what to take out of each target's sources.
     */
    private void removePage(String pageUuid, Map<String, Set<String>> goneSources) {
        Node page = nodes.get(pageUuid);
        if (page == null || !page.isPage()) {
            return;
        }
        List<String> gone = new ArrayList<>();
        gone.add(pageUuid);
        pages.remove(pageUuid);
        journalPages.remove(pageUuid);
        favoritePages.remove(pageUuid);
        List<Node> blocks = blocksByPage.remove(page.pageName());
        if (blocks != null) {
            blocks.forEach(b -> gone.add(b.uuid()));
        }
        String identity = page.pageName().toLowerCase(Locale.ROOT);
        if (pageUuid.equals(pageUuidByIdentity.get(identity))) {
            pageUuidByIdentity.remove(identity);
        }
        List<String> paths = pathsByPageUuid.remove(pageUuid);
        if (paths != null) {
            paths.forEach(routesByPath::remove);
        }
        for (String uuid : gone) {
            nodes.remove(uuid);
            List<Reference> refs = refsBySource.remove(uuid);
            if (refs != null) {
                for (Reference r : refs) {
                    goneSources.computeIfAbsent(r.targetUuid(), t -> new HashSet<>()).add(uuid);
                }
            }
        }
    }
}
