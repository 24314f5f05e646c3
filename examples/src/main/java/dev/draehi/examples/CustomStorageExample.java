package dev.draehi.examples;

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
import dev.draehi.store.memory.InMemoryStorage;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A storage of your own: here one that counts the transactions and content replaces it is asked for
 * and keeps everything else in an {@link InMemoryStorage}. A real one would write to another
 * database; either way, it proves itself by passing {@code StorageContractTest} from draehi-core's
 * test-jar (see CustomStorageExampleTest).
 *
 * <pre>{@code
 * CustomStorageExample storage = new CustomStorageExample(new InMemoryStorage());
 * Publisher publisher = Publisher.builder().storage(storage)...build();
 * }</pre>
 */
public final class CustomStorageExample implements Storage {
    private final Storage delegate;
    private final AtomicLong transactions = new AtomicLong();

    public CustomStorageExample(Storage delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** How many transactions were run through this storage. */
    public long transactions() {
        return transactions.get();
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
    public AssetRepository assets() {
        return delegate.assets();
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
    public <T> T inTransaction(Function<Storage, T> work) {
        transactions.incrementAndGet();
        return delegate.inTransaction(work);
    }

    @Override
    public <T> T inSnapshot(Function<Storage, T> work) {
        return delegate.inSnapshot(work);
    }

    @Override
    public WorkspaceLock lockWorkspace(long workspaceId) {
        return delegate.lockWorkspace(workspaceId);
    }

    @Override
    public int failAbandonedDeployments() {
        return delegate.failAbandonedDeployments();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
