package dev.draehi.server;

import dev.draehi.Publisher;
import dev.draehi.SyncException;
import dev.draehi.model.Deployment;
import dev.draehi.model.Redaction;
import dev.draehi.model.SyncJob;
import dev.draehi.store.Storage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;

/**
 * Runs the syncs of the durable queue ({@link Storage#syncJobs()}): any number of processes on one
 * database may run a worker each, and every queued job runs once, in one of them. A job is claimed
 * for a lease that the worker renews while its sync runs; a worker that dies loses its claims when
 * their leases end, and another takes them over. A failed sync is retried with backoff up to {@link
 * Builder#maxAttempts}, then stays failed with its reason; a failure that running the same sync
 * again cannot mend (a commit over a limit, an unreadable config: {@link
 * SyncException.Reason#retryable()}) stays failed at once.
 *
 * <pre>{@code
 * SyncWorker worker = SyncWorker.builder(storage, publisher).threads(2).build().start();
 * worker.accept(workspaceId); // queues a sync (committed when this returns) and wakes the worker
 * }</pre>
 */
public final class SyncWorker implements LongConsumer, SyncStatus, AutoCloseable {
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);
    private final Storage storage;
    private final Publisher publisher;
    private final String name;
    private final int threads;
    private final Duration lease;
    private final Duration poll;
    private final int maxAttempts;
    private final Duration backoff;
    private final BiConsumer<SyncJob, String> onFailure;
    private final LongConsumer afterSync;
    private final Duration retention;
    private final Semaphore wake = new Semaphore(0);
    private final List<Thread> workers = new ArrayList<>();
    private final ScheduledExecutorService renewer;
    private volatile boolean stopped;

    private SyncWorker(Builder b) {
        this.storage = b.storage;
        this.publisher = b.publisher;
        this.name = b.name;
        this.threads = b.threads;
        this.lease = b.lease;
        this.poll = b.poll;
        this.maxAttempts = b.maxAttempts;
        this.backoff = b.backoff;
        this.onFailure = b.onFailure;
        this.afterSync = b.afterSync;
        this.retention = b.retention;
        this.renewer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "draehi-sync-lease");
                            t.setDaemon(true);
                            return t;
                        });
    }

    /** A builder over the storage that holds the queue and the publisher that runs the syncs. */
    public static Builder builder(Storage storage, Publisher publisher) {
        return new Builder(storage, publisher);
    }

    /** This worker's name in the jobs it claims: host, process id and a random part. */
    public String name() {
        return name;
    }

    /** Starts the worker's threads; returns this worker. */
    public synchronized SyncWorker start() {
        if (!workers.isEmpty()) {
            throw new IllegalStateException("the worker was started already");
        }
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::loop, "draehi-sync-" + (i + 1));
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        renewer.scheduleWithFixedDelay(this::prune, 1, PRUNE_EVERY.toMinutes(), TimeUnit.MINUTES);
        return this;
    }

    /** Queues a sync of the workspace (committed when this returns) and wakes the worker. */
    @Override
    public void accept(long workspaceId) {
        storage.syncJobs().enqueue(workspaceId);
        wake();
    }

    /** Tells the worker that a job was queued, so that it claims it now rather than at its poll. */
    public void wake() {
        wake.release(threads);
    }

    /** True while a sync of the workspace is queued or running, in any process. */
    @Override
    public boolean busy(long workspaceId) {
        return storage.syncJobs().list(workspaceId).stream().anyMatch(j -> !j.status().isFinal());
    }

    private void loop() {
        while (!stopped) {
            Optional<SyncJob> job;
            try {
                job = storage.syncJobs().claim(name, lease);
            } catch (RuntimeException e) {
                // the database is away: try again at the next poll
                job = Optional.empty();
                onFailure.accept(null, Redaction.describe(e));
            }
            if (job.isPresent()) {
                run(job.get());
                continue;
            }
            try {
                wake.tryAcquire(poll.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void run(SyncJob job) {
        if (job.attempts() > maxAttempts) {
            // claimed again after its worker died in each of its attempts
            fail(
                    job,
                    "gave up after " + maxAttempts + " attempts whose process stopped",
                    maxAttempts);
            return;
        }
        if (job.attempts() > 1) {
            // taken over, perhaps from a process that died: mark the deployment it left open
            storage.failAbandonedDeployments();
        }
        long renewEvery = Math.max(1, lease.toMillis() / 3);
        ScheduledFuture<?> renewal =
                renewer.scheduleWithFixedDelay(
                        () -> {
                            try {
                                storage.syncJobs().renew(job.id(), name, lease);
                            } catch (RuntimeException e) {
                                // the next renewal tries again; the lease covers a few misses
                            }
                        },
                        renewEvery,
                        renewEvery,
                        TimeUnit.MILLISECONDS);
        String error;
        boolean retryable = true;
        try {
            Deployment d = publisher.sync(job.workspaceId());
            error = d.succeeded() ? null : d.errorLog();
            if (error != null) {
                retryable =
                        SyncException.Reason.ofErrorLog(error).map(r -> r.retryable()).orElse(true);
            }
        } catch (SyncException e) {
            error = Redaction.describe(e);
            retryable = e.reason().retryable();
        } catch (RuntimeException e) {
            error = Redaction.describe(e);
        } finally {
            renewal.cancel(false);
        }
        try {
            if (error == null) {
                storage.syncJobs().complete(job.id(), name);
            } else {
                fail(job, error, retryable ? maxAttempts : job.attempts());
            }
            afterSync.accept(job.workspaceId());
        } catch (RuntimeException e) {
            // the claim's lease ends and another worker runs the job again
            onFailure.accept(job, Redaction.describe(e));
        }
    }

    private void prune() {
        try {
            storage.syncJobs().prune(retention);
        } catch (RuntimeException e) {
            // the database is away: the next round prunes
            onFailure.accept(null, Redaction.describe(e));
        }
    }

    private void fail(SyncJob job, String reason, int attempts) {
        String why = reason == null || reason.isBlank() ? "failed" : reason;
        storage.syncJobs().fail(job.id(), name, why, attempts, backoff);
        onFailure.accept(job, why);
    }

    /**
     * Stops claiming jobs. Syncs that run are not waited for: their claims end with their lease,
     * and the jobs run again in the next worker.
     */
    @Override
    public void close() {
        stopped = true;
        wake.release(threads);
        renewer.shutdownNow();
        List<Thread> ts;
        synchronized (this) {
            ts = new ArrayList<>(workers);
        }
        for (Thread t : ts) {
            t.interrupt();
        }
    }

    /** Builds a {@link SyncWorker}. */
    public static final class Builder {
        private final Storage storage;
        private final Publisher publisher;
        private String name = defaultName();
        private int threads = 2;
        private Duration lease = Duration.ofMinutes(1);
        private Duration poll = Duration.ofSeconds(2);
        private int maxAttempts = 5;
        private Duration backoff = Duration.ofSeconds(30);
        private BiConsumer<SyncJob, String> onFailure = (job, reason) -> {};
        private LongConsumer afterSync = ws -> {};
        private Duration retention = Duration.ofDays(7);

        private Builder(Storage storage, Publisher publisher) {
            this.storage = Objects.requireNonNull(storage, "storage");
            this.publisher = Objects.requireNonNull(publisher, "publisher");
        }

        /** The worker's name in the jobs it claims. Default: host, process id and a random part. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** How many syncs run at once. Default: 2. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * How long a claim holds without being renewed (it is renewed every third of it): how long
         * a job of a worker that died waits to be taken over. Default: 1 minute.
         */
        public Builder lease(Duration lease) {
            if (lease.isNegative() || lease.isZero()) {
                throw new IllegalArgumentException("lease must be positive");
            }
            this.lease = lease;
            return this;
        }

        /** How often an idle worker looks for jobs that others queued. Default: 2 seconds. */
        public Builder poll(Duration poll) {
            if (poll.isNegative() || poll.isZero()) {
                throw new IllegalArgumentException("poll must be positive");
            }
            this.poll = poll;
            return this;
        }

        /** How many attempts a job gets before it stays failed. Default: 5. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** The wait after a first failure, doubled after each next one. Default: 30 seconds. */
        public Builder backoff(Duration backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /**
         * Told about a failed attempt (the job, the reason), or with a {@code null} job about the
         * queue failing to answer. Default: nothing.
         */
        public Builder onFailure(BiConsumer<SyncJob, String> onFailure) {
            this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
            return this;
        }

        /** Told after each sync this worker ran, e.g. to refresh a site. Default: nothing. */
        public Builder afterSync(LongConsumer afterSync) {
            this.afterSync = Objects.requireNonNull(afterSync, "afterSync");
            return this;
        }

        /**
         * How long ended jobs and seen webhook delivery ids are kept: a running worker {@linkplain
         * dev.draehi.store.SyncJobRepository#prune prunes} older ones a minute after it starts and
         * hourly after that. A host's redelivery of a push older than this is accepted again.
         * Default: 7 days.
         */
        public Builder retention(Duration retention) {
            if (retention.isNegative()) {
                throw new IllegalArgumentException("retention must not be negative");
            }
            this.retention = retention;
            return this;
        }

        /** The worker, not yet started. */
        public SyncWorker build() {
            return new SyncWorker(this);
        }

        private static String defaultName() {
            String host;
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "localhost";
            }
            return host
                    + ":"
                    + ProcessHandle.current().pid()
                    + ":"
                    + UUID.randomUUID().toString().substring(0, 8);
        }
    }
}
