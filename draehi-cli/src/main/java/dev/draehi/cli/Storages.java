package dev.draehi.cli;

import dev.draehi.ValidationException;
import dev.draehi.store.Storage;
import dev.draehi.store.jdbi.JdbiStorage;
import dev.draehi.store.memory.InMemoryStorage;
import java.util.Base64;

/** The storage a command runs on: PostgreSQL when a database URL is given, else memory. */
final class Storages {
    /** Base64 of a 16-, 24- or 32-byte AES key that encrypts stored credentials. */
    static final String SECRET_KEY_ENV = "DRAEHI_SECRET_KEY";

    private Storages() {}

    /** Opens the storage; an empty database is migrated first. */
    static Storage open(String databaseUrl) {
        if (databaseUrl == null || databaseUrl.isBlank()) {
            return new InMemoryStorage();
        }
        JdbiStorage.Builder b = JdbiStorage.builder(databaseUrl).migrate(true);
        String key = System.getenv(SECRET_KEY_ENV);
        if (key != null && !key.isBlank()) {
            try {
                b.secretKey(Base64.getDecoder().decode(key.strip()));
            } catch (IllegalArgumentException e) {
                throw new ValidationException(
                        SECRET_KEY_ENV
                                + " must be the base64 of a 16, 24 or 32 byte key"
                                + " (e.g. openssl rand -base64 32)");
            }
        }
        return b.build();
    }
}
