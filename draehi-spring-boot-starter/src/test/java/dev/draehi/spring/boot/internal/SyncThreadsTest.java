package dev.draehi.spring.boot.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Background syncs get a grace period at shutdown, then are interrupted; nothing runs after. */
class SyncThreadsTest {
    @Test
    void closeLetsARunningTaskFinishWithinTheGracePeriod() throws Exception {
        SyncThreads threads = new SyncThreads("t", Duration.ofSeconds(10));
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        threads.execute(
                () -> {
                    started.countDown();
                    sleep(200);
                    finished.set(true);
                });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        threads.close();
        assertThat(finished).isTrue();
        assertThatThrownBy(() -> threads.execute(() -> {}))
                .isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void closeInterruptsATaskThatOutlastsTheGracePeriod() throws Exception {
        SyncThreads threads = new SyncThreads("t", Duration.ofMillis(50));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        threads.execute(
                () -> {
                    started.countDown();
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                    }
                });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        long t0 = System.nanoTime();
        threads.close();
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
