package dev.draehi.server.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Deployment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** "Sync now" in the background: one sync at a time per workspace, requests collapsed. */
class BackgroundSyncsTest {

    @Test
    void requestsDuringASyncCollapseIntoOneMoreRun() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Long> runs = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxConcurrent = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(2);
        try (BackgroundSyncs syncs =
                new BackgroundSyncs(
                        ws -> {
                            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                            runs.add(ws);
                            started.countDown();
                            await(release);
                            concurrent.decrementAndGet();
                            done.countDown();
                            return (Deployment) null;
                        },
                        4,
                        (ws, e) -> {})) {
            syncs.accept(7);
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(syncs.busy(7)).isTrue();
            syncs.accept(7);
            syncs.accept(7);
            syncs.accept(7);
            release.countDown();
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            waitUntilIdle(syncs, 7);
            assertThat(runs).containsExactly(7L, 7L);
            assertThat(maxConcurrent.get()).isEqualTo(1);
        }
    }

    @Test
    void differentWorkspacesSyncAtOnceAndErrorsAreReported() throws Exception {
        CountDownLatch both = new CountDownLatch(2);
        List<Long> failed = Collections.synchronizedList(new ArrayList<>());
        try (BackgroundSyncs syncs =
                new BackgroundSyncs(
                        ws -> {
                            both.countDown();
                            await(both);
                            throw new IllegalStateException("boom " + ws);
                        },
                        2,
                        (ws, e) -> failed.add(ws))) {
            syncs.accept(1);
            syncs.accept(2);
            assertThat(both.await(5, TimeUnit.SECONDS)).isTrue();
            waitUntilIdle(syncs, 1);
            waitUntilIdle(syncs, 2);
            assertThat(failed).containsExactlyInAnyOrder(1L, 2L);
            // A failure does not wedge the workspace: it can sync again.
            syncs.accept(1);
            waitUntilIdle(syncs, 1);
            assertThat(failed).hasSize(3);
        }
    }

    static void waitUntilIdle(BackgroundSyncs syncs, long ws) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (syncs.busy(ws) && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(syncs.busy(ws)).as("workspace %d still syncing", ws).isFalse();
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
