package dev.draehi.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The files of a static export, asked for a few paths ahead in the order the export takes them and
 * made (the site's response, and the file written) on one thread per processor: the export sees
 * them in its own order, as if it had asked for each in turn. On one processor each is made when it
 * is taken.
 *
 * @param <T> what making one path gives
 */
final class Responses<T> implements AutoCloseable {
    private static final int AHEAD_PER_THREAD = 8;

    private final Function<String, T> work;
    private final ExecutorService pool;
    private final int ahead;
    private final Deque<String> paths = new ArrayDeque<>();
    private final Deque<Future<T>> pending = new ArrayDeque<>();

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
        this.ahead = threads * AHEAD_PER_THREAD;
    }

    /** Takes paths from the head of {@code queue} until enough are asked for ahead. */
    void ask(Deque<String> queue) {
        while (paths.size() < (pool == null ? 1 : ahead) && !queue.isEmpty()) {
            String path = queue.poll();
            paths.add(path);
            if (pool != null) {
                pending.add(pool.submit(() -> work.apply(path)));
            }
        }
    }

    /** The path whose result {@link #next} gives, or null when none was asked for. */
    String nextPath() {
        return paths.peek();
    }

    /** What making the path {@link #nextPath} named gave; a failure to make it is thrown here. */
    T next() {
        String path = paths.poll();
        if (pool == null) {
            return work.apply(path);
        }
        try {
            return pending.poll().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while exporting " + path, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("cannot export " + path, e.getCause());
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pending.forEach(f -> f.cancel(true));
            pool.shutdownNow();
        }
    }
}
