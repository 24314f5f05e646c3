package dev.draehi.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.draehi.ConflictException;
import dev.draehi.ValidationException;
import dev.draehi.model.DeploymentStatus;
import dev.draehi.model.Node;
import dev.draehi.model.NodeIds;
import dev.draehi.model.PageRoute;
import dev.draehi.model.Reference;
import dev.draehi.model.Workspace;
import dev.draehi.store.Storage;
import dev.draehi.store.WorkspaceContent;
import dev.draehi.store.jdbi.testing.PostgresExtension;
import dev.draehi.store.jdbi.testing.TestContent;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the contract cannot see: rows in every table, stored JSON, indexes, big loads. */
class ContentTest {
    @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

    private JdbiStorage storage;

    @BeforeEach
    void open() throws SQLException {
        PG.truncate();
        storage = PG.storage();
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private Workspace workspace(String name) {
        return storage.workspaces().create(storage.users().create(name, "h").id(), name);
    }

    @Test
    void deletingUserLeavesNoRowInAnyTable() throws SQLException {
        Workspace w = workspace("ada");
        storage.repositories().create(w.id(), "file:///a", null, "token");
        storage.deployments().create(w.id(), "abc", DeploymentStatus.SUCCESS);
        storage.nodes().replaceAll(w.id(), TestContent.generate(w.id(), 5, 20, "v1"));
        for (String table : PostgresExtension.TABLES) {
            assertThat(count(table)).as(table).isPositive();
        }

        assertThat(storage.users().delete(w.userId())).isTrue();

        for (String table : PostgresExtension.TABLES) {
            assertThat(count(table)).as(table).isZero();
        }
    }

    @Test
    void metadataAndBuildLogAreStoredAsJson() throws SQLException {
        Workspace w = workspace("ada");
        storage.nodes().replaceAll(w.id(), TestContent.generate(w.id(), 1, 2, "v1"));
        var d = storage.deployments().create(w.id(), "abc", DeploymentStatus.BUILDING);
        storage.deployments().update(d.id(), "abc", DeploymentStatus.SUCCESS, null, List.of("x"));
        assertThat(
                        PG.rows(
                                "SELECT metadata->'draehi'->>'path', json_typeof(metadata->'tags'),"
                                        + " metadata->'properties'->>'type'"
                                        + " FROM nodes WHERE parent_uuid IS NULL"))
                .containsExactly("project-0/notes|array|project");
        assertThat(PG.rows("SELECT build_log->>0 FROM deployment_history")).containsExactly("x");
    }

    @Test
    void timestampsAreStoredInUtc() throws SQLException {
        storage.users().create("ada", "h");
        assertThat(
                        PG.rows(
                                "SELECT abs(extract(epoch FROM (now() AT TIME ZONE 'utc')"
                                        + " - created_at)) < 60 FROM users"))
                .containsExactly("t");
    }

    @Test
    void seventyThousandNodesGoInWithoutHittingTheParameterLimit() {
        Workspace w = workspace("ada");
        WorkspaceContent content = TestContent.generate(w.id(), 1400, 49, "v1");
        assertThat(content.nodes()).hasSize(70_000);
        storage.nodes().replaceAll(w.id(), content);
        assertThat(storage.nodes().count(w.id())).isEqualTo(70_000);
        assertThat(storage.nodes().pages(w.id())).hasSize(1400);
    }

    @Test
    void failedReplaceLeavesOldContent() {
        Workspace w = workspace("ada");
        WorkspaceContent old = TestContent.generate(w.id(), 3, 5, "v1");
        storage.nodes().replaceAll(w.id(), old);
        WorkspaceContent fresh = TestContent.generate(w.id(), 4, 5, "v2");

        WorkspaceContent duplicatePath =
                new WorkspaceContent(
                        fresh.nodes(),
                        List.of(
                                fresh.routes().get(0),
                                new PageRoute(
                                        fresh.routes().get(0).path().toUpperCase(),
                                        fresh.routes().get(1).pageUuid())),
                        List.of());
        assertThatThrownBy(() -> storage.nodes().replaceAll(w.id(), duplicatePath))
                .isInstanceOf(ConflictException.class);

        WorkspaceContent routeToNowhere =
                new WorkspaceContent(
                        fresh.nodes(), List.of(new PageRoute("x", "no-such-page")), List.of());
        assertThatThrownBy(() -> storage.nodes().replaceAll(w.id(), routeToNowhere))
                .isInstanceOf(ValidationException.class);

        WorkspaceContent referenceFromNowhere =
                new WorkspaceContent(
                        fresh.nodes(),
                        List.of(),
                        List.of(new Reference("nope", "x", Reference.Kind.PAGE)));
        assertThatThrownBy(() -> storage.nodes().replaceAll(w.id(), referenceFromNowhere))
                .isInstanceOf(ValidationException.class);

        assertThat(storage.nodes().count(w.id())).isEqualTo(old.nodes().size());
        assertThat(storage.nodes().blocksOfPage(w.id(), "Project 1").get(0).html())
                .startsWith("<p>v1 ");
    }

    @Test
    void replacePagesChecksParentsAgainstTheKeptPages() {
        Workspace w = workspace("ada");
        storage.nodes().replaceAll(w.id(), TestContent.generate(w.id(), 3, 5, "v1"));
        Node keptPage = storage.nodes().findPage(w.id(), "Project 1").orElseThrow();
        Node gone = storage.nodes().findPage(w.id(), "Project 2").orElseThrow();

        // a new block under a page that stays is fine
        Node child =
                Node.block(NodeIds.hashUuid("c"), keptPage, keptPage.uuid(), 99, "<p>c</p>", null);
        storage.nodes()
                .replacePages(
                        w.id(),
                        Set.of(gone.uuid()),
                        new WorkspaceContent(List.of(child), List.of(), List.of()));
        assertThat(storage.nodes().findPage(w.id(), "Project 2")).isEmpty();
        assertThat(storage.nodes().blocksOfPage(w.id(), "Project 1")).hasSize(6);

        // under a page being replaced away, it is not
        Node orphan =
                Node.block(NodeIds.hashUuid("o"), keptPage, keptPage.uuid(), 98, "<p>o</p>", null);
        assertThatThrownBy(
                        () ->
                                storage.nodes()
                                        .replacePages(
                                                w.id(),
                                                Set.of(keptPage.uuid()),
                                                new WorkspaceContent(
                                                        List.of(orphan), List.of(), List.of())))
                .isInstanceOf(ValidationException.class);
        assertThat(storage.nodes().blocksOfPage(w.id(), "Project 1")).hasSize(6);
    }

    @Test
    void syncLockAndContentLockNeverDeadlock() {
        Workspace w = workspace("ada");
        try (Storage.WorkspaceLock lock = storage.lockWorkspace(w.id())) {
            storage.inTransaction(
                    s -> {
                        s.nodes().replaceAll(w.id(), TestContent.generate(w.id(), 2, 3, "v1"));
                        return null;
                    });
        }
        assertThat(storage.nodes().count(w.id())).isEqualTo(8);
    }

    @Test
    void nestedTransactionsJoinAndRollBackTogether() {
        Workspace w = workspace("ada");
        assertThatThrownBy(
                        () ->
                                storage.inTransaction(
                                        s -> {
                                            s.inTransaction(
                                                    t ->
                                                            t.deployments()
                                                                    .create(
                                                                            w.id(),
                                                                            "a",
                                                                            DeploymentStatus
                                                                                    .PENDING));
                                            // the root joins the thread's transaction too
                                            storage.deployments()
                                                    .create(w.id(), "b", DeploymentStatus.PENDING);
                                            assertThat(s.deployments().list(w.id())).hasSize(2);
                                            throw new IllegalStateException("roll back");
                                        }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(storage.deployments().list(w.id())).isEmpty();
    }

    @Test
    void readQueriesAreServedByIndexes() throws SQLException {
        Workspace w = workspace("ada");
        storage.nodes().replaceAll(w.id(), TestContent.generate(w.id(), 20, 10, "v1"));
        String ws = Long.toString(w.id());
        assertThat(
                        plan(
                                "SELECT * FROM nodes WHERE workspace_id = "
                                        + ws
                                        + " AND parent_uuid IS NULL AND lower(page_name) = lower('project 3')"))
                .contains("draehi_nodes_page_lower_name_idx");
        assertThat(
                        plan(
                                "SELECT * FROM draehi_page_routes WHERE workspace_id = "
                                        + ws
                                        + " AND lower(path) = lower('Project-3')"))
                .contains("draehi_page_routes_lower_path_idx");
        assertThat(
                        plan(
                                "SELECT * FROM nodes WHERE workspace_id = "
                                        + ws
                                        + " AND page_name = 'Project 3' AND parent_uuid IS NOT NULL"
                                        + " ORDER BY \"order\""))
                .contains("workspace_pagename_idx");
        assertThat(
                        plan(
                                "SELECT * FROM draehi_references WHERE workspace_id = "
                                        + ws
                                        + " AND target_uuid = 'x'"))
                .contains("draehi_references_target_idx");
        assertThat(
                        plan(
                                "SELECT * FROM deployment_history WHERE workspace_id = "
                                        + ws
                                        + " ORDER BY deployed_at DESC, id DESC LIMIT 10"))
                .contains("draehi_deployment_history_workspace_idx");
    }

    private static String plan(String sql) throws SQLException {
        try (var c = PG.dataSource().getConnection();
                var s = c.createStatement()) {
            s.execute("SET enable_seqscan = off");
            StringBuilder out = new StringBuilder();
            try (var rs = s.executeQuery("EXPLAIN " + sql)) {
                while (rs.next()) {
                    out.append(rs.getString(1)).append('\n');
                }
            }
            s.execute("RESET enable_seqscan");
            return out.toString();
        }
    }

    private static long count(String table) throws SQLException {
        return Long.parseLong(PG.rows("SELECT count(*) FROM " + table).get(0));
    }
}
