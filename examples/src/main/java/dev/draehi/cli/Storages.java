package dev.draehi.cli;

import dev.draehi.store.Storage;
import dev.draehi.store.jdbi.JdbiStorage;
import dev.draehi.store.memory.InMemoryStorage;

/** The storage a command runs on: PostgreSQL when a database URL is given, else memory. */
final class Storages {
    private Storages() {}

    /** Opens the storage; an empty database is migrated first. */
    static Storage open(String databaseUrl) {
        if (databaseUrl == null || databaseUrl.isBlank()) {
            return new InMemoryStorage();
        }
        return JdbiStorage.builder(databaseUrl).migrate(true).build();
    }
}
