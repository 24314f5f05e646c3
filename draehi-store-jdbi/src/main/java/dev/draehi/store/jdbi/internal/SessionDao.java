package dev.draehi.store.jdbi.internal;

import dev.draehi.model.Session;
import java.time.LocalDateTime;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code draehi_sessions}. */
@RegisterRowMapper(Rows.SessionMapper.class)
public interface SessionDao {
    /** Inserts a session; empty when the id is taken. */
    @SqlQuery(
            "INSERT INTO draehi_sessions (id, user_id, csrf_token, created_at, last_seen_at)"
                    + " VALUES (:id, :userId, :csrfToken, :now, :now)"
                    + " ON CONFLICT (id) DO NOTHING RETURNING *")
    Optional<Session> insert(String id, long userId, String csrfToken, LocalDateTime now);

    @SqlQuery("SELECT * FROM draehi_sessions WHERE id = :id AND last_seen_at >= :idleSince")
    Optional<Session> find(String id, LocalDateTime idleSince);

    @SqlUpdate("UPDATE draehi_sessions SET last_seen_at = :now WHERE id = :id")
    int touch(String id, LocalDateTime now);

    @SqlUpdate("DELETE FROM draehi_sessions WHERE id = :id")
    int delete(String id);

    @SqlUpdate("DELETE FROM draehi_sessions WHERE user_id = :userId")
    int deleteByUser(long userId);

    @SqlUpdate("DELETE FROM draehi_sessions WHERE last_seen_at < :cutoff")
    int deleteIdle(LocalDateTime cutoff);
}
