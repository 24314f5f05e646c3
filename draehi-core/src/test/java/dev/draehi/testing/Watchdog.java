package dev.draehi.testing;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a piece of a test on a daemon thread and fails it when it hangs, for test engines that
 * ignore JUnit's {@code @Timeout} (jqwik's properties). What the task throws is thrown as it is.
 */
public final class Watchdog {
    private static final ExecutorService RUNNER =
            Executors.newCachedThreadPool(
                    r -> {
                        Thread t = new Thread(r, "draehi-test-watchdog");
                        t.setDaemon(true);
                        return t;
                    });

    private Watchdog() {}

    /**
     * The task's result.
     *
     * @throws AssertionError when it takes longer than {@code seconds}, naming {@code what}
     */
    public static <T> T within(long seconds, String what, Callable<T> task) {
        Future<T> f = RUNNER.submit(task);
        try {
            return f.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError("hung for " + seconds + " s on " + what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
