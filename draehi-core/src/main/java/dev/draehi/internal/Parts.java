package dev.draehi.internal;

import dev.draehi.model.Page;
import dev.draehi.store.WorkspaceContent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A sync's content, built a part at a time as the storage asks for it, one part ahead: while the
 * storage writes one part, the next renders. Holds at most two parts, so a graph's HTML is never in
 * memory as a whole. Single use.
 */
final class Parts {
    /** A part closes once it has this many blocks, or {@link #PAGES_PER_PART} pages. */
    static final int BLOCKS_PER_PART = 8_000;

    static final int PAGES_PER_PART = 400;

    private final List<List<Page>> chunks;
    private final Executor executor;
    private final Function<List<Page>, WorkspaceContent> build;
    private long buildNanos;
    private long waitNanos;
    private long nodes;
    private long references;

    Parts(List<Page> pages, Executor executor, Function<List<Page>, WorkspaceContent> build) {
        this.chunks = chunks(pages);
        this.executor = executor;
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
                    private CompletableFuture<WorkspaceContent> ahead;

                    @Override
                    public boolean hasNext() {
                        return next < chunks.size();
                    }

                    @Override
                    public WorkspaceContent next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        CompletableFuture<WorkspaceContent> f =
                                ahead != null ? ahead : submit(chunks.get(next));
                        chunks.set(next, List.of()); // let go of the pages' list
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
                        ahead = hasNext() ? submit(chunks.get(next)) : null;
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

    private CompletableFuture<WorkspaceContent> submit(List<Page> chunk) {
        return CompletableFuture.supplyAsync(
                () -> {
                    long t0 = System.nanoTime();
                    WorkspaceContent c = build.apply(chunk);
                    synchronized (this) {
                        buildNanos += System.nanoTime() - t0;
                    }
                    return c;
                },
                executor);
    }

    /** How many parts there are. */
    int count() {
        return chunks.size();
    }

    /** Wall time spent building parts so far (rendering, mostly). */
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
