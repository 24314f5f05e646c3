package dev.draehi.store.jdbi.internal;

import dev.draehi.model.Deployment;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code deployment_history}. */
@RegisterRowMapper(Rows.DeploymentMapper.class)
public interface DeploymentDao {
    /**
     * Inserts a deployment ({@code :workspaceId}, {@code :commitSha}, {@code :status}, {@code
     * :now}), returning it; no row when the workspace does not exist. Every sync makes it, through
     * the fluent API (see {@link NodeDao#PAGE_CONTENT}).
     */
    String INSERT =
            "INSERT INTO deployment_history (workspace_id, commit_sha, status, deployed_at,"
                    + " build_log)"
                    + " SELECT :workspaceId, :commitSha, :status, :now, CAST('[]' AS json)"
                    + " WHERE EXISTS (SELECT 1 FROM workspaces WHERE id = :workspaceId)"
                    + " RETURNING *";

    @SqlQuery("SELECT * FROM deployment_history WHERE id = :id")
    Optional<Deployment> findById(long id);

    /**
     * Sets {@code :commitSha}, {@code :status}, {@code :errorLog} and {@code :buildLog} (JSON) of
     * deployment {@code :id}, returning it; every sync makes it, through the fluent API (see {@link
     * NodeDao#PAGE_CONTENT}).
     */
    String UPDATE =
            "UPDATE deployment_history SET commit_sha = :commitSha, status = :status,"
                    + " error_log = :errorLog, build_log = CAST(:buildLog AS json)"
                    + " WHERE id = :id RETURNING *";

    @SqlQuery(
            "SELECT * FROM deployment_history WHERE workspace_id = :workspaceId"
                    + " ORDER BY deployed_at DESC, id DESC LIMIT :limit")
    List<Deployment> list(long workspaceId, int limit);

    /**
     * The latest successful deployment of {@code :workspaceId}; read on every page view, through
     * the fluent API (see {@link NodeDao#PAGE_CONTENT}).
     */
    String LATEST_SUCCESSFUL =
            "SELECT * FROM deployment_history WHERE workspace_id = :workspaceId"
                    + " AND status = 'success' ORDER BY deployed_at DESC, id DESC LIMIT 1";

    @SqlUpdate(
            "UPDATE deployment_history SET status = 'failed', error_log = :errorLog"
                    + " WHERE status IN ('pending', 'building')"
                    + " AND NOT "
                    + Locks.SYNC_HELD_BEFORE
                    + "deployment_history.workspace_id"
                    + Locks.SYNC_HELD_AFTER)
    int failUnfinished(String errorLog);
}
