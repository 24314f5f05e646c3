package dev.draehi.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.store.jdbi.testing.PostgresExtension;
import dev.draehi.testing.DocsGraph;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A host application publishes into its own DataSource and serves a page: EmbedExample, run. */
class EmbedExampleTest {
    // an empty schema: the example migrates it, as a host application would
    @RegisterExtension static final PostgresExtension PG = new PostgresExtension(false);

    @Test
    void hostApplicationPublishesIntoItsOwnDataSourceAndServesAPage(@TempDir Path tmp) {
        String graph = DocsGraph.path().toString();

        String html =
                EmbedExample.publishAndRender(PG.dataSource(), graph, "docs", "contents", tmp);

        assertThat(html)
                .contains("<h1 class=\"page-title\">Contents</h1>")
                .contains("<a class=\"page-reference\"");
    }
}
