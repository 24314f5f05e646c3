package dev.draehi.internal;

import dev.draehi.model.Page;
import dev.draehi.store.WorkspaceContent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A sync's content, built a part at a time as the storage asks for it: each part is rendered (on
 * the sync's pool, its pages in parallel), then built into content (in order, one part after
 * another), {@link #AHEAD} parts ahead of the one the storage writes, so that while one part is
 * built on one thread the next renders on the others. Holds at most three parts, so a graph's HTML
 * is never in memory as a whole. Single use.
 *
 * @param <R> what rendering a part gives its building
 */
final class Parts<R> {
    /** A part closes once it has this many blocks, or {@link #PAGES_PER_PART} pages. */
    static final int BLOCKS_PER_PART = 8_000;

    static final int PAGES_PER_PART = 400;

    /** Parts asked for past the one the storage takes. */
    static final int AHEAD = 2;

    private final List<List<Page>> chunks;
    private final Executor executor;
    private final Function<List<Page>, R> render;
    private final BiFunction<List<Page>, R, WorkspaceContent> build;
    // the last part submitted: the next part is built after it
    private CompletableFuture<WorkspaceContent> last = CompletableFuture.completedFuture(null);
    private long buildNanos;
    private int busy;
    private long busySince;
    private long waitNanos;
    private long nodes;
    private long references;

    Parts(
            List<Page> pages,
            Executor executor,
            Function<List<Page>, R> render,
            BiFunction<List<Page>, R, WorkspaceContent> build) {
        this.chunks = chunks(pages);
        this.executor = executor;
        this.render = render;
        this.build = build;
    }

    /** {@code pages} in order, cut into parts of about {@link #BLOCKS_PER_PART} blocks. */
    static List<List<Page>> chunks(List<Page> pages) {
        List<List<Page>> out = new ArrayList<>();
        List<Page> current = new ArrayList<>();
        int blocks = 0;
        for (Page p : pages) {
            current.add(p);
            blocks += 1 + p.blockCount();
            if (blocks >= BLOCKS_PER_PART || current.size() >= PAGES_PER_PART) {
                out.add(current);
                current = new ArrayList<>();
                blocks = 0;
            }
        }
        if (!current.isEmpty() || out.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    /** The parts, built as the stream is consumed. */
    Stream<WorkspaceContent> stream() {
        Iterator<WorkspaceContent> it =
                new Iterator<>() {
                    private int next;
                    private int submitted;
                    private final ArrayDeque<CompletableFuture<WorkspaceContent>> ahead =
                            new ArrayDeque<>();

                    @Override
                    public boolean hasNext() {
                        return next < chunks.size();
                    }

                    /** Submits parts until {@link #AHEAD} are asked for past the one taken last. */
                    private void fill() {
                        while (submitted < chunks.size() && submitted < next + AHEAD) {
                            ahead.add(submit(chunks.get(submitted)));
                            chunks.set(submitted, List.of()); // let go of the pages' list
                            submitted++;
                        }
                    }

                    @Override
                    public WorkspaceContent next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        fill();
                        CompletableFuture<WorkspaceContent> f = ahead.poll();
                        next++;
                        long t0 = System.nanoTime();
                        WorkspaceContent part;
                        try {
                            part = f.join();
                        } catch (CompletionException e) {
                            if (e.getCause() instanceof RuntimeException r) {
                                throw r;
                            }
                            if (e.getCause() instanceof Error err) {
                                throw err;
                            }
                            throw e;
                        }
                        waitNanos += System.nanoTime() - t0;
                        fill();
                        nodes += part.nodes().size();
                        references += part.references().size();
                        return part;
                    }
                };
        return StreamSupport.stream(
                Spliterators.spliterator(
                        it, chunks.size(), Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }

    /** Renders {@code chunk}, then builds it once the part before it is built. */
    private CompletableFuture<WorkspaceContent> submit(List<Page> chunk) {
        CompletableFuture<R> rendered =
                CompletableFuture.supplyAsync(() -> timed(() -> render.apply(chunk)), executor);
        // a part that failed fails the ones after it, which are not built
        last =
                rendered.thenCombineAsync(
                        last, (r, before) -> timed(() -> build.apply(chunk, r)), executor);
        return last;
    }

    /** Runs {@code work}, counting the wall time during which any part was being made. */
    private <T> T timed(java.util.function.Supplier<T> work) {
        synchronized (this) {
            if (busy++ == 0) {
                busySince = System.nanoTime();
            }
        }
        try {
            return work.get();
        } finally {
            synchronized (this) {
                if (--busy == 0) {
                    buildNanos += System.nanoTime() - busySince;
                }
            }
        }
    }

    /** How many parts there are. */
    int count() {
        return chunks.size();
    }

    /** Wall time during which parts were being made so far (rendering, mostly). */
    synchronized long buildMillis() {
        return buildNanos / 1_000_000;
    }

    /** Time the consumer of {@link #stream} spent waiting for a part. */
    long waitMillis() {
        return waitNanos / 1_000_000;
    }

    long nodes() {
        return nodes;
    }

    long references() {
        return references;
    }
}
