package dev.draehi.store;

import dev.draehi.model.Node;
import java.util.List;
import java.util.Objects;

/**
 * What a page view reads of one page: the page node, its blocks in outline order and its linked
 * references, all from one read.
 *
 * <pre>{@code
 * storage.nodes().pageContent(wsId, "projects/draehi", 50).ifPresent(c -> {
 *     render(c.page(), c.blocks());
 *     int referring = c.references().blockCount();
 * });
 * }</pre>
 *
 * @param page the page node
 * @param blocks its blocks, as {@link NodeRepository#blocksOfPage} lists them
 * @param references its linked references, as {@link NodeRepository#linkedReferences} gives them
 */
public record PageContent(Node page, List<Node> blocks, LinkedReferences references) {
    public PageContent {
        Objects.requireNonNull(page, "page");
        blocks = List.copyOf(blocks);
        Objects.requireNonNull(references, "references");
    }
}
