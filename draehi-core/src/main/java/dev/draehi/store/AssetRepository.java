package dev.draehi.store;

import dev.draehi.model.AssetFile;
import java.util.List;
import java.util.Optional;

/** The assets a workspace publishes, content-addressed, so that any process can serve them. */
public interface AssetRepository {
    /** The asset at {@code path} ({@code assets/x.png}) of the workspace, with its bytes. */
    Optional<AssetFile> find(long workspaceId, String path);

    /** The paths of the workspace's assets, sorted. */
    List<String> paths(long workspaceId);

    /**
     * Makes {@code files} the workspace's assets: adds and changes what differs, removes the rest.
     * Content already stored (by SHA-256) is not stored again.
     *
     * @throws dev.draehi.NotFoundException when the workspace does not exist
     */
    void replaceAll(long workspaceId, List<AssetFile> files);
}
