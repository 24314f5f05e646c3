package dev.draehi;

import dev.draehi.internal.SyncRun;
import dev.draehi.model.Deployment;
import dev.draehi.spi.GraphSource;
import dev.draehi.spi.PageRenderer;
import dev.draehi.store.Storage;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Publishes a workspace's Logseq graph: fetches it from its source, parses and renders every page,
 * and stores the result in one transaction, recording a deployment. Immutable and thread-safe:
 * build one and share it.
 *
 * <pre>{@code
 * Publisher publisher = Publisher.builder()
 *         .storage(JdbiStorage.builder(dataSource).migrate(true).build())
 *         .source(GitGraphSource.builder().checkoutRoot(Path.of("/var/lib/draehi")).build())
 *         .renderer(HtmlPageRenderer.builder().build())
 *         .build();
 * Deployment d = publisher.sync(workspace.id());
 * if (!d.succeeded()) log.warn("sync failed: {}", d.errorLog());
 * }</pre>
 *
 * <p>A failure to fetch, parse, render or store is recorded and returned as a {@code failed}
 * deployment with its error, never thrown; readers keep seeing the previous content. Only
 * programming errors throw: an unknown workspace, a workspace without a repository, a null
 * argument.
 */
public final class Publisher {
    private final Storage storage;
    private final GraphSource source;
    private final PageRenderer renderer;
    private final int parallelism;
    private final Clock clock;
    private final Consumer<String> progress;
    private final Map<Long, SyncRun.Snapshot> snapshots = new ConcurrentHashMap<>();

    private Publisher(Builder b) {
        this.storage = Objects.requireNonNull(b.storage, "storage");
        this.source = Objects.requireNonNull(b.source, "source");
        this.renderer = Objects.requireNonNull(b.renderer, "renderer");
        this.parallelism = b.parallelism;
        this.clock = b.clock;
        this.progress = b.progress;
    }

    /** A builder; {@code storage}, {@code source} and {@code renderer} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The storage this publisher writes to. */
    public Storage storage() {
        return storage;
    }

    /**
     * Publishes the head of the workspace's branch. When it is the commit already published,
     * records a successful deployment with "unchanged" in its log and stores nothing.
     *
     * @throws NotFoundException when the workspace does not exist or has no repository
     */
    public Deployment sync(long workspaceId) {
        return new SyncRun(
                        this.storage,
                        source,
                        renderer,
                        parallelism,
                        clock,
                        progress,
                        workspaceId,
                        null,
                        snapshots)
                .run();
    }

    /**
     * Publishes an older (or any) commit of the workspace's branch: a rollback.
     *
     * @throws NotFoundException when the workspace does not exist or has no repository
     */
    public Deployment deploy(long workspaceId, String commitSha) {
        Objects.requireNonNull(commitSha, "commitSha");
        return new SyncRun(
                        storage,
                        source,
                        renderer,
                        parallelism,
                        clock,
                        progress,
                        workspaceId,
                        commitSha,
                        snapshots)
                .run();
    }

    /** Builds a {@link Publisher}. */
    public static final class Builder {
        private Storage storage;
        private GraphSource source;
        private PageRenderer renderer;
        private int parallelism = Runtime.getRuntime().availableProcessors();
        private Clock clock = Clock.systemUTC();
        private Consumer<String> progress = line -> {};

        private Builder() {}

        /** Where pages and deployments are stored. Required. */
        public Builder storage(Storage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
            return this;
        }

        /** Where graphs come from. Required. */
        public Builder source(GraphSource source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /** How blocks become HTML. Required. */
        public Builder renderer(PageRenderer renderer) {
            this.renderer = Objects.requireNonNull(renderer, "renderer");
            return this;
        }

        /** How many threads render pages. Default: the number of processors. */
        public Builder parallelism(int parallelism) {
            if (parallelism < 1) {
                throw new IllegalArgumentException(
                        "parallelism must be at least 1, was " + parallelism);
            }
            this.parallelism = parallelism;
            return this;
        }

        /** The clock for build-log timestamps. Default: the system clock, UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Receives every build-log line as it is written (secrets already masked), e.g. to print
         * progress. Default: nothing.
         */
        public Builder progress(Consumer<String> progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** The publisher. */
        public Publisher build() {
            return new Publisher(this);
        }
    }
}
