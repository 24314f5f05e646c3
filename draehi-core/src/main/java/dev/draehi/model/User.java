package dev.draehi.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A row of {@code users}. {@code passwordHash} is a bcrypt hash, never a password, and is left out
 * of {@link #toString()}.
 */
public record User(long id, String username, String passwordHash, Instant createdAt) {
    public User {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", username=" + username + ", createdAt=" + createdAt + "]";
    }
}
