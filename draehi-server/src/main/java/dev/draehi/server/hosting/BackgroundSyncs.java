package dev.draehi.server.hosting;

import dev.draehi.model.Deployment;
import dev.draehi.server.SyncStatus;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;

/**
 * Runs the syncs the dashboard's "Sync now" asks for on a small thread pool, one at a time per
 * workspace: a request while that workspace's sync runs makes it run once more afterwards (so the
 * newest push is published), and any number of requests meanwhile collapse into that one.
 *
 * <pre>{@code
 * BackgroundSyncs syncs = new BackgroundSyncs(publisher::sync, 2, (ws, e) -> log(ws, e));
 * syncs.accept(workspaceId); // returns at once
 * }</pre>
 */
public final class BackgroundSyncs implements LongConsumer, SyncStatus, AutoCloseable {
    private final LongFunction<Deployment> sync;
    private final BiConsumer<Long, RuntimeException> onError;
    private final ExecutorService executor;
    private final Set<Long> running = new HashSet<>();
    private final Set<Long> again = new HashSet<>();

    /**
     * @param sync runs one sync, e.g. {@code publisher::sync}
     * @param threads how many workspaces sync at once
     * @param onError told about a sync that threw (a failed deployment is not an error here)
     */
    public BackgroundSyncs(
            LongFunction<Deployment> sync,
            int threads,
            BiConsumer<Long, RuntimeException> onError) {
        this.sync = Objects.requireNonNull(sync, "sync");
        this.onError = Objects.requireNonNull(onError, "onError");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        this.executor =
                Executors.newFixedThreadPool(
                        threads,
                        r -> {
                            Thread t = new Thread(r, "draehi-sync");
                            t.setDaemon(true);
                            return t;
                        });
    }

    /** Starts a sync of the workspace, or queues one behind the sync that runs. */
    @Override
    public void accept(long workspaceId) {
        synchronized (this) {
            if (running.contains(workspaceId)) {
                again.add(workspaceId);
                return;
            }
            running.add(workspaceId);
        }
        try {
            executor.execute(() -> run(workspaceId));
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                running.remove(workspaceId);
            }
            throw e;
        }
    }

    /** True while a sync of the workspace runs or waits. */
    @Override
    public synchronized boolean busy(long workspaceId) {
        return running.contains(workspaceId);
    }

    private void run(long workspaceId) {
        while (true) {
            try {
                sync.apply(workspaceId);
            } catch (RuntimeException e) {
                onError.accept(workspaceId, e);
            }
            synchronized (this) {
                if (!again.remove(workspaceId)) {
                    running.remove(workspaceId);
                    return;
                }
            }
        }
    }

    /** Stops taking syncs and waits up to {@code seconds} for those that run. */
    public void shutdown(long seconds) throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(seconds, TimeUnit.SECONDS);
    }

    /** Stops at once, interrupting running syncs. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
