package dev.draehi.store.jdbi.internal;

import dev.draehi.model.GitRepository;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code git_repositories}. */
@RegisterRowMapper(Rows.GitRepositoryMapper.class)
public interface GitRepositoryDao {
    /** Inserts the workspace's repository; empty when it already has one. */
    @SqlQuery(
            "INSERT INTO git_repositories (workspace_id, repo_url, branch, deploy_key,"
                    + " sync_status, created_at, updated_at)"
                    + " VALUES (:workspaceId, :repoUrl, :branch, :deployKey, 'idle', :now, :now)"
                    + " ON CONFLICT (workspace_id) DO NOTHING RETURNING *")
    Optional<GitRepository> insert(
            long workspaceId, String repoUrl, String branch, String deployKey, LocalDateTime now);

    /**
     * The repository of {@code :workspaceId}; every sync makes it, through the fluent API (see
     * {@link NodeDao#PAGE_CONTENT}).
     */
    String FIND_BY_WORKSPACE = "SELECT * FROM git_repositories WHERE workspace_id = :workspaceId";

    @SqlQuery(FIND_BY_WORKSPACE)
    Optional<GitRepository> findByWorkspace(long workspaceId);

    @SqlQuery("SELECT * FROM git_repositories ORDER BY workspace_id")
    List<GitRepository> list();

    @SqlQuery(
            "UPDATE git_repositories SET repo_url = :repoUrl, branch = :branch,"
                    + " deploy_key = :deployKey, updated_at = :now"
                    + " WHERE workspace_id = :workspaceId RETURNING *")
    Optional<GitRepository> update(
            long workspaceId, String repoUrl, String branch, String deployKey, LocalDateTime now);

    /**
     * Sets the sync status ({@code :status}, {@code :lastSync} unless null, {@code :errorLog},
     * {@code :now}) of the repository of {@code :workspaceId}, returning it; every sync makes it,
     * through the fluent API (see {@link NodeDao#PAGE_CONTENT}).
     */
    String UPDATE_STATUS =
            "UPDATE git_repositories SET sync_status = :status,"
                    + " last_sync = COALESCE(CAST(:lastSync AS timestamp), last_sync),"
                    + " error_log = :errorLog, updated_at = :now"
                    + " WHERE workspace_id = :workspaceId RETURNING *";

    @SqlQuery(
            "UPDATE git_repositories SET sync_status = 'error', error_log = :errorLog,"
                    + " updated_at = :now WHERE sync_status = 'syncing'"
                    + " AND NOT "
                    + Locks.SYNC_HELD_BEFORE
                    + "git_repositories.workspace_id"
                    + Locks.SYNC_HELD_AFTER
                    + " RETURNING *")
    List<GitRepository> failSyncing(String errorLog, LocalDateTime now);

    /** Sets the webhook secret of the workspace's repository; 0 when it has none. */
    @SqlUpdate(
            "INSERT INTO draehi_webhook_secrets (repository_id, secret, updated_at)"
                    + " SELECT id, :secret, :now FROM git_repositories WHERE workspace_id = :workspaceId"
                    + " ON CONFLICT (repository_id) DO UPDATE SET secret = EXCLUDED.secret,"
                    + " updated_at = EXCLUDED.updated_at")
    int setWebhookSecret(long workspaceId, String secret, LocalDateTime now);

    @SqlUpdate(
            "DELETE FROM draehi_webhook_secrets WHERE repository_id IN"
                    + " (SELECT id FROM git_repositories WHERE workspace_id = :workspaceId)")
    int clearWebhookSecret(long workspaceId);

    @SqlQuery(
            "SELECT s.secret FROM draehi_webhook_secrets s JOIN git_repositories r"
                    + " ON r.id = s.repository_id WHERE r.workspace_id = :workspaceId")
    Optional<String> webhookSecret(long workspaceId);
}
