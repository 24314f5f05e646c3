package dev.draehi.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Node;
import dev.draehi.model.Workspace;
import dev.draehi.store.WorkspaceContent;
import dev.draehi.store.jdbi.testing.PostgresExtension;
import dev.draehi.store.jdbi.testing.TestContent;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rows draehi derives from nodes (routes, references, search words) have no foreign keys: every
 * way of deleting nodes, a workspace's content or a user deletes them too, and only theirs. Another
 * workspace's rows are there throughout, to show that nothing of it goes.
 */
class DerivedRowsTest {
    @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

    private static final String DERIVED =
            "(SELECT count(*) FROM draehi_search WHERE workspace_id = %1$d)"
                    + " || '|' || (SELECT count(*) FROM draehi_references WHERE workspace_id = %1$d)"
                    + " || '|' || (SELECT count(*) FROM draehi_page_routes WHERE workspace_id = %1$d)";

    private JdbiStorage storage;
    private Workspace other;
    private String otherRows;

    @BeforeEach
    void open() throws SQLException {
        PG.truncate();
        storage = PG.storage();
        other = workspace("grace");
        storage.nodes().replaceAll(other.id(), TestContent.generate(other.id(), 6, 8, "v1"));
        otherRows = derived(other.id());
        assertThat(otherRows).doesNotStartWith("0|").doesNotContain("|0");
    }

    @AfterEach
    void close() throws SQLException {
        assertThat(derived(other.id())).as("the other workspace's rows").isEqualTo(otherRows);
        assertThat(orphans()).containsExactly("search|0", "references|0", "routes|0");
        storage.close();
    }

    private Workspace workspace(String name) {
        return storage.workspaces().create(storage.users().create(name, "h").id(), name);
    }

    @Test
    void deletingAPageDeletesItsRowsAndItsBlocks() throws SQLException {
        Workspace w = workspace("ada");
        WorkspaceContent content = TestContent.generate(w.id(), 5, 8, "v1");
        storage.nodes().replaceAll(w.id(), content);
        Node page = content.nodes().get(0);
        List<String> uuids = uuidsOfPage(content, page);

        storage.nodes().replacePages(w.id(), Set.of(page.uuid()), WorkspaceContent.empty());

        assertThat(rowsOf(uuids)).isEqualTo("0|0|0");
        assertThat(storage.nodes().count(w.id())).isEqualTo(content.nodes().size() - uuids.size());
    }

    @Test
    void aFullReplaceWithoutAPageDeletesItsRows() throws SQLException {
        Workspace w = workspace("ada");
        WorkspaceContent content = TestContent.generate(w.id(), 5, 8, "v1");
        storage.nodes().replaceAll(w.id(), content);
        Node page = content.nodes().get(0);
        List<String> uuids = uuidsOfPage(content, page);

        storage.nodes().replaceAll(w.id(), without(content, page));

        assertThat(rowsOf(uuids)).isEqualTo("0|0|0");
        assertThat(derived(w.id())).doesNotContain("|0");
    }

    @Test
    void aFullReplaceInPartsWithoutAPageDeletesItsRows() throws SQLException {
        Workspace w = workspace("ada");
        WorkspaceContent content = TestContent.generate(w.id(), 5, 8, "v1");
        storage.nodes().replaceAll(w.id(), content);
        Node page = content.nodes().get(0);
        List<String> uuids = uuidsOfPage(content, page);

        storage.nodes().replaceAll(w.id(), Stream.of(without(content, page)));

        assertThat(rowsOf(uuids)).isEqualTo("0|0|0");
        assertThat(derived(w.id())).doesNotContain("|0");
    }

    @Test
    void replacingEveryNodeDeletesEveryOldRow() throws SQLException {
        Workspace w = workspace("ada");
        WorkspaceContent old = TestContent.generate(w.id(), 5, 8, "v1", "Old");
        storage.nodes().replaceAll(w.id(), old);
        WorkspaceContent fresh = TestContent.generate(w.id(), 3, 4, "v1", "New");

        storage.nodes().replaceAll(w.id(), fresh);

        assertThat(rowsOf(old.nodes().stream().map(Node::uuid).toList())).isEqualTo("0|0|0");
        assertThat(derived(w.id())).doesNotContain("|0");

        storage.nodes().replaceAll(w.id(), WorkspaceContent.empty());

        assertThat(derived(w.id())).isEqualTo("0|0|0");
    }

    @Test
    void deletingAUserDeletesTheRowsOfTheirWorkspace() throws SQLException {
        Workspace w = workspace("ada");
        storage.nodes().replaceAll(w.id(), TestContent.generate(w.id(), 5, 8, "v1"));

        assertThat(storage.users().delete(w.userId())).isTrue();

        assertThat(derived(w.id())).isEqualTo("0|0|0");
        assertThat(PG.rows("SELECT count(*) FROM nodes WHERE workspace_id = " + w.id()))
                .containsExactly("0");
    }

    @Test
    void deletingAUserInATransactionDeletesTheRowsOfTheirWorkspace() throws SQLException {
        Workspace w = workspace("ada");
        storage.nodes().replaceAll(w.id(), TestContent.generate(w.id(), 5, 8, "v1"));

        storage.inTransaction(s -> s.users().delete(w.userId()));

        assertThat(derived(w.id())).isEqualTo("0|0|0");
    }

    /** The page's uuid with those of its blocks. */
    private static List<String> uuidsOfPage(WorkspaceContent content, Node page) {
        return content.nodes().stream()
                .filter(n -> n.pageName().equals(page.pageName()))
                .map(Node::uuid)
                .toList();
    }

    private static WorkspaceContent without(WorkspaceContent content, Node page) {
        Set<String> gone = Set.copyOf(uuidsOfPage(content, page));
        return new WorkspaceContent(
                content.nodes().stream().filter(n -> !gone.contains(n.uuid())).toList(),
                content.routes().stream().filter(r -> !gone.contains(r.pageUuid())).toList(),
                content.references().stream().filter(r -> !gone.contains(r.sourceUuid())).toList());
    }

    /** search|references|routes rows of the workspace. */
    private static String derived(long workspaceId) throws SQLException {
        return PG.rows("SELECT " + String.format(DERIVED, workspaceId)).get(0);
    }

    /** search|references|routes rows of the nodes {@code uuids} (search and routes by node). */
    private static String rowsOf(List<String> uuids) throws SQLException {
        String in = "('" + String.join("', '", uuids) + "')";
        return PG.rows(
                        "SELECT (SELECT count(*) FROM draehi_search WHERE uuid IN "
                                + in
                                + ") || '|' || (SELECT count(*) FROM draehi_references"
                                + " WHERE source_uuid IN "
                                + in
                                + ") || '|' || (SELECT count(*) FROM draehi_page_routes"
                                + " WHERE page_uuid IN "
                                + in
                                + ")")
                .get(0);
    }

    /** Rows of each derived table whose node is not there (in their workspace). */
    private static List<String> orphans() throws SQLException {
        return PG.rows(
                "SELECT 'search', count(*) FROM draehi_search s WHERE NOT EXISTS"
                        + " (SELECT 1 FROM nodes n WHERE n.uuid = s.uuid"
                        + " AND n.workspace_id = s.workspace_id)"
                        + " UNION ALL SELECT 'references', count(*) FROM draehi_references r"
                        + " WHERE NOT EXISTS (SELECT 1 FROM nodes n WHERE n.uuid = r.source_uuid"
                        + " AND n.workspace_id = r.workspace_id)"
                        + " UNION ALL SELECT 'routes', count(*) FROM draehi_page_routes p"
                        + " WHERE NOT EXISTS (SELECT 1 FROM nodes n WHERE n.uuid = p.page_uuid"
                        + " AND n.workspace_id = p.workspace_id)");
    }
}
