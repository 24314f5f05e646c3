package dev.draehi.store.jdbi.internal;

import dev.draehi.model.Workspace;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** {@code workspaces}. */
@RegisterRowMapper(Rows.WorkspaceMapper.class)
public interface WorkspaceDao {
    /** Inserts a workspace; empty when the slug or the user's one workspace is taken. */
    @SqlQuery(
            "INSERT INTO workspaces (user_id, slug, name, embed_depth, created_at, updated_at)"
                    + " VALUES (:userId, :slug, :name, :embedDepth, :now, :now)"
                    + " ON CONFLICT DO NOTHING RETURNING *")
    Optional<Workspace> insert(
            long userId, String slug, String name, int embedDepth, LocalDateTime now);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM users WHERE id = :userId)")
    boolean userExists(long userId);

    /**
     * Whether workspace {@code :id} exists; every write that belongs to a workspace asks, through
     * the fluent API ({@link SqlContext#requireWorkspace}).
     */
    String EXISTS = "SELECT EXISTS (SELECT 1 FROM workspaces WHERE id = :id)";

    /** The slugs taken among {@code base} and {@code base-…}. */
    @SqlQuery("SELECT slug FROM workspaces WHERE slug = :base OR slug LIKE :prefix ESCAPE '\\'")
    List<String> slugsLike(String base, String prefix);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM workspaces WHERE slug = :slug AND id <> :id)")
    boolean slugTakenByOther(String slug, long id);

    @SqlQuery(
            "UPDATE workspaces SET slug = :w.slug, name = :w.name, domain = :w.domain,"
                    + " embed_depth = :w.embedDepth, updated_at = :now"
                    + " WHERE id = :w.id RETURNING *")
    Optional<Workspace> update(@BindMethods("w") Workspace w, LocalDateTime now);

    /**
     * The workspace with {@code :id}; every sync makes it, through the fluent API (see {@link
     * NodeDao#PAGE_CONTENT}).
     */
    String FIND_BY_ID = "SELECT * FROM workspaces WHERE id = :id";

    /**
     * The workspace with {@code :slug}; read on every page view, through the fluent API (see {@link
     * NodeDao#PAGE_CONTENT}).
     */
    String FIND_BY_SLUG = "SELECT * FROM workspaces WHERE slug = :slug";

    @SqlQuery("SELECT * FROM workspaces WHERE user_id = :userId")
    Optional<Workspace> findByUser(long userId);

    @SqlQuery("SELECT * FROM workspaces ORDER BY slug COLLATE \"C\"")
    List<Workspace> list();
}
