package dev.draehi.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed-in browser. The cookie holds a random token; only its SHA-256 ({@code id}) is stored, so
 * a copy of the table signs nobody in. {@code csrfToken} guards the session's forms. Both are left
 * out of {@link #toString()}.
 *
 * @param id the SHA-256 of the cookie's token, as lower-case hex
 * @param lastSeenAt when the session was last used; sessions idle too long are expired
 */
public record Session(
        String id, long userId, String csrfToken, Instant createdAt, Instant lastSeenAt) {
    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(csrfToken, "csrfToken");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
    }

    @Override
    public String toString() {
        return "Session[userId="
                + userId
                + ", createdAt="
                + createdAt
                + ", lastSeenAt="
                + lastSeenAt
                + "]";
    }
}
