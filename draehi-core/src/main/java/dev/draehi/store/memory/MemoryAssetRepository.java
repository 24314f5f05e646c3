package dev.draehi.store.memory;

import dev.draehi.ConflictException;
import dev.draehi.NotFoundException;
import dev.draehi.model.AssetFile;
import dev.draehi.store.AssetRepository;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The published assets of an {@link InMemoryStorage}. */
final class MemoryAssetRepository implements AssetRepository {
    private final InMemoryStorage store;

    MemoryAssetRepository(InMemoryStorage store) {
        this.store = store;
    }

    @Override
    public Optional<AssetFile> find(long workspaceId, String path) {
        Objects.requireNonNull(path, "path");
        return Optional.ofNullable(
                store.read().assets.getOrDefault(workspaceId, Map.of()).get(path));
    }

    @Override
    public List<String> paths(long workspaceId) {
        return store.read().assets.getOrDefault(workspaceId, Map.of()).keySet().stream()
                .sorted()
                .toList();
    }

    @Override
    public void replaceAll(long workspaceId, List<AssetFile> files) {
        Objects.requireNonNull(files, "files");
        store.write(
                s -> {
                    if (!s.workspaces.containsKey(workspaceId)) {
                        throw new NotFoundException("no workspace with id " + workspaceId);
                    }
                    Map<String, AssetFile> next = new HashMap<>();
                    for (AssetFile f : files) {
                        if (next.put(f.path(), f) != null) {
                            throw new ConflictException("asset " + f.path() + " given twice");
                        }
                    }
                    s.assets.put(workspaceId, Map.copyOf(next));
                    return null;
                });
    }
}
