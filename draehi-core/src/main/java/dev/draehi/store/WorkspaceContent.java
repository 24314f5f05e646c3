package dev.draehi.store;

import dev.draehi.model.Node;
import dev.draehi.model.PageRoute;
import dev.draehi.model.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

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

    /** The parts' nodes, routes and references, in order, as one content. */
    public static WorkspaceContent concat(Stream<WorkspaceContent> parts) {
        List<Node> nodes = new ArrayList<>();
        List<PageRoute> routes = new ArrayList<>();
        List<Reference> references = new ArrayList<>();
        parts.forEachOrdered(
                p -> {
                    nodes.addAll(p.nodes());
                    routes.addAll(p.routes());
                    references.addAll(p.references());
                });
        return new WorkspaceContent(nodes, routes, references);
    }

    /** No content at all. */
    public static WorkspaceContent empty() {
        return new WorkspaceContent(List.of(), List.of(), List.of());
    }
}
