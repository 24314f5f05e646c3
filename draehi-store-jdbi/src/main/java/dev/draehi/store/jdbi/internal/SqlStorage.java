package dev.draehi.store.jdbi.internal;

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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The PostgreSQL {@link Storage}: one repository per table, composed. The root instance runs each
 * call in its own short transaction; {@link #inTransaction} hands the work a view bound to one
 * handle, and calls made on the root from the same thread meanwhile join that handle too, as {@code
 * InMemoryStorage} does.
 */
public final class SqlStorage implements Storage {
    private static final String ABANDONED = "abandoned: the process running this sync stopped";

    private final SqlContext sql;
    private final UserRepository users;
    private final WorkspaceRepository workspaces;
    private final GitRepositoryRepository repositories;
    private final DeploymentRepository deployments;
    private final NodeRepository nodes;
    private final AssetRepository assets;
    private final SessionRepository sessions;
    private final SyncJobRepository syncJobs;
    private final DomainClaimRepository domainClaims;
    private final SlugHoldRepository slugHolds;

    /**
     * The root storage.
     *
     * @param target {@code host:port/db} for messages, or {@code null} when unknown
     */
    public SqlStorage(
            Jdbi jdbi, DataSource dataSource, Clock clock, String target, SecretCodec codec) {
        this(new SqlContext(new SqlContext.Shared(jdbi, dataSource, clock, target, codec), null));
    }

    private SqlStorage(SqlContext sql) {
        this.sql = sql;
        this.users = new SqlUserRepository(sql);
        this.workspaces = new SqlWorkspaceRepository(sql);
        this.repositories = new SqlGitRepositoryRepository(sql);
        this.deployments = new SqlDeploymentRepository(sql);
        this.nodes = new SqlNodeRepository(sql);
        this.assets = new SqlAssetRepository(sql);
        this.sessions = new SqlSessionRepository(sql);
        this.syncJobs = new SqlSyncJobRepository(sql);
        this.domainClaims = new SqlDomainClaimRepository(sql);
        this.slugHolds = new SqlSlugHoldRepository(sql);
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
        return transaction("running a transaction", false, work);
    }

    @Override
    public <T> T inSnapshot(Function<Storage, T> work) {
        Objects.requireNonNull(work, "work");
        return transaction("reading a consistent snapshot", true, work);
    }

    /** Runs {@code work} on a view bound to the joined transaction, or to a new one. */
    private <T> T transaction(String what, boolean snapshot, Function<Storage, T> work) {
        Handle joined = sql.handle();
        if (joined != null) {
            return work.apply(sql.bound != null ? this : view(joined));
        }
        SqlContext.Shared shared = sql.shared;
        try {
            return shared.jdbi.inTransaction(
                    h -> {
                        if (snapshot) {
                            // on every page view: as a statement, see SqlContext.SNAPSHOT
                            h.execute(SqlContext.SNAPSHOT);
                        }
                        shared.current.set(h);
                        try {
                            return work.apply(view(h));
                        } finally {
                            shared.current.remove();
                        }
                    });
        } catch (RuntimeException e) {
            throw sql.translate(what, e);
        }
    }

    private SqlStorage view(Handle h) {
        return new SqlStorage(new SqlContext(sql.shared, h));
    }

    @Override
    public WorkspaceLock lockWorkspace(long workspaceId) {
        int key = Math.toIntExact(workspaceId);
        String what = "taking the sync lock of workspace " + workspaceId;
        Connection c;
        try {
            c = sql.shared.dataSource.getConnection();
        } catch (SQLException | RuntimeException e) {
            throw sql.connectionFailure(what, e);
        }
        try {
            c.setAutoCommit(true);
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT pg_advisory_lock(" + Locks.SYNC + ", ?)")) {
                ps.setInt(1, key);
                ps.execute();
            }
        } catch (SQLException e) {
            SyncLease.closeQuietly(c);
            throw Errors.translate(what, e);
        }
        return new SyncLease(c, key);
    }

    @Override
    public int failAbandonedDeployments() {
        return sql.write(
                "marking abandoned deployments failed",
                h -> {
                    int n = h.attach(DeploymentDao.class).failUnfinished(ABANDONED);
                    h.attach(GitRepositoryDao.class).failSyncing(ABANDONED, sql.now());
                    return n;
                });
    }
}
