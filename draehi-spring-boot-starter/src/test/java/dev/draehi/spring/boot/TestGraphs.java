package dev.draehi.spring.boot;

import dev.draehi.Publisher;
import dev.draehi.model.Block;
import dev.draehi.model.Graph;
import dev.draehi.model.GraphConfig;
import dev.draehi.model.Page;
import dev.draehi.model.Workspace;
import dev.draehi.render.HtmlPageRenderer;
import dev.draehi.store.Storage;
import dev.draehi.testing.FakeGraphSource;
import java.util.List;
import java.util.Map;

/** A one-page graph published into a storage, for tests that serve it. */
final class TestGraphs {
    static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    private TestGraphs() {}

    /** A publisher over {@code storage} whose source always serves {@link #graph()}. */
    static Publisher publisher(Storage storage) {
        return Publisher.builder()
                .storage(storage)
                .source(new FakeGraphSource(graph()))
                .renderer(HtmlPageRenderer.builder().build())
                .build();
    }

    /** A page "Home" with enough text to be worth compressing. */
    static Graph graph() {
        Page home =
                new Page(
                        "Home",
                        "pages/Home.md",
                        null,
                        null,
                        true,
                        Map.of(),
                        List.of(),
                        List.of(),
                        List.of(
                                Block.of("Hello from draehi, linking [[Elsewhere]]"),
                                Block.of("lorem ipsum ".repeat(200))));
        return new Graph(SHA, GraphConfig.DEFAULTS, List.of(home), Map.of(), List.of());
    }

    /** User ada, her workspace with a repository, synced once. */
    static Workspace publishedWorkspace(Storage storage, Publisher publisher, String repoUrl) {
        Workspace ws = storage.workspaces().create(storage.users().create("ada", "!").id(), "Ada");
        storage.repositories().create(ws.id(), repoUrl, "main", null);
        if (!publisher.sync(ws.id()).succeeded()) {
            throw new IllegalStateException("the test graph did not sync");
        }
        return storage.workspaces().findById(ws.id()).orElseThrow();
    }
}
