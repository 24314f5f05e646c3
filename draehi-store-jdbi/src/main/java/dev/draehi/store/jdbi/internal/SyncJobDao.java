package dev.draehi.store.jdbi.internal;

import dev.draehi.model.SyncJob;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code draehi_sync_jobs} and {@code draehi_webhook_deliveries}. */
@RegisterRowMapper(Rows.SyncJobMapper.class)
public interface SyncJobDao {
    /** Queues a job, or makes the one queued for the workspace due now at the latest. */
    @SqlQuery(
            "INSERT INTO draehi_sync_jobs (workspace_id, status, attempts, run_after, created_at,"
                    + " updated_at) VALUES (:workspaceId, 'queued', 0, :now, :now, :now)"
                    + " ON CONFLICT (workspace_id) WHERE status = 'queued' DO UPDATE SET"
                    + " run_after = LEAST(draehi_sync_jobs.run_after, EXCLUDED.run_after),"
                    + " updated_at = CASE WHEN draehi_sync_jobs.run_after > EXCLUDED.run_after"
                    + " THEN EXCLUDED.updated_at ELSE draehi_sync_jobs.updated_at END"
                    + " RETURNING *")
    SyncJob enqueue(long workspaceId, LocalDateTime now);

    @SqlUpdate(
            "INSERT INTO draehi_webhook_deliveries (id, received_at) VALUES (:id, :now)"
                    + " ON CONFLICT (id) DO NOTHING")
    int recordDelivery(String id, LocalDateTime now);

    /**
     * The job due longest, taken over from a dead worker or queued, claimed; rows another claim
     * holds locked are skipped, not waited for.
     */
    @SqlQuery(
            "UPDATE draehi_sync_jobs SET status = 'running', worker = :worker,"
                    + " lease_until = :leaseUntil, attempts = attempts + 1, updated_at = :now"
                    + " WHERE id = (SELECT c.id FROM draehi_sync_jobs c"
                    + " WHERE (c.status = 'running' AND c.lease_until < :now)"
                    + " OR (c.status = 'queued' AND c.run_after <= :now AND NOT EXISTS"
                    + " (SELECT 1 FROM draehi_sync_jobs r WHERE r.workspace_id = c.workspace_id"
                    + " AND r.status = 'running'))"
                    + " ORDER BY c.run_after, c.id LIMIT 1 FOR UPDATE SKIP LOCKED)"
                    + " RETURNING *")
    Optional<SyncJob> claim(String worker, LocalDateTime leaseUntil, LocalDateTime now);

    @SqlUpdate(
            "UPDATE draehi_sync_jobs SET lease_until = :leaseUntil, updated_at = :now"
                    + " WHERE id = :id AND status = 'running' AND worker = :worker")
    int renew(long id, String worker, LocalDateTime leaseUntil, LocalDateTime now);

    @SqlUpdate(
            "UPDATE draehi_sync_jobs SET status = 'done', lease_until = NULL, updated_at = :now"
                    + " WHERE id = :id AND status = 'running' AND worker = :worker")
    int complete(long id, String worker, LocalDateTime now);

    @SqlQuery(
            "SELECT * FROM draehi_sync_jobs WHERE id = :id AND status = 'running'"
                    + " AND worker = :worker FOR UPDATE")
    Optional<SyncJob> lockClaimed(long id, String worker);

    /** Whether the workspace has a queued job; its row locked, so none is queued meanwhile. */
    @SqlQuery(
            "SELECT count(*) > 0 FROM (SELECT 1 FROM draehi_sync_jobs WHERE workspace_id ="
                    + " :workspaceId AND status = 'queued' FOR UPDATE) q")
    boolean hasQueued(long workspaceId);

    @SqlQuery(
            "UPDATE draehi_sync_jobs SET status = :status, run_after = :runAfter,"
                    + " lease_until = NULL, last_error = :reason, updated_at = :now"
                    + " WHERE id = :id RETURNING *")
    SyncJob finishAttempt(
            long id, String status, LocalDateTime runAfter, String reason, LocalDateTime now);

    @SqlUpdate("DELETE FROM draehi_webhook_deliveries WHERE received_at <= :before")
    int pruneDeliveries(LocalDateTime before);

    @SqlUpdate(
            "DELETE FROM draehi_sync_jobs WHERE status IN ('done', 'failed')"
                    + " AND updated_at <= :before")
    int pruneJobs(LocalDateTime before);

    @SqlQuery("SELECT * FROM draehi_sync_jobs WHERE id = :id")
    Optional<SyncJob> findById(long id);

    @SqlQuery("SELECT * FROM draehi_sync_jobs WHERE workspace_id = :workspaceId ORDER BY id DESC")
    List<SyncJob> list(long workspaceId);
}
