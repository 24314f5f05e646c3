package dev.draehi.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A sync of a workspace waiting in, or taken from, the durable queue.
 *
 * @param attempts how many times a worker claimed it
 * @param runAfter when it may be claimed (later than its creation after a failure: the backoff)
 * @param worker the worker that claimed it last, or {@code null}
 * @param leaseUntil while {@link SyncJobStatus#RUNNING}, when its claim ends unless renewed; a
 *     claim past its lease is taken over by the next worker that asks
 * @param lastError why its last attempt failed, or {@code null}
 */
public record SyncJob(
        long id,
        long workspaceId,
        SyncJobStatus status,
        int attempts,
        Instant runAfter,
        String worker,
        Instant leaseUntil,
        String lastError,
        Instant createdAt,
        Instant updatedAt) {
    public SyncJob {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(runAfter, "runAfter");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
