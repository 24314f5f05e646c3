package dev.draehi.store.jdbi.internal;

import dev.draehi.model.SyncJob;
import dev.draehi.model.SyncJobStatus;
import dev.draehi.store.SyncJobRepository;
import dev.draehi.store.SyncJobs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** The sync queue in PostgreSQL: claims with {@code FOR UPDATE SKIP LOCKED}. */
final class SqlSyncJobRepository implements SyncJobRepository {
    private final SqlContext sql;

    SqlSyncJobRepository(SqlContext sql) {
        this.sql = sql;
    }

    @Override
    public SyncJob enqueue(long workspaceId) {
        return sql.write(
                "queueing a sync of workspace " + workspaceId,
                h -> {
                    SqlContext.requireWorkspace(h, workspaceId);
                    return h.attach(SyncJobDao.class).enqueue(workspaceId, sql.now());
                });
    }

    @Override
    public boolean recordDelivery(String deliveryId) {
        Objects.requireNonNull(deliveryId, "deliveryId");
        return sql.write(
                "recording a webhook delivery",
                h -> h.attach(SyncJobDao.class).recordDelivery(deliveryId, sql.now()) > 0);
    }

    @Override
    public Optional<SyncJob> claim(String worker, Duration lease) {
        Objects.requireNonNull(worker, "worker");
        Objects.requireNonNull(lease, "lease");
        Instant now = sql.nowInstant();
        return sql.write(
                "claiming a sync job",
                h ->
                        h.attach(SyncJobDao.class)
                                .claim(
                                        worker,
                                        Timestamps.toDb(now.plus(lease)),
                                        Timestamps.toDb(now)));
    }

    @Override
    public boolean renew(long jobId, String worker, Duration lease) {
        Objects.requireNonNull(worker, "worker");
        Instant now = sql.nowInstant();
        return sql.write(
                "renewing the claim of sync job " + jobId,
                h ->
                        h.attach(SyncJobDao.class)
                                        .renew(
                                                jobId,
                                                worker,
                                                Timestamps.toDb(now.plus(lease)),
                                                Timestamps.toDb(now))
                                > 0);
    }

    @Override
    public boolean complete(long jobId, String worker) {
        Objects.requireNonNull(worker, "worker");
        return sql.write(
                "completing sync job " + jobId,
                h -> h.attach(SyncJobDao.class).complete(jobId, worker, sql.now()) > 0);
    }

    @Override
    public Optional<SyncJob> fail(
            long jobId, String worker, String reason, int maxAttempts, Duration backoff) {
        Objects.requireNonNull(worker, "worker");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(backoff, "backoff");
        Instant now = sql.nowInstant();
        return sql.write(
                "recording a failure of sync job " + jobId,
                h -> {
                    SyncJobDao dao = h.attach(SyncJobDao.class);
                    SyncJob j = dao.lockClaimed(jobId, worker).orElse(null);
                    if (j == null) {
                        return Optional.empty();
                    }
                    boolean newer = dao.hasQueued(j.workspaceId());
                    boolean retry = j.attempts() < maxAttempts && !newer;
                    return Optional.of(
                            dao.finishAttempt(
                                    jobId,
                                    (retry ? SyncJobStatus.QUEUED : SyncJobStatus.FAILED)
                                            .name()
                                            .toLowerCase(Locale.ROOT),
                                    retry
                                            ? Timestamps.toDb(
                                                    now.plus(
                                                            SyncJobs.backoff(
                                                                    backoff, j.attempts())))
                                            : Timestamps.toDb(j.runAfter()),
                                    newer ? SyncJobs.superseded(reason) : reason,
                                    Timestamps.toDb(now)));
                });
    }

    @Override
    public int prune(Duration age) {
        Objects.requireNonNull(age, "age");
        var before = Timestamps.toDb(sql.nowInstant().minus(age));
        return sql.write(
                "pruning old sync jobs and webhook deliveries",
                h -> {
                    SyncJobDao dao = h.attach(SyncJobDao.class);
                    return dao.pruneDeliveries(before) + dao.pruneJobs(before);
                });
    }

    @Override
    public Optional<SyncJob> findById(long jobId) {
        return sql.read(
                "finding sync job " + jobId, h -> h.attach(SyncJobDao.class).findById(jobId));
    }

    @Override
    public List<SyncJob> list(long workspaceId) {
        return sql.read(
                "listing the sync jobs of workspace " + workspaceId,
                h -> h.attach(SyncJobDao.class).list(workspaceId));
    }
}
