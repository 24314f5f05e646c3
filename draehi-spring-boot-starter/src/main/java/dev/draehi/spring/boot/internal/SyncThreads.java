package dev.draehi.spring.boot.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that background syncs run on, stopped with the application context: a running sync
 * gets a grace period to finish, then is interrupted (its deployment is then marked failed, at the
 * latest by the next start). Deliberately not an {@link java.util.concurrent.Executor}, so that
 * Spring Boot's own task executor is still configured beside it.
 */
public final class SyncThreads implements AutoCloseable {
    private final ExecutorService pool;
    private final Duration grace;

    /** Daemon threads named {@code name-N}, created as needed and dropped after a minute idle. */
    public SyncThreads(String name, Duration grace) {
        Objects.requireNonNull(name, "name");
        this.grace = Objects.requireNonNull(grace, "grace");
        AtomicInteger n = new AtomicInteger();
        this.pool =
                Executors.newCachedThreadPool(
                        r -> {
                            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
    }

    /** Runs {@code task} on one of the threads. */
    public void execute(Runnable task) {
        pool.execute(task);
    }

    /** Stops taking tasks, waits the grace period for running ones, then interrupts them. */
    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
