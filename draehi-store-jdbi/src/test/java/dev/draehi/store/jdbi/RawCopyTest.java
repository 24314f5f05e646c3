package dev.draehi.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Workspace;
import dev.draehi.store.WorkspaceContent;
import dev.draehi.store.jdbi.testing.PostgresExtension;
import dev.draehi.store.jdbi.testing.RawCopy;
import dev.draehi.store.jdbi.testing.TestContent;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The benchmarks' baseline writes the rows replaceAll writes, into its scratch tables. */
class RawCopyTest {
    @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

    @Test
    void copiesTheRowsThatReplaceAllWritesAndTruncatesThem() throws Exception {
        try (JdbiStorage storage = PG.storage()) {
            Workspace w = storage.workspaces().create(storage.users().create("b", "h").id(), "b");
            WorkspaceContent content = TestContent.generate(w.id(), 3, 4, "v1");
            storage.nodes().replaceAll(w.id(), content);
            try (Connection c = PG.dataSource().getConnection()) {
                RawCopy.createTables(c);
                RawCopy.copy(c, content, RawCopy.Table.BARE);
                RawCopy.copy(c, content, RawCopy.Table.INDEXED);
                assertThat(c.getAutoCommit()).isTrue();
            }

            String columns = "uuid, workspace_id, parent_uuid, \"order\", html, metadata::text";
            List<String> stored = PG.rows("SELECT " + columns + " FROM nodes ORDER BY uuid");
            assertThat(stored).hasSize(15);
            assertThat(PG.rows("SELECT " + columns + " FROM bench_raw ORDER BY uuid"))
                    .isEqualTo(stored);
            assertThat(PG.rows("SELECT " + columns + " FROM bench_fk ORDER BY uuid"))
                    .isEqualTo(stored);
            assertThat(PG.rows("SELECT uuid, is_page, words FROM bench_fk_search ORDER BY uuid"))
                    .isEqualTo(
                            PG.rows("SELECT uuid, is_page, words FROM draehi_search ORDER BY uuid"))
                    .isNotEmpty();

            try (Connection c = PG.dataSource().getConnection()) {
                RawCopy.truncate(c, RawCopy.Table.BARE);
                RawCopy.truncate(c, RawCopy.Table.INDEXED);
            }
            assertThat(PG.rows("SELECT count(*) FROM bench_raw")).containsExactly("0");
            assertThat(PG.rows("SELECT count(*) FROM bench_fk_search")).containsExactly("0");
        }
    }
}
