package dev.draehi.store.jdbi.internal;

import dev.draehi.ConflictException;
import dev.draehi.DraehiException;
import dev.draehi.NotFoundException;
import dev.draehi.StorageException;
import dev.draehi.ValidationException;
import dev.draehi.internal.SearchWords;
import dev.draehi.model.AssetFile;
import dev.draehi.model.Deployment;
import dev.draehi.model.DeploymentStatus;
import dev.draehi.model.GitRepository;
import dev.draehi.model.Node;
import dev.draehi.model.PageRoute;
import dev.draehi.model.Session;
import dev.draehi.model.Slugs;
import dev.draehi.model.SyncStatus;
import dev.draehi.model.User;
import dev.draehi.model.Workspace;
import dev.draehi.store.AssetRepository;
import dev.draehi.store.DeploymentRepository;
import dev.draehi.store.GitRepositoryRepository;
import dev.draehi.store.LinkedReferences;
import dev.draehi.store.NodeRepository;
import dev.draehi.store.PageContent;
import dev.draehi.store.SessionRepository;
import dev.draehi.store.Storage;
import dev.draehi.store.UserRepository;
import dev.draehi.store.WorkspaceContent;
import dev.draehi.store.WorkspaceRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The PostgreSQL {@link Storage}. The root instance runs each call in its own short transaction;
 * {@link #inTransaction} hands the work a view bound to one handle, and calls made on the root from
 * the same thread meanwhile join that handle too, as {@code InMemoryStorage} does.
 */
public final class SqlStorage implements Storage {
    private static final String ABANDONED = "abandoned: the process running this sync stopped";

    // the mappers of the queries every page view makes, which bypass SQL objects (see
    // NodeDao.PAGE_CONTENT)
    private static final Rows.WorkspaceMapper WORKSPACES = new Rows.WorkspaceMapper();
    private static final Rows.DeploymentMapper DEPLOYMENTS = new Rows.DeploymentMapper();
    private static final Rows.PartRowMapper PART_ROWS = new Rows.PartRowMapper();

    /** What the root and its views share. */
    private static final class Shared {
        final Jdbi jdbi;
        final DataSource dataSource;
        final Clock clock;
        final String target;
        final ThreadLocal<Handle> current = new ThreadLocal<>();
        final SecretCodec codec;

        Shared(Jdbi jdbi, DataSource dataSource, Clock clock, String target, SecretCodec codec) {
            this.codec = codec;
            this.jdbi = jdbi;
            this.dataSource = dataSource;
            this.clock = clock;
            this.target = target;
        }
    }

    private final Shared shared;
    private final Handle bound;
    private final UserRepository users = new Users();
    private final WorkspaceRepository workspaces = new Workspaces();
    private final GitRepositoryRepository repositories = new Repositories();
    private final DeploymentRepository deployments = new Deployments();
    private final NodeRepository nodes = new Nodes();
    private final AssetRepository assets = new Assets();
    private final SessionRepository sessions = new Sessions();

    /**
     * The root storage.
     *
     * @param target {@code host:port/db} for messages, or {@code null} when unknown
     */
    public SqlStorage(
            Jdbi jdbi, DataSource dataSource, Clock clock, String target, SecretCodec codec) {
        this(new Shared(jdbi, dataSource, clock, target, codec), null);
    }

    private SqlStorage(Shared shared, Handle bound) {
        this.shared = shared;
        this.bound = bound;
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
    public <T> T inTransaction(Function<Storage, T> work) {
        Objects.requireNonNull(work, "work");
        Handle joined = handle();
        if (joined != null) {
            return work.apply(bound != null ? this : new SqlStorage(shared, joined));
        }
        try {
            return shared.jdbi.inTransaction(
                    h -> {
                        shared.current.set(h);
                        try {
                            return work.apply(new SqlStorage(shared, h));
                        } finally {
                            shared.current.remove();
                        }
                    });
        } catch (RuntimeException e) {
            throw translate("running a transaction", e);
        }
    }

    @Override
    public <T> T inSnapshot(Function<Storage, T> work) {
        Objects.requireNonNull(work, "work");
        Handle joined = handle();
        if (joined != null) {
            return work.apply(bound != null ? this : new SqlStorage(shared, joined));
        }
        try {
            // The level as the transaction's first statement, not through the connection: that
            // would cost a round trip to set it and another to set it back, on every page view.
            return shared.jdbi.inTransaction(
                    h -> {
                        h.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                        shared.current.set(h);
                        try {
                            return work.apply(new SqlStorage(shared, h));
                        } finally {
                            shared.current.remove();
                        }
                    });
        } catch (RuntimeException e) {
            throw translate("reading a consistent snapshot", e);
        }
    }

    @Override
    public WorkspaceLock lockWorkspace(long workspaceId) {
        int key = Math.toIntExact(workspaceId);
        String what = "taking the sync lock of workspace " + workspaceId;
        Connection c;
        try {
            c = shared.dataSource.getConnection();
        } catch (SQLException | RuntimeException e) {
            throw connectionFailure(what, e);
        }
        try {
            c.setAutoCommit(true);
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT pg_advisory_lock(" + Locks.SYNC + ", ?)")) {
                ps.setInt(1, key);
                ps.execute();
            }
        } catch (SQLException e) {
            closeQuietly(c);
            throw Errors.translate(what, e);
        }
        return new Lease(c, key);
    }

    /** A session-level advisory lock (the sync key space) on a connection of its own. */
    private static final class Lease implements WorkspaceLock {
        private final Connection connection;
        private final int key;
        private boolean closed;

        Lease(Connection connection, int key) {
            this.connection = connection;
            this.key = key;
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try (PreparedStatement ps =
                    connection.prepareStatement(
                            "SELECT pg_advisory_unlock(" + Locks.SYNC + ", ?)")) {
                ps.setInt(1, key);
                ps.execute();
            } catch (SQLException e) {
                // a pooled session must not keep the lock: end it
                try {
                    connection.abort(Runnable::run);
                } catch (SQLException | RuntimeException ignored) {
                    // the pool drops the broken connection
                }
            } finally {
                closeQuietly(connection);
            }
        }
    }

    @Override
    public int failAbandonedDeployments() {
        return write(
                "marking abandoned deployments failed",
                h -> {
                    int n = h.attach(DeploymentDao.class).failUnfinished(ABANDONED);
                    h.attach(GitRepositoryDao.class).failSyncing(ABANDONED, now());
                    return n;
                });
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException | RuntimeException ignored) {
            // nothing left to do
        }
    }

    private LocalDateTime now() {
        return Timestamps.toDb(nowInstant());
    }

    private Instant nowInstant() {
        return shared.clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private Handle handle() {
        return bound != null ? bound : shared.current.get();
    }

    /** Runs a read: on the transaction's handle, or on a handle of its own in autocommit. */
    private <T> T read(String what, Function<Handle, T> op) {
        Handle h = handle();
        try {
            return h != null ? op.apply(h) : shared.jdbi.withHandle(op::apply);
        } catch (RuntimeException e) {
            throw translate(what, e);
        }
    }

    /** Runs a write: on the transaction's handle, or in a short transaction of its own. */
    private <T> T write(String what, Function<Handle, T> op) {
        Handle h = handle();
        try {
            return h != null ? op.apply(h) : shared.jdbi.inTransaction(op::apply);
        } catch (RuntimeException e) {
            throw translate(what, e);
        }
    }

    private RuntimeException translate(String what, RuntimeException e) {
        if (e instanceof DraehiException) {
            return e;
        }
        if (e instanceof ConnectionException) {
            return connectionFailure(what, e);
        }
        if (e instanceof JdbiException || Errors.sqlException(e) != null) {
            return Errors.translate(what, e);
        }
        return e;
    }

    private StorageException connectionFailure(String what, Exception e) {
        return new StorageException(
                what
                        + ": cannot connect to PostgreSQL"
                        + (shared.target == null ? "" : " at " + shared.target)
                        + ": "
                        + Errors.rootMessage(e),
                e);
    }

    private final class Assets implements AssetRepository {
        @Override
        public Optional<AssetFile> find(long workspaceId, String path) {
            Objects.requireNonNull(path, "path");
            return read(
                    "reading asset " + path,
                    h ->
                            h.createQuery(
                                            "SELECT a.path, a.sha256, a.content_type, b.content"
                                                    + " FROM draehi_assets a JOIN draehi_asset_blobs b"
                                                    + " ON b.sha256 = a.sha256"
                                                    + " WHERE a.workspace_id = :ws AND a.path = :path")
                                    .bind("ws", workspaceId)
                                    .bind("path", path)
                                    .map(
                                            (rs, ctx) ->
                                                    new AssetFile(
                                                            rs.getString(1),
                                                            rs.getString(2),
                                                            rs.getString(3),
                                                            rs.getBytes(4)))
                                    .findOne());
        }

        @Override
        public List<String> paths(long workspaceId) {
            return read(
                    "listing assets",
                    h ->
                            h.createQuery(
                                            "SELECT path FROM draehi_assets WHERE workspace_id = :ws"
                                                    + " ORDER BY path COLLATE \"C\"")
                                    .bind("ws", workspaceId)
                                    .mapTo(String.class)
                                    .list());
        }

        @Override
        public void replaceAll(long workspaceId, List<AssetFile> files) {
            Objects.requireNonNull(files, "files");
            write(
                    "storing assets of workspace " + workspaceId,
                    h -> {
                        if (h.createQuery("SELECT count(*) FROM workspaces WHERE id = :ws")
                                        .bind("ws", workspaceId)
                                        .mapTo(Long.class)
                                        .one()
                                == 0) {
                            throw new NotFoundException("no workspace with id " + workspaceId);
                        }
                        java.util.Map<String, String> old = new java.util.HashMap<>();
                        h.createQuery(
                                        "SELECT path, sha256 || '/' || content_type FROM draehi_assets"
                                                + " WHERE workspace_id = :ws")
                                .bind("ws", workspaceId)
                                .map(
                                        (rs, ctx) ->
                                                java.util.Map.entry(
                                                        rs.getString(1), rs.getString(2)))
                                .forEach(e -> old.put(e.getKey(), e.getValue()));
                        java.util.Set<String> keep = new java.util.HashSet<>();
                        for (AssetFile f : files) {
                            if (!keep.add(f.path())) {
                                throw new dev.draehi.ConflictException(
                                        "asset " + f.path() + " given twice");
                            }
                            if ((f.sha256() + "/" + f.contentType()).equals(old.get(f.path()))) {
                                continue;
                            }
                            h.createUpdate(
                                            "INSERT INTO draehi_asset_blobs (sha256, content)"
                                                    + " VALUES (:sha, :content) ON CONFLICT DO NOTHING")
                                    .bind("sha", f.sha256())
                                    .bind("content", f.content())
                                    .execute();
                            h.createUpdate(
                                            "INSERT INTO draehi_assets (workspace_id, path, sha256, content_type)"
                                                    + " VALUES (:ws, :path, :sha, :type)"
                                                    + " ON CONFLICT (workspace_id, path) DO UPDATE"
                                                    + " SET sha256 = EXCLUDED.sha256,"
                                                    + " content_type = EXCLUDED.content_type")
                                    .bind("ws", workspaceId)
                                    .bind("path", f.path())
                                    .bind("sha", f.sha256())
                                    .bind("type", f.contentType())
                                    .execute();
                        }
                        java.util.List<String> gone = new java.util.ArrayList<>();
                        for (String p : old.keySet()) {
                            if (!keep.contains(p)) {
                                gone.add(p);
                            }
                        }
                        if (!gone.isEmpty()) {
                            h.createUpdate(
                                            "DELETE FROM draehi_assets WHERE workspace_id = :ws"
                                                    + " AND path = ANY(:paths)")
                                    .bind("ws", workspaceId)
                                    .bind("paths", gone.toArray(new String[0]))
                                    .execute();
                        }
                        // Blobs no workspace uses any more; a blob another workspace still uses
                        // stays.
                        h.createUpdate(
                                        "DELETE FROM draehi_asset_blobs b WHERE b.sha256 = ANY(:shas)"
                                                + " AND NOT EXISTS (SELECT 1 FROM draehi_assets a"
                                                + " WHERE a.sha256 = b.sha256)")
                                .bind(
                                        "shas",
                                        old.values().stream()
                                                .map(v -> v.substring(0, v.indexOf('/')))
                                                .toArray(String[]::new))
                                .execute();
                        return null;
                    });
        }
    }

    private final class Users implements UserRepository {
        @Override
        public User create(String username, String passwordHash) {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(passwordHash, "passwordHash");
            return write(
                    "creating user '" + username + "'",
                    h ->
                            h.attach(UserDao.class)
                                    .insert(username, passwordHash, now())
                                    .orElseThrow(
                                            () ->
                                                    new ConflictException(
                                                            "username '"
                                                                    + username
                                                                    + "' is taken")));
        }

        @Override
        public Optional<User> findById(long id) {
            return read("finding user " + id, h -> h.attach(UserDao.class).findById(id));
        }

        @Override
        public Optional<User> findByUsername(String username) {
            Objects.requireNonNull(username, "username");
            return read(
                    "finding user '" + username + "'",
                    h -> h.attach(UserDao.class).findByUsername(username));
        }

        @Override
        public boolean delete(long id) {
            return write("deleting user " + id, h -> h.attach(UserDao.class).delete(id) > 0);
        }
    }

    private final class Workspaces implements WorkspaceRepository {
        @Override
        public Workspace create(long userId, String name) {
            Objects.requireNonNull(name, "name");
            return write(
                    "creating a workspace for user " + userId,
                    h -> {
                        WorkspaceDao dao = h.attach(WorkspaceDao.class);
                        if (!dao.userExists(userId)) {
                            throw new NotFoundException("no user with id " + userId);
                        }
                        String base = Slugs.workspaceSlug(name);
                        // ON CONFLICT DO NOTHING leaves the transaction usable; a concurrent
                        // create that took our slug just sends us round again
                        for (int attempt = 0; attempt < 20; attempt++) {
                            Optional<Workspace> existing = dao.findByUser(userId);
                            if (existing.isPresent()) {
                                throw new ConflictException(
                                        "user "
                                                + userId
                                                + " already has workspace '"
                                                + existing.get().slug()
                                                + "'");
                            }
                            Set<String> taken =
                                    new HashSet<>(dao.slugsLike(base, escapeLike(base) + "-%"));
                            String slug = base;
                            for (int i = 2; taken.contains(slug); i++) {
                                slug = base + "-" + i;
                            }
                            Optional<Workspace> w =
                                    dao.insert(
                                            userId,
                                            slug,
                                            name,
                                            Workspace.DEFAULT_EMBED_DEPTH,
                                            now());
                            if (w.isPresent()) {
                                return w.get();
                            }
                        }
                        throw new ConflictException(
                                "no free workspace slug for '" + name + "' after 20 attempts");
                    });
        }

        @Override
        public Optional<Workspace> findById(long id) {
            return read("finding workspace " + id, h -> h.attach(WorkspaceDao.class).findById(id));
        }

        @Override
        public Optional<Workspace> findBySlug(String slug) {
            Objects.requireNonNull(slug, "slug");
            return read(
                    "finding workspace '" + slug + "'",
                    h ->
                            h.createQuery(WorkspaceDao.FIND_BY_SLUG)
                                    .bind("slug", slug)
                                    .map(WORKSPACES)
                                    .findOne());
        }

        @Override
        public Optional<Workspace> findByUser(long userId) {
            return read(
                    "finding the workspace of user " + userId,
                    h -> h.attach(WorkspaceDao.class).findByUser(userId));
        }

        @Override
        public List<Workspace> list() {
            return read("listing workspaces", h -> h.attach(WorkspaceDao.class).list());
        }

        @Override
        public Workspace update(Workspace workspace) {
            Objects.requireNonNull(workspace, "workspace");
            return write(
                    "updating workspace " + workspace.id(),
                    h -> {
                        WorkspaceDao dao = h.attach(WorkspaceDao.class);
                        if (!dao.exists(workspace.id())) {
                            throw new NotFoundException("no workspace with id " + workspace.id());
                        }
                        if (dao.slugTakenByOther(workspace.slug(), workspace.id())) {
                            throw new ConflictException(
                                    "workspace slug '" + workspace.slug() + "' is taken");
                        }
                        return dao.update(workspace, now())
                                .orElseThrow(
                                        () ->
                                                new NotFoundException(
                                                        "no workspace with id " + workspace.id()));
                    });
        }
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private final class Repositories implements GitRepositoryRepository {
        @Override
        public GitRepository create(
                long workspaceId, String repoUrl, String branch, String deployKey) {
            Objects.requireNonNull(repoUrl, "repoUrl");
            return write(
                    "connecting a repository to workspace " + workspaceId,
                    h -> {
                        if (!h.attach(WorkspaceDao.class).exists(workspaceId)) {
                            throw new NotFoundException("no workspace with id " + workspaceId);
                        }
                        return h.attach(GitRepositoryDao.class)
                                .insert(
                                        workspaceId,
                                        repoUrl,
                                        branch == null ? GitRepository.DEFAULT_BRANCH : branch,
                                        shared.codec.seal(deployKey),
                                        now())
                                .map(this::opened)
                                .orElseThrow(
                                        () ->
                                                new ConflictException(
                                                        "workspace "
                                                                + workspaceId
                                                                + " already has a repository"));
                    });
        }

        @Override
        public Optional<GitRepository> findByWorkspace(long workspaceId) {
            return read(
                    "finding the repository of workspace " + workspaceId,
                    h ->
                            h.attach(GitRepositoryDao.class)
                                    .findByWorkspace(workspaceId)
                                    .map(this::opened));
        }

        @Override
        public List<GitRepository> list() {
            return read(
                    "listing repositories",
                    h ->
                            h.attach(GitRepositoryDao.class).list().stream()
                                    .map(this::opened)
                                    .toList());
        }

        @Override
        public GitRepository update(
                long workspaceId, String repoUrl, String branch, String deployKey) {
            Objects.requireNonNull(repoUrl, "repoUrl");
            return write(
                    "updating the repository of workspace " + workspaceId,
                    h ->
                            h.attach(GitRepositoryDao.class)
                                    .update(
                                            workspaceId,
                                            repoUrl,
                                            branch == null ? GitRepository.DEFAULT_BRANCH : branch,
                                            shared.codec.seal(deployKey),
                                            now())
                                    .map(this::opened)
                                    .orElseThrow(() -> noRepository(workspaceId)));
        }

        @Override
        public GitRepository updateStatus(
                long workspaceId, SyncStatus status, Instant lastSync, String errorLog) {
            Objects.requireNonNull(status, "status");
            return write(
                    "recording the sync status of workspace " + workspaceId,
                    h ->
                            h.attach(GitRepositoryDao.class)
                                    .updateStatus(
                                            workspaceId,
                                            status.dbValue(),
                                            Timestamps.toDb(
                                                    lastSync == null
                                                            ? null
                                                            : lastSync.truncatedTo(
                                                                    ChronoUnit.MICROS)),
                                            errorLog,
                                            now())
                                    .map(this::opened)
                                    .orElseThrow(() -> noRepository(workspaceId)));
        }

        @Override
        public void setWebhookSecret(long workspaceId, String secret) {
            write(
                    "setting the webhook secret of workspace " + workspaceId,
                    h -> {
                        GitRepositoryDao dao = h.attach(GitRepositoryDao.class);
                        if (dao.findByWorkspace(workspaceId).isEmpty()) {
                            throw noRepository(workspaceId);
                        }
                        return secret == null
                                ? dao.clearWebhookSecret(workspaceId)
                                : dao.setWebhookSecret(
                                        workspaceId, shared.codec.seal(secret), now());
                    });
        }

        @Override
        public Optional<String> webhookSecret(long workspaceId) {
            return read(
                    "reading the webhook secret of workspace " + workspaceId,
                    h ->
                            h.attach(GitRepositoryDao.class)
                                    .webhookSecret(workspaceId)
                                    .map(
                                            x ->
                                                    shared.codec.open(
                                                            x,
                                                            "the webhook secret of workspace "
                                                                    + workspaceId)));
        }

        /** The row with its deploy key decrypted. */
        private GitRepository opened(GitRepository r) {
            String key =
                    shared.codec.open(
                            r.deployKey(), "the deploy key of workspace " + r.workspaceId());
            return Objects.equals(key, r.deployKey())
                    ? r
                    : new GitRepository(
                            r.id(),
                            r.workspaceId(),
                            r.repoUrl(),
                            r.branch(),
                            key,
                            r.lastSync(),
                            r.syncStatus(),
                            r.errorLog(),
                            r.createdAt(),
                            r.updatedAt());
        }

        private NotFoundException noRepository(long workspaceId) {
            return new NotFoundException("workspace " + workspaceId + " has no repository");
        }
    }

    private final class Sessions implements SessionRepository {
        @Override
        public Session create(String id, long userId, String csrfToken) {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(csrfToken, "csrfToken");
            return write(
                    "creating a session of user " + userId,
                    h -> {
                        if (h.attach(UserDao.class).findById(userId).isEmpty()) {
                            throw new NotFoundException("no user with id " + userId);
                        }
                        return h.attach(SessionDao.class)
                                .insert(id, userId, csrfToken, now())
                                .orElseThrow(
                                        () ->
                                                new ConflictException(
                                                        "a session with this id exists"));
                    });
        }

        @Override
        public Optional<Session> find(String id, Instant idleSince) {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(idleSince, "idleSince");
            return read(
                    "finding a session",
                    h -> h.attach(SessionDao.class).find(id, Timestamps.toDb(idleSince)));
        }

        @Override
        public boolean touch(String id) {
            Objects.requireNonNull(id, "id");
            return write(
                    "touching a session", h -> h.attach(SessionDao.class).touch(id, now()) > 0);
        }

        @Override
        public boolean delete(String id) {
            Objects.requireNonNull(id, "id");
            return write("ending a session", h -> h.attach(SessionDao.class).delete(id) > 0);
        }

        @Override
        public int deleteByUser(long userId) {
            return write(
                    "ending the sessions of user " + userId,
                    h -> h.attach(SessionDao.class).deleteByUser(userId));
        }

        @Override
        public int deleteIdle(Instant cutoff) {
            Objects.requireNonNull(cutoff, "cutoff");
            return write(
                    "ending idle sessions",
                    h -> h.attach(SessionDao.class).deleteIdle(Timestamps.toDb(cutoff)));
        }
    }

    private final class Deployments implements DeploymentRepository {
        @Override
        public Deployment create(long workspaceId, String commitSha, DeploymentStatus status) {
            Objects.requireNonNull(commitSha, "commitSha");
            Objects.requireNonNull(status, "status");
            return write(
                    "recording a deployment of workspace " + workspaceId,
                    h ->
                            h.attach(DeploymentDao.class)
                                    .insert(workspaceId, commitSha, status.dbValue(), now())
                                    .orElseThrow(
                                            () ->
                                                    new NotFoundException(
                                                            "no workspace with id "
                                                                    + workspaceId)));
        }

        @Override
        public Optional<Deployment> findById(long id) {
            return read(
                    "finding deployment " + id, h -> h.attach(DeploymentDao.class).findById(id));
        }

        @Override
        public Deployment update(
                long id,
                String commitSha,
                DeploymentStatus status,
                String errorLog,
                List<String> buildLog) {
            Objects.requireNonNull(commitSha, "commitSha");
            Objects.requireNonNull(status, "status");
            String log = Json.buildLog(buildLog);
            return write(
                    "updating deployment " + id,
                    h ->
                            h.attach(DeploymentDao.class)
                                    .update(id, commitSha, status.dbValue(), errorLog, log)
                                    .orElseThrow(
                                            () ->
                                                    new NotFoundException(
                                                            "no deployment with id " + id)));
        }

        @Override
        public List<Deployment> list(long workspaceId, int limit) {
            if (limit < 0) {
                throw new ValidationException("limit must not be negative, was " + limit);
            }
            if (limit == 0) {
                return List.of();
            }
            return read(
                    "listing the deployments of workspace " + workspaceId,
                    h -> h.attach(DeploymentDao.class).list(workspaceId, limit));
        }

        @Override
        public Optional<Deployment> latestSuccessful(long workspaceId) {
            return read(
                    "finding the latest deployment of workspace " + workspaceId,
                    h ->
                            h.createQuery(DeploymentDao.LATEST_SUCCESSFUL)
                                    .bind("workspaceId", workspaceId)
                                    .map(DEPLOYMENTS)
                                    .findOne());
        }
    }

    private final class Nodes implements NodeRepository {
        @Override
        public Optional<Node> findByUuid(String uuid) {
            Objects.requireNonNull(uuid, "uuid");
            return read("finding node " + uuid, h -> h.attach(NodeDao.class).findByUuid(uuid));
        }

        @Override
        public List<Node> pages(long workspaceId) {
            return read(
                    "listing the pages of workspace " + workspaceId,
                    h -> h.attach(NodeDao.class).pages(workspaceId));
        }

        @Override
        public Optional<Node> findPage(long workspaceId, String pageName) {
            Objects.requireNonNull(pageName, "pageName");
            return read(
                    "finding page '" + pageName + "' of workspace " + workspaceId,
                    h -> h.attach(NodeDao.class).findPage(workspaceId, pageName));
        }

        @Override
        public List<Node> journals(long workspaceId) {
            return read(
                    "listing the journals of workspace " + workspaceId,
                    h -> h.attach(NodeDao.class).journals(workspaceId));
        }

        @Override
        public Map<String, Node> findPages(long workspaceId, Collection<String> pageNames) {
            Objects.requireNonNull(pageNames, "pageNames");
            if (pageNames.isEmpty()) {
                return Map.of();
            }
            String[] lower =
                    pageNames.stream()
                            .map(n -> n.toLowerCase(Locale.ROOT))
                            .distinct()
                            .toArray(String[]::new);
            List<Node> pages =
                    read(
                            "finding " + lower.length + " pages of workspace " + workspaceId,
                            h -> h.attach(NodeDao.class).findPages(workspaceId, lower));
            Map<String, Node> byLower = new HashMap<>();
            for (Node p : pages) {
                byLower.put(p.pageName().toLowerCase(Locale.ROOT), p);
            }
            Map<String, Node> out = new HashMap<>();
            for (String name : pageNames) {
                Node p = byLower.get(name.toLowerCase(Locale.ROOT));
                if (p != null) {
                    out.put(name, p);
                }
            }
            return out;
        }

        @Override
        public Optional<Node> findByPath(long workspaceId, String path) {
            Objects.requireNonNull(path, "path");
            return read(
                    "finding the page at '" + path + "' of workspace " + workspaceId,
                    h -> h.attach(NodeDao.class).findByPath(workspaceId, path));
        }

        @Override
        public List<PageRoute> routes(long workspaceId) {
            return read(
                    "listing the routes of workspace " + workspaceId,
                    h -> h.attach(NodeDao.class).routes(workspaceId));
        }

        @Override
        public List<Node> blocksOfPage(long workspaceId, String pageName) {
            Objects.requireNonNull(pageName, "pageName");
            return read(
                    "reading the blocks of page '" + pageName + "' of workspace " + workspaceId,
                    h -> h.attach(NodeDao.class).blocksOfPage(workspaceId, pageName));
        }

        @Override
        public List<Node> backlinks(long workspaceId, String targetUuid) {
            Objects.requireNonNull(targetUuid, "targetUuid");
            return read(
                    "reading the backlinks of " + targetUuid + " in workspace " + workspaceId,
                    h -> h.attach(NodeDao.class).backlinks(workspaceId, targetUuid));
        }

        @Override
        public LinkedReferences linkedReferences(
                long workspaceId, String targetUuid, String pageName, int maxPages) {
            Objects.requireNonNull(targetUuid, "targetUuid");
            Objects.requireNonNull(pageName, "pageName");
            notNegative("maxPages", maxPages);
            List<Rows.LinkedRow> rows =
                    read(
                            "reading the linked references of "
                                    + targetUuid
                                    + " in workspace "
                                    + workspaceId,
                            h ->
                                    h.attach(NodeDao.class)
                                            .linkedReferences(
                                                    workspaceId, targetUuid, pageName, maxPages));
            return linked(rows);
        }

        @Override
        public boolean hasJournals(long workspaceId) {
            return read(
                    "looking for the journals of workspace " + workspaceId,
                    h ->
                            h.createQuery(NodeDao.HAS_JOURNALS)
                                    .bind("workspaceId", workspaceId)
                                    .mapTo(Boolean.class)
                                    .one());
        }

        @Override
        public Optional<PageContent> pageContent(
                long workspaceId, String path, int maxReferencePages) {
            Objects.requireNonNull(path, "path");
            notNegative("maxReferencePages", maxReferencePages);
            List<Rows.PartRow> rows =
                    read(
                            "reading the page at '" + path + "' of workspace " + workspaceId,
                            h ->
                                    h.createQuery(NodeDao.PAGE_CONTENT)
                                            .bind("workspaceId", workspaceId)
                                            .bind("path", path)
                                            .bind("maxPages", maxReferencePages)
                                            .map(PART_ROWS)
                                            .list());
            if (rows.isEmpty() || rows.get(0).part() != 0) {
                return Optional.empty();
            }
            List<Node> blocks = new ArrayList<>();
            List<Rows.LinkedRow> linked = new ArrayList<>();
            for (Rows.PartRow r : rows) {
                if (r.part() == 1) {
                    blocks.add(r.row().block());
                } else if (r.part() == 2) {
                    linked.add(r.row());
                }
            }
            return Optional.of(new PageContent(rows.get(0).row().block(), blocks, linked(linked)));
        }

        private static void notNegative(String name, int value) {
            if (value < 0) {
                throw new IllegalArgumentException(name + " must not be negative, was " + value);
            }
        }

        /** Linked references from their rows, which come in page-name order. */
        private static LinkedReferences linked(List<Rows.LinkedRow> rows) {
            if (rows.isEmpty()) {
                return LinkedReferences.NONE;
            }
            // a group per page, in the rows' order
            Map<String, List<Node>> byPage = new java.util.LinkedHashMap<>();
            Map<String, String> paths = new HashMap<>();
            for (Rows.LinkedRow row : rows) {
                if (row.block() != null) {
                    String name = row.block().pageName();
                    byPage.computeIfAbsent(name, k -> new ArrayList<>()).add(row.block());
                    paths.put(name, row.pagePath());
                }
            }
            List<LinkedReferences.Group> groups = new ArrayList<>(byPage.size());
            byPage.forEach(
                    (name, blocks) ->
                            groups.add(new LinkedReferences.Group(name, paths.get(name), blocks)));
            return new LinkedReferences(groups, rows.get(0).blockCount(), rows.get(0).pageCount());
        }

        @Override
        public List<Node> search(long workspaceId, String query, int limit) {
            Objects.requireNonNull(query, "query");
            // every word, each quoted: words are letters, digits and marks, nothing tsquery reads
            List<String> words = SearchWords.ofQuery(query);
            if (words.isEmpty() || limit <= 0) {
                return List.of();
            }
            StringBuilder tsquery = new StringBuilder();
            for (String w : words) {
                if (!tsquery.isEmpty()) {
                    tsquery.append(" & ");
                }
                tsquery.append('\'')
                        .append(w.replace("\\", "\\\\").replace("'", "''"))
                        .append('\'');
            }
            return read(
                    "searching workspace " + workspaceId,
                    h ->
                            h.attach(NodeDao.class)
                                    .search(
                                            workspaceId,
                                            tsquery.toString(),
                                            SearchWords.MAX_CANDIDATES,
                                            limit));
        }

        @Override
        public long count(long workspaceId) {
            return read(
                    "counting the nodes of workspace " + workspaceId,
                    h -> h.attach(NodeDao.class).count(workspaceId));
        }

        @Override
        public void replaceAll(long workspaceId, WorkspaceContent content) {
            Objects.requireNonNull(content, "content");
            replace(workspaceId, null, content);
        }

        @Override
        public void replaceAll(long workspaceId, Stream<WorkspaceContent> parts) {
            Objects.requireNonNull(parts, "parts");
            writeContent(workspaceId, w -> w.replaceInParts(parts.iterator()));
        }

        @Override
        public void replacePages(
                long workspaceId, Collection<String> pageUuids, WorkspaceContent content) {
            Objects.requireNonNull(pageUuids, "pageUuids");
            Objects.requireNonNull(content, "content");
            replace(workspaceId, pageUuids, content);
        }

        private void replace(
                long workspaceId, Collection<String> pageUuids, WorkspaceContent content) {
            writeContent(workspaceId, w -> w.replace(pageUuids, content));
        }

        private interface ContentWrite {
            void run(ContentWriter writer) throws SQLException;
        }

        private void writeContent(long workspaceId, ContentWrite op) {
            String what = "replacing the content of workspace " + workspaceId;
            write(
                    what,
                    h -> {
                        try {
                            op.run(new ContentWriter(h, workspaceId, nowInstant()));
                        } catch (SQLException | JdbiException e) {
                            throw contentFailure(what, e);
                        }
                        return null;
                    });
        }

        private DraehiException contentFailure(String what, Exception e) {
            if (Errors.FOREIGN_KEY_VIOLATION.equals(Errors.sqlState(e))) {
                // a route or reference naming a node that is not in the content
                return new ValidationException(
                        what
                                + ": the content refers to a node it does not contain: "
                                + Errors.rootMessage(e));
            }
            return Errors.translate(what, e);
        }
    }
}
