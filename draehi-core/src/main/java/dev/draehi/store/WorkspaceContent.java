package dev.draehi.store;

import dev.draehi.model.Node;
import dev.draehi.model.PageRoute;
import dev.draehi.model.Reference;
import java.util.List;
import java.util.Objects;

/**
 * The published content of a workspace, or of some of its pages: page and block nodes (each page
 * before its blocks, each block after its parent), the route of every page, and the reference index
 * of every block. The route with the empty path, if any, names the workspace's home page.
 */
public record WorkspaceContent(
        List<Node> nodes, List<PageRoute> routes, List<Reference> references) {
    public WorkspaceContent {
        Objects.requireNonNull(nodes, "nodes");
        Objects.requireNonNull(routes, "routes");
        Objects.requireNonNull(references, "references");
    }

    /** The path of the route that names the home page. */
    public static final String HOME_PATH = "";

    /** No content at all. */
    public static WorkspaceContent empty() {
        return new WorkspaceContent(List.of(), List.of(), List.of());
    }
}
