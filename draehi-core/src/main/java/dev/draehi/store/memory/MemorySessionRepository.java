package dev.draehi.store.memory;

import dev.draehi.ConflictException;
import dev.draehi.NotFoundException;
import dev.draehi.model.Session;
import dev.draehi.store.SessionRepository;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/** The sessions of an {@link InMemoryStorage}. */
final class MemorySessionRepository implements SessionRepository {
    private final InMemoryStorage store;

    MemorySessionRepository(InMemoryStorage store) {
        this.store = store;
    }

    @Override
    public Session create(String id, long userId, String csrfToken) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(csrfToken, "csrfToken");
        return store.write(
                s -> {
                    if (!s.users.containsKey(userId)) {
                        throw new NotFoundException("no user with id " + userId);
                    }
                    if (s.sessions.containsKey(id)) {
                        throw new ConflictException("a session with this id exists");
                    }
                    Instant now = store.now();
                    Session x = new Session(id, userId, csrfToken, now, now);
                    s.sessions.put(id, x);
                    return x;
                });
    }

    @Override
    public Optional<Session> find(String id, Instant idleSince) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(idleSince, "idleSince");
        return Optional.ofNullable(store.read().sessions.get(id))
                .filter(x -> !x.lastSeenAt().isBefore(idleSince));
    }

    @Override
    public boolean touch(String id) {
        Objects.requireNonNull(id, "id");
        return store.write(
                s -> {
                    Session x = s.sessions.get(id);
                    if (x == null) {
                        return false;
                    }
                    s.sessions.put(
                            id,
                            new Session(
                                    x.id(), x.userId(), x.csrfToken(), x.createdAt(), store.now()));
                    return true;
                });
    }

    @Override
    public boolean delete(String id) {
        Objects.requireNonNull(id, "id");
        return store.write(s -> s.sessions.remove(id) != null);
    }

    @Override
    public int deleteByUser(long userId) {
        return deleteWhere(x -> x.userId() == userId);
    }

    @Override
    public int deleteIdle(Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        return deleteWhere(x -> x.lastSeenAt().isBefore(cutoff));
    }

    private int deleteWhere(Predicate<Session> doomed) {
        return store.write(
                s -> {
                    int before = s.sessions.size();
                    s.sessions.values().removeIf(doomed);
                    return before - s.sessions.size();
                });
    }
}
