package dev.draehi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Block;
import dev.draehi.model.Deployment;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * An incremental sync renders again the pages whose rendering read what a push changed, whatever
 * the renderer reads: it learns that from what the renderer read through its context, not from
 * rules of its own about Logseq's syntax.
 */
class RenderReadsSyncTest {
    private static final String BLOCK_ID = "6561a2b0-0000-4000-8000-000000000001";

    private final InMemoryStorage storage = new InMemoryStorage();
    private final Map<String, AtomicInteger> renders = new ConcurrentHashMap<>();

    /** Shows {@code shown} of each page (counting renders), after the page's own blocks' text. */
    private PageRenderer renderer(Function<dev.draehi.spi.RenderContext, String> shown) {
        return (page, ctx) -> {
            renders.computeIfAbsent(page.name(), k -> new AtomicInteger()).incrementAndGet();
            List<String> html = new ArrayList<>();
            for (Block b : page.flatBlocks()) {
                html.add("<p>" + b.content() + "</p>");
            }
            if (page.name().equals("Reader")) {
                html.set(0, html.get(0) + "<aside>" + shown.apply(ctx) + "</aside>");
            }
            return new RenderedPage(html, List.of());
        };
    }

    @Test
    void aPageShowingAnotherPagesFirstBlockShowsItsNewTextAfterAPush() {
        // Reads through the graph itself: the context cannot tell what, so any change re-renders.
        PageRenderer r =
                renderer(
                        ctx ->
                                ctx.graph()
                                        .page("Other")
                                        .map(p -> p.blocks().get(0).content())
                                        .orElse("none"));
        FakeGraphSource source = new FakeGraphSource(graph(1, "first text", "filler"));
        Publisher publisher = publisher(source, r);
        Workspace ws = workspace();
        assertThat(publisher.sync(ws.id()).succeeded()).isTrue();
        assertThat(readerHtml(ws)).contains("<aside>first text</aside>");

        source.set(graph(2, "second text", "filler"));
        Deployment d = publisher.sync(ws.id());

        assertThat(d.buildLog()).anyMatch(l -> l.contains("(incremental:"));
        assertThat(readerHtml(ws)).contains("<aside>second text</aside>");
    }

    @Test
    void aPageReadThroughTheContextRerendersItsReaderOnlyWhenItChanges() {
        PageRenderer r =
                renderer(
                        ctx ->
                                ctx.page("other")
                                        .map(p -> p.blocks().get(0).content())
                                        .orElse("none"));
        FakeGraphSource source = new FakeGraphSource(graph(1, "first text", "filler"));
        Publisher publisher = publisher(source, r);
        Workspace ws = workspace();
        assertThat(publisher.sync(ws.id()).succeeded()).isTrue();

        source.set(graph(2, "first text", "filler edited"));
        assertThat(publisher.sync(ws.id()).buildLog()).anyMatch(l -> l.contains("(incremental:"));
        assertThat(renders.get("Reader")).hasValue(1);

        source.set(graph(3, "second text", "filler edited"));
        assertThat(publisher.sync(ws.id()).buildLog()).anyMatch(l -> l.contains("(incremental:"));
        assertThat(renders.get("Reader")).hasValue(2);
        assertThat(readerHtml(ws)).contains("<aside>second text</aside>");
    }

    @Test
    void aBlockReadThroughTheContextShowsItsNewText() {
        PageRenderer r =
                renderer(ctx -> ctx.block(BLOCK_ID).map(l -> l.block().content()).orElse("none"));
        FakeGraphSource source = new FakeGraphSource(graph(1, "first text", "filler"));
        Publisher publisher = publisher(source, r);
        Workspace ws = workspace();
        assertThat(publisher.sync(ws.id()).succeeded()).isTrue();
        assertThat(readerHtml(ws)).contains("<aside>first text</aside>");

        source.set(graph(2, "first text", "filler edited"));
        publisher.sync(ws.id());
        assertThat(renders.get("Reader")).hasValue(1);

        source.set(graph(3, "second text", "filler edited"));
        assertThat(publisher.sync(ws.id()).buildLog()).anyMatch(l -> l.contains("(incremental:"));
        assertThat(readerHtml(ws)).contains("<aside>second text</aside>");
    }

    @Test
    void aNamespaceListedThroughTheContextShowsANewPageUnderIt() {
        PageRenderer r =
                renderer(
                        ctx ->
                                String.join(
                                        ",",
                                        ctx.namespace("Other").stream().map(Page::name).toList()));
        FakeGraphSource source = new FakeGraphSource(graph(1, "first text", "filler"));
        Publisher publisher = publisher(source, r);
        Workspace ws = workspace();
        assertThat(publisher.sync(ws.id()).succeeded()).isTrue();
        assertThat(readerHtml(ws)).contains("<aside></aside>");

        Graph g = graph(2, "first text", "filler");
        List<Page> pages = new ArrayList<>(g.pages());
        pages.add(page("Other/Child", block(null, "child")));
        source.set(new Graph(g.commitSha(), g.config(), pages, Map.of(), List.of()));
        assertThat(publisher.sync(ws.id()).buildLog()).anyMatch(l -> l.contains("(incremental:"));
        assertThat(readerHtml(ws)).contains("<aside>Other/Child</aside>");
    }

    private Publisher publisher(FakeGraphSource source, PageRenderer renderer) {
        return Publisher.builder().storage(storage).source(source).renderer(renderer).build();
    }

    private Workspace workspace() {
        Workspace w = storage.workspaces().create(storage.users().create("ada", "h").id(), "Ada");
        storage.repositories().create(w.id(), "file:///graph", "main", null);
        return w;
    }

    private String readerHtml(Workspace ws) {
        return storage.nodes().blocksOfPage(ws.id(), "Reader").stream()
                .map(Node::html)
                .reduce("", String::concat);
    }

    /** Reader, Other (whose first block has {@code otherText}), and ten pages of filler text. */
    private static Graph graph(int commit, String otherText, String filler) {
        List<Page> pages = new ArrayList<>();
        pages.add(page("Reader", block(null, "reader")));
        pages.add(page("Other", block(BLOCK_ID, otherText), block(null, "more")));
        pages.add(page("Filler 0", block(null, filler)));
        for (int i = 1; i < 10; i++) {
            pages.add(page("Filler " + i, block(null, "filler")));
        }
        return new Graph(
                String.format("%040x", commit), GraphConfig.DEFAULTS, pages, Map.of(), List.of());
    }

    private static Page page(String name, Block... blocks) {
        return new Page(
                name,
                "pages/" + name + ".md",
                null,
                null,
                true,
                Map.of(),
                List.of(),
                List.of(),
                List.of(blocks));
    }

    private static Block block(String id, String content) {
        return Block.of(content).withId(id).withLine(1);
    }
}
