package dev.draehi.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A workspace slug freed by a deletion or a rename, held back for a while so that nobody else takes
 * it and the links to the old site: its last owner may take it back.
 *
 * @param slug the freed slug
 * @param userId the user whose workspace had it (who may have been deleted since)
 * @param freedAt when it was freed
 */
public record SlugHold(String slug, long userId, Instant freedAt) {
    public SlugHold {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(freedAt, "freedAt");
    }
}
