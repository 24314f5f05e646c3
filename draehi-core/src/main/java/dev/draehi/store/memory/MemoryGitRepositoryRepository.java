package dev.draehi.store.memory;

import dev.draehi.ConflictException;
import dev.draehi.NotFoundException;
import dev.draehi.model.GitRepository;
import dev.draehi.model.SyncStatus;
import dev.draehi.store.GitRepositoryRepository;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The git repositories of an {@link InMemoryStorage}, one per workspace. */
final class MemoryGitRepositoryRepository implements GitRepositoryRepository {
    private final InMemoryStorage store;

    MemoryGitRepositoryRepository(InMemoryStorage store) {
        this.store = store;
    }

    @Override
    public GitRepository create(long workspaceId, String repoUrl, String branch, String deployKey) {
        Objects.requireNonNull(repoUrl, "repoUrl");
        return store.write(
                s -> {
                    if (!s.workspaces.containsKey(workspaceId)) {
                        throw new NotFoundException("no workspace with id " + workspaceId);
                    }
                    if (s.repos.containsKey(workspaceId)) {
                        throw new ConflictException(
                                "workspace " + workspaceId + " already has a repository");
                    }
                    Instant now = store.now();
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
        return Optional.ofNullable(store.read().repos.get(workspaceId));
    }

    @Override
    public List<GitRepository> list() {
        return List.copyOf(store.read().repos.values());
    }

    @Override
    public GitRepository update(long workspaceId, String repoUrl, String branch, String deployKey) {
        Objects.requireNonNull(repoUrl, "repoUrl");
        return store.write(
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
                                    store.now());
                    s.repos.put(workspaceId, u);
                    return u;
                });
    }

    @Override
    public GitRepository updateStatus(
            long workspaceId, SyncStatus status, Instant lastSync, String errorLog) {
        Objects.requireNonNull(status, "status");
        return store.write(
                s -> {
                    GitRepository u =
                            withStatus(
                                    existing(s, workspaceId),
                                    status,
                                    lastSync,
                                    errorLog,
                                    store.now());
                    s.repos.put(workspaceId, u);
                    return u;
                });
    }

    @Override
    public void setWebhookSecret(long workspaceId, String secret) {
        store.write(
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
        return Optional.ofNullable(store.read().webhookSecrets.get(workspaceId));
    }

    private static GitRepository existing(MemoryTables s, long workspaceId) {
        GitRepository r = s.repos.get(workspaceId);
        if (r == null) {
            throw new NotFoundException("workspace " + workspaceId + " has no repository");
        }
        return r;
    }

    /** {@code r} with a new sync status, updated at {@code now}. */
    static GitRepository withStatus(
            GitRepository r, SyncStatus status, Instant lastSync, String errorLog, Instant now) {
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
                now);
    }
}
