package dev.draehi.store.jdbi.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.draehi.store.jdbi.JdbiStorage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class a fresh schema on the test PostgreSQL ({@code DRAEHI_TEST_JDBC_URL}, else
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}), runs draehi's real Liquibase
 * migration into it (unless told not to), and drops it after the class. The one place where tests
 * make a schema: any module's tests use it through draehi-store-jdbi's test-jar ({@code
 * <type>test-jar</type>}, scope {@code test}).
 *
 * <pre>{@code
 * @RegisterExtension static final PostgresExtension PG = new PostgresExtension();
 *
 * Storage storage = PG.storage();                       // on a pool of the schema
 * Storage own = JdbiStorage.builder(PG.jdbcUrl()).build(); // or a URL for a pool, a child JVM
 * }</pre>
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback {
    /** The server the tests use. */
    public static final String BASE_URL =
            System.getenv()
                    .getOrDefault(
                            "DRAEHI_TEST_JDBC_URL",
                            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    /** Every table draehi's migration creates, for truncating and counting. */
    public static final String[] TABLES = {
        "users",
        "workspaces",
        "nodes",
        "git_repositories",
        "deployment_history",
        "draehi_page_routes",
        "draehi_references",
        "draehi_search"
    };

    /** The sync queue's tables and the held slugs, emptied by {@link #truncate} too. */
    public static final String[] QUEUE_TABLES = {
        "draehi_sync_jobs", "draehi_webhook_deliveries", "draehi_slug_holds"
    };

    private final boolean migrate;
    private String schema;
    private HikariDataSource dataSource;

    /** A schema with draehi's tables in it. */
    public PostgresExtension() {
        this(true);
    }

    /** A schema, migrated or left empty (for a test that migrates it itself). */
    public PostgresExtension(boolean migrate) {
        this.migrate = migrate;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        schema =
                "draehi_test_"
                        + UUID.randomUUID()
                                .toString()
                                .replace("-", "")
                                .substring(0, 12)
                                .toLowerCase(Locale.ROOT);
        admin("CREATE SCHEMA " + schema);
        if (migrate) {
            JdbiStorage.migrate(jdbcUrl());
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) throws SQLException {
        if (dataSource != null) {
            dataSource.close();
            dataSource = null;
        }
        admin("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    /** The schema of this test class. */
    public String schema() {
        return schema;
    }

    /** A JDBC URL whose default schema is this class's schema. */
    public String jdbcUrl() {
        return withParameter(BASE_URL, "currentSchema=" + schema);
    }

    /**
     * {@link #jdbcUrl()} with one more parameter, such as {@code ApplicationName=sync-1} to find
     * the connections of one pool in {@code pg_stat_activity}.
     */
    public String jdbcUrl(String parameter) {
        return withParameter(jdbcUrl(), parameter);
    }

    private static String withParameter(String url, String parameter) {
        return url + (url.contains("?") ? "&" : "?") + parameter;
    }

    /** A pool of at most 8 connections on this class's schema, opened on first use. */
    public synchronized DataSource dataSource() {
        if (dataSource == null) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(jdbcUrl());
            config.setMaximumPoolSize(8);
            config.setPoolName("test-" + schema);
            dataSource = new HikariDataSource(config);
        }
        return dataSource;
    }

    /** A storage on {@link #dataSource()}. */
    public JdbiStorage storage() {
        return JdbiStorage.builder(dataSource()).build();
    }

    /** Deletes every row of draehi's tables and restarts the ids. */
    public void truncate() throws SQLException {
        try (Connection c = dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute(
                    "TRUNCATE "
                            + String.join(", ", TABLES)
                            + ", "
                            + String.join(", ", QUEUE_TABLES)
                            + " RESTART IDENTITY CASCADE");
        }
    }

    /** Runs a query on this class's schema; each row's columns joined by {@code |}. */
    public List<String> rows(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    if (i > 1) {
                        row.append('|');
                    }
                    row.append(rs.getString(i));
                }
                out.add(row.toString());
            }
        }
        return out;
    }

    /**
     * Runs {@code sql} on the test server outside any test schema, as its administrator: to end
     * other sessions' connections, say.
     */
    public static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(BASE_URL);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
