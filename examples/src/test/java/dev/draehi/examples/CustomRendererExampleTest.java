package dev.draehi.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.Publisher;
import dev.draehi.model.Node;
import dev.draehi.model.Workspace;
import dev.draehi.store.memory.InMemoryStorage;
import dev.draehi.sync.GitGraphSource;
import dev.draehi.testing.DocsGraph;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomRendererExampleTest {
    @Test
    void tagsOfTheDocsGraphBecomeChips(@TempDir Path tmp) {
        InMemoryStorage storage = new InMemoryStorage();
        Workspace ws = storage.workspaces().create(storage.users().create("ada", "!").id(), "docs");
        storage.repositories().create(ws.id(), DocsGraph.path().toString(), null, null);
        Publisher publisher =
                Publisher.builder()
                        .storage(storage)
                        .source(GitGraphSource.builder().checkoutRoot(tmp).build())
                        .renderer(CustomRendererExample.chipRenderer())
                        .build();

        assertThat(publisher.sync(ws.id()).succeeded()).isTrue();

        List<String> html =
                storage.nodes().pages(ws.id()).stream()
                        .flatMap(p -> storage.nodes().blocksOfPage(ws.id(), p.pageName()).stream())
                        .map(Node::html)
                        .toList();
        assertThat(html)
                .anyMatch(
                        h ->
                                h.matches(
                                        "(?s).*<a class=\"chip chip-[0-7]\" href=\"/docs/[^\"]+\">[^<]+</a>.*"));
        assertThat(html).noneMatch(h -> h.contains("class=\"hashtag-link\""));
        assertThat(html).anyMatch(h -> h.contains("class=\"page-reference\""));
    }
}
