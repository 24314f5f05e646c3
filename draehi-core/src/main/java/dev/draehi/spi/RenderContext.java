package dev.draehi.spi;

import dev.draehi.model.Graph;
import dev.draehi.model.Workspace;
import java.util.Objects;

/**
 * Everything a {@link PageRenderer} may look at besides the page: the whole graph (for block refs,
 * embeds and queries), the workspace (for {@code embed_depth}) and how to link.
 */
public record RenderContext(Graph graph, Workspace workspace, LinkResolver links) {
    public RenderContext {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(links, "links");
    }
}
