package dev.draehi.store.memory;

import dev.draehi.NotFoundException;
import dev.draehi.ValidationException;
import dev.draehi.model.Deployment;
import dev.draehi.model.DeploymentStatus;
import dev.draehi.store.DeploymentRepository;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The deployment history of an {@link InMemoryStorage}. */
final class MemoryDeploymentRepository implements DeploymentRepository {
    private final InMemoryStorage store;

    MemoryDeploymentRepository(InMemoryStorage store) {
        this.store = store;
    }

    @Override
    public Deployment create(long workspaceId, String commitSha, DeploymentStatus status) {
        Objects.requireNonNull(commitSha, "commitSha");
        Objects.requireNonNull(status, "status");
        return store.write(
                s -> {
                    if (!s.workspaces.containsKey(workspaceId)) {
                        throw new NotFoundException("no workspace with id " + workspaceId);
                    }
                    Deployment d =
                            new Deployment(
                                    s.nextDeploymentId++,
                                    workspaceId,
                                    commitSha,
                                    status,
                                    store.now(),
                                    null,
                                    List.of());
                    s.deployments.put(d.id(), d);
                    return d;
                });
    }

    @Override
    public Optional<Deployment> findById(long id) {
        return Optional.ofNullable(store.read().deployments.get(id));
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
        return store.write(
                s -> {
                    Deployment d = s.deployments.get(id);
                    if (d == null) {
                        throw new NotFoundException("no deployment with id " + id);
                    }
                    Deployment u =
                            new Deployment(
                                    id,
                                    d.workspaceId(),
                                    commitSha,
                                    status,
                                    d.deployedAt(),
                                    errorLog,
                                    buildLog);
                    s.deployments.put(id, u);
                    return u;
                });
    }

    @Override
    public List<Deployment> list(long workspaceId, int limit) {
        if (limit < 0) {
            throw new ValidationException("limit must not be negative, was " + limit);
        }
        return store.read().deployments.descendingMap().values().stream()
                .filter(d -> d.workspaceId() == workspaceId)
                .sorted(
                        Comparator.comparing(Deployment::deployedAt)
                                .thenComparing(Deployment::id)
                                .reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public Optional<Deployment> latestSuccessful(long workspaceId) {
        return store.read().deployments.descendingMap().values().stream()
                .filter(d -> d.workspaceId() == workspaceId && d.succeeded())
                .max(Comparator.comparing(Deployment::deployedAt).thenComparing(Deployment::id));
    }
}
