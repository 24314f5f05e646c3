package dev.draehi.store.jdbi.internal;

import dev.draehi.ConflictException;
import dev.draehi.NotFoundException;
import dev.draehi.model.Slugs;
import dev.draehi.model.Workspace;
import dev.draehi.store.WorkspaceRepository;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The {@code workspaces} table. */
final class SqlWorkspaceRepository implements WorkspaceRepository {
    // the mapper of the queries every page view and sync make, which bypass SQL objects (see
    // NodeDao.PAGE_CONTENT)
    private static final Rows.WorkspaceMapper WORKSPACES = new Rows.WorkspaceMapper();

    private final SqlContext sql;

    SqlWorkspaceRepository(SqlContext sql) {
        this.sql = sql;
    }

    @Override
    public Workspace create(long userId, String name) {
        Objects.requireNonNull(name, "name");
        return sql.write(
                "creating a workspace for user " + userId,
                h -> {
                    WorkspaceDao dao = h.attach(WorkspaceDao.class);
                    if (!dao.userExists(userId)) {
                        throw new NotFoundException("no user with id " + userId);
                    }
                    String base = Slugs.workspaceSlug(name);
                    // ON CONFLICT DO NOTHING leaves the transaction usable; a concurrent
                    // create that took our slug just sends us round again
                    for (int attempt = 0; attempt < 20; attempt++) {
                        Optional<Workspace> existing = dao.findByUser(userId);
                        if (existing.isPresent()) {
                            throw new ConflictException(
                                    "user "
                                            + userId
                                            + " already has workspace '"
                                            + existing.get().slug()
                                            + "'");
                        }
                        Set<String> taken =
                                new HashSet<>(dao.slugsLike(base, escapeLike(base) + "-%"));
                        String slug = base;
                        for (int i = 2; taken.contains(slug); i++) {
                            slug = base + "-" + i;
                        }
                        Optional<Workspace> w =
                                dao.insert(
                                        userId,
                                        slug,
                                        name,
                                        Workspace.DEFAULT_EMBED_DEPTH,
                                        sql.now());
                        if (w.isPresent()) {
                            return w.get();
                        }
                    }
                    throw new ConflictException(
                            "no free workspace slug for '" + name + "' after 20 attempts");
                });
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @Override
    public Optional<Workspace> findById(long id) {
        return sql.read(
                "finding workspace " + id,
                h ->
                        h.createQuery(WorkspaceDao.FIND_BY_ID)
                                .bind("id", id)
                                .map(WORKSPACES)
                                .findOne());
    }

    @Override
    public Optional<Workspace> findBySlug(String slug) {
        Objects.requireNonNull(slug, "slug");
        return sql.read(
                "finding workspace '" + slug + "'",
                h ->
                        h.createQuery(WorkspaceDao.FIND_BY_SLUG)
                                .bind("slug", slug)
                                .map(WORKSPACES)
                                .findOne());
    }

    @Override
    public Optional<Workspace> findByUser(long userId) {
        return sql.read(
                "finding the workspace of user " + userId,
                h -> h.attach(WorkspaceDao.class).findByUser(userId));
    }

    @Override
    public List<Workspace> list() {
        return sql.read("listing workspaces", h -> h.attach(WorkspaceDao.class).list());
    }

    @Override
    public Workspace update(Workspace workspace) {
        Objects.requireNonNull(workspace, "workspace");
        return sql.write(
                "updating workspace " + workspace.id(),
                h -> {
                    SqlContext.requireWorkspace(h, workspace.id());
                    WorkspaceDao dao = h.attach(WorkspaceDao.class);
                    if (dao.slugTakenByOther(workspace.slug(), workspace.id())) {
                        throw new ConflictException(
                                "workspace slug '" + workspace.slug() + "' is taken");
                    }
                    return dao.update(workspace, sql.now())
                            .orElseThrow(
                                    () ->
                                            new NotFoundException(
                                                    "no workspace with id " + workspace.id()));
                });
    }
}
