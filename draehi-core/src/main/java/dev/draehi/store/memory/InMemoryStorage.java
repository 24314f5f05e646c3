package dev.draehi.store.memory;

import dev.draehi.ConflictException;
import dev.draehi.NotFoundException;
import dev.draehi.ValidationException;
import dev.draehi.internal.NodeOrder;
import dev.draehi.internal.SearchWords;
import dev.draehi.model.AssetFile;
import dev.draehi.model.Deployment;
import dev.draehi.model.DeploymentStatus;
import dev.draehi.model.GitRepository;
import dev.draehi.model.Node;
import dev.draehi.model.PageRoute;
import dev.draehi.model.Reference;
import dev.draehi.model.Session;
import dev.draehi.model.Slugs;
import dev.draehi.model.SyncStatus;
import dev.draehi.model.User;
import dev.draehi.model.Workspace;
import dev.draehi.store.AssetRepository;
import dev.draehi.store.DeploymentRepository;
import dev.draehi.store.GitRepositoryRepository;
import dev.draehi.store.NodeRepository;
import dev.draehi.store.SessionRepository;
import dev.draehi.store.Storage;
import dev.draehi.store.UserRepository;
import dev.draehi.store.WorkspaceContent;
import dev.draehi.store.WorkspaceRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
    private final Clock clock;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ThreadLocal<State> working = new ThreadLocal<>();
    private final ThreadLocal<State> reading = new ThreadLocal<>();
    private final Map<Long, ReentrantLock> syncLocks = new ConcurrentHashMap<>();
    private volatile State state = new State();

    private final UserRepository users = new Users();
    private final WorkspaceRepository workspaces = new Workspaces();
    private final GitRepositoryRepository repositories = new Repositories();
    private final DeploymentRepository deployments = new Deployments();
    private final NodeRepository nodes = new Nodes();
    private final AssetRepository assets = new Assets();
    private final SessionRepository sessions = new Sessions();

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
    public <T> T inTransaction(Function<Storage, T> work) {
        Objects.requireNonNull(work, "work");
        if (working.get() != null) {
            return work.apply(this);
        }
        writeLock.lock();
        try {
            State copy = state.copy();
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
                                            "abandoned: the process running this sync stopped",
                                            d.buildLog()));
                            n++;
                        }
                    }
                    for (GitRepository r : new ArrayList<>(s.repos.values())) {
                        if (r.syncStatus() == SyncStatus.SYNCING && !syncing(r.workspaceId())) {
                            s.repos.put(
                                    r.workspaceId(),
                                    withStatus(
                                            r,
                                            SyncStatus.ERROR,
                                            null,
                                            "abandoned: the process running this sync stopped"));
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

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private State read() {
        State w = working.get();
        if (w != null) {
            return w;
        }
        State r = reading.get();
        return r != null ? r : state;
    }

    private <T> T write(Function<State, T> op) {
        return inTransaction(s -> op.apply(working.get()));
    }

    private GitRepository withStatus(
            GitRepository r, SyncStatus status, Instant lastSync, String errorLog) {
        return new GitRepository(
                r.id(),
                r.workspaceId(),
                r.repoUrl(),
                r.branch(),
                r.deployKey(),
                lastSync != null ? lastSync : r.lastSync(),
                status,
                errorLog,
                r.createdAt(),
                now());
    }

    /** Everything stored. Copied per transaction; the per-workspace content is immutable. */
    private static final class State {
        long nextUserId = 1;
        long nextWorkspaceId = 1;
        long nextRepoId = 1;
        long nextDeploymentId = 1;
        final TreeMap<Long, User> users = new TreeMap<>();
        final TreeMap<Long, Workspace> workspaces = new TreeMap<>();
        final TreeMap<Long, GitRepository> repos = new TreeMap<>(); // by workspace id
        final TreeMap<Long, Deployment> deployments = new TreeMap<>();
        final Map<Long, Content> content = new HashMap<>();
        final Map<Long, Map<String, AssetFile>> assets = new HashMap<>();
        final Map<Long, String> webhookSecrets = new HashMap<>(); // by workspace id
        final Map<String, Session> sessions = new HashMap<>();

        State copy() {
            State c = new State();
            c.nextUserId = nextUserId;
            c.nextWorkspaceId = nextWorkspaceId;
            c.nextRepoId = nextRepoId;
            c.nextDeploymentId = nextDeploymentId;
            c.users.putAll(users);
            c.workspaces.putAll(workspaces);
            c.repos.putAll(repos);
            c.deployments.putAll(deployments);
            c.content.putAll(content);
            c.assets.putAll(assets);
            c.webhookSecrets.putAll(webhookSecrets);
            c.sessions.putAll(sessions);
            return c;
        }

        Content content(long workspaceId) {
            return content.getOrDefault(workspaceId, Content.EMPTY);
        }

        void deleteWorkspace(long workspaceId) {
            workspaces.remove(workspaceId);
            repos.remove(workspaceId);
            webhookSecrets.remove(workspaceId);
            deployments.values().removeIf(d -> d.workspaceId() == workspaceId);
            content.remove(workspaceId);
            assets.remove(workspaceId);
        }
    }

    /**
     * One workspace's nodes, routes and references, with the indexes the read side needs. Never
     * changed once published: a replace copies the maps (sharing their shards) and patches the
     * copies, so its cost is the shards of the pages it touches, not a copy of the workspace.
     */
    private static final class Content {
        static final Content EMPTY = new Content();

        final CowMap<String, Node> nodes; // by uuid
        final CowMap<String, Node> pages; // the page nodes, by uuid
        final CowMap<String, PageRoute> routesByPath; // by lower-cased path
        final CowMap<String, List<String>> pathsByPageUuid; // lower-cased paths
        final CowMap<String, List<Reference>> refsBySource;
        final CowMap<String, String> pageUuidByIdentity;
        final CowMap<String, List<Node>> blocksByPage; // by exact page name, in order
        final CowMap<String, List<String>> sourcesByTarget;

        /** Search's index of this version, made by the first search. */
        private volatile WordIndex words;

        WordIndex words() {
            WordIndex w = words;
            if (w == null) {
                synchronized (this) {
                    w = words;
                    if (w == null) {
                        words = w = WordIndex.of(pages.values(), blocksByPage);
                    }
                }
            }
            return w;
        }

        private Content() {
            this(
                    new CowMap<>(),
                    new CowMap<>(),
                    new CowMap<>(),
                    new CowMap<>(),
                    new CowMap<>(),
                    new CowMap<>(),
                    new CowMap<>(),
                    new CowMap<>());
        }

        private Content(
                CowMap<String, Node> nodes,
                CowMap<String, Node> pages,
                CowMap<String, PageRoute> routesByPath,
                CowMap<String, List<String>> pathsByPageUuid,
                CowMap<String, List<Reference>> refsBySource,
                CowMap<String, String> pageUuidByIdentity,
                CowMap<String, List<Node>> blocksByPage,
                CowMap<String, List<String>> sourcesByTarget) {
            this.nodes = nodes;
            this.pages = pages;
            this.routesByPath = routesByPath;
            this.pathsByPageUuid = pathsByPageUuid;
            this.refsBySource = refsBySource;
            this.pageUuidByIdentity = pageUuidByIdentity;
            this.blocksByPage = blocksByPage;
            this.sourcesByTarget = sourcesByTarget;
        }

        /**
         * A copy whose maps can be patched, at the cost of the shards it patches; the lists in them
         * are shared, never changed.
         */
        private Content copy() {
            return new Content(
                    nodes.copy(),
                    pages.copy(),
                    routesByPath.copy(),
                    pathsByPageUuid.copy(),
                    refsBySource.copy(),
                    pageUuidByIdentity.copy(),
                    blocksByPage.copy(),
                    sourcesByTarget.copy());
        }

        private static Node stamped(Node n, Instant now) {
            return new Node(
                    n.uuid(),
                    n.workspaceId(),
                    n.parentUuid(),
                    n.order(),
                    n.pageName(),
                    n.slug(),
                    n.title(),
                    n.html(),
                    n.metadata(),
                    n.createdAt() != null ? n.createdAt() : now,
                    n.updatedAt() != null ? n.updatedAt() : now);
        }

        private static <T> List<T> with(List<T> list, T item) {
            List<T> out = new ArrayList<>(list == null ? 1 : list.size() + 1);
            if (list != null) {
                out.addAll(list);
            }
            out.add(item);
            return out;
        }

        /** This content without the pages {@code pageUuids}, plus {@code add}. */
        static Content replace(
                long workspaceId,
                Content old,
                Collection<String> pageUuids,
                WorkspaceContent add,
                Instant now) {
            Content c = old.copy();
            for (String pageUuid : new HashSet<>(pageUuids)) {
                c.removePage(pageUuid);
            }
            Set<String> touchedPages = new HashSet<>();
            for (Node added : add.nodes()) {
                Node n =
                        added.createdAt() != null && added.updatedAt() != null
                                ? added
                                : stamped(added, now);
                if (n.workspaceId() != workspaceId) {
                    throw new ValidationException(
                            "node "
                                    + n.uuid()
                                    + " belongs to workspace "
                                    + n.workspaceId()
                                    + ", not "
                                    + workspaceId);
                }
                if (n.parentUuid() != null && !c.nodes.containsKey(n.parentUuid())) {
                    throw new ValidationException(
                            "block "
                                    + n.uuid()
                                    + " of page '"
                                    + n.pageName()
                                    + "' comes before its parent "
                                    + n.parentUuid());
                }
                if (c.nodes.putIfAbsent(n.uuid(), n) != null) {
                    throw new ConflictException(
                            "duplicate node uuid " + n.uuid() + " in workspace " + workspaceId);
                }
                if (n.isPage()) {
                    c.pages.put(n.uuid(), n);
                    c.pageUuidByIdentity.put(n.pageName().toLowerCase(Locale.ROOT), n.uuid());
                } else {
                    if (touchedPages.add(n.pageName())) {
                        List<Node> blocks = c.blocksByPage.get(n.pageName());
                        c.blocksByPage.put(
                                n.pageName(),
                                blocks == null ? new ArrayList<>() : new ArrayList<>(blocks));
                    }
                    c.blocksByPage.get(n.pageName()).add(n);
                }
            }
            for (String page : touchedPages) {
                c.blocksByPage.get(page).sort(Comparator.comparingInt(Node::order));
            }
            for (PageRoute r : add.routes()) {
                String path = r.path().toLowerCase(Locale.ROOT);
                if (c.routesByPath.putIfAbsent(path, r) != null) {
                    throw new ConflictException(
                            "duplicate page path '" + r.path() + "' in workspace " + workspaceId);
                }
                c.pathsByPageUuid.put(
                        r.pageUuid(), with(c.pathsByPageUuid.get(r.pageUuid()), path));
            }
            for (Reference r : add.references()) {
                if (!c.nodes.containsKey(r.sourceUuid())) {
                    throw new ValidationException("reference from unknown node " + r.sourceUuid());
                }
                c.refsBySource.put(r.sourceUuid(), with(c.refsBySource.get(r.sourceUuid()), r));
                c.sourcesByTarget.put(
                        r.targetUuid(),
                        with(c.sourcesByTarget.get(r.targetUuid()), r.sourceUuid()));
            }
            return c;
        }

        /** Removes a page with its blocks, routes and the references from its nodes. */
        private void removePage(String pageUuid) {
            Node page = nodes.get(pageUuid);
            if (page == null || !page.isPage()) {
                return;
            }
            List<String> gone = new ArrayList<>();
            gone.add(pageUuid);
            pages.remove(pageUuid);
            List<Node> blocks = blocksByPage.remove(page.pageName());
            if (blocks != null) {
                blocks.forEach(b -> gone.add(b.uuid()));
            }
            String identity = page.pageName().toLowerCase(Locale.ROOT);
            if (pageUuid.equals(pageUuidByIdentity.get(identity))) {
                pageUuidByIdentity.remove(identity);
            }
            List<String> paths = pathsByPageUuid.remove(pageUuid);
            if (paths != null) {
                paths.forEach(routesByPath::remove);
            }
            for (String uuid : gone) {
                nodes.remove(uuid);
                List<Reference> refs = refsBySource.remove(uuid);
                if (refs == null) {
                    continue;
                }
                for (Reference r : refs) {
                    List<String> sources = new ArrayList<>(sourcesByTarget.get(r.targetUuid()));
                    sources.remove(uuid);
                    if (sources.isEmpty()) {
                        sourcesByTarget.remove(r.targetUuid());
                    } else {
                        sourcesByTarget.put(r.targetUuid(), sources);
                    }
                }
            }
        }
    }

    private final class Users implements UserRepository {
        @Override
        public User create(String username, String passwordHash) {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(passwordHash, "passwordHash");
            return write(
                    s -> {
                        for (User u : s.users.values()) {
                            if (u.username().equals(username)) {
                                throw new ConflictException("username '" + username + "' is taken");
                            }
                        }
                        User u = new User(s.nextUserId++, username, passwordHash, now());
                        s.users.put(u.id(), u);
                        return u;
                    });
        }

        @Override
        public Optional<User> findById(long id) {
            return Optional.ofNullable(read().users.get(id));
        }

        @Override
        public Optional<User> findByUsername(String username) {
            Objects.requireNonNull(username, "username");
            return read().users.values().stream()
                    .filter(u -> u.username().equals(username))
                    .findFirst();
        }

        @Override
        public boolean delete(long id) {
            return write(
                    s -> {
                        if (s.users.remove(id) == null) {
                            return false;
                        }
                        s.sessions.values().removeIf(x -> x.userId() == id);
                        for (Workspace w : new ArrayList<>(s.workspaces.values())) {
                            if (w.userId() == id) {
                                s.deleteWorkspace(w.id());
                            }
                        }
                        return true;
                    });
        }
    }

    private final class Workspaces implements WorkspaceRepository {
        @Override
        public Workspace create(long userId, String name) {
            Objects.requireNonNull(name, "name");
            return write(
                    s -> {
                        if (!s.users.containsKey(userId)) {
                            throw new NotFoundException("no user with id " + userId);
                        }
                        for (Workspace w : s.workspaces.values()) {
                            if (w.userId() == userId) {
                                throw new ConflictException(
                                        "user "
                                                + userId
                                                + " already has workspace '"
                                                + w.slug()
                                                + "'");
                            }
                        }
                        String base = Slugs.workspaceSlug(name);
                        String slug = base;
                        for (int i = 2; slugTaken(s, slug, -1); i++) {
                            slug = base + "-" + i;
                        }
                        Instant now = now();
                        Workspace w =
                                new Workspace(
                                        s.nextWorkspaceId++,
                                        userId,
                                        slug,
                                        name,
                                        null,
                                        Workspace.DEFAULT_EMBED_DEPTH,
                                        now,
                                        now);
                        s.workspaces.put(w.id(), w);
                        return w;
                    });
        }

        private boolean slugTaken(State s, String slug, long exceptId) {
            return s.workspaces.values().stream()
                    .anyMatch(w -> w.slug().equals(slug) && w.id() != exceptId);
        }

        @Override
        public Optional<Workspace> findById(long id) {
            return Optional.ofNullable(read().workspaces.get(id));
        }

        @Override
        public Optional<Workspace> findBySlug(String slug) {
            Objects.requireNonNull(slug, "slug");
            return read().workspaces.values().stream()
                    .filter(w -> w.slug().equals(slug))
                    .findFirst();
        }

        @Override
        public Optional<Workspace> findByUser(long userId) {
            return read().workspaces.values().stream()
                    .filter(w -> w.userId() == userId)
                    .findFirst();
        }

        @Override
        public List<Workspace> list() {
            List<Workspace> out = new ArrayList<>(read().workspaces.values());
            out.sort(Comparator.comparing(Workspace::slug));
            return out;
        }

        @Override
        public Workspace update(Workspace workspace) {
            Objects.requireNonNull(workspace, "workspace");
            return write(
                    s -> {
                        Workspace old = s.workspaces.get(workspace.id());
                        if (old == null) {
                            throw new NotFoundException("no workspace with id " + workspace.id());
                        }
                        if (slugTaken(s, workspace.slug(), workspace.id())) {
                            throw new ConflictException(
                                    "workspace slug '" + workspace.slug() + "' is taken");
                        }
                        Workspace w =
                                new Workspace(
                                        old.id(),
                                        old.userId(),
                                        workspace.slug(),
                                        workspace.name(),
                                        workspace.domain(),
                                        workspace.embedDepth(),
                                        old.createdAt(),
                                        now());
                        s.workspaces.put(w.id(), w);
                        return w;
                    });
        }
    }

    private final class Repositories implements GitRepositoryRepository {
        @Override
        public GitRepository create(
                long workspaceId, String repoUrl, String branch, String deployKey) {
            Objects.requireNonNull(repoUrl, "repoUrl");
            return write(
                    s -> {
                        if (!s.workspaces.containsKey(workspaceId)) {
                            throw new NotFoundException("no workspace with id " + workspaceId);
                        }
                        if (s.repos.containsKey(workspaceId)) {
                            throw new ConflictException(
                                    "workspace " + workspaceId + " already has a repository");
                        }
                        Instant now = now();
                        GitRepository r =
                                new GitRepository(
                                        s.nextRepoId++,
                                        workspaceId,
                                        repoUrl,
                                        branch == null ? GitRepository.DEFAULT_BRANCH : branch,
                                        deployKey,
                                        null,
                                        SyncStatus.IDLE,
                                        null,
                                        now,
                                        now);
                        s.repos.put(workspaceId, r);
                        return r;
                    });
        }

        @Override
        public Optional<GitRepository> findByWorkspace(long workspaceId) {
            return Optional.ofNullable(read().repos.get(workspaceId));
        }

        @Override
        public List<GitRepository> list() {
            return List.copyOf(read().repos.values());
        }

        @Override
        public GitRepository update(
                long workspaceId, String repoUrl, String branch, String deployKey) {
            Objects.requireNonNull(repoUrl, "repoUrl");
            return write(
                    s -> {
                        GitRepository r = existing(s, workspaceId);
                        GitRepository u =
                                new GitRepository(
                                        r.id(),
                                        workspaceId,
                                        repoUrl,
                                        branch == null ? GitRepository.DEFAULT_BRANCH : branch,
                                        deployKey,
                                        r.lastSync(),
                                        r.syncStatus(),
                                        r.errorLog(),
                                        r.createdAt(),
                                        now());
                        s.repos.put(workspaceId, u);
                        return u;
                    });
        }

        @Override
        public GitRepository updateStatus(
                long workspaceId, SyncStatus status, Instant lastSync, String errorLog) {
            Objects.requireNonNull(status, "status");
            return write(
                    s -> {
                        GitRepository u =
                                withStatus(existing(s, workspaceId), status, lastSync, errorLog);
                        s.repos.put(workspaceId, u);
                        return u;
                    });
        }

        @Override
        public void setWebhookSecret(long workspaceId, String secret) {
            write(
                    s -> {
                        existing(s, workspaceId);
                        if (secret == null) {
                            s.webhookSecrets.remove(workspaceId);
                        } else {
                            s.webhookSecrets.put(workspaceId, secret);
                        }
                        return null;
                    });
        }

        @Override
        public Optional<String> webhookSecret(long workspaceId) {
            return Optional.ofNullable(read().webhookSecrets.get(workspaceId));
        }

        private GitRepository existing(State s, long workspaceId) {
            GitRepository r = s.repos.get(workspaceId);
            if (r == null) {
                throw new NotFoundException("workspace " + workspaceId + " has no repository");
            }
            return r;
        }
    }

    private final class Sessions implements SessionRepository {
        @Override
        public Session create(String id, long userId, String csrfToken) {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(csrfToken, "csrfToken");
            return write(
                    s -> {
                        if (!s.users.containsKey(userId)) {
                            throw new NotFoundException("no user with id " + userId);
                        }
                        if (s.sessions.containsKey(id)) {
                            throw new ConflictException("a session with this id exists");
                        }
                        Instant now = now();
                        Session x = new Session(id, userId, csrfToken, now, now);
                        s.sessions.put(id, x);
                        return x;
                    });
        }

        @Override
        public Optional<Session> find(String id, Instant idleSince) {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(idleSince, "idleSince");
            return Optional.ofNullable(read().sessions.get(id))
                    .filter(x -> !x.lastSeenAt().isBefore(idleSince));
        }

        @Override
        public boolean touch(String id) {
            Objects.requireNonNull(id, "id");
            return write(
                    s -> {
                        Session x = s.sessions.get(id);
                        if (x == null) {
                            return false;
                        }
                        s.sessions.put(
                                id,
                                new Session(
                                        x.id(), x.userId(), x.csrfToken(), x.createdAt(), now()));
                        return true;
                    });
        }

        @Override
        public boolean delete(String id) {
            Objects.requireNonNull(id, "id");
            return write(s -> s.sessions.remove(id) != null);
        }

        @Override
        public int deleteByUser(long userId) {
            return deleteWhere(x -> x.userId() == userId);
        }

        @Override
        public int deleteIdle(Instant cutoff) {
            Objects.requireNonNull(cutoff, "cutoff");
            return deleteWhere(x -> x.lastSeenAt().isBefore(cutoff));
        }

        private int deleteWhere(java.util.function.Predicate<Session> doomed) {
            return write(
                    s -> {
                        int before = s.sessions.size();
                        s.sessions.values().removeIf(doomed);
                        return before - s.sessions.size();
                    });
        }
    }

    private final class Deployments implements DeploymentRepository {
        @Override
        public Deployment create(long workspaceId, String commitSha, DeploymentStatus status) {
            Objects.requireNonNull(commitSha, "commitSha");
            Objects.requireNonNull(status, "status");
            return write(
                    s -> {
                        if (!s.workspaces.containsKey(workspaceId)) {
                            throw new NotFoundException("no workspace with id " + workspaceId);
                        }
                        Deployment d =
                                new Deployment(
                                        s.nextDeploymentId++,
                                        workspaceId,
                                        commitSha,
                                        status,
                                        now(),
                                        null,
                                        List.of());
                        s.deployments.put(d.id(), d);
                        return d;
                    });
        }

        @Override
        public Optional<Deployment> findById(long id) {
            return Optional.ofNullable(read().deployments.get(id));
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
            return write(
                    s -> {
                        Deployment d = s.deployments.get(id);
                        if (d == null) {
                            throw new NotFoundException("no deployment with id " + id);
                        }
                        Deployment u =
                                new Deployment(
                                        id,
                                        d.workspaceId(),
                                        commitSha,
                                        status,
                                        d.deployedAt(),
                                        errorLog,
                                        buildLog);
                        s.deployments.put(id, u);
                        return u;
                    });
        }

        @Override
        public List<Deployment> list(long workspaceId, int limit) {
            if (limit < 0) {
                throw new ValidationException("limit must not be negative, was " + limit);
            }
            return read().deployments.descendingMap().values().stream()
                    .filter(d -> d.workspaceId() == workspaceId)
                    .sorted(
                            Comparator.comparing(Deployment::deployedAt)
                                    .thenComparing(Deployment::id)
                                    .reversed())
                    .limit(limit)
                    .toList();
        }

        @Override
        public Optional<Deployment> latestSuccessful(long workspaceId) {
            return read().deployments.descendingMap().values().stream()
                    .filter(d -> d.workspaceId() == workspaceId && d.succeeded())
                    .max(
                            Comparator.comparing(Deployment::deployedAt)
                                    .thenComparing(Deployment::id));
        }
    }

    private final class Assets implements AssetRepository {
        @Override
        public Optional<AssetFile> find(long workspaceId, String path) {
            Objects.requireNonNull(path, "path");
            return Optional.ofNullable(read().assets.getOrDefault(workspaceId, Map.of()).get(path));
        }

        @Override
        public List<String> paths(long workspaceId) {
            return read().assets.getOrDefault(workspaceId, Map.of()).keySet().stream()
                    .sorted()
                    .toList();
        }

        @Override
        public void replaceAll(long workspaceId, List<AssetFile> files) {
            Objects.requireNonNull(files, "files");
            write(
                    s -> {
                        if (!s.workspaces.containsKey(workspaceId)) {
                            throw new NotFoundException("no workspace with id " + workspaceId);
                        }
                        Map<String, AssetFile> next = new HashMap<>();
                        for (AssetFile f : files) {
                            if (next.put(f.path(), f) != null) {
                                throw new ConflictException("asset " + f.path() + " given twice");
                            }
                        }
                        s.assets.put(workspaceId, Map.copyOf(next));
                        return null;
                    });
        }
    }

    private final class Nodes implements NodeRepository {
        @Override
        public Optional<Node> findByUuid(String uuid) {
            Objects.requireNonNull(uuid, "uuid");
            for (Content c : read().content.values()) {
                Node n = c.nodes.get(uuid);
                if (n != null) {
                    return Optional.of(n);
                }
            }
            return Optional.empty();
        }

        @Override
        public List<Node> pages(long workspaceId) {
            return read().content(workspaceId).pages.values().stream()
                    .sorted(NodeOrder.PAGES)
                    .toList();
        }

        @Override
        public boolean hasJournals(long workspaceId) {
            // unsorted: the first journal page answers
            return read().content(workspaceId).pages.values().stream()
                    .anyMatch(NodeOrder::isJournal);
        }

        @Override
        public List<Node> journals(long workspaceId) {
            // the journal pages sorted, not every page
            return read().content(workspaceId).pages.values().stream()
                    .filter(NodeOrder::isJournal)
                    .sorted(NodeOrder.JOURNALS)
                    .toList();
        }

        @Override
        public Optional<Node> findPage(long workspaceId, String pageName) {
            Objects.requireNonNull(pageName, "pageName");
            Content c = read().content(workspaceId);
            return Optional.ofNullable(c.pageUuidByIdentity.get(pageName.toLowerCase(Locale.ROOT)))
                    .map(c.nodes::get);
        }

        @Override
        public Optional<Node> findByPath(long workspaceId, String path) {
            Objects.requireNonNull(path, "path");
            Content c = read().content(workspaceId);
            return Optional.ofNullable(c.routesByPath.get(path.toLowerCase(Locale.ROOT)))
                    .map(r -> c.nodes.get(r.pageUuid()));
        }

        @Override
        public List<PageRoute> routes(long workspaceId) {
            return read().content(workspaceId).routesByPath.values().stream()
                    .sorted(Comparator.comparing(PageRoute::path))
                    .toList();
        }

        @Override
        public List<Node> blocksOfPage(long workspaceId, String pageName) {
            Objects.requireNonNull(pageName, "pageName");
            return List.copyOf(
                    read().content(workspaceId).blocksByPage.getOrDefault(pageName, List.of()));
        }

        @Override
        public List<Node> backlinks(long workspaceId, String targetUuid) {
            Objects.requireNonNull(targetUuid, "targetUuid");
            Content c = read().content(workspaceId);
            return c.sourcesByTarget.getOrDefault(targetUuid, List.of()).stream()
                    .distinct()
                    .map(c.nodes::get)
                    .filter(Objects::nonNull)
                    .sorted(NodeOrder.BLOCKS)
                    .toList();
        }

        @Override
        public List<Node> search(long workspaceId, String query, int limit) {
            Objects.requireNonNull(query, "query");
            List<String> words = SearchWords.ofQuery(query);
            if (words.isEmpty() || limit <= 0) {
                return List.of();
            }
            return List.copyOf(
                    read().content(workspaceId)
                            .words()
                            .search(
                                    words,
                                    limit,
                                    SearchWords.MAX_CANDIDATES,
                                    SearchWords.MAX_CANDIDATES));
        }

        @Override
        public long count(long workspaceId) {
            return read().content(workspaceId).nodes.size();
        }

        @Override
        public void replaceAll(long workspaceId, WorkspaceContent content) {
            Objects.requireNonNull(content, "content");
            write(
                    s -> {
                        requireWorkspace(s, workspaceId);
                        s.content.put(
                                workspaceId,
                                Content.replace(
                                        workspaceId, Content.EMPTY, List.of(), content, now()));
                        return null;
                    });
        }

        @Override
        public void replacePages(
                long workspaceId, Collection<String> pageUuids, WorkspaceContent content) {
            Objects.requireNonNull(pageUuids, "pageUuids");
            Objects.requireNonNull(content, "content");
            write(
                    s -> {
                        requireWorkspace(s, workspaceId);
                        s.content.put(
                                workspaceId,
                                Content.replace(
                                        workspaceId,
                                        s.content(workspaceId),
                                        pageUuids,
                                        content,
                                        now()));
                        return null;
                    });
        }

        private void requireWorkspace(State s, long workspaceId) {
            if (!s.workspaces.containsKey(workspaceId)) {
                throw new NotFoundException("no workspace with id " + workspaceId);
            }
        }
    }
}
