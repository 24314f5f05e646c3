package dev.draehi.store.memory;

import dev.draehi.ConflictException;
import dev.draehi.model.User;
import dev.draehi.model.Workspace;
import dev.draehi.store.UserRepository;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Optional;

/** The users of an {@link InMemoryStorage}. */
final class MemoryUserRepository implements UserRepository {
    private final InMemoryStorage store;

    MemoryUserRepository(InMemoryStorage store) {
        this.store = store;
    }

    @Override
    public User create(String username, String passwordHash) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordHash, "passwordHash");
        return store.write(
                s -> {
                    for (User u : s.users.values()) {
                        if (u.username().equals(username)) {
                            throw new ConflictException("username '" + username + "' is taken");
                        }
                    }
                    User u = new User(s.nextUserId++, username, passwordHash, store.now());
                    s.users.put(u.id(), u);
                    return u;
                });
    }

    @Override
    public Optional<User> findById(long id) {
        return Optional.ofNullable(store.read().users.get(id));
    }

    @Override
    public Optional<User> findByUsername(String username) {
        Objects.requireNonNull(username, "username");
        return store.read().users.values().stream()
                .filter(u -> u.username().equals(username))
                .findFirst();
    }

    @Override
    public boolean updatePassword(long id, String passwordHash) {
        Objects.requireNonNull(passwordHash, "passwordHash");
        return store.write(
                s -> {
                    User u = s.users.get(id);
                    if (u == null) {
                        return false;
                    }
                    s.users.put(id, new User(id, u.username(), passwordHash, u.createdAt()));
                    return true;
                });
    }

    @Override
    public boolean delete(long id) {
        return store.write(
                s -> {
                    if (s.users.remove(id) == null) {
                        return false;
                    }
                    s.sessions.values().removeIf(x -> x.userId() == id);
                    for (Workspace w : new ArrayList<>(s.workspaces.values())) {
                        if (w.userId() == id) {
                            s.deleteWorkspace(w.id());
                        }
                    }
                    return true;
                });
    }
}
