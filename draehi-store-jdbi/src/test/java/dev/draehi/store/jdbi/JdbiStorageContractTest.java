package dev.draehi.store.jdbi;

import dev.draehi.store.Storage;
import dev.draehi.store.StorageContractTest;
import dev.draehi.store.jdbi.testing.PostgresExtension;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link JdbiStorage} passes the storage contract on a real PostgreSQL. */
class JdbiStorageContractTest extends StorageContractTest {
    @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

    @Override
    protected Storage newStorage() {
        try {
            PG.truncate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the test schema", e);
        }
        return PG.storage();
    }
}
