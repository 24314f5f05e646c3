package dev.draehi.store.jdbi.internal;

import dev.draehi.ConflictException;
import dev.draehi.NotFoundException;
import dev.draehi.model.Session;
import dev.draehi.store.SessionRepository;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The sessions of signed-in users. */
final class SqlSessionRepository implements SessionRepository {
    private final SqlContext sql;

    SqlSessionRepository(SqlContext sql) {
        this.sql = sql;
    }

    @Override
    public Session create(String id, long userId, String csrfToken) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(csrfToken, "csrfToken");
        return sql.write(
                "creating a session of user " + userId,
                h -> {
                    if (h.attach(UserDao.class).findById(userId).isEmpty()) {
                        throw new NotFoundException("no user with id " + userId);
                    }
                    return h.attach(SessionDao.class)
                            .insert(id, userId, csrfToken, sql.now())
                            .orElseThrow(
                                    () -> new ConflictException("a session with this id exists"));
                });
    }

    @Override
    public Optional<Session> find(String id, Instant idleSince) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(idleSince, "idleSince");
        return sql.read(
                "finding a session",
                h -> h.attach(SessionDao.class).find(id, Timestamps.toDb(idleSince)));
    }

    @Override
    public boolean touch(String id) {
        Objects.requireNonNull(id, "id");
        return sql.write(
                "touching a session", h -> h.attach(SessionDao.class).touch(id, sql.now()) > 0);
    }

    @Override
    public boolean delete(String id) {
        Objects.requireNonNull(id, "id");
        return sql.write("ending a session", h -> h.attach(SessionDao.class).delete(id) > 0);
    }

    @Override
    public int deleteByUser(long userId) {
        return sql.write(
                "ending the sessions of user " + userId,
                h -> h.attach(SessionDao.class).deleteByUser(userId));
    }

    @Override
    public int deleteIdle(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return sql.write(
                "ending idle sessions",
                h -> h.attach(SessionDao.class).deleteIdle(Timestamps.toDb(cutoff)));
    }
}
