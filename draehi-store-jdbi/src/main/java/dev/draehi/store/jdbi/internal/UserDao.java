package dev.draehi.store.jdbi.internal;

import dev.draehi.model.User;
import java.time.LocalDateTime;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code users}. */
@RegisterRowMapper(Rows.UserMapper.class)
public interface UserDao {
    /** Inserts a user; empty when the username is taken. */
    @SqlQuery(
            "INSERT INTO users (username, password, created_at) VALUES (:username, :password, :now)"
                    + " ON CONFLICT (username) DO NOTHING RETURNING *")
    Optional<User> insert(String username, String password, LocalDateTime now);

    @SqlQuery("SELECT * FROM users WHERE id = :id")
    Optional<User> findById(long id);

    @SqlQuery("SELECT * FROM users WHERE username = :username")
    Optional<User> findByUsername(String username);

    @SqlUpdate("UPDATE users SET password = :password WHERE id = :id")
    int updatePassword(long id, String password);

    @SqlUpdate("DELETE FROM users WHERE id = :id")
    int delete(long id);
}
