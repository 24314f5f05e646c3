package dev.draehi.model;

import dev.draehi.ValidationException;
import java.time.Instant;
import java.util.Objects;

/**
 * A row of {@code workspaces}: one published graph, owned by one user, served under {@code
 * /{slug}/}.
 *
 * @param domain a custom domain, or {@code null}
 * @param embedDepth how deep {@code {{embed}}} nests before it stops; the seed's default is {@link
 *     #DEFAULT_EMBED_DEPTH}
 */
public record Workspace(
        long id,
        long userId,
        String slug,
        String name,
        String domain,
        int embedDepth,
        Instant createdAt,
        Instant updatedAt) {

    /** The seed's default for {@code embed_depth}. */
    public static final int DEFAULT_EMBED_DEPTH = 5;

    public Workspace {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Slugs.requireValidWorkspaceSlug(slug);
        if (embedDepth < 0) {
            throw new ValidationException("embed_depth must not be negative, was " + embedDepth);
        }
    }

    /** A copy with another name. */
    public Workspace withName(String newName) {
        return new Workspace(id, userId, slug, newName, domain, embedDepth, createdAt, updatedAt);
    }

    /** A copy with another slug (checked against {@link Slugs#requireValidWorkspaceSlug}). */
    public Workspace withSlug(String newSlug) {
        return new Workspace(id, userId, newSlug, name, domain, embedDepth, createdAt, updatedAt);
    }

    /** A copy with another custom domain, or {@code null} for none. */
    public Workspace withDomain(String newDomain) {
        return new Workspace(id, userId, slug, name, newDomain, embedDepth, createdAt, updatedAt);
    }

    /** A copy with another embed depth. */
    public Workspace withEmbedDepth(int newEmbedDepth) {
        return new Workspace(id, userId, slug, name, domain, newEmbedDepth, createdAt, updatedAt);
    }
}
