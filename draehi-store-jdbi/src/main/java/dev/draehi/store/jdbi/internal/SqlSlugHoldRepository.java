package dev.draehi.store.jdbi.internal;

import dev.draehi.model.SlugHold;
import dev.draehi.store.SlugHoldRepository;
import java.util.Objects;
import java.util.Optional;

/** Freed workspace slugs held back, in {@code draehi_slug_holds}. */
final class SqlSlugHoldRepository implements SlugHoldRepository {
    private final SqlContext sql;

    SqlSlugHoldRepository(SqlContext sql) {
        this.sql = sql;
    }

    @Override
    public SlugHold hold(String slug, long userId) {
        Objects.requireNonNull(slug, "slug");
        java.time.Instant now = sql.nowInstant();
        return sql.write(
                "holding a freed slug",
                h -> {
                    h.createUpdate(
                                    "INSERT INTO draehi_slug_holds (slug, user_id, freed_at)"
                                            + " VALUES (:slug, :user, :now) ON CONFLICT (slug) DO"
                                            + " UPDATE SET user_id = :user, freed_at = :now")
                            .bind("slug", slug)
                            .bind("user", userId)
                            .bind("now", Timestamps.toDb(now))
                            .execute();
                    return new SlugHold(slug, userId, now);
                });
    }

    @Override
    public Optional<SlugHold> find(String slug) {
        Objects.requireNonNull(slug, "slug");
        return sql.read(
                "finding a held slug",
                h ->
                        h.createQuery(
                                        "SELECT slug, user_id, freed_at FROM draehi_slug_holds"
                                                + " WHERE slug = :slug")
                                .bind("slug", slug)
                                .map(
                                        (rs, ctx) ->
                                                new SlugHold(
                                                        rs.getString("slug"),
                                                        rs.getLong("user_id"),
                                                        Timestamps.read(rs, "freed_at")))
                                .findOne());
    }

    @Override
    public boolean release(String slug) {
        Objects.requireNonNull(slug, "slug");
        return sql.write(
                "releasing a held slug",
                h ->
                        h.createUpdate("DELETE FROM draehi_slug_holds WHERE slug = :slug")
                                        .bind("slug", slug)
                                        .execute()
                                > 0);
    }
}
