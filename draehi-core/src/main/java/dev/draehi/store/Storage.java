package dev.draehi.store;

import java.util.function.Function;

/**
 * The storage port: one repository per table of the data model, and transactions that span them.
 *
 * <p>Two backends ship with draehi: {@link dev.draehi.store.memory.InMemoryStorage} (zero setup)
 * and {@code JdbiStorage} on PostgreSQL (module draehi-store-jdbi). Both pass the same contract
 * test ({@code StorageContractTest} in draehi-core's test-jar), which a third backend runs to prove
 * it behaves the same.
 *
 * <pre>{@code
 * Storage storage = new InMemoryStorage();
 * User u = storage.users().create("ada", passwordHash);
 * Workspace ws = storage.workspaces().create(u.id(), "Ada's notes");
 * }</pre>
 *
 * <p>Style of failures, for every method: finders return {@code Optional} or an empty list; a
 * duplicate throws {@link dev.draehi.ConflictException}; an unknown id passed to a write throws
 * {@link dev.draehi.NotFoundException}; an invalid value throws {@link
 * dev.draehi.ValidationException}; the backend failing throws {@link dev.draehi.StorageException}.
 */
public interface Storage extends AutoCloseable {

    /** The {@code users} table. */
    UserRepository users();

    /** The {@code workspaces} table. */
    WorkspaceRepository workspaces();

    /** The {@code git_repositories} table. */
    GitRepositoryRepository repositories();

    /** The {@code deployment_history} table. */
    DeploymentRepository deployments();

    /** The {@code nodes} table with its route and reference indexes. */
    NodeRepository nodes();

    /** The published assets. */
    AssetRepository assets();

    /** Sessions of signed-in users (the hosting mode's log-ins). */
    SessionRepository sessions();

    /** The durable queue of syncs, and the webhook deliveries already seen. */
    SyncJobRepository syncJobs();

    /** The custom domains workspaces claim, and whether they are verified. */
    DomainClaimRepository domainClaims();

    /** Freed workspace slugs, held back from other users for a while. */
    SlugHoldRepository slugHolds();

    /**
     * Runs {@code work} in one transaction: every call on the {@code Storage} it is given commits
     * together when {@code work} returns, or not at all when it throws. Readers outside see none of
     * it until then. Calling this inside {@code work} joins the outer transaction.
     */
    <T> T inTransaction(Function<Storage, T> work);

    /**
     * Runs the reads in {@code work} against one consistent snapshot, so that a page assembled from
     * several queries never mixes two syncs: the old content or the new, whole. Nothing is written.
     * The default runs {@code work} as it is, for backends that have no snapshots.
     */
    default <T> T inSnapshot(Function<Storage, T> work) {
        return work.apply(this);
    }

    /**
     * Takes the per-workspace sync lock, waiting for it, so that syncs of one workspace never run
     * at once, across every process that shares this storage. Release it by closing the lease.
     */
    WorkspaceLock lockWorkspace(long workspaceId);

    /**
     * Marks deployments left {@code building} or {@code pending} by a process that died as {@code
     * failed}, and their repositories' {@code syncing} status as {@code error}. Returns how many
     * deployments it marked. A workspace whose sync lock is held (a sync is running, in this
     * process or another) is left alone, so any process may call this on start-up.
     */
    int failAbandonedDeployments();

    /** Releases the storage's resources (a connection pool it created). Does nothing by default. */
    @Override
    default void close() {}

    /** A held per-workspace sync lock. */
    interface WorkspaceLock extends AutoCloseable {
        /** Releases the lock. */
        @Override
        void close();
    }
}
