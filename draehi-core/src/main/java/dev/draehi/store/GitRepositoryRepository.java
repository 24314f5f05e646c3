package dev.draehi.store;

import dev.draehi.model.GitRepository;
import dev.draehi.model.SyncStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code git_repositories} table. One repository per workspace. */
public interface GitRepositoryRepository {
    /**
     * Connects a repository to a workspace, with status {@code idle}.
     *
     * @param branch the branch, or {@code null} for {@code main}
     * @param deployKey an access token, or {@code null}
     * @throws dev.draehi.NotFoundException when the workspace does not exist
     * @throws dev.draehi.ConflictException when the workspace already has one
     */
    GitRepository create(long workspaceId, String repoUrl, String branch, String deployKey);

    /** The workspace's repository. */
    Optional<GitRepository> findByWorkspace(long workspaceId);

    /** Every repository, by workspace id. */
    List<GitRepository> list();

    /**
     * Changes URL, branch and deploy key; {@code updated_at} moves.
     *
     * @throws dev.draehi.NotFoundException when the workspace has no repository
     */
    GitRepository update(long workspaceId, String repoUrl, String branch, String deployKey);

    /**
     * Records how a sync stands; {@code updated_at} moves.
     *
     * @param lastSync when the sync finished, or {@code null} to keep the stored value
     * @param errorLog the error, or {@code null} to clear it
     * @throws dev.draehi.NotFoundException when the workspace has no repository
     */
    GitRepository updateStatus(
            long workspaceId, SyncStatus status, Instant lastSync, String errorLog);

    /**
     * Sets the secret that signs the repository's push webhooks, or with {@code null} removes it.
     * Like the deploy key, it is a credential: stored, never logged, never shown again.
     *
     * @throws dev.draehi.NotFoundException when the workspace has no repository
     */
    void setWebhookSecret(long workspaceId, String secret);

    /** The repository's webhook secret; empty when none is set or there is no repository. */
    Optional<String> webhookSecret(long workspaceId);
}
