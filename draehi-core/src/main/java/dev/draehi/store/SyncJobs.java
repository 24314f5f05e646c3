package dev.draehi.store;

import java.time.Duration;

/** What every {@link SyncJobRepository} computes alike. */
public final class SyncJobs {
    private SyncJobs() {}

    /** The wait before the next attempt of a job that failed its {@code attempts}-th. */
    public static Duration backoff(Duration base, int attempts) {
        return base.multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
    }

    /** The reason recorded for a failed job that a newer queued job replaces. */
    public static String superseded(String reason) {
        return reason + " (not retried: a newer sync of the workspace is queued)";
    }
}
