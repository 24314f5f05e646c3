package dev.draehi.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Node;
import dev.draehi.store.jdbi.internal.Migrations;
import dev.draehi.store.jdbi.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.Statement;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A database made before search words had a table of their own gets them on migration. */
class SearchMigrationTest {
    @RegisterExtension static final PostgresExtension PG = new PostgresExtension(false);

    /** The changesets of the release before {@code 13-search-words}. */
    private static final int BEFORE_SEARCH_WORDS = 12;

    @Test
    void theWordsOfNodesStoredBeforeAreComputedWhenTheTableIsMade() throws Exception {
        try (Connection c = PG.dataSource().getConnection()) {
            Scope.child(
                    Migrations.scope(),
                    () -> {
                        Database db =
                                DatabaseFactory.getInstance()
                                        .findCorrectDatabaseImplementation(new JdbcConnection(c));
                        db.setDatabaseChangeLogTableName(Migrations.CHANGELOG_TABLE);
                        db.setDatabaseChangeLogLockTableName(Migrations.LOCK_TABLE);
                        new Liquibase(
                                        Migrations.CHANGELOG,
                                        new ClassLoaderResourceAccessor(
                                                getClass().getClassLoader()),
                                        db)
                                .update(BEFORE_SEARCH_WORDS, new Contexts(), new LabelExpression());
                    });
        }
        try (Connection c = PG.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO users (username, password) VALUES ('ada', 'x')");
            s.execute(
                    "INSERT INTO workspaces (user_id, slug, name)"
                            + " SELECT id, 'ada', 'Ada' FROM users");
            s.execute(
                    "INSERT INTO nodes (uuid, workspace_id, parent_uuid, page_name, slug,"
                            + " title, html) SELECT v.* FROM workspaces w, LATERAL (VALUES"
                            + " ('p', w.id, NULL, 'Projects/Beta', 'projects/beta',"
                            + " 'Projects/Beta', NULL),"
                            + " ('b1', w.id, 'p', 'Projects/Beta', 'projects/beta',"
                            + " 'Projects/Beta', '<p>a well-known caf&#xE9; &amp; more</p>'),"
                            + " ('b2', w.id, 'p', 'Projects/Beta', 'projects/beta',"
                            + " 'Projects/Beta', '<p>\u2014</p>')) v");
        }

        JdbiStorage.migrate(PG.dataSource());

        assertThat(PG.rows("SELECT uuid, is_page, words FROM draehi_search ORDER BY uuid"))
                .containsExactly(
                        "b1|f|'a' 'caf\u00e9' 'known' 'more' 'well'", "p|t|'beta' 'projects'");
        try (JdbiStorage storage = PG.storage()) {
            long ws = storage.workspaces().findBySlug("ada").orElseThrow().id();
            assertThat(storage.nodes().search(ws, "Caf\u00c9 well-known", 10))
                    .extracting(Node::uuid)
                    .containsExactly("b1");
            assertThat(storage.nodes().search(ws, "beta", 10))
                    .extracting(Node::uuid)
                    .containsExactly("p");
        }
    }
}
