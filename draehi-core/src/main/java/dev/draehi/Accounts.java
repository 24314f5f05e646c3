package dev.draehi;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.draehi.model.User;
import dev.draehi.model.Workspace;
import dev.draehi.store.Storage;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Sign-up, login and account deletion over a {@link Storage}: the seed's users with one workspace
 * each. Passwords are hashed with bcrypt; a login answers the same, in about the same time, for an
 * unknown user and for a wrong password.
 *
 * <pre>{@code
 * Accounts accounts = Accounts.builder(storage).build();
 * Accounts.Account a = accounts.signUp("ada", "correct horse battery");
 * Optional<User> u = accounts.login("ada", "correct horse battery");
 * }</pre>
 */
public final class Accounts {
    /** Usernames: 3–32 of {@code a-z 0-9 _ -}, starting with a letter or digit. */
    public static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9_-]{2,31}");

    /** The shortest password accepted. */
    public static final int MIN_PASSWORD_LENGTH = 8;

    /** bcrypt reads at most 72 bytes; longer passwords are refused rather than cut silently. */
    public static final int MAX_PASSWORD_BYTES = 72;

    private final Storage storage;
    private final int cost;
    private final String dummyHash;

    private Accounts(Builder b) {
        this.storage = b.storage;
        this.cost = b.cost;
        this.dummyHash = hash("not a password of anyone");
    }

    /** A builder over {@code storage}. */
    public static Builder builder(Storage storage) {
        return new Builder(storage);
    }

    /** A new user and their workspace. */
    public record Account(User user, Workspace workspace) {}

    /**
     * Creates a user and their workspace, whose name is the username and whose slug derives from
     * it.
     *
     * @throws ValidationException when the username or password breaks the rules
     * @throws ConflictException when the username is taken
     */
    public Account signUp(String username, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (!USERNAME.matcher(username).matches()) {
            throw new ValidationException(
                    "username must be 3 to 32 lower-case letters, digits, '_' or '-', starting with a letter or digit");
        }
        checkPassword(password);
        String hash = hash(password);
        return storage.inTransaction(
                s -> {
                    User u = s.users().create(username, hash);
                    Workspace w = s.workspaces().create(u.id(), username);
                    return new Account(u, w);
                });
    }

    /**
     * The user whose password this is; empty for an unknown user and for a wrong password alike.
     */
    public Optional<User> login(String username, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Optional<User> user = storage.users().findByUsername(username);
        String hash = user.map(User::passwordHash).orElse(dummyHash);
        boolean ok = verify(password, hash);
        return ok && user.isPresent() ? user : Optional.empty();
    }

    /**
     * True when {@code password} is the password of user {@code userId}, e.g. before deleting the
     * account.
     */
    public boolean verifyPassword(long userId, String password) {
        Optional<User> user = storage.users().findById(userId);
        boolean ok = verify(password, user.map(User::passwordHash).orElse(dummyHash));
        return ok && user.isPresent();
    }

    /** Deletes the user and, by cascade, their workspace, repository, deployments and pages. */
    public boolean delete(long userId) {
        return storage.users().delete(userId);
    }

    private boolean verify(String password, String hash) {
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        if (pw.length > MAX_PASSWORD_BYTES || !hash.startsWith("$2")) {
            BCrypt.verifyer().verify(new byte[] {0}, dummyHash.getBytes(StandardCharsets.UTF_8));
            return false;
        }
        return BCrypt.verifyer().verify(pw, hash.getBytes(StandardCharsets.UTF_8)).verified;
    }

    private String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    private static void checkPassword(String password) {
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw new ValidationException(
                    "password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new ValidationException(
                    "password must be at most " + MAX_PASSWORD_BYTES + " bytes");
        }
    }

    /** Builds {@link Accounts}. */
    public static final class Builder {
        private final Storage storage;
        private int cost = 12;

        private Builder(Storage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
        }

        /** The bcrypt cost, 10 to 16. Default 12. */
        public Builder cost(int cost) {
            if (cost < 10 || cost > 16) {
                throw new IllegalArgumentException("bcrypt cost must be 10 to 16, was " + cost);
            }
            this.cost = cost;
            return this;
        }

        /** The accounts. */
        public Accounts build() {
            return new Accounts(this);
        }
    }
}
