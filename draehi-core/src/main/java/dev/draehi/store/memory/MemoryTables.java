package dev.draehi.store.memory;

import dev.draehi.model.AssetFile;
import dev.draehi.model.Deployment;
import dev.draehi.model.DomainClaim;
import dev.draehi.model.GitRepository;
import dev.draehi.model.Session;
import dev.draehi.model.SyncJob;
import dev.draehi.model.User;
import dev.draehi.model.Workspace;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything an {@link InMemoryStorage} stores. Copied per transaction; the per-workspace content
 * is immutable, so a copy shares it.
 */
final class MemoryTables {
    long nextUserId = 1;
    long nextWorkspaceId = 1;
    long nextRepoId = 1;
    long nextDeploymentId = 1;
    long nextSyncJobId = 1;
    final TreeMap<Long, User> users = new TreeMap<>();
    final TreeMap<Long, Workspace> workspaces = new TreeMap<>();
    final TreeMap<Long, GitRepository> repos = new TreeMap<>(); // by workspace id
    final TreeMap<Long, Deployment> deployments = new TreeMap<>();
    final Map<Long, MemoryContent> content = new HashMap<>();
    final Map<Long, Map<String, AssetFile>> assets = new HashMap<>();
    final Map<Long, String> webhookSecrets = new HashMap<>(); // by workspace id
    final Map<String, Session> sessions = new HashMap<>();
    final TreeMap<Long, SyncJob> syncJobs = new TreeMap<>();
    final Map<String, Instant> deliveries = new HashMap<>();
    final TreeMap<Long, DomainClaim> domainClaims = new TreeMap<>(); // by workspace id
    final Map<String, dev.draehi.model.SlugHold> slugHolds = new HashMap<>(); // by slug

    MemoryTables copy() {
        MemoryTables c = new MemoryTables();
        c.nextUserId = nextUserId;
        c.nextWorkspaceId = nextWorkspaceId;
        c.nextRepoId = nextRepoId;
        c.nextDeploymentId = nextDeploymentId;
        c.nextSyncJobId = nextSyncJobId;
        c.users.putAll(users);
        c.workspaces.putAll(workspaces);
        c.repos.putAll(repos);
        c.deployments.putAll(deployments);
        c.content.putAll(content);
        c.assets.putAll(assets);
        c.webhookSecrets.putAll(webhookSecrets);
        c.sessions.putAll(sessions);
        c.syncJobs.putAll(syncJobs);
        c.deliveries.putAll(deliveries);
        c.domainClaims.putAll(domainClaims);
        c.slugHolds.putAll(slugHolds);
        return c;
    }

    MemoryContent content(long workspaceId) {
        return content.getOrDefault(workspaceId, MemoryContent.EMPTY);
    }

    void deleteWorkspace(long workspaceId) {
        workspaces.remove(workspaceId);
        repos.remove(workspaceId);
        webhookSecrets.remove(workspaceId);
        deployments.values().removeIf(d -> d.workspaceId() == workspaceId);
        content.remove(workspaceId);
        assets.remove(workspaceId);
        syncJobs.values().removeIf(j -> j.workspaceId() == workspaceId);
        domainClaims.remove(workspaceId);
    }
}
