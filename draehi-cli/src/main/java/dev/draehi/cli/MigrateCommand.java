package dev.draehi.cli;

import dev.draehi.store.jdbi.JdbiStorage;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code draehi migrate --database-url URL}: create or update draehi's tables. */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = "Creates or updates draehi's tables in a PostgreSQL database.")
final class MigrateCommand implements Callable<Integer> {
    @Option(
            names = "--database-url",
            required = true,
            paramLabel = "URL",
            description = "JDBC URL or postgresql://user:pass@host:port/db.")
    String databaseUrl;

    @Override
    public Integer call() {
        JdbiStorage.migrate(databaseUrl);
        System.err.println(
                "draehi: database "
                        + dev.draehi.store.jdbi.DatabaseUrls.mask(databaseUrl)
                        + " is up to date");
        return 0;
    }
}
