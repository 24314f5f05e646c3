package dev.draehi.sync;

import dev.draehi.SyncException;
import dev.draehi.SyncException.Reason;
import dev.draehi.model.GitRepository;
import dev.draehi.model.Graph;
import dev.draehi.model.Redaction;
import dev.draehi.net.HostResolver;
import dev.draehi.net.NetworkPolicy;
import dev.draehi.spi.GraphSource;
import dev.draehi.spi.PausePoint;
import dev.draehi.spi.Revision;
import dev.draehi.spi.SourceRequest;
import dev.draehi.sync.internal.CheckoutLimits;
import dev.draehi.sync.internal.CheckoutRepair;
import dev.draehi.sync.internal.FileHistory;
import dev.draehi.sync.internal.GitErrors;
import dev.draehi.sync.internal.GitTrees;
import dev.draehi.sync.internal.GuardedConnections;
import dev.draehi.sync.internal.InPlaceChanges;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.lib.SubmoduleConfig.FetchRecurseSubmodulesMode;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.util.FileUtils;

/**
 * Loads graphs from git remotes (HTTPS, SSH, {@code file://}) with JGit, and from plain graph
 * directories.
 *
 * <pre>{@code
 * GraphSource source = GitGraphSource.builder()
 *         .checkoutRoot(Path.of("/var/lib/draehi/checkouts"))
 *         .build();
 * }</pre>
 *
 * <p>A remote is cloned on the first sync into {@code checkoutRoot/workspace-{id}} with its full
 * history, and fetched after that, so only what is new crosses the network. A clone of a repository
 * on this machine reads that repository's objects where they are ({@code git clone --shared}), so a
 * fetch from it copies only refs. The repository's deploy key is handed to JGit as HTTPS
 * credentials, never put into a URL, a log line or an error message. When the stored branch does
 * not exist but the remote's default branch does, that one is used and reported in the {@link
 * Revision}, so the caller can store it.
 *
 * <p>After its first checkout of a workspace, a source writes only the files that the next commit
 * changes, and reads only those again: the checkout directory is its own, not to be edited by
 * anyone else. A new source (a restart) checks out in full once, and so does a source that finds
 * the working tree written by another since, or that was told to {@link #forget} the workspace (a
 * publisher does, to keep its state within its bound).
 *
 * <p>A checkout heals itself. Before it opens one, a source repairs what a process stopped in the
 * middle of a sync left there: it removes git's lock files ({@code index.lock}, {@code HEAD.lock},
 * ref and {@code packed-refs} locks, {@code gc.log.lock}, any {@code *.lock} under {@code .git})
 * and an unfinished clone ({@code workspace-{id}.partial}), deletes an index that cannot be read,
 * and clones anew a checkout whose {@code .git} cannot be read (its HEAD, config or a ref broken);
 * a working tree half-written, or a repaired checkout, is checked out in full. Each repair is one
 * line of the build log ({@code repaired checkout: removed stale .git/index.lock}). A lock file is
 * removed without asking whether a live process holds it, so <b>the caller must never sync one
 * workspace twice at a time</b>, in one process or in several that share the checkout root: {@code
 * Publisher} syncs a workspace only while it holds the workspace's sync lock.
 *
 * <p>A commit is checked before it is written: over {@link Builder#maxCheckoutFiles} files, {@link
 * Builder#maxCheckoutBytes} in all or {@link Builder#maxFileBytes} in one file, its sync fails
 * ({@link SyncException.Reason#TOO_LARGE}), the site stays as it was and the checkout is removed.
 *
 * <p>A repository URL that names a local directory without {@code .git} is read in place: its
 * "commit" is a SHA-1 over its files' paths and contents, or, for a {@link #watch watched} one,
 * over its last read's and the changed files'.
 */
public final class GitGraphSource implements GraphSource {
    /** The default {@link Builder#maxCheckoutBytes}: 1 GiB. */
    public static final long DEFAULT_MAX_CHECKOUT_BYTES = 1L << 30;

    /** The default {@link Builder#maxCheckoutFiles}: 200,000. */
    public static final long DEFAULT_MAX_CHECKOUT_FILES = 200_000;

    /** The default {@link Builder#maxFileBytes}: 100 MiB. */
    public static final long DEFAULT_MAX_FILE_BYTES = 100L << 20;

    private final Path checkoutRoot;
    private final LogseqGraphReader reader;
    private final String tokenUsername;
    private final int timeoutSeconds;
    private final boolean readInPlace;
    private final NetworkPolicy policy;
    private final GuardedConnections connections;
    private final CheckoutLimits limits;
    // the commit each checkout holds, as this source last wrote it in full
    private final Map<Path, CheckedOut> checkedOut = new java.util.concurrent.ConcurrentHashMap<>();
    // the graph directory each workspace was last read from, whose last read the reader keeps
    private final Map<Long, Path> readRoots = new java.util.concurrent.ConcurrentHashMap<>();
    private final CheckoutRepair repair = new CheckoutRepair();
    private final InPlaceChanges inPlace = new InPlaceChanges();

    /** The commit a checkout's working tree holds, and the note left in it when it was written. */
    private record CheckedOut(
            String commitSha,
            String mark,
            CheckoutLimits.Totals totals,
            Map<String, Instant> times) {}

    private GitGraphSource(Builder b) {
        this.checkoutRoot = b.checkoutRoot;
        this.reader = b.reader;
        this.tokenUsername = b.tokenUsername;
        this.timeoutSeconds = b.timeoutSeconds;
        this.readInPlace = b.readInPlace;
        this.policy = b.policy;
        this.limits = new CheckoutLimits(b.maxCheckoutFiles, b.maxCheckoutBytes, b.maxFileBytes);
        this.connections =
                b.policy.restricted() ? new GuardedConnections(b.policy, b.resolver) : null;
    }

    /** A builder with the defaults documented on its methods. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Revision fetch(SourceRequest request) {
        Objects.requireNonNull(request, "request");
        GitRepository repo = request.repository();
        requireCheckableTransport(repo.repoUrl());
        Path dir = GitTrees.localDirectory(repo.repoUrl());
        if (dir != null && (readInPlace || !GitTrees.isGitRepository(dir))) {
            return new Revision(inPlace.revision(dir, request.log()), null);
        }
        Path checkout = checkoutDir(request.workspaceId());
        if (repair.repair(checkout, request.log())) {
            checkedOut.remove(checkout);
        }
        try (Git git = openOrClone(repo, checkout, request)) {
            String branch = resolveBranch(git, repo, request);
            ObjectId head = git.getRepository().resolve(Constants.R_REMOTES + "origin/" + branch);
            if (request.commit() == null) {
                return new Revision(head.name(), branch);
            }
            return new Revision(
                    GitTrees.requireCommitInBranch(
                            git.getRepository(), request.commit(), head, branch),
                    branch);
        } catch (IOException e) {
            throw new SyncException(
                    Reason.OTHER,
                    "cannot read the checkout of "
                            + Redaction.url(repo.repoUrl())
                            + ": "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public Graph load(SourceRequest request, Revision revision) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(revision, "revision");
        requireCheckableTransport(request.repository().repoUrl());
        Path dir = GitTrees.localDirectory(request.repository().repoUrl());
        if (dir != null && (readInPlace || !GitTrees.isGitRepository(dir))) {
            remember(request.workspaceId(), dir);
            request.reached(PausePoint.Phase.PARSE);
            return inPlace.read(reader, dir, revision.commitSha(), request.log());
        }
        Path checkout = checkoutDir(request.workspaceId());
        remember(request.workspaceId(), checkout);
        // Forgotten first: a load that fails half-way leaves the next one a full checkout.
        CheckedOut last = checkedOut.remove(checkout);
        if (repair.repair(checkout, request.log())) {
            last = null;
        }
        // a checkout that could not be read was deleted: clone it again
        try (Git git =
                Files.isDirectory(checkout.resolve(Constants.DOT_GIT))
                        ? Git.open(checkout.toFile())
                        : openOrClone(request.repository(), checkout, request)) {
            CheckoutLimits.Checked checked =
                    limits.check(
                            git.getRepository(),
                            revision.commitSha(),
                            last == null ? null : last.commitSha(),
                            last == null ? null : last.totals());
            CheckoutLimits.Totals totals = checked.totals();
            CheckoutRepair.Written written =
                    CheckoutRepair.write(
                            git,
                            checkout,
                            last == null ? null : last.commitSha(),
                            last == null ? null : last.mark(),
                            checked.diff(),
                            revision,
                            request.log(),
                            () -> request.reached(PausePoint.Phase.CHECKOUT));
            List<String> changed = written.changed();
            request.reached(PausePoint.Phase.PARSE);
            Graph graph =
                    changed == null
                            ? reader.read(checkout, revision.commitSha())
                            : reader.read(checkout, revision.commitSha(), changed);
            graph =
                    FileHistory.withTimes(
                            git.getRepository(),
                            revision.commitSha(),
                            graph,
                            request.log(),
                            changed == null ? null : last.times(),
                            changed == null ? null : last.commitSha(),
                            changed);
            checkedOut.put(
                    checkout,
                    new CheckedOut(
                            revision.commitSha(), written.mark(), totals, graph.fileTimes()));
            return graph;
        } catch (SyncException e) {
            if (e.reason() == Reason.TOO_LARGE) {
                // nothing of it was written; what was fetched goes too
                forget(request.workspaceId());
                try {
                    FileUtils.delete(
                            checkout.toFile(),
                            FileUtils.RECURSIVE | FileUtils.RETRY | FileUtils.SKIP_MISSING);
                    request.log().accept("removed the checkout");
                } catch (IOException removal) {
                    e.addSuppressed(removal);
                }
            }
            throw e;
        } catch (IOException | GitAPIException | JGitInternalException e) {
            throw new SyncException(
                    Reason.OTHER,
                    "cannot check out "
                            + revision.commitSha()
                            + ": "
                            + GitErrors.message(e, request.repository().deployKey()),
                    e);
        }
    }

    /**
     * Watch mode: {@code dir}, a graph directory read in place, is watched from now on; after its
     * next full read, a sync hashes and reads only the files reported to {@link #changed}.
     */
    public void watch(Path dir) {
        inPlace.watch(dir);
    }

    /**
     * Reports files of a watched directory added, changed or deleted (relative paths with {@code
     * /}), or null when which ones is not known: the next sync then reads it all.
     */
    public void changed(Path dir, Collection<String> paths) {
        inPlace.changed(dir, paths);
    }

    /** The reader's last read of a workspace's earlier directory is of no more use. */
    private void remember(long workspaceId, Path root) {
        Path before = readRoots.put(workspaceId, root);
        if (before != null && !before.equals(root)) {
            reader.forget(before);
        }
    }

    /** What the reader keeps of the workspace's last read: the parse of each file. */
    @Override
    public long retainedBytes(long workspaceId) {
        Path root = readRoots.get(workspaceId);
        return root == null ? 0 : reader.retainedBytes(root);
    }

    /**
     * Drops the reader's last read of the workspace and what this source knows of its checkout's
     * working tree: the next load checks out and parses in full.
     */
    @Override
    public void forget(long workspaceId) {
        checkedOut.remove(checkoutDir(workspaceId));
        Path root = readRoots.remove(workspaceId);
        if (root != null) {
            reader.forget(root);
        }
    }

    private Git openOrClone(GitRepository repo, Path checkout, SourceRequest request) {
        String url = GitTrees.remoteUrl(repo.repoUrl());
        CredentialsProvider credentials = credentials(repo);
        // Submodules are never checked out. A repository on this machine lends the clone its
        // objects, and a fetch then takes only its refs (see shareObjects, fetch).
        Path localDir = GitTrees.localDirectory(repo.repoUrl());
        Path localObjects = GitTrees.localObjects(localDir);
        try {
            if (Files.isDirectory(checkout.resolve(".git"))) {
                GitTrees.shareObjects(checkout, localObjects);
                Git git = Git.open(checkout.toFile());
                boolean handedOver = false;
                try {
                    GitTrees.foregroundGc(git.getRepository().getConfig());
                    if (localObjects != null
                            && GitTrees.dropRefsToLostObjects(git.getRepository())) {
                        // the remote's history was replaced and pruned: check out in full
                        checkedOut.remove(checkout);
                        request.log().accept("the repository lost the commit last checked out");
                    }
                    String current =
                            git.getRepository().getConfig().getString("remote", "origin", "url");
                    if (url.equals(current)) {
                        request.reached(PausePoint.Phase.FETCH);
                        fetch(git, localDir, localObjects, credentials);
                        request.log().accept("fetched from " + Redaction.url(url));
                        handedOver = true;
                        return git;
                    }
                } finally {
                    // a failed fetch (an unreachable remote, a bad token) left it open
                    if (!handedOver) {
                        git.close();
                    }
                }
                request.log().accept("repository URL changed; cloning anew");
                FileUtils.delete(checkout.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY);
            }
            // a new clone: the next load checks out in full
            checkedOut.remove(checkout);
            Files.createDirectories(checkout.getParent());
            // what an earlier process left of a clone, CheckoutRepair has removed
            Path partial = checkout.resolveSibling(checkout.getFileName() + ".partial");
            // init + fetch rather than clone: no branch is checked out, so a remote whose HEAD
            // names a missing branch, or that has no commits, still gives a clear answer below.
            Git.init().setDirectory(partial.toFile()).call().close();
            GitTrees.shareObjects(partial, localObjects);
            try (Git git = Git.open(partial.toFile())) {
                StoredConfig config = git.getRepository().getConfig();
                config.setString("remote", "origin", "url", url);
                config.setString(
                        "remote", "origin", "fetch", "+refs/heads/*:refs/remotes/origin/*");
                config.save();
                GitTrees.foregroundGc(config);
                request.reached(PausePoint.Phase.FETCH);
                fetch(git, localDir, localObjects, credentials);
            }
            // A clone that dies half-way leaves only the .partial directory behind.
            Files.move(partial, checkout);
            request.log().accept("cloned " + Redaction.url(url));
            return Git.open(checkout.toFile());
        } catch (GitAPIException | JGitInternalException e) {
            throw GitErrors.translate(e, Redaction.url(url), repo.deployKey());
        } catch (IOException e) {
            throw new SyncException(
                    Reason.OTHER,
                    "cannot prepare checkout of " + Redaction.url(url) + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * The remote's branches into {@code refs/remotes/origin/}: a clone sharing a local repository's
     * objects takes its refs ({@link GitTrees#takeLocalRefs}); others fetch, thin only from afar
     * (locally a thin pack costs a delta search and base copies: 242 ms thin, 201 whole).
     */
    private void fetch(Git git, Path localDir, Path localObjects, CredentialsProvider credentials)
            throws IOException, GitAPIException {
        if (localObjects != null) {
            GitTrees.takeLocalRefs(git.getRepository(), localDir);
            return;
        }
        GitTrees.requireRefsUpdated(
                git.fetch()
                        .setRemote("origin")
                        .setRecurseSubmodules(FetchRecurseSubmodulesMode.NO)
                        .setThin(localDir == null)
                        .setRemoveDeletedRefs(true)
                        .setForceUpdate(true)
                        .setCredentialsProvider(credentials)
                        .setTransportConfigCallback(this::guard)
                        .setTimeout(timeoutSeconds)
                        .call());
    }

    private String resolveBranch(Git git, GitRepository repo, SourceRequest request)
            throws IOException {
        Repository r = git.getRepository();
        Collection<Ref> remotes =
                r.getRefDatabase().getRefsByPrefix(Constants.R_REMOTES + "origin/");
        if (remotes.isEmpty()) {
            throw new SyncException(
                    Reason.EMPTY_REPOSITORY,
                    "repository " + Redaction.url(repo.repoUrl()) + " has no commits");
        }
        if (r.resolve(Constants.R_REMOTES + "origin/" + repo.branch()) != null) {
            return repo.branch();
        }
        String fallback = remoteDefaultBranch(repo);
        if (fallback != null && r.resolve(Constants.R_REMOTES + "origin/" + fallback) != null) {
            return fallback;
        }
        throw new SyncException(
                Reason.BRANCH_NOT_FOUND,
                "branch '"
                        + repo.branch()
                        + "' not found in "
                        + Redaction.url(repo.repoUrl())
                        + (fallback == null ? "" : ", nor the default branch '" + fallback + "'"));
    }

    private String remoteDefaultBranch(GitRepository repo) {
        try {
            Map<String, Ref> refs =
                    Git.lsRemoteRepository()
                            .setRemote(GitTrees.remoteUrl(repo.repoUrl()))
                            .setCredentialsProvider(credentials(repo))
                            .setTransportConfigCallback(this::guard)
                            .setTimeout(timeoutSeconds)
                            .callAsMap();
            Ref head = refs.get(Constants.HEAD);
            if (head != null && head.isSymbolic()) {
                return Repository.shortenRefName(head.getTarget().getName());
            }
            return null;
        } catch (GitAPIException | JGitInternalException e) {
            return null;
        }
    }

    /**
     * Under a restricting {@link NetworkPolicy}, only HTTP(S) remotes: their connections are
     * checked and pinned ({@link GuardedConnections}); ssh, git and local URLs cannot be.
     */
    private void requireCheckableTransport(String url) {
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        if (policy.restricted() && !lower.startsWith("http://") && !lower.startsWith("https://")) {
            throw new SyncException(
                    Reason.REFUSED_HOST,
                    "this server fetches only over http and https: " + Redaction.url(url));
        }
    }

    /** Has every HTTP connection of a transport pass the network policy. */
    private void guard(Transport transport) {
        if (connections == null) {
            return;
        }
        if (transport instanceof TransportHttp http) {
            http.setHttpConnectionFactory(connections);
        } else {
            throw new SyncException(
                    Reason.REFUSED_HOST,
                    "this server fetches only over http and https: "
                            + Redaction.url(transport.getURI().toString()));
        }
    }

    private CredentialsProvider credentials(GitRepository repo) {
        String token = repo.deployKey();
        return token == null || token.isBlank()
                ? null
                : new UsernamePasswordCredentialsProvider(tokenUsername, token);
    }

    private Path checkoutDir(long workspaceId) {
        return checkoutRoot.resolve("workspace-" + workspaceId);
    }

    /** Builds a {@link GitGraphSource}. */
    public static final class Builder {
        private Path checkoutRoot =
                Path.of(System.getProperty("java.io.tmpdir"), "draehi-checkouts");
        private LogseqGraphReader reader;
        private String tokenUsername = "x-access-token";
        private int timeoutSeconds = 120;
        private boolean readInPlace;
        private NetworkPolicy policy = NetworkPolicy.unrestricted();
        private HostResolver resolver = HostResolver.system();
        private long maxCheckoutBytes = DEFAULT_MAX_CHECKOUT_BYTES;
        private long maxCheckoutFiles = DEFAULT_MAX_CHECKOUT_FILES;
        private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;

        private Builder() {}

        /**
         * Reads a local directory in place even when it is a git repository: its working tree,
         * edits not yet committed included, as a writer previewing their graph expects. Default:
         * false, so that a repository directory is cloned from and its working tree never touched.
         */
        public Builder readInPlace(boolean readInPlace) {
            this.readInPlace = readInPlace;
            return this;
        }

        /**
         * The most a checkout's files may add up to; a commit over it fails its sync before
         * anything is written, and its checkout is removed. Default {@link
         * #DEFAULT_MAX_CHECKOUT_BYTES} (1 GiB).
         */
        public Builder maxCheckoutBytes(long bytes) {
            this.maxCheckoutBytes = positive(bytes, "maxCheckoutBytes");
            return this;
        }

        /**
         * The most files a checkout may have, like {@link #maxCheckoutBytes}. Default {@link
         * #DEFAULT_MAX_CHECKOUT_FILES} (200,000).
         */
        public Builder maxCheckoutFiles(long files) {
            this.maxCheckoutFiles = positive(files, "maxCheckoutFiles");
            return this;
        }

        /**
         * The largest file a checkout may have, like {@link #maxCheckoutBytes}. Default {@link
         * #DEFAULT_MAX_FILE_BYTES} (100 MiB).
         */
        public Builder maxFileBytes(long bytes) {
            this.maxFileBytes = positive(bytes, "maxFileBytes");
            return this;
        }

        private static long positive(long n, String name) {
            if (n < 1) {
                throw new IllegalArgumentException(name + " must be positive, was " + n);
            }
            return n;
        }

        /**
         * Which addresses fetches may connect to. Default: {@link NetworkPolicy#unrestricted()}. A
         * server that fetches for untrusted users takes {@link NetworkPolicy#publicOnly()}: then
         * only http and https remotes are fetched, each connection (redirects included) to an
         * address the policy checked, resolved once with the {@link #hostResolver}.
         */
        public Builder networkPolicy(NetworkPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** How a restricting network policy resolves host names. Default: the system's. */
        public Builder hostResolver(HostResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * Where clones live, one directory per workspace. Default: {@code
         * $TMPDIR/draehi-checkouts}.
         */
        public Builder checkoutRoot(Path checkoutRoot) {
            this.checkoutRoot =
                    Objects.requireNonNull(checkoutRoot, "checkoutRoot").toAbsolutePath();
            return this;
        }

        /** How files become pages. Default: {@code LogseqGraphReader.builder().build()}. */
        public Builder reader(LogseqGraphReader reader) {
            this.reader = Objects.requireNonNull(reader, "reader");
            return this;
        }

        /**
         * The user name sent with a deploy key over HTTPS. Default {@code x-access-token} (GitHub);
         * GitLab takes {@code oauth2}, Gitea any name.
         */
        public Builder tokenUsername(String tokenUsername) {
            this.tokenUsername = Objects.requireNonNull(tokenUsername, "tokenUsername");
            return this;
        }

        /** Network timeout of clone and fetch, in seconds. Default 120. */
        public Builder timeoutSeconds(int timeoutSeconds) {
            if (timeoutSeconds < 1) {
                throw new IllegalArgumentException(
                        "timeoutSeconds must be positive, was " + timeoutSeconds);
            }
            this.timeoutSeconds = timeoutSeconds;
            return this;
        }

        /** The source. */
        public GitGraphSource build() {
            if (reader == null) {
                reader = LogseqGraphReader.builder().build();
            }
            return new GitGraphSource(this);
        }
    }
}
