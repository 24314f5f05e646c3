package dev.draehi.store.memory;

import dev.draehi.model.Deployment;
import dev.draehi.model.DeploymentStatus;
import dev.draehi.model.GitRepository;
import dev.draehi.model.SyncStatus;
import dev.draehi.store.AssetRepository;
import dev.draehi.store.DeploymentRepository;
import dev.draehi.store.DomainClaimRepository;
import dev.draehi.store.GitRepositoryRepository;
import dev.draehi.store.NodeRepository;
import dev.draehi.store.SessionRepository;
import dev.draehi.store.SlugHoldRepository;
import dev.draehi.store.Storage;
import dev.draehi.store.SyncJobRepository;
import dev.draehi.store.UserRepository;
import dev.draehi.store.WorkspaceRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Storage held in memory: zero setup, for the command line's default, tests, and single-process
 * hosts. Passes the same contract as the PostgreSQL backend.
 *
 * <p>Writes are copy-on-write: a transaction works on a private copy of the state and publishes it
 * with one volatile write when it commits, so readers never wait and never see half a transaction.
 * Writers are serialized. Content is kept per workspace in immutable snapshots, so a transaction
 * copies only the small tables.
 */
public final class InMemoryStorage implements Storage {
    private static final String ABANDONED = "abandoned: the process running this sync stopped";

    private final Clock clock;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ThreadLocal<MemoryTables> working = new ThreadLocal<>();
    private final ThreadLocal<MemoryTables> reading = new ThreadLocal<>();
    private final Map<Long, ReentrantLock> syncLocks = new ConcurrentHashMap<>();
    private volatile MemoryTables state = new MemoryTables();

    private final UserRepository users = new MemoryUserRepository(this);
    private final WorkspaceRepository workspaces = new MemoryWorkspaceRepository(this);
    private final GitRepositoryRepository repositories = new MemoryGitRepositoryRepository(this);
    private final DeploymentRepository deployments = new MemoryDeploymentRepository(this);
    private final NodeRepository nodes = new MemoryNodeRepository(this);
    private final AssetRepository assets = new MemoryAssetRepository(this);
    private final SessionRepository sessions = new MemorySessionRepository(this);
    private final SyncJobRepository syncJobs = new MemorySyncJobRepository(this);
    private final DomainClaimRepository domainClaims = new MemoryDomainClaimRepository(this);
    private final SlugHoldRepository slugHolds = new MemorySlugHoldRepository(this);

    /** Empty storage on the system clock. */
    public InMemoryStorage() {
        this(Clock.systemUTC());
    }

    /** Empty storage whose timestamps come from {@code clock}. */
    public InMemoryStorage(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public UserRepository users() {
        return users;
    }

    @Override
    public WorkspaceRepository workspaces() {
        return workspaces;
    }

    @Override
    public GitRepositoryRepository repositories() {
        return repositories;
    }

    @Override
    public DeploymentRepository deployments() {
        return deployments;
    }

    @Override
    public NodeRepository nodes() {
        return nodes;
    }

    @Override
    public AssetRepository assets() {
        return assets;
    }

    @Override
    public SessionRepository sessions() {
        return sessions;
    }

    @Override
    public SyncJobRepository syncJobs() {
        return syncJobs;
    }

    @Override
    public DomainClaimRepository domainClaims() {
        return domainClaims;
    }

    @Override
    public SlugHoldRepository slugHolds() {
        return slugHolds;
    }

    @Override
    public <T> T inTransaction(Function<Storage, T> work) {
        Objects.requireNonNull(work, "work");
        if (working.get() != null) {
            return work.apply(this);
        }
        writeLock.lock();
        try {
            MemoryTables copy = state.copy();
            working.set(copy);
            T result = work.apply(this);
            state = copy;
            return result;
        } finally {
            working.remove();
            writeLock.unlock();
        }
    }

    @Override
    public <T> T inSnapshot(Function<Storage, T> work) {
        Objects.requireNonNull(work, "work");
        if (working.get() != null || reading.get() != null) {
            return work.apply(this);
        }
        reading.set(state);
        try {
            return work.apply(this);
        } finally {
            reading.remove();
        }
    }

    @Override
    public WorkspaceLock lockWorkspace(long workspaceId) {
        ReentrantLock lock = syncLocks.computeIfAbsent(workspaceId, id -> new ReentrantLock());
        lock.lock();
        return lock::unlock;
    }

    @Override
    public int failAbandonedDeployments() {
        return write(
                s -> {
                    int n = 0;
                    for (Deployment d : new ArrayList<>(s.deployments.values())) {
                        if (!d.status().isFinal() && !syncing(d.workspaceId())) {
                            s.deployments.put(
                                    d.id(),
                                    new Deployment(
                                            d.id(),
                                            d.workspaceId(),
                                            d.commitSha(),
                                            DeploymentStatus.FAILED,
                                            d.deployedAt(),
                                            ABANDONED,
                                            d.buildLog()));
                            n++;
                        }
                    }
                    for (GitRepository r : new ArrayList<>(s.repos.values())) {
                        if (r.syncStatus() == SyncStatus.SYNCING && !syncing(r.workspaceId())) {
                            s.repos.put(
                                    r.workspaceId(),
                                    MemoryGitRepositoryRepository.withStatus(
                                            r, SyncStatus.ERROR, null, ABANDONED, now()));
                        }
                    }
                    return n;
                });
    }

    /** True while some thread holds the workspace's sync lock. */
    private boolean syncing(long workspaceId) {
        ReentrantLock lock = syncLocks.get(workspaceId);
        return lock != null && lock.isLocked();
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The tables a read sees: the transaction's copy, the snapshot's, or the published ones. */
    MemoryTables read() {
        MemoryTables w = working.get();
        if (w != null) {
            return w;
        }
        MemoryTables r = reading.get();
        return r != null ? r : state;
    }

    /** Runs {@code op} on the tables of the joined transaction, or of a transaction of its own. */
    <T> T write(Function<MemoryTables, T> op) {
        return inTransaction(s -> op.apply(working.get()));
    }
}
