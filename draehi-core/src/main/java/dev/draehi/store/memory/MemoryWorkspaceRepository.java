package dev.draehi.store.memory;

import dev.draehi.ConflictException;
import dev.draehi.NotFoundException;
import dev.draehi.model.Slugs;
import dev.draehi.model.Workspace;
import dev.draehi.store.WorkspaceRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The workspaces of an {@link InMemoryStorage}. */
final class MemoryWorkspaceRepository implements WorkspaceRepository {
    private final InMemoryStorage store;

    MemoryWorkspaceRepository(InMemoryStorage store) {
        this.store = store;
    }

    @Override
    public Workspace create(long userId, String name) {
        Objects.requireNonNull(name, "name");
        return store.write(
                s -> {
                    if (!s.users.containsKey(userId)) {
                        throw new NotFoundException("no user with id " + userId);
                    }
                    for (Workspace w : s.workspaces.values()) {
                        if (w.userId() == userId) {
                            throw new ConflictException(
                                    "user " + userId + " already has workspace '" + w.slug() + "'");
                        }
                    }
                    String base = Slugs.workspaceSlug(name);
                    String slug = base;
                    for (int i = 2; slugTaken(s, slug, -1); i++) {
                        slug = base + "-" + i;
                    }
                    Instant now = store.now();
                    Workspace w =
                            new Workspace(
                                    s.nextWorkspaceId++,
                                    userId,
                                    slug,
                                    name,
                                    null,
                                    Workspace.DEFAULT_EMBED_DEPTH,
                                    now,
                                    now);
                    s.workspaces.put(w.id(), w);
                    return w;
                });
    }

    private static boolean slugTaken(MemoryTables s, String slug, long exceptId) {
        return s.workspaces.values().stream()
                .anyMatch(w -> w.slug().equals(slug) && w.id() != exceptId);
    }

    @Override
    public Optional<Workspace> findById(long id) {
        return Optional.ofNullable(store.read().workspaces.get(id));
    }

    @Override
    public Optional<Workspace> findBySlug(String slug) {
        Objects.requireNonNull(slug, "slug");
        return store.read().workspaces.values().stream()
                .filter(w -> w.slug().equals(slug))
                .findFirst();
    }

    @Override
    public Optional<Workspace> findByUser(long userId) {
        return store.read().workspaces.values().stream()
                .filter(w -> w.userId() == userId)
                .findFirst();
    }

    @Override
    public List<Workspace> list() {
        List<Workspace> out = new ArrayList<>(store.read().workspaces.values());
        out.sort(Comparator.comparing(Workspace::slug));
        return out;
    }

    @Override
    public Workspace update(Workspace workspace) {
        Objects.requireNonNull(workspace, "workspace");
        return store.write(
                s -> {
                    Workspace old = s.workspaces.get(workspace.id());
                    if (old == null) {
                        throw new NotFoundException("no workspace with id " + workspace.id());
                    }
                    if (slugTaken(s, workspace.slug(), workspace.id())) {
                        throw new ConflictException(
                                "workspace slug '" + workspace.slug() + "' is taken");
                    }
                    Workspace w =
                            new Workspace(
                                    old.id(),
                                    old.userId(),
                                    workspace.slug(),
                                    workspace.name(),
                                    workspace.domain(),
                                    workspace.embedDepth(),
                                    old.createdAt(),
                                    store.now());
                    s.workspaces.put(w.id(), w);
                    return w;
                });
    }
}
