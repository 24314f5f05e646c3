package dev.draehi.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.store.jdbi.internal.Migrations;
import dev.draehi.store.jdbi.testing.PostgresExtension;
import java.sql.SQLException;
import java.util.List;
import liquibase.Scope;
import liquibase.analytics.configuration.AnalyticsArgs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The migration creates the seed's five tables exactly, plus draehi's own, and runs once. */
class SchemaTest {
    @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

    private static final String SEED_TABLES =
            "('users', 'workspaces', 'nodes', 'git_repositories', 'deployment_history')";

    @Test
    void seedTablesHaveExactlyTheSeedColumns() throws SQLException {
        List<String> columns =
                rows(
                        "SELECT table_name, column_name, data_type, is_nullable,"
                                + " coalesce(column_default, ''), is_identity,"
                                + " coalesce(identity_generation, '')"
                                + " FROM information_schema.columns"
                                + " WHERE table_schema = current_schema()"
                                + " AND table_name IN "
                                + SEED_TABLES
                                + " ORDER BY table_name, ordinal_position");
        assertThat(columns)
                .containsExactly(
                        "deployment_history|id|integer|NO||YES|ALWAYS",
                        "deployment_history|workspace_id|integer|NO||NO|",
                        "deployment_history|commit_sha|text|NO||NO|",
                        "deployment_history|status|text|NO||NO|",
                        "deployment_history|deployed_at|timestamp without time zone|NO|now()|NO|",
                        "deployment_history|error_log|text|YES||NO|",
                        "deployment_history|build_log|json|YES||NO|",
                        "git_repositories|id|integer|NO||YES|ALWAYS",
                        "git_repositories|workspace_id|integer|NO||NO|",
                        "git_repositories|repo_url|text|NO||NO|",
                        "git_repositories|branch|text|NO|'main'::text|NO|",
                        "git_repositories|deploy_key|text|YES||NO|",
                        "git_repositories|last_sync|timestamp without time zone|YES||NO|",
                        "git_repositories|sync_status|text|NO|'idle'::text|NO|",
                        "git_repositories|error_log|text|YES||NO|",
                        "git_repositories|created_at|timestamp without time zone|NO|now()|NO|",
                        "git_repositories|updated_at|timestamp without time zone|NO|now()|NO|",
                        "nodes|uuid|text|NO||NO|",
                        "nodes|workspace_id|integer|NO||NO|",
                        "nodes|parent_uuid|text|YES||NO|",
                        "nodes|order|integer|NO|0|NO|",
                        "nodes|page_name|text|NO||NO|",
                        "nodes|slug|text|NO||NO|",
                        "nodes|title|text|NO||NO|",
                        "nodes|html|text|YES||NO|",
                        "nodes|metadata|json|YES||NO|",
                        "nodes|created_at|timestamp without time zone|NO|now()|NO|",
                        "nodes|updated_at|timestamp without time zone|NO|now()|NO|",
                        "users|id|integer|NO||YES|ALWAYS",
                        "users|username|text|NO||NO|",
                        "users|password|text|NO||NO|",
                        "users|created_at|timestamp without time zone|NO|now()|NO|",
                        "workspaces|id|integer|NO||YES|ALWAYS",
                        "workspaces|user_id|integer|NO||NO|",
                        "workspaces|slug|text|NO||NO|",
                        "workspaces|name|text|NO||NO|",
                        "workspaces|domain|text|YES||NO|",
                        "workspaces|embed_depth|integer|NO|5|NO|",
                        "workspaces|created_at|timestamp without time zone|NO|now()|NO|",
                        "workspaces|updated_at|timestamp without time zone|NO|now()|NO|");
    }

    @Test
    void seedTablesHaveTheSeedKeysUniquesAndCascades() throws SQLException {
        List<String> constraints =
                rows(
                        "SELECT c.conrelid::regclass::text, c.contype,"
                                + " pg_get_constraintdef(c.oid)"
                                + " FROM pg_constraint c JOIN pg_namespace n"
                                + " ON n.oid = c.connamespace"
                                + " WHERE n.nspname = current_schema()"
                                + " AND c.conrelid::regclass::text IN "
                                + SEED_TABLES
                                + " AND c.contype IN ('p', 'u', 'f')"
                                + " ORDER BY 1, 2, 3");
        assertThat(constraints)
                .containsExactly(
                        "deployment_history|f|FOREIGN KEY (workspace_id) REFERENCES"
                                + " workspaces(id) ON DELETE CASCADE",
                        "deployment_history|p|PRIMARY KEY (id)",
                        "git_repositories|f|FOREIGN KEY (workspace_id) REFERENCES"
                                + " workspaces(id) ON DELETE CASCADE",
                        "git_repositories|p|PRIMARY KEY (id)",
                        "git_repositories|u|UNIQUE (workspace_id)",
                        "nodes|f|FOREIGN KEY (parent_uuid) REFERENCES nodes(uuid) ON DELETE"
                                + " CASCADE",
                        "nodes|f|FOREIGN KEY (workspace_id) REFERENCES workspaces(id) ON DELETE"
                                + " CASCADE",
                        "nodes|p|PRIMARY KEY (uuid)",
                        "users|p|PRIMARY KEY (id)",
                        "users|u|UNIQUE (username)",
                        "workspaces|f|FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE"
                                + " CASCADE",
                        "workspaces|p|PRIMARY KEY (id)",
                        "workspaces|u|UNIQUE (slug)",
                        "workspaces|u|UNIQUE (user_id)");
        assertThat(
                        rows(
                                "SELECT table_name, delete_rule FROM"
                                        + " information_schema.referential_constraints rc"
                                        + " JOIN information_schema.table_constraints tc"
                                        + " USING (constraint_schema, constraint_name)"
                                        + " WHERE rc.constraint_schema = current_schema()"
                                        + " AND tc.constraint_name <> 'draehi_assets_sha256_fkey'"
                                        + " ORDER BY 1, 2"))
                .allSatisfy(r -> assertThat(r).endsWith("|CASCADE"))
                .hasSize(10);
        // the rows derived from nodes check nothing per row; draehi deletes them with their nodes
        assertThat(
                        rows(
                                "SELECT count(*) FROM pg_constraint c JOIN pg_namespace n"
                                        + " ON n.oid = c.connamespace"
                                        + " WHERE n.nspname = current_schema() AND c.contype = 'f'"
                                        + " AND c.conrelid::regclass::text IN ('draehi_page_routes',"
                                        + " 'draehi_references', 'draehi_search')"))
                .containsExactly("0");
    }

    @Test
    void seedIndexesAndDraehiIndexesExist() throws SQLException {
        List<String> indexes =
                rows(
                        "SELECT indexname, indexdef FROM pg_indexes"
                                + " WHERE schemaname = current_schema() ORDER BY 1");
        String s = PG.schema();
        assertThat(indexes)
                .contains(
                        "parent_order_idx|CREATE INDEX parent_order_idx ON "
                                + s
                                + ".nodes USING btree (parent_uuid, \"order\")",
                        "workspace_pagename_idx|CREATE INDEX workspace_pagename_idx ON "
                                + s
                                + ".nodes USING btree (workspace_id, page_name)",
                        "draehi_nodes_page_lower_name_idx|CREATE INDEX"
                                + " draehi_nodes_page_lower_name_idx ON "
                                + s
                                + ".nodes USING btree (workspace_id, lower(page_name)) WHERE"
                                + " (parent_uuid IS NULL)",
                        "draehi_page_routes_lower_path_idx|CREATE UNIQUE INDEX"
                                + " draehi_page_routes_lower_path_idx ON "
                                + s
                                + ".draehi_page_routes USING btree (workspace_id, lower(path))",
                        "draehi_references_target_idx|CREATE INDEX draehi_references_target_idx"
                                + " ON "
                                + s
                                + ".draehi_references USING btree (workspace_id, target_uuid)",
                        "draehi_search_pages_idx|CREATE INDEX draehi_search_pages_idx ON "
                                + s
                                + ".draehi_search USING gin (words) WHERE is_page",
                        "draehi_search_blocks_idx|CREATE INDEX draehi_search_blocks_idx ON "
                                + s
                                + ".draehi_search USING gin (words) WHERE (NOT is_page)",
                        "draehi_sync_jobs_queued_idx|CREATE UNIQUE INDEX draehi_sync_jobs_queued_idx"
                                + " ON "
                                + s
                                + ".draehi_sync_jobs USING btree (workspace_id) WHERE (status ="
                                + " 'queued'::text)");
        assertThat(indexes).noneMatch(i -> i.startsWith("draehi_nodes_search_idx|"));
    }

    @Test
    void tablesLiveInTheConnectionsDefaultSchemaWithDraehiTrackingTables() throws SQLException {
        assertThat(
                        rows(
                                "SELECT table_name FROM information_schema.tables"
                                        + " WHERE table_schema = current_schema() ORDER BY 1"))
                .containsExactly(
                        "deployment_history",
                        "draehi_asset_blobs",
                        "draehi_assets",
                        "draehi_databasechangelog",
                        "draehi_databasechangeloglock",
                        "draehi_domain_claims",
                        "draehi_page_routes",
                        "draehi_references",
                        "draehi_search",
                        "draehi_sessions",
                        "draehi_slug_holds",
                        "draehi_sync_jobs",
                        "draehi_webhook_deliveries",
                        "draehi_webhook_secrets",
                        "git_repositories",
                        "nodes",
                        "users",
                        "workspaces");
        assertThat(
                        rows(
                                "SELECT count(*) FROM information_schema.tables"
                                        + " WHERE table_schema = 'public'"
                                        + " AND table_name LIKE 'draehi_databasechangelog%'"))
                .containsExactly("0");
    }

    @Test
    void migratingTwiceIsANoOp() throws SQLException {
        List<String> before =
                rows(
                        "SELECT id, md5sum, dateexecuted FROM draehi_databasechangelog"
                                + " ORDER BY orderexecuted");
        JdbiStorage.migrate(PG.dataSource());
        JdbiStorage.builder(PG.dataSource()).migrate(true).build().close();
        assertThat(
                        rows(
                                "SELECT id, md5sum, dateexecuted FROM draehi_databasechangelog"
                                        + " ORDER BY orderexecuted"))
                .isEqualTo(before)
                .hasSize(19);
    }

    @Test
    void liquibaseAnalyticsAreOff() throws Exception {
        boolean enabled =
                Scope.child(Migrations.scope(), () -> AnalyticsArgs.ENABLED.getCurrentValue());
        assertThat(enabled).isFalse();
    }

    private static List<String> rows(String sql) throws SQLException {
        return PG.rows(sql);
    }
}
