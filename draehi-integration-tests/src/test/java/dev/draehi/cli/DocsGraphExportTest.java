package dev.draehi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.PageRoute;
import dev.draehi.model.Workspace;
import dev.draehi.site.Site;
import dev.draehi.store.Storage;
import dev.draehi.store.jdbi.testing.PostgresExtension;
import dev.draehi.store.memory.InMemoryStorage;
import dev.draehi.testing.DocsGraph;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a static export of the Logseq docs graph asks the site for, on both stores: the fragment of
 * every page that has unlinked references (found for all pages in one read, not looked up page by
 * page), and the same graph data and search index whichever store the pages were read from.
 */
class DocsGraphExportTest {
    @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

    @TempDir Path work;

    @Test
    void theExportAsksForEveryUnlinkedFragmentAndBothStoresGiveTheSameFiles() throws Exception {
        PG.truncate();
        try (InMemoryStorage memory = new InMemoryStorage()) {
            Site inMemory = sync(memory, "memory");
            Site inPostgres = sync(PG.storage(), "postgresql");
            for (Site site : List.of(inMemory, inPostgres)) {
                Set<String> asked = new HashSet<>(site.exportPaths());
                Storage storage = site == inMemory ? memory : PG.storage();
                Workspace ws = storage.workspaces().findBySlug("docs").orElseThrow();
                List<String> missed = new ArrayList<>();
                int found = 0;
                for (PageRoute r : storage.nodes().routes(ws.id())) {
                    String url = "/docs/-/unlinked/" + r.path() + ".html";
                    if (site.get(url).ok()) {
                        found++;
                        if (!asked.contains(url)) {
                            missed.add(url);
                        }
                    }
                }
                assertThat(missed).isEmpty();
                // the docs graph mentions many of its pages without linking them
                assertThat(found).isGreaterThan(50);
                long fragmentsAsked =
                        asked.stream().filter(p -> p.startsWith("/docs/-/unlinked/")).count();
                assertThat(fragmentsAsked).isLessThan(storage.nodes().routes(ws.id()).size() / 2);
            }
            assertThat(inPostgres.get("/docs/-/graph.json").bodyText())
                    .isEqualTo(inMemory.get("/docs/-/graph.json").bodyText());
            List<String> parts =
                    inMemory.exportPaths().stream()
                            .filter(p -> p.startsWith("/docs/-/search/"))
                            .toList();
            assertThat(parts)
                    .isNotEmpty()
                    .isEqualTo(
                            inPostgres.exportPaths().stream()
                                    .filter(p -> p.startsWith("/docs/-/search/"))
                                    .toList());
            for (String part : parts) {
                assertThat(inPostgres.get(part).bodyText())
                        .as(part)
                        .isEqualTo(inMemory.get(part).bodyText());
            }
        }
    }

    private Site sync(Storage storage, String name) {
        Workspace ws = LocalWorkspace.ensure(storage, "docs", DocsGraph.path().toString());
        Graphs graphs =
                new Graphs(
                        storage,
                        work.resolve("co-" + name),
                        new PrintStream(PrintStream.nullOutputStream()));
        assertThat(graphs.sync(ws).succeeded()).isTrue();
        return Site.builder(storage).build();
    }
}
