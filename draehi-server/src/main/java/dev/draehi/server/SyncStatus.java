package dev.draehi.server;

/**
 * Whether a workspace's sync is queued or running: what the hosting dashboard shows while one is.
 * {@link SyncWorker} and {@link dev.draehi.server.hosting.BackgroundSyncs} tell it; a plain {@code
 * LongConsumer} given as the dashboard's syncs does not, and the dashboard then shows none.
 */
@FunctionalInterface
public interface SyncStatus {
    /** True while a sync of the workspace is queued or running. */
    boolean busy(long workspaceId);

    /** The status of {@code syncs} when it tells one, else one where nothing is ever busy. */
    static SyncStatus of(Object syncs) {
        return syncs instanceof SyncStatus s ? s : workspaceId -> false;
    }
}
