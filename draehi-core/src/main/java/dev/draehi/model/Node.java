package dev.draehi.model;

import dev.draehi.ValidationException;
import java.time.Instant;
import java.util.Objects;

/**
 * A row of {@code nodes}: a page ({@code parentUuid == null}) or a block.
 *
 * <p>Blocks carry their page's {@code pageName}, {@code slug} and {@code title}; {@code order} is
 * the block's 0-based position in its page in document order, so sorting a page's blocks by it
 * gives the outline in tree order, and siblings stay in order under {@code parent_order_idx}.
 *
 * @param pageName the page's name with its original case, namespaces joined by {@code /}
 * @param slug the last segment of the page's URL path
 * @param html the block's rendered HTML; {@code null} for pages
 * @param createdAt when stored, or {@code null} on a node not stored yet (the store sets it)
 * @param updatedAt as {@code createdAt}
 */
public record Node(
        String uuid,
        long workspaceId,
        String parentUuid,
        int order,
        String pageName,
        String slug,
        String title,
        String html,
        NodeMetadata metadata,
        Instant createdAt,
        Instant updatedAt) {

    public Node {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(pageName, "pageName");
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(title, "title");
        metadata = metadata == null ? NodeMetadata.EMPTY : metadata;
        if (uuid.equals(parentUuid)) {
            throw new ValidationException("node " + uuid + " cannot be its own parent");
        }
    }

    /** True for a page node. */
    public boolean isPage() {
        return parentUuid == null;
    }

    /** A page node, not stored yet. */
    public static Node page(
            String uuid,
            long workspaceId,
            String pageName,
            String slug,
            String title,
            NodeMetadata metadata) {
        return new Node(
                uuid, workspaceId, null, 0, pageName, slug, title, null, metadata, null, null);
    }

    /** A block node of {@code page}, not stored yet. */
    public static Node block(
            String uuid,
            Node page,
            String parentUuid,
            int order,
            String html,
            NodeMetadata metadata) {
        return new Node(
                uuid,
                page.workspaceId(),
                Objects.requireNonNull(parentUuid, "parentUuid"),
                order,
                page.pageName(),
                page.slug(),
                page.title(),
                html,
                metadata,
                null,
                null);
    }
}
