package dev.draehi;

import dev.draehi.internal.SyncRun;
import dev.draehi.internal.SyncState;
import dev.draehi.model.Deployment;
import dev.draehi.spi.GraphSource;
import dev.draehi.spi.PageRenderer;
import dev.draehi.spi.PausePoint;
import dev.draehi.store.Storage;
import java.time.Clock;
import java.util.Objects;
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
 *
 * <p>Between syncs a publisher keeps, per workspace, what the last sync published and what each
 * page read when it was rendered, so that the next sync renders and stores only the pages a push
 * changed; the source keeps its own part (a checkout's state, the last parse). Both are held within
 * one bound ({@link Builder#stateBytes}): the workspace synced least recently gives its state up
 * first, and its next sync is a full one, as the first sync after a restart is.
 */
public final class Publisher {
    private final Storage storage;
    private final GraphSource source;
    private final PageRenderer renderer;
    private final int parallelism;
    private final Clock clock;
    private final Consumer<String> progress;
    private final SyncState state;
    private final PausePoint pause;

    private Publisher(Builder b) {
        this.storage = Objects.requireNonNull(b.storage, "storage");
        this.source = Objects.requireNonNull(b.source, "source");
        this.renderer = Objects.requireNonNull(b.renderer, "renderer");
        this.parallelism = b.parallelism;
        this.clock = b.clock;
        this.progress = b.progress;
        this.state = new SyncState(b.stateBytes, source::forget);
        this.pause = b.pause;
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
     * About how many bytes the state kept between syncs holds now, the source's part included: at
     * most {@link Builder#stateBytes} once a sync has ended.
     */
    public long stateBytes() {
        return state.bytes();
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
                        state,
                        pause)
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
                        state,
                        pause)
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
        private long stateBytes = Runtime.getRuntime().maxMemory() / 4;
        private PausePoint pause = PausePoint.NONE;

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

        /**
         * About how many bytes of memory the state kept between syncs may take, over every
         * workspace and the source's part included: the workspaces synced least recently give
         * theirs up first, and the one synced last keeps its own even when it alone is over the
         * bound. 0 keeps none, and every sync is a full one. Default: a quarter of the maximum
         * heap.
         */
        public Builder stateBytes(long stateBytes) {
            if (stateBytes < 0) {
                throw new IllegalArgumentException(
                        "stateBytes must not be negative, was " + stateBytes);
            }
            this.stateBytes = stateBytes;
            return this;
        }

        /**
         * Told when a sync reaches each of its phases, and handed on to the source; a test hook
         * that stops syncs at a named moment. Default: {@link PausePoint#NONE}.
         */
        public Builder pausePoint(PausePoint pause) {
            this.pause = Objects.requireNonNull(pause, "pause");
            return this;
        }

        /** The publisher. */
        public Publisher build() {
            return new Publisher(this);
        }
    }
}
