package dev.draehi.store;

import dev.draehi.model.User;
import java.util.Optional;

/** The {@code users} table. */
public interface UserRepository {
    /**
     * Creates a user.
     *
     * @param passwordHash a bcrypt hash, never a password
     * @throws dev.draehi.ConflictException when the username is taken
     */
    User create(String username, String passwordHash);

    /** The user with this id. */
    Optional<User> findById(long id);

    /** The user with exactly this username. */
    Optional<User> findByUsername(String username);

    /**
     * Replaces a user's password hash.
     *
     * @param passwordHash a bcrypt hash, never a password
     * @return false when there is no such user
     */
    boolean updatePassword(long id, String passwordHash);

    /**
     * Deletes a user and, by cascade, their workspace, repository, deployments and nodes.
     *
     * @return false when there was no such user
     */
    boolean delete(long id);
}
