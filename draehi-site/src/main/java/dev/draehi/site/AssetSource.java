package dev.draehi.site;

import dev.draehi.model.Workspace;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the site finds the bytes of a workspace's assets ({@code assets/x.png}, relative to the
 * graph root). The command line points it at the checkout of each graph.
 */
@FunctionalInterface
public interface AssetSource {
    /** The file of {@code assetPath} in {@code workspace}'s graph, or empty. */
    Optional<Path> find(Workspace workspace, String assetPath);

    /** A source with no assets. */
    static AssetSource none() {
        return (ws, path) -> Optional.empty();
    }
}
