package dev.draehi.store;

import dev.draehi.model.Workspace;
import java.util.List;
import java.util.Optional;

/** The {@code workspaces} table. One workspace per user. */
public interface WorkspaceRepository {
    /**
     * Creates the user's workspace, with the slug {@link dev.draehi.model.Slugs#workspaceSlug}
     * derives from {@code name}, made unique with {@code -2}, {@code -3}, … and {@code embed_depth}
     * 5.
     *
     * @throws dev.draehi.NotFoundException when the user does not exist
     * @throws dev.draehi.ConflictException when the user already has a workspace
     */
    Workspace create(long userId, String name);

    /** The workspace with this id. */
    Optional<Workspace> findById(long id);

    /** The workspace with this slug. */
    Optional<Workspace> findBySlug(String slug);

    /** The user's workspace. */
    Optional<Workspace> findByUser(long userId);

    /** Every workspace, by slug. */
    List<Workspace> list();

    /**
     * Stores the workspace's name, slug, domain and embed depth; {@code updated_at} moves to now.
     *
     * @return the stored workspace
     * @throws dev.draehi.NotFoundException when it does not exist
     * @throws dev.draehi.ConflictException when the slug is taken by another workspace
     */
    Workspace update(Workspace workspace);
}
