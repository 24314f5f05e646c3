package dev.draehi.store.memory;

import dev.draehi.model.SlugHold;
import dev.draehi.store.SlugHoldRepository;
import java.util.Objects;
import java.util.Optional;

/** The held slugs of an {@link InMemoryStorage}. */
final class MemorySlugHoldRepository implements SlugHoldRepository {
    private final InMemoryStorage store;

    MemorySlugHoldRepository(InMemoryStorage store) {
        this.store = store;
    }

    @Override
    public SlugHold hold(String slug, long userId) {
        Objects.requireNonNull(slug, "slug");
        return store.write(
                s -> {
                    SlugHold h = new SlugHold(slug, userId, store.now());
                    s.slugHolds.put(slug, h);
                    return h;
                });
    }

    @Override
    public Optional<SlugHold> find(String slug) {
        Objects.requireNonNull(slug, "slug");
        return Optional.ofNullable(store.read().slugHolds.get(slug));
    }

    @Override
    public boolean release(String slug) {
        Objects.requireNonNull(slug, "slug");
        return store.write(s -> s.slugHolds.remove(slug) != null);
    }
}
