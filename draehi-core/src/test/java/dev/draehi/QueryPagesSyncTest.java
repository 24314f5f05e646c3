package dev.draehi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Block;
import dev.draehi.model.Graph;
import dev.draehi.model.GraphConfig;
import dev.draehi.model.Node;
import dev.draehi.model.Page;
import dev.draehi.model.Workspace;
import dev.draehi.spi.PageRenderer;
import dev.draehi.spi.RenderedPage;
import dev.draehi.store.memory.InMemoryStorage;
import dev.draehi.testing.FakeGraphSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A page with an advanced query shows what the whole graph holds: a push that changes any other
 * page renders it again, however the query block is spelled.
 */
class QueryPagesSyncTest {
    /** A query block shows how many tasks the graph has, as a real query would find them. */
    static final PageRenderer COUNTING =
            (page, ctx) -> {
                List<String> html = new ArrayList<>();
                for (Block b : page.flatBlocks()) {
                    if (b.content().toLowerCase().contains("#+begin_query")) {
                        long tasks =
                                ctx.graph().publishedPages().stream()
                                        .flatMap(p -> p.flatBlocks().stream())
                                        .filter(x -> x.marker() != null)
                                        .count();
                        html.add("<p>tasks: " + tasks + "</p>");
                    } else {
                        html.add("<p>" + b.content() + "</p>");
                    }
                }
                return new RenderedPage(html, List.of(), "");
            };

    @ParameterizedTest
    @ValueSource(strings = {"#+BEGIN_QUERY", "#+begin_query"})
    void aPushElsewhereRendersTheQueryPageAgain(String begin) {
        String end = begin.replace("BEGIN", "END").replace("begin", "end");
        Block query =
                Block.of(
                        begin
                                + "\n{:query [:find (pull ?b [*]) :where [?b :block/marker _]]}\n"
                                + end);
        InMemoryStorage storage = new InMemoryStorage();
        FakeGraphSource source = new FakeGraphSource(graph(query, 1));
        Publisher publisher =
                Publisher.builder().storage(storage).source(source).renderer(COUNTING).build();
        Workspace ws = storage.workspaces().create(storage.users().create("ada", "h").id(), "Ada");
        storage.repositories().create(ws.id(), "file:///graph", "main", null);
        assertThat(publisher.sync(ws.id()).succeeded()).isTrue();
        assertThat(html(storage, ws)).isEqualTo("<p>tasks: 1</p>");

        source.set(graph(query, 2));
        assertThat(publisher.sync(ws.id()).succeeded()).isTrue();
        assertThat(html(storage, ws)).isEqualTo("<p>tasks: 2</p>");
    }

    private static String html(InMemoryStorage storage, Workspace ws) {
        return storage.nodes().blocksOfPage(ws.id(), "Dashboard").stream()
                .map(Node::html)
                .findFirst()
                .orElseThrow();
    }

    private static Graph graph(Block query, int tasks) {
        List<Page> pages = new ArrayList<>();
        pages.add(page("Dashboard", List.of(query)));
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            blocks.add(Block.of("task " + i).withMarker("TODO").withLine(1));
        }
        pages.add(page("Tasks", blocks));
        for (int i = 0; i < 30; i++) {
            pages.add(page("Other " + i, List.of(Block.of("text " + i))));
        }
        return new Graph(
                "%040d".formatted(tasks), GraphConfig.DEFAULTS, pages, Map.of(), List.of());
    }

    private static Page page(String name, List<Block> blocks) {
        return new Page(
                name,
                "pages/" + name + ".md",
                null,
                null,
                true,
                Map.of(),
                List.of(),
                List.of(),
                blocks);
    }
}
