package dev.draehi.store;

import dev.draehi.model.SyncJob;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The durable queue of syncs ({@code draehi_sync_jobs}), shared by every process on the storage,
 * and the webhook deliveries already seen ({@code draehi_webhook_deliveries}).
 *
 * <p>A workspace has at most one queued job and one running job: a push that arrives while a job
 * waits joins it, and one that arrives while a sync runs queues the one sync that follows. A worker
 * {@linkplain #claim claims} a job for a lease, {@linkplain #renew renews} it while the sync runs,
 * and ends it with {@link #complete} or {@link #fail}; a worker that dies loses its claim when the
 * lease ends, and the next {@code claim} takes the job over. No job runs twice at a time.
 *
 * <pre>{@code
 * storage.inTransaction(s -> s.syncJobs().recordDelivery(id) ? s.syncJobs().enqueue(ws) : null);
 * storage.syncJobs().claim("host-1:4711", Duration.ofMinutes(2)).ifPresent(job -> ...);
 * }</pre>
 */
public interface SyncJobRepository {
    /**
     * Queues a sync of the workspace, or returns the job already queued for it (made due now if it
     * waited out a backoff).
     *
     * @throws dev.draehi.NotFoundException when the workspace does not exist
     */
    SyncJob enqueue(long workspaceId);

    /**
     * Records a webhook delivery id; false when it was recorded before (a redelivery, to ignore).
     */
    boolean recordDelivery(String deliveryId);

    /**
     * Claims the job due longest: a running job whose lease has ended (its worker died), else a
     * queued job that is due and whose workspace has no running job. The job becomes running,
     * claimed by {@code worker} until now + {@code lease}, its attempts one more. Empty when none
     * is due. Concurrent callers never get the same job.
     */
    Optional<SyncJob> claim(String worker, Duration lease);

    /** Extends the claim of a running job to now + {@code lease}; false when the claim is lost. */
    boolean renew(long jobId, String worker, Duration lease);

    /** Marks a job claimed by {@code worker} done; false when the claim was lost. */
    boolean complete(long jobId, String worker);

    /**
     * Records a failed attempt of a job claimed by {@code worker}: queued again after {@code
     * backoff} × 2^(attempts − 1) while it has had fewer than {@code maxAttempts} attempts, failed
     * with {@code reason} after that. A job whose workspace meanwhile queued another is failed at
     * once: the newer job runs the sync. Empty when the claim was lost.
     */
    Optional<SyncJob> fail(
            long jobId, String worker, String reason, int maxAttempts, Duration backoff);

    /**
     * Forgets what is older than {@code age}: webhook deliveries recorded, and jobs that ended
     * ({@code done} or {@code failed}) and were last changed, before now − {@code age}. Queued and
     * running jobs are kept whatever their age. draehi-server's {@code SyncWorker} calls it hourly,
     * so that neither table grows without end; a redelivery older than {@code age} is accepted
     * again.
     *
     * @return how many rows went
     */
    int prune(Duration age);

    /** The job with this id. */
    Optional<SyncJob> findById(long jobId);

    /** The workspace's jobs, newest first. */
    List<SyncJob> list(long workspaceId);
}
