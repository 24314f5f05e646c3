package dev.draehi.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A row of {@code git_repositories}: where a workspace's graph comes from and how its last sync
 * went. {@code deployKey} (an access token) is left out of {@link #toString()}.
 *
 * @param branch the branch to publish; the seed's default is {@link #DEFAULT_BRANCH}
 * @param deployKey an access token for HTTPS, or {@code null}
 * @param lastSync when the last sync finished, or {@code null}
 * @param errorLog why the last sync failed, or {@code null}
 */
public record GitRepository(
        long id,
        long workspaceId,
        String repoUrl,
        String branch,
        String deployKey,
        Instant lastSync,
        SyncStatus syncStatus,
        String errorLog,
        Instant createdAt,
        Instant updatedAt) {

    /** The seed's default branch. */
    public static final String DEFAULT_BRANCH = "main";

    public GitRepository {
        Objects.requireNonNull(repoUrl, "repoUrl");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(syncStatus, "syncStatus");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    @Override
    public String toString() {
        return "GitRepository[id="
                + id
                + ", workspaceId="
                + workspaceId
                + ", repoUrl="
                + Redaction.url(repoUrl)
                + ", branch="
                + branch
                + ", deployKey="
                + (deployKey == null ? "none" : "***")
                + ", lastSync="
                + lastSync
                + ", syncStatus="
                + syncStatus
                + "]";
    }
}
