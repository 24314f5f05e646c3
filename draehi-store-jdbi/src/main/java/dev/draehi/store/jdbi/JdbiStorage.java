package dev.draehi.store.jdbi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.draehi.StorageException;
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
import dev.draehi.store.jdbi.internal.Errors;
import dev.draehi.store.jdbi.internal.Migrations;
import dev.draehi.store.jdbi.internal.SecretCodec;
import dev.draehi.store.jdbi.internal.SqlStorage;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * {@link Storage} on PostgreSQL: the seed's five tables plus draehi's route and reference indexes,
 * read with a few indexed queries and written with binary {@code COPY}, migrated by Liquibase.
 * Immutable and safe to share between threads.
 *
 * <pre>{@code
 * // on the host application's pool, which stays the host's to close
 * Storage storage = JdbiStorage.builder(dataSource).migrate(true).build();
 *
 * // on a pool of its own, closed by close()
 * try (Storage storage = JdbiStorage.builder("postgresql://ada:pw@db:5432/notes").build()) {
 *     storage.workspaces().findBySlug("notes");
 * }
 * }</pre>
 *
 * <p>Content writes ({@link NodeRepository#replaceAll}) hold a transaction-level advisory lock on
 * the workspace; {@link #lockWorkspace} holds a session-level one on a connection of its own until
 * the lease is closed. Both are keyed by the schema as well as the workspace id, so draehi
 * installations in different schemas of one database never wait on each other.
 *
 * <p>Content writes touch only the rows that changed (node uuids are deterministic): an unchanged
 * node keeps its row and both timestamps, a changed one keeps {@code created_at} and gets a new
 * {@code updated_at}. The rows come out as a delete-everything-and-load would leave them otherwise.
 */
public final class JdbiStorage implements Storage {
    private final SqlStorage delegate;
    private final HikariDataSource ownPool;

    private JdbiStorage(SqlStorage delegate, HikariDataSource ownPool) {
        this.delegate = delegate;
        this.ownPool = ownPool;
    }

    /** A builder over the host's {@code dataSource}, which {@link #close()} leaves open. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(Objects.requireNonNull(dataSource, "dataSource"), null);
    }

    /**
     * A builder that opens a HikariCP pool on {@code databaseUrl}: a JDBC URL ({@code
     * jdbc:postgresql://host:port/db?user=…}) or the seed's form ({@code
     * postgresql://user:password@host:port/db?sslmode=require}). {@link #close()} shuts the pool.
     */
    public static Builder builder(String databaseUrl) {
        return new Builder(null, DatabaseUrls.parse(databaseUrl));
    }

    /**
     * Brings draehi's tables in {@code dataSource}'s default schema up to date; a no-op when they
     * are. Uses its own Liquibase tracking tables ({@code draehi_databasechangelog}, {@code
     * draehi_databasechangeloglock}), so a host's own Liquibase never collides with it.
     *
     * @throws StorageException when the database cannot be reached or a change fails
     */
    public static void migrate(DataSource dataSource) {
        Migrations.migrate(Objects.requireNonNull(dataSource, "dataSource"), null);
    }

    /** As {@link #migrate(DataSource)}, on a URL in either form (a short-lived connection). */
    public static void migrate(String databaseUrl) {
        DatabaseUrls.Jdbc jdbc = DatabaseUrls.parse(databaseUrl);
        try (HikariDataSource pool = pool(jdbc, 1)) {
            Migrations.migrate(pool, jdbc.describe());
        }
    }

    /** Configures a {@link JdbiStorage}. */
    public static final class Builder {
        private final DataSource dataSource;
        private final DatabaseUrls.Jdbc url;
        private boolean migrate = false;
        private int poolSize = 10;
        private Clock clock = Clock.systemUTC();
        private SecretCodec codec = SecretCodec.PLAIN;

        private Builder(DataSource dataSource, DatabaseUrls.Jdbc url) {
            this.dataSource = dataSource;
            this.url = url;
        }

        /** Runs the Liquibase migration when {@link #build()} runs. Default {@code false}. */
        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        /**
         * The maximum size of the pool the storage opens on a URL; ignored for a host's data
         * source. Default 10.
         */
        public Builder poolSize(int poolSize) {
            if (poolSize < 1) {
                throw new IllegalArgumentException("poolSize must be at least 1, was " + poolSize);
            }
            this.poolSize = poolSize;
            return this;
        }

        /** Where timestamps come from. Default {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Encrypts the credentials draehi stores (each repository's {@code deploy_key} and webhook
         * secret) with AES-GCM under {@code key} (16, 24 or 32 bytes, from the host's own secret
         * source). Values stored before a key was set are still read; values stored with a key
         * cannot be read without it. Default: stored as given, as the seed's schema has it.
         */
        public Builder secretKey(byte[] key) {
            this.codec = SecretCodec.aes(Objects.requireNonNull(key, "key"));
            return this;
        }

        /**
         * The storage; connects (and migrates, when asked) now.
         *
         * @throws StorageException naming host and database when PostgreSQL cannot be reached
         */
        public JdbiStorage build() {
            HikariDataSource pool = url == null ? null : pool(url, poolSize);
            try {
                DataSource ds = pool != null ? pool : dataSource;
                String target = url != null ? url.describe() : describe(dataSource);
                if (migrate) {
                    Migrations.migrate(ds, target);
                }
                Jdbi jdbi =
                        Jdbi.create(ds)
                                .installPlugin(new SqlObjectPlugin())
                                .installPlugin(new PostgresPlugin());
                return new JdbiStorage(new SqlStorage(jdbi, ds, clock, target, codec), pool);
            } catch (RuntimeException e) {
                if (pool != null) {
                    pool.close();
                }
                throw e;
            }
        }
    }

    private static HikariDataSource pool(DatabaseUrls.Jdbc url, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.url());
        if (url.user() != null) {
            config.setUsername(url.user());
        }
        if (url.password() != null) {
            config.setPassword(url.password());
        }
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(Math.min(2, size));
        config.setPoolName("draehi");
        // one attempt at start-up: a dead database is one clear error, not a retry loop
        config.setInitializationFailTimeout(1);
        config.setConnectionTimeout(10_000);
        // draehi's reads are short indexed lookups: compiling one costs more than running it
        config.setConnectionInitSql("SET jit = off");
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException | IllegalArgumentException e) {
            throw new StorageException(
                    "cannot connect to PostgreSQL at "
                            + url.describe()
                            + ": "
                            + DatabaseUrls.mask(Errors.rootMessage(e)),
                    null);
        }
    }

    private static String describe(DataSource ds) {
        if (ds instanceof HikariDataSource h && h.getJdbcUrl() != null) {
            try {
                return DatabaseUrls.parse(h.getJdbcUrl()).describe();
            } catch (RuntimeException ignored) {
                return null;
            }
        }
        return null;
    }

    @Override
    public UserRepository users() {
        return delegate.users();
    }

    @Override
    public WorkspaceRepository workspaces() {
        return delegate.workspaces();
    }

    @Override
    public GitRepositoryRepository repositories() {
        return delegate.repositories();
    }

    @Override
    public DeploymentRepository deployments() {
        return delegate.deployments();
    }

    @Override
    public NodeRepository nodes() {
        return delegate.nodes();
    }

    @Override
    public SessionRepository sessions() {
        return delegate.sessions();
    }

    @Override
    public SyncJobRepository syncJobs() {
        return delegate.syncJobs();
    }

    @Override
    public DomainClaimRepository domainClaims() {
        return delegate.domainClaims();
    }

    @Override
    public SlugHoldRepository slugHolds() {
        return delegate.slugHolds();
    }

    @Override
    public <T> T inSnapshot(java.util.function.Function<Storage, T> work) {
        return delegate.inSnapshot(work);
    }

    @Override
    public dev.draehi.store.AssetRepository assets() {
        return delegate.assets();
    }

    @Override
    public <T> T inTransaction(Function<Storage, T> work) {
        return delegate.inTransaction(work);
    }

    @Override
    public WorkspaceLock lockWorkspace(long workspaceId) {
        return delegate.lockWorkspace(workspaceId);
    }

    @Override
    public int failAbandonedDeployments() {
        return delegate.failAbandonedDeployments();
    }

    /** Shuts the pool this storage opened; a host's data source stays open. */
    @Override
    public void close() {
        if (ownPool != null) {
            ownPool.close();
        }
    }
}
