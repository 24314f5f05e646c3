package dev.draehi.store.jdbi;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.draehi.StorageException;
import org.junit.jupiter.api.Test;

/** A dead or wrong database is one clear error naming host and database, never the password. */
class ConnectionFailureTest {
    @Test
    void deadPortIsOneClearError() {
        assertThatThrownBy(
                        () ->
                                JdbiStorage.builder("postgresql://postgres:s3cret@127.0.0.1:1/test")
                                        .build())
                .isExactlyInstanceOf(StorageException.class)
                .hasMessageStartingWith("cannot connect to PostgreSQL at 127.0.0.1:1/test: ")
                .hasMessageContaining("refused")
                .hasMessageNotContaining("s3cret")
                .hasNoCause();
    }

    @Test
    void wrongDatabaseIsOneClearError() {
        assertThatThrownBy(
                        () ->
                                JdbiStorage.builder(
                                                "postgresql://postgres:s3cret@127.0.0.1:5432/"
                                                        + "draehi_no_such_db")
                                        .migrate(true)
                                        .build())
                .isExactlyInstanceOf(StorageException.class)
                .hasMessageContaining("127.0.0.1:5432/draehi_no_such_db")
                .hasMessageContaining("does not exist")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void migrateCommandOnDeadDatabaseNamesIt() {
        assertThatThrownBy(
                        () ->
                                JdbiStorage.migrate(
                                        "jdbc:postgresql://127.0.0.1:1/test?user=postgres"
                                                + "&password=s3cret"))
                .isExactlyInstanceOf(StorageException.class)
                .hasMessageContaining("127.0.0.1:1/test")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void hostPoolThatCannotConnectFailsOnFirstUseWithStorageException() {
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl("jdbc:postgresql://127.0.0.1:1/test?user=postgres&password=s3cret");
            ds.setConnectionTimeout(250);
            JdbiStorage storage = JdbiStorage.builder(ds).build();
            assertThatThrownBy(() -> storage.users().findById(1))
                    .isExactlyInstanceOf(StorageException.class)
                    .hasMessageContaining("127.0.0.1:1/test")
                    .hasMessageNotContaining("s3cret");
        }
    }
}
