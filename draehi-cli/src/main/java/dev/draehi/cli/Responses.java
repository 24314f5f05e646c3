package dev.draehi.cli;

import java.util.Deque;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The files of a static export, made (the site's response, and the file written) on one thread per
 * processor, a few paths ahead of the export, and handed to it in the order they are done: one slow
 * file (the whole graph's layout) does not hold the others back. On one processor each is made when
 * it is taken.
 *
 * @param <T> what making one path gives
 */
final class Responses<T> implements AutoCloseable {
    private static final int AHEAD_PER_THREAD = 8;

    private final Function<String, T> work;
    private final ExecutorService pool;
    private final CompletionService<T> done;
    private final int ahead;
    private String inline;
    private int asked;

    Responses(Function<String, T> work) {
        this.work = work;
        int threads = Math.min(Runtime.getRuntime().availableProcessors(), 4);
        this.pool =
                threads < 2
                        ? null
                        : Executors.newFixedThreadPool(
                                threads,
                                r -> {
                                    Thread t = new Thread(r, "draehi-export");
                                    t.setDaemon(true);
                                    return t;
                                });
        this.done = pool == null ? null : new ExecutorCompletionService<>(pool);
        this.ahead = pool == null ? 1 : threads * AHEAD_PER_THREAD;
    }

    /** Takes paths from the head of {@code queue} until enough are asked for ahead. */
    void ask(Deque<String> queue) {
        while (asked < ahead && !queue.isEmpty()) {
            String path = queue.poll();
            asked++;
            if (pool == null) {
                inline = path;
            } else {
                done.submit(() -> work.apply(path));
            }
        }
    }

    /** Whether a path asked for is not yet taken by {@link #next}. */
    boolean waiting() {
        return asked > 0;
    }

    /**
     * What making one of the paths asked for gave, the first done first; a failure to make it is
     * thrown here.
     */
    T next() {
        if (asked == 0) {
            throw new IllegalStateException("no path asked for");
        }
        asked--;
        if (pool == null) {
            String path = inline;
            inline = null;
            return work.apply(path);
        }
        try {
            return done.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while exporting", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("cannot export: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
