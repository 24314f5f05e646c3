package dev.draehi.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.Publisher;
import dev.draehi.SyncException;
import dev.draehi.model.Graph;
import dev.draehi.model.GraphConfig;
import dev.draehi.model.Page;
import dev.draehi.model.SyncJob;
import dev.draehi.model.SyncJobStatus;
import dev.draehi.spi.RenderedPage;
import dev.draehi.store.memory.InMemoryStorage;
import dev.draehi.testing.FakeGraphSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SyncWorkerTest {
    static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    InMemoryStorage storage = new InMemoryStorage();
    FakeGraphSource source =
            new FakeGraphSource(
                    new Graph(
                            SHA,
                            GraphConfig.DEFAULTS,
                            List.of(Page.generated("home")),
                            Map.of(),
                            List.of()));
    Publisher publisher =
            Publisher.builder()
                    .storage(storage)
                    .source(source)
                    .renderer((page, ctx) -> new RenderedPage(List.of(), List.of()))
                    .build();
    long ws;

    @BeforeEach
    void workspace() {
        Accounts accounts = Accounts.builder(storage).cost(10).build();
        ws = accounts.signUp("ada", "password-1").workspace().id();
        accounts.connectRepository(ws, "https://github.com/ada/notes", "main", null);
    }

    @Test
    @Timeout(30)
    void aQueuedSyncRunsOnceAndItsJobIsDone() throws Exception {
        try (SyncWorker worker =
                SyncWorker.builder(storage, publisher).poll(Duration.ofMillis(50)).build()) {
            worker.accept(ws);
            assertThat(worker.busy(ws)).isTrue();
            worker.start();
            waitFor(() -> !worker.busy(ws));
        }
        List<SyncJob> jobs = storage.syncJobs().list(ws);
        assertThat(jobs).hasSize(1);
        assertThat(jobs.get(0).status()).isEqualTo(SyncJobStatus.DONE);
        assertThat(jobs.get(0).attempts()).isEqualTo(1);
        assertThat(storage.deployments().list(ws)).hasSize(1);
        assertThat(storage.deployments().list(ws).get(0).succeeded()).isTrue();
    }

    @Test
    @Timeout(30)
    void aFailingSyncIsRetriedThenStaysFailedWithItsReason() throws Exception {
        source.failWith(() -> new SyncException(SyncException.Reason.OTHER, "remote is down"));
        SyncJob job = runUntilFailed(0);
        assertThat(job.attempts()).isEqualTo(3);
        assertThat(job.lastError()).contains("remote is down");
        assertThat(storage.deployments().list(ws)).hasSize(3);
    }

    /**
     * Runs a worker of 3 attempts 10 ms apart until the workspace's job failed, and {@code
     * afterMillis} more.
     */
    private SyncJob runUntilFailed(long afterMillis) throws Exception {
        try (SyncWorker worker =
                SyncWorker.builder(storage, publisher)
                        .poll(Duration.ofMillis(20))
                        .maxAttempts(3)
                        .backoff(Duration.ofMillis(10))
                        .build()
                        .start()) {
            worker.accept(ws);
            waitFor(() -> storage.syncJobs().list(ws).get(0).status() == SyncJobStatus.FAILED);
            Thread.sleep(afterMillis);
        }
        return storage.syncJobs().list(ws).get(0);
    }

    @Test
    @Timeout(30)
    void aCommitOverALimitFailsOnceAndIsNotRetried() throws Exception {
        source.failWith(
                () ->
                        new SyncException(
                                SyncException.Reason.TOO_LARGE,
                                "the commit has 2000000 files, over this server's limit of 100000"));
        // a retry would be due after 10 ms: give it time to show
        SyncJob job = runUntilFailed(300);
        assertThat(job.attempts()).isEqualTo(1);
        assertThat(job.status()).isEqualTo(SyncJobStatus.FAILED);
        assertThat(job.lastError()).startsWith("too_large: ").contains("over this server's limit");
        assertThat(storage.deployments().list(ws)).hasSize(1);
    }

    @Test
    @Timeout(30)
    void aJobOfAWorkerThatDiedIsTakenOverWhenItsLeaseEnds() throws Exception {
        SyncJob job = storage.syncJobs().enqueue(ws);
        assertThat(storage.syncJobs().claim("dead", Duration.ofMillis(200))).isPresent();
        try (SyncWorker worker =
                SyncWorker.builder(storage, publisher)
                        .poll(Duration.ofMillis(20))
                        .name("alive")
                        .build()
                        .start()) {
            waitFor(
                    () ->
                            storage.syncJobs().findById(job.id()).orElseThrow().status()
                                    == SyncJobStatus.DONE);
        }
        SyncJob done = storage.syncJobs().findById(job.id()).orElseThrow();
        assertThat(done.worker()).isEqualTo("alive");
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(storage.deployments().list(ws)).hasSize(1);
    }

    static void waitFor(BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            Thread.sleep(10);
        }
    }
}
