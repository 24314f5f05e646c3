package dev.draehi.store;

import dev.draehi.model.Deployment;
import dev.draehi.model.DeploymentStatus;
import java.util.List;
import java.util.Optional;

/** The {@code deployment_history} table. */
public interface DeploymentRepository {
    /** The seed's default number of deployments a list returns. */
    int DEFAULT_LIMIT = 10;

    /**
     * Records a new deployment.
     *
     * @throws dev.draehi.NotFoundException when the workspace does not exist
     */
    Deployment create(long workspaceId, String commitSha, DeploymentStatus status);

    /** The deployment with this id. */
    Optional<Deployment> findById(long id);

    /**
     * Moves a deployment on: its commit, status, error and build log.
     *
     * @throws dev.draehi.NotFoundException when it does not exist
     */
    Deployment update(
            long id,
            String commitSha,
            DeploymentStatus status,
            String errorLog,
            List<String> buildLog);

    /** The workspace's deployments, newest first, at most {@code limit}. */
    List<Deployment> list(long workspaceId, int limit);

    /** The workspace's {@link #DEFAULT_LIMIT} newest deployments. */
    default List<Deployment> list(long workspaceId) {
        return list(workspaceId, DEFAULT_LIMIT);
    }

    /** The workspace's newest successful deployment: what its site shows. */
    Optional<Deployment> latestSuccessful(long workspaceId);
}
