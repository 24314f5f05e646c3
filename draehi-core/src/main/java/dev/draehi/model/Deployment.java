package dev.draehi.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A row of {@code deployment_history}: one sync of a workspace, from {@code pending} to {@code
 * success} or {@code failed}.
 *
 * @param commitSha the 40-hex commit, or empty while a pending sync has not fetched yet
 * @param errorLog why the deployment failed, or {@code null}
 * @param buildLog the timestamped progress lines (stored as a JSON array)
 */
public record Deployment(
        long id,
        long workspaceId,
        String commitSha,
        DeploymentStatus status,
        Instant deployedAt,
        String errorLog,
        List<String> buildLog) {

    public Deployment {
        Objects.requireNonNull(commitSha, "commitSha");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(deployedAt, "deployedAt");
        buildLog = buildLog == null ? List.of() : List.copyOf(buildLog);
    }

    /** True when this deployment published its commit. */
    public boolean succeeded() {
        return status == DeploymentStatus.SUCCESS;
    }
}
