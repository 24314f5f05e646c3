package dev.draehi.model;

/** Where a queued sync stands. */
public enum SyncJobStatus {
    /** Waiting to be claimed, from its {@code runAfter} on. */
    QUEUED,
    /** Claimed by a worker, whose claim holds until its lease ends. */
    RUNNING,
    /** Ran: the sync recorded its deployment, whatever its outcome. */
    DONE,
    /** Given up: failed as often as allowed; {@code lastError} says why. */
    FAILED;

    /** True when the job will not run again. */
    public boolean isFinal() {
        return this == DONE || this == FAILED;
    }
}
