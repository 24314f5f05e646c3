package dev.draehi.store.memory;

import dev.draehi.NotFoundException;
import dev.draehi.model.SyncJob;
import dev.draehi.model.SyncJobStatus;
import dev.draehi.store.SyncJobRepository;
import dev.draehi.store.SyncJobs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The sync queue of an {@link InMemoryStorage}. */
final class MemorySyncJobRepository implements SyncJobRepository {
    private final InMemoryStorage store;

    MemorySyncJobRepository(InMemoryStorage store) {
        this.store = store;
    }

    @Override
    public SyncJob enqueue(long workspaceId) {
        return store.write(
                s -> {
                    if (!s.workspaces.containsKey(workspaceId)) {
                        throw new NotFoundException("no workspace with id " + workspaceId);
                    }
                    Instant now = store.now();
                    SyncJob queued = find(s, workspaceId, SyncJobStatus.QUEUED);
                    if (queued != null) {
                        if (queued.runAfter().isAfter(now)) {
                            queued =
                                    with(
                                            queued,
                                            SyncJobStatus.QUEUED,
                                            now,
                                            queued.worker(),
                                            null,
                                            queued.lastError(),
                                            queued.attempts(),
                                            now);
                            s.syncJobs.put(queued.id(), queued);
                        }
                        return queued;
                    }
                    SyncJob job =
                            new SyncJob(
                                    s.nextSyncJobId++,
                                    workspaceId,
                                    SyncJobStatus.QUEUED,
                                    0,
                                    now,
                                    null,
                                    null,
                                    null,
                                    now,
                                    now);
                    s.syncJobs.put(job.id(), job);
                    return job;
                });
    }

    @Override
    public boolean recordDelivery(String deliveryId) {
        Objects.requireNonNull(deliveryId, "deliveryId");
        return store.write(s -> s.deliveries.putIfAbsent(deliveryId, store.now()) == null);
    }

    @Override
    public Optional<SyncJob> claim(String worker, Duration lease) {
        Objects.requireNonNull(worker, "worker");
        Objects.requireNonNull(lease, "lease");
        return store.write(
                s -> {
                    Instant now = store.now();
                    SyncJob pick =
                            s.syncJobs.values().stream()
                                    .filter(
                                            j ->
                                                    (j.status() == SyncJobStatus.RUNNING
                                                                    && j.leaseUntil().isBefore(now))
                                                            || (j.status() == SyncJobStatus.QUEUED
                                                                    && !j.runAfter().isAfter(now)
                                                                    && find(
                                                                                    s,
                                                                                    j.workspaceId(),
                                                                                    SyncJobStatus
                                                                                            .RUNNING)
                                                                            == null))
                                    .min(
                                            Comparator.comparing(SyncJob::runAfter)
                                                    .thenComparing(SyncJob::id))
                                    .orElse(null);
                    if (pick == null) {
                        return Optional.empty();
                    }
                    SyncJob claimed =
                            with(
                                    pick,
                                    SyncJobStatus.RUNNING,
                                    pick.runAfter(),
                                    worker,
                                    now.plus(lease),
                                    pick.lastError(),
                                    pick.attempts() + 1,
                                    now);
                    s.syncJobs.put(claimed.id(), claimed);
                    return Optional.of(claimed);
                });
    }

    @Override
    public boolean renew(long jobId, String worker, Duration lease) {
        Objects.requireNonNull(lease, "lease");
        return store.write(
                s -> {
                    SyncJob j = claimed(s, jobId, worker);
                    if (j == null) {
                        return false;
                    }
                    Instant now = store.now();
                    s.syncJobs.put(
                            jobId,
                            with(
                                    j,
                                    j.status(),
                                    j.runAfter(),
                                    worker,
                                    now.plus(lease),
                                    j.lastError(),
                                    j.attempts(),
                                    now));
                    return true;
                });
    }

    @Override
    public boolean complete(long jobId, String worker) {
        return store.write(
                s -> {
                    SyncJob j = claimed(s, jobId, worker);
                    if (j == null) {
                        return false;
                    }
                    s.syncJobs.put(
                            jobId,
                            with(
                                    j,
                                    SyncJobStatus.DONE,
                                    j.runAfter(),
                                    worker,
                                    null,
                                    j.lastError(),
                                    j.attempts(),
                                    store.now()));
                    return true;
                });
    }

    @Override
    public Optional<SyncJob> fail(
            long jobId, String worker, String reason, int maxAttempts, Duration backoff) {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(backoff, "backoff");
        return store.write(
                s -> {
                    SyncJob j = claimed(s, jobId, worker);
                    if (j == null) {
                        return Optional.empty();
                    }
                    Instant now = store.now();
                    boolean newer = find(s, j.workspaceId(), SyncJobStatus.QUEUED) != null;
                    SyncJob next =
                            j.attempts() < maxAttempts && !newer
                                    ? with(
                                            j,
                                            SyncJobStatus.QUEUED,
                                            now.plus(SyncJobs.backoff(backoff, j.attempts())),
                                            worker,
                                            null,
                                            reason,
                                            j.attempts(),
                                            now)
                                    : with(
                                            j,
                                            SyncJobStatus.FAILED,
                                            j.runAfter(),
                                            worker,
                                            null,
                                            newer ? SyncJobs.superseded(reason) : reason,
                                            j.attempts(),
                                            now);
                    s.syncJobs.put(jobId, next);
                    return Optional.of(next);
                });
    }

    @Override
    public int prune(Duration age) {
        Objects.requireNonNull(age, "age");
        return store.write(
                s -> {
                    Instant before = store.now().minus(age);
                    int deliveries = s.deliveries.size();
                    s.deliveries.values().removeIf(at -> !at.isAfter(before));
                    int jobs = s.syncJobs.size();
                    s.syncJobs
                            .values()
                            .removeIf(j -> j.status().isFinal() && !j.updatedAt().isAfter(before));
                    return deliveries - s.deliveries.size() + jobs - s.syncJobs.size();
                });
    }

    @Override
    public Optional<SyncJob> findById(long jobId) {
        return Optional.ofNullable(store.read().syncJobs.get(jobId));
    }

    @Override
    public List<SyncJob> list(long workspaceId) {
        List<SyncJob> out = new ArrayList<>();
        for (SyncJob j : store.read().syncJobs.descendingMap().values()) {
            if (j.workspaceId() == workspaceId) {
                out.add(j);
            }
        }
        return out;
    }

    private static SyncJob find(MemoryTables s, long workspaceId, SyncJobStatus status) {
        for (SyncJob j : s.syncJobs.values()) {
            if (j.workspaceId() == workspaceId && j.status() == status) {
                return j;
            }
        }
        return null;
    }

    private static SyncJob claimed(MemoryTables s, long jobId, String worker) {
        SyncJob j = s.syncJobs.get(jobId);
        return j != null && j.status() == SyncJobStatus.RUNNING && j.worker().equals(worker)
                ? j
                : null;
    }

    private static SyncJob with(
            SyncJob j,
            SyncJobStatus status,
            Instant runAfter,
            String worker,
            Instant leaseUntil,
            String lastError,
            int attempts,
            Instant now) {
        return new SyncJob(
                j.id(),
                j.workspaceId(),
                status,
                attempts,
                runAfter,
                worker,
                leaseUntil,
                lastError,
                j.createdAt(),
                now);
    }
}
