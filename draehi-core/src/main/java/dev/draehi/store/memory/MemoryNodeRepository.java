package dev.draehi.store.memory;

import dev.draehi.NotFoundException;
import dev.draehi.internal.NodeOrder;
import dev.draehi.model.Node;
import dev.draehi.model.PageRoute;
import dev.draehi.store.ContentValidator;
import dev.draehi.store.NodeRepository;
import dev.draehi.store.SearchWords;
import dev.draehi.store.WorkspaceContent;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** The nodes, routes and references of an {@link InMemoryStorage}, read from its indexes. */
final class MemoryNodeRepository implements NodeRepository {
    private final InMemoryStorage store;

    MemoryNodeRepository(InMemoryStorage store) {
        this.store = store;
    }

    private MemoryContent content(long workspaceId) {
        return store.read().content(workspaceId);
    }

    @Override
    public Optional<Node> findByUuid(String uuid) {
        Objects.requireNonNull(uuid, "uuid");
        for (MemoryContent c : store.read().content.values()) {
            Node n = c.nodes.get(uuid);
            if (n != null) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    @Override
    public List<Node> pages(long workspaceId) {
        return content(workspaceId).pages.values().stream().sorted(NodeOrder.PAGES).toList();
    }

    @Override
    public boolean hasJournals(long workspaceId) {
        return !content(workspaceId).journalPages.isEmpty();
    }

    @Override
    public List<Node> favorites(long workspaceId) {
        return List.copyOf(content(workspaceId).favoritePages.values());
    }

    @Override
    public List<Node> journals(long workspaceId) {
        return content(workspaceId).journalPages.values().stream()
                .sorted(NodeOrder.JOURNALS)
                .toList();
    }

    @Override
    public Optional<Node> findPage(long workspaceId, String pageName) {
        Objects.requireNonNull(pageName, "pageName");
        MemoryContent c = content(workspaceId);
        return Optional.ofNullable(c.pageUuidByIdentity.get(pageName.toLowerCase(Locale.ROOT)))
                .map(c.nodes::get);
    }

    @Override
    public Optional<Node> findByPath(long workspaceId, String path) {
        Objects.requireNonNull(path, "path");
        MemoryContent c = content(workspaceId);
        return Optional.ofNullable(c.routesByPath.get(path.toLowerCase(Locale.ROOT)))
                .map(r -> c.nodes.get(r.pageUuid()));
    }

    @Override
    public List<PageRoute> routes(long workspaceId) {
        return content(workspaceId).routesByPath.values().stream()
                .sorted(Comparator.comparing(PageRoute::path))
                .toList();
    }

    @Override
    public int routeCount(long workspaceId, int atMost) {
        return Math.min(content(workspaceId).routesByPath.size(), Math.max(0, atMost));
    }

    @Override
    public List<Node> blocksOfPage(long workspaceId, String pageName) {
        Objects.requireNonNull(pageName, "pageName");
        return List.copyOf(content(workspaceId).blocksByPage.getOrDefault(pageName, List.of()));
    }

    @Override
    public List<Node> backlinks(long workspaceId, String targetUuid) {
        Objects.requireNonNull(targetUuid, "targetUuid");
        MemoryContent c = content(workspaceId);
        return c.sourcesByTarget.getOrDefault(targetUuid, List.of()).stream()
                .distinct()
                .map(c.nodes::get)
                .filter(Objects::nonNull)
                .sorted(NodeOrder.BLOCKS)
                .toList();
    }

    @Override
    public List<Node> search(long workspaceId, String query, int limit) {
        Objects.requireNonNull(query, "query");
        List<String> words = SearchWords.ofQuery(query);
        if (words.isEmpty() || limit <= 0) {
            return List.of();
        }
        return List.copyOf(
                content(workspaceId)
                        .words()
                        .search(
                                words,
                                limit,
                                SearchWords.MAX_CANDIDATES,
                                SearchWords.MAX_CANDIDATES));
    }

    @Override
    public long count(long workspaceId) {
        return content(workspaceId).nodes.size();
    }

    @Override
    public void replaceAll(long workspaceId, WorkspaceContent content) {
        Objects.requireNonNull(content, "content");
        store.write(
                s -> {
                    requireWorkspace(s, workspaceId);
                    ContentValidator.checkAll(workspaceId, content);
                    MemoryContent next = new MemoryContent();
                    next.add(workspaceId, content, store.now());
                    s.content.put(workspaceId, next);
                    return null;
                });
    }

    @Override
    public void replaceAll(long workspaceId, Stream<WorkspaceContent> parts) {
        Objects.requireNonNull(parts, "parts");
        store.write(
                s -> {
                    requireWorkspace(s, workspaceId);
                    ContentValidator.Parts check = ContentValidator.parts(workspaceId);
                    MemoryContent next = new MemoryContent();
                    Instant now = store.now();
                    parts.forEachOrdered(
                            part -> {
                                check.check(part);
                                next.add(workspaceId, part, now);
                            });
                    check.finish();
                    s.content.put(workspaceId, next);
                    return null;
                });
    }

    @Override
    public void replacePages(
            long workspaceId, Collection<String> pageUuids, WorkspaceContent content) {
        Objects.requireNonNull(pageUuids, "pageUuids");
        Objects.requireNonNull(content, "content");
        store.write(
                s -> {
                    requireWorkspace(s, workspaceId);
                    ContentValidator.Outside outside =
                            ContentValidator.checkPages(workspaceId, content);
                    MemoryContent next = s.content(workspaceId).without(pageUuids);
                    outside.requireKept(next.nodes::containsKey, next.pages::containsKey);
                    next.add(workspaceId, content, store.now());
                    s.content.put(workspaceId, next);
                    return null;
                });
    }

    private static void requireWorkspace(MemoryTables s, long workspaceId) {
        if (!s.workspaces.containsKey(workspaceId)) {
            throw new NotFoundException("no workspace with id " + workspaceId);
        }
    }
}
