package dev.draehi.store.jdbi.internal;

import dev.draehi.DraehiException;
import dev.draehi.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Runs draehi's Liquibase changelog into the connection's default schema, with draehi's own
 * tracking tables, so that a host application's Liquibase never sees or locks these changesets.
 */
public final class Migrations {
    /** The changelog, namespaced on the classpath. */
    public static final String CHANGELOG = "dev/draehi/store/jdbi/db/changelog.xml";

    /** Liquibase's change log table, renamed. */
    public static final String CHANGELOG_TABLE = "draehi_databasechangelog";

    /** Liquibase's lock table, renamed. */
    public static final String LOCK_TABLE = "draehi_databasechangeloglock";

    private Migrations() {}

    /**
     * The Liquibase scope draehi runs in: analytics off (Liquibase 4.33 phones config.liquibase.com
     * unless told not to), and its console output, the update summary included, sent to the log: a
     * library writes nothing to its host's standard output.
     */
    public static Map<String, Object> scope() {
        Map<String, Object> scope = new HashMap<>();
        scope.put("liquibase.analytics.enabled", Boolean.FALSE);
        scope.put(Scope.Attr.ui.name(), new LoggerUIService());
        return scope;
    }

    /**
     * Brings the schema up to date; a no-op when it is.
     *
     * @param target where the database is ({@code host:port/db}), for messages, or {@code null}
     */
    public static void migrate(DataSource dataSource, String target) {
        String where = target == null ? "" : " at " + target;
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException | RuntimeException e) {
            throw new StorageException(
                    "cannot connect to PostgreSQL" + where + ": " + Errors.rootMessage(e), e);
        }
        try (connection) {
            Scope.child(
                    scope(),
                    () -> {
                        Database database =
                                DatabaseFactory.getInstance()
                                        .findCorrectDatabaseImplementation(
                                                new JdbcConnection(connection));
                        database.setDatabaseChangeLogTableName(CHANGELOG_TABLE);
                        database.setDatabaseChangeLogLockTableName(LOCK_TABLE);
                        Liquibase liquibase =
                                new Liquibase(
                                        CHANGELOG,
                                        new ClassLoaderResourceAccessor(
                                                Migrations.class.getClassLoader()),
                                        database);
                        liquibase.setShowSummaryOutput(UpdateSummaryOutputEnum.LOG);
                        liquibase.update(new Contexts(), new LabelExpression());
                    });
        } catch (DraehiException e) {
            throw e;
        } catch (Exception e) {
            throw new StorageException(
                    "migrating the draehi schema" + where + " failed: " + Errors.rootMessage(e), e);
        }
    }
}
