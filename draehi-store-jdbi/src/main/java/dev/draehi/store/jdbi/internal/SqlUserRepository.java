package dev.draehi.store.jdbi.internal;

import dev.draehi.ConflictException;
import dev.draehi.model.User;
import dev.draehi.store.UserRepository;
import java.util.Objects;
import java.util.Optional;

/** The {@code users} table. */
final class SqlUserRepository implements UserRepository {
    private final SqlContext sql;

    SqlUserRepository(SqlContext sql) {
        this.sql = sql;
    }

    @Override
    public User create(String username, String passwordHash) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordHash, "passwordHash");
        return sql.write(
                "creating user '" + username + "'",
                h ->
                        h.attach(UserDao.class)
                                .insert(username, passwordHash, sql.now())
                                .orElseThrow(
                                        () ->
                                                new ConflictException(
                                                        "username '" + username + "' is taken")));
    }

    @Override
    public Optional<User> findById(long id) {
        return sql.read("finding user " + id, h -> h.attach(UserDao.class).findById(id));
    }

    @Override
    public Optional<User> findByUsername(String username) {
        Objects.requireNonNull(username, "username");
        return sql.read(
                "finding user '" + username + "'",
                h -> h.attach(UserDao.class).findByUsername(username));
    }

    @Override
    public boolean updatePassword(long id, String passwordHash) {
        return sql.write(
                "changing the password of user " + id,
                h -> h.attach(UserDao.class).updatePassword(id, passwordHash) > 0);
    }

    /**
     * Deletes the user; their workspace, with its nodes, repository and deployments, goes by the
     * seed's cascades. The rows draehi derives from the nodes (routes, references, search words)
     * have no foreign key to cascade from: they are deleted first, in the same transaction, under
     * the workspace's content lock, so that no sync writes more of them in between.
     */
    @Override
    public boolean delete(long id) {
        return sql.write(
                "deleting user " + id,
                h -> {
                    NodeDao nodes = h.attach(NodeDao.class);
                    for (long workspaceId : nodes.workspacesOf(id)) {
                        nodes.lockContent(Math.toIntExact(workspaceId));
                        nodes.deleteContent(workspaceId);
                    }
                    return h.attach(UserDao.class).delete(id) > 0;
                });
    }
}
