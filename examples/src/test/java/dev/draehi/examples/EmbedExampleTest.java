package dev.draehi.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.testing.DocsGraph;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** A host application publishes into its own DataSource and serves a page: EmbedExample, run. */
class EmbedExampleTest {
    @Test
    void hostApplicationPublishesIntoItsOwnDataSourceAndServesAPage(@TempDir Path tmp)
            throws Exception {
        String base =
                System.getenv()
                        .getOrDefault(
                                "DRAEHI_TEST_JDBC_URL",
                                "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        String schema = "draehi_embed_" + System.nanoTime();
        try (Connection c = DriverManager.getConnection(base)) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
        try {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema);
            String graph = DocsGraph.path().toString();

            String html = EmbedExample.publishAndRender(ds, graph, "docs", "contents", tmp);

            assertThat(html)
                    .contains("<h1 class=\"page-title\">Contents</h1>")
                    .contains("<a class=\"page-reference\"");
        } finally {
            try (Connection c = DriverManager.getConnection(base)) {
                c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}
