package dev.draehi.store.jdbi.internal;

import dev.draehi.ConflictException;
import dev.draehi.NotFoundException;
import dev.draehi.model.GitRepository;
import dev.draehi.model.SyncStatus;
import dev.draehi.store.GitRepositoryRepository;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The {@code git_repositories} table, with deploy keys and webhook secrets sealed at rest. */
final class SqlGitRepositoryRepository implements GitRepositoryRepository {
    // the mapper of the queries every sync makes, which bypass SQL objects (see
    // NodeDao.PAGE_CONTENT)
    private static final Rows.GitRepositoryMapper REPOSITORIES = new Rows.GitRepositoryMapper();

    private final SqlContext sql;

    SqlGitRepositoryRepository(SqlContext sql) {
        this.sql = sql;
    }

    @Override
    public GitRepository create(long workspaceId, String repoUrl, String branch, String deployKey) {
        Objects.requireNonNull(repoUrl, "repoUrl");
        return sql.write(
                "connecting a repository to workspace " + workspaceId,
                h -> {
                    SqlContext.requireWorkspace(h, workspaceId);
                    return h.attach(GitRepositoryDao.class)
                            .insert(
                                    workspaceId,
                                    repoUrl,
                                    branch == null ? GitRepository.DEFAULT_BRANCH : branch,
                                    sql.codec().seal(deployKey),
                                    sql.now())
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
        return sql.read(
                "finding the repository of workspace " + workspaceId,
                h ->
                        h.createQuery(GitRepositoryDao.FIND_BY_WORKSPACE)
                                .bind("workspaceId", workspaceId)
                                .map(REPOSITORIES)
                                .findOne()
                                .map(this::opened));
    }

    @Override
    public List<GitRepository> list() {
        return sql.read(
                "listing repositories",
                h -> h.attach(GitRepositoryDao.class).list().stream().map(this::opened).toList());
    }

    @Override
    public GitRepository update(long workspaceId, String repoUrl, String branch, String deployKey) {
        Objects.requireNonNull(repoUrl, "repoUrl");
        return sql.write(
                "updating the repository of workspace " + workspaceId,
                h ->
                        h.attach(GitRepositoryDao.class)
                                .update(
                                        workspaceId,
                                        repoUrl,
                                        branch == null ? GitRepository.DEFAULT_BRANCH : branch,
                                        sql.codec().seal(deployKey),
                                        sql.now())
                                .map(this::opened)
                                .orElseThrow(() -> noRepository(workspaceId)));
    }

    @Override
    public GitRepository updateStatus(
            long workspaceId, SyncStatus status, Instant lastSync, String errorLog) {
        Objects.requireNonNull(status, "status");
        return sql.write(
                "recording the sync status of workspace " + workspaceId,
                h ->
                        h.createQuery(GitRepositoryDao.UPDATE_STATUS)
                                .bind("workspaceId", workspaceId)
                                .bind("status", status.dbValue())
                                .bindByType(
                                        "lastSync",
                                        Timestamps.toDb(
                                                lastSync == null
                                                        ? null
                                                        : lastSync.truncatedTo(ChronoUnit.MICROS)),
                                        LocalDateTime.class)
                                .bind("errorLog", errorLog)
                                .bind("now", sql.now())
                                .map(REPOSITORIES)
                                .findOne()
                                .map(this::opened)
                                .orElseThrow(() -> noRepository(workspaceId)));
    }

    @Override
    public void setWebhookSecret(long workspaceId, String secret) {
        sql.write(
                "setting the webhook secret of workspace " + workspaceId,
                h -> {
                    GitRepositoryDao dao = h.attach(GitRepositoryDao.class);
                    if (dao.findByWorkspace(workspaceId).isEmpty()) {
                        throw noRepository(workspaceId);
                    }
                    return secret == null
                            ? dao.clearWebhookSecret(workspaceId)
                            : dao.setWebhookSecret(
                                    workspaceId, sql.codec().seal(secret), sql.now());
                });
    }

    @Override
    public Optional<String> webhookSecret(long workspaceId) {
        return sql.read(
                "reading the webhook secret of workspace " + workspaceId,
                h ->
                        h.attach(GitRepositoryDao.class)
                                .webhookSecret(workspaceId)
                                .map(
                                        x ->
                                                sql.codec()
                                                        .open(
                                                                x,
                                                                "the webhook secret of workspace "
                                                                        + workspaceId)));
    }

    /**
     * The row with its deploy key decrypted; one that cannot be (no key, another key) is left
     * sealed ({@link GitRepository#deployKeySealed}): that workspace's sync fails, every other read
     * goes on.
     */
    private GitRepository opened(GitRepository r) {
        String key;
        try {
            key = sql.codec().open(r.deployKey(), "the deploy key of workspace " + r.workspaceId());
        } catch (dev.draehi.StorageException e) {
            return r;
        }
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

    private static NotFoundException noRepository(long workspaceId) {
        return new NotFoundException("workspace " + workspaceId + " has no repository");
    }
}
