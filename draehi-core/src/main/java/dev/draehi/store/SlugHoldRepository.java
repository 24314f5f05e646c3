package dev.draehi.store;

import dev.draehi.model.SlugHold;
import java.util.Optional;

/**
 * Freed workspace slugs, held back from other users for a while ({@link SlugHold}); how long is the
 * caller's choice, by {@link SlugHold#freedAt()}.
 */
public interface SlugHoldRepository {
    /** Holds a freed slug for its last owner from now, replacing an older hold of it. */
    SlugHold hold(String slug, long userId);

    /** The hold on a slug, however old. */
    Optional<SlugHold> find(String slug);

    /** Drops the hold on a slug (its owner took it back); false if there was none. */
    boolean release(String slug);
}
