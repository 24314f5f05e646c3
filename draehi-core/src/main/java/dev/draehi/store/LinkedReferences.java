package dev.draehi.store;

import dev.draehi.model.Node;
import java.util.List;
import java.util.Objects;

/**
 * A page's linked references as its page view shows them: the blocks on other pages that refer to
 * it, in groups by page, in page-name order. {@link #groups()} holds the blocks of the first pages
 * only; {@link #blockCount()} and {@link #pageCount()} count them all, so that a page with
 * thousands of backlinks costs a page view what its first groups cost.
 *
 * <pre>{@code
 * LinkedReferences refs = storage.nodes().linkedReferences(wsId, page.uuid(), page.pageName(), 50);
 * int hidden = refs.pageCount() - refs.groups().size();
 * }</pre>
 *
 * @param groups the first pages' blocks, by page name (code point order)
 * @param blockCount how many blocks refer to the target from other pages, shown or not
 * @param pageCount how many pages those blocks are on
 */
public record LinkedReferences(List<Group> groups, int blockCount, int pageCount) {
    /** No references. */
    public static final LinkedReferences NONE = new LinkedReferences(List.of(), 0, 0);

    public LinkedReferences {
        groups = List.copyOf(groups);
        if (pageCount < groups.size() || blockCount < pageCount) {
            throw new IllegalArgumentException(
                    "counts "
                            + blockCount
                            + " blocks on "
                            + pageCount
                            + " pages do not cover "
                            + groups.size()
                            + " groups");
        }
    }

    /**
     * The referring blocks of one page, in their order on the page.
     *
     * @param pageName the name of the page the blocks are on
     * @param pagePath the path of that page's route, or {@code null} when it has no page node
     * @param blocks the blocks, at least one
     */
    public record Group(String pageName, String pagePath, List<Node> blocks) {
        public Group {
            Objects.requireNonNull(pageName, "pageName");
            blocks = List.copyOf(blocks);
            if (blocks.isEmpty()) {
                throw new IllegalArgumentException("a group of '" + pageName + "' has no blocks");
            }
        }
    }
}
