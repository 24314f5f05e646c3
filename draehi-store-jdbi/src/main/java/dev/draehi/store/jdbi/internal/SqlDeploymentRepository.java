package dev.draehi.store.jdbi.internal;

import dev.draehi.NotFoundException;
import dev.draehi.ValidationException;
import dev.draehi.model.Deployment;
import dev.draehi.model.DeploymentStatus;
import dev.draehi.store.DeploymentRepository;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The {@code deployment_history} table. */
final class SqlDeploymentRepository implements DeploymentRepository {
    // the mapper of the queries every page view and sync make, which bypass SQL objects (see
    // NodeDao.PAGE_CONTENT)
    private static final Rows.DeploymentMapper DEPLOYMENTS = new Rows.DeploymentMapper();

    private final SqlContext sql;

    SqlDeploymentRepository(SqlContext sql) {
        this.sql = sql;
    }

    @Override
    public Deployment create(long workspaceId, String commitSha, DeploymentStatus status) {
        Objects.requireNonNull(commitSha, "commitSha");
        Objects.requireNonNull(status, "status");
        return sql.write(
                "recording a deployment of workspace " + workspaceId,
                h ->
                        h.createQuery(DeploymentDao.INSERT)
                                .bind("workspaceId", workspaceId)
                                .bind("commitSha", commitSha)
                                .bind("status", status.dbValue())
                                .bind("now", sql.now())
                                .map(DEPLOYMENTS)
                                .findOne()
                                .orElseThrow(
                                        () ->
                                                new NotFoundException(
                                                        "no workspace with id " + workspaceId)));
    }

    @Override
    public Optional<Deployment> findById(long id) {
        return sql.read(
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
        return sql.write(
                "updating deployment " + id,
                h ->
                        h.createQuery(DeploymentDao.UPDATE)
                                .bind("id", id)
                                .bind("commitSha", commitSha)
                                .bind("status", status.dbValue())
                                .bind("errorLog", errorLog)
                                .bind("buildLog", log)
                                .map(DEPLOYMENTS)
                                .findOne()
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
        return sql.read(
                "listing the deployments of workspace " + workspaceId,
                h -> h.attach(DeploymentDao.class).list(workspaceId, limit));
    }

    @Override
    public Optional<Deployment> latestSuccessful(long workspaceId) {
        return sql.read(
                "finding the latest deployment of workspace " + workspaceId,
                h ->
                        h.createQuery(DeploymentDao.LATEST_SUCCESSFUL)
                                .bind("workspaceId", workspaceId)
                                .map(DEPLOYMENTS)
                                .findOne());
    }
}
