package dev.draehi.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.Publisher;
import dev.draehi.model.Workspace;
import dev.draehi.render.HtmlPageRenderer;
import dev.draehi.store.Storage;
import dev.draehi.store.StorageContractTest;
import dev.draehi.store.memory.InMemoryStorage;
import dev.draehi.sync.GitGraphSource;
import dev.draehi.testing.DocsGraph;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The custom storage passes the storage contract, and a publisher runs on it. */
class CustomStorageExampleTest extends StorageContractTest {
    @Override
    protected Storage newStorage() {
        return new CustomStorageExample(new InMemoryStorage());
    }

    @Test
    void aPublisherSyncsIntoTheCustomStorage(@TempDir Path tmp) {
        CustomStorageExample custom = (CustomStorageExample) storage;
        Workspace ws = custom.workspaces().create(custom.users().create("ada", "!").id(), "docs");
        custom.repositories().create(ws.id(), DocsGraph.path().toString(), null, null);
        Publisher p =
                Publisher.builder()
                        .storage(custom)
                        .source(GitGraphSource.builder().checkoutRoot(tmp).build())
                        .renderer(HtmlPageRenderer.create())
                        .build();
        long before = custom.transactions();
        assertThat(p.sync(ws.id()).succeeded()).isTrue();
        assertThat(custom.transactions()).isGreaterThan(before);
        assertThat(custom.nodes().findByPath(ws.id(), "contents")).isPresent();
    }
}
