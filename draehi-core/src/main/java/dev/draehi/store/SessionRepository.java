package dev.draehi.store;

import dev.draehi.model.Session;
import java.time.Instant;
import java.util.Optional;

/**
 * Server-side sessions of signed-in users, shared by every process on the same storage. Deleting a
 * user deletes their sessions.
 */
public interface SessionRepository {
    /**
     * Stores a new session.
     *
     * @param id the SHA-256 hex of the cookie's token
     * @throws dev.draehi.NotFoundException when the user does not exist
     * @throws dev.draehi.ConflictException when the id is taken
     */
    Session create(String id, long userId, String csrfToken);

    /** The session with this id, if it was last seen at or after {@code idleSince}. */
    Optional<Session> find(String id, Instant idleSince);

    /** Records that the session was used now; false when it is gone. */
    boolean touch(String id);

    /** Ends one session; false when there was none. */
    boolean delete(String id);

    /**
     * Ends every session of a user (a password change, "sign out everywhere"); returns how many.
     */
    int deleteByUser(long userId);

    /** Removes sessions last seen before {@code cutoff}; returns how many. */
    int deleteIdle(Instant cutoff);
}
