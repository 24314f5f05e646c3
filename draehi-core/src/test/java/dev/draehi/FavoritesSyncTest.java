package dev.draehi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Block;
import dev.draehi.model.Graph;
import dev.draehi.model.GraphConfig;
import dev.draehi.model.NodeMetadata.Attributes;
import dev.draehi.model.Page;
import dev.draehi.model.Workspace;
import dev.draehi.spi.PageRenderer;
import dev.draehi.spi.RenderedPage;
import dev.draehi.store.memory.InMemoryStorage;
import dev.draehi.testing.FakeGraphSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The graph's {@code :favorites} mark their pages with their place in the list, in any case. */
class FavoritesSyncTest {
    static final PageRenderer PLAIN =
            (page, ctx) ->
                    new RenderedPage(
                            page.flatBlocks().stream().map(b -> "<p>x</p>").toList(),
                            List.of(),
                            "");

    @Test
    void favoritePagesCarryTheirPlaceInTheList() {
        InMemoryStorage storage = new InMemoryStorage();
        GraphConfig config =
                new GraphConfig(
                        null,
                        true,
                        GraphConfig.DEFAULT_JOURNAL_TITLE_FORMAT,
                        true,
                        Map.of(),
                        List.of("zeta", "No Such Page", "Alpha"),
                        List.of());
        Graph graph =
                new Graph(
                        "%040d".formatted(1),
                        config,
                        List.of(page("Alpha"), page("Beta"), page("Zeta")),
                        Map.of(),
                        List.of());
        Publisher publisher =
                Publisher.builder()
                        .storage(storage)
                        .source(new FakeGraphSource(graph))
                        .renderer(PLAIN)
                        .build();
        Workspace ws = storage.workspaces().create(storage.users().create("ada", "h").id(), "Ada");
        storage.repositories().create(ws.id(), "file:///graph", "main", null);
        assertThat(publisher.sync(ws.id()).succeeded()).isTrue();
        assertThat(favorite(storage, ws, "Zeta")).isEqualTo("0");
        assertThat(favorite(storage, ws, "Alpha")).isEqualTo("2");
        assertThat(favorite(storage, ws, "Beta")).isNull();
    }

    private static String favorite(InMemoryStorage storage, Workspace ws, String name) {
        return storage.nodes()
                .findPage(ws.id(), name)
                .orElseThrow()
                .metadata()
                .attribute(Attributes.FAVORITE)
                .orElse(null);
    }

    private static Page page(String name) {
        return new Page(
                name,
                "pages/" + name + ".md",
                null,
                null,
                true,
                Map.of(),
                List.of(),
                List.of(),
                List.of(Block.of("text of " + name)));
    }
}
