package dev.draehi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Asset;
import dev.draehi.model.Block;
import dev.draehi.model.Graph;
import dev.draehi.model.GraphConfig;
import dev.draehi.model.Page;
import dev.draehi.model.Workspace;
import dev.draehi.spi.PageRenderer;
import dev.draehi.spi.RenderedPage;
import dev.draehi.store.memory.InMemoryStorage;
import dev.draehi.testing.FakeGraphSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Published pages' assets are stored with the content; nothing else from assets/ is. */
class PublisherAssetsTest {
    /** Links every word of a block that starts with ../assets/ as an asset. */
    static final PageRenderer RENDERER =
            (page, ctx) -> {
                List<String> html = new ArrayList<>();
                for (Block b : page.flatBlocks()) {
                    StringBuilder sb = new StringBuilder();
                    for (String word : b.content().split(" ")) {
                        sb.append(
                                        word.startsWith("../assets/")
                                                ? ctx.links().assetUrl(word).orElse("missing")
                                                : word)
                                .append(' ');
                    }
                    html.add(sb.toString().strip());
                }
                return new RenderedPage(html, List.of());
            };

    @Test
    void onlyAssetsOfPublishedPagesAreStoredAndIncrementalSyncsKeepThem(@TempDir Path dir)
            throws Exception {
        Map<String, Asset> assets =
                Map.of(
                        "assets/used.png", asset(dir, "used.png", "USED"),
                        "assets/private.png", asset(dir, "private.png", "SECRET"),
                        "assets/unused.png", asset(dir, "unused.png", "UNUSED"));
        Page shown = page("Shown", true, "see ../assets/used.png");
        Page hidden = page("Hidden", false, "see ../assets/private.png");
        Page other = page("Other", true, "text");
        InMemoryStorage storage = new InMemoryStorage();
        Workspace ws = storage.workspaces().create(storage.users().create("ada", "!").id(), "ada");
        storage.repositories().create(ws.id(), "file:///g", null, null);
        FakeGraphSource source =
                new FakeGraphSource(
                        new Graph(
                                "1".repeat(40),
                                GraphConfig.DEFAULTS,
                                List.of(shown, hidden, other),
                                assets,
                                List.of()));
        Publisher p =
                Publisher.builder().storage(storage).source(source).renderer(RENDERER).build();

        assertThat(p.sync(ws.id()).succeeded()).isTrue();
        assertThat(storage.assets().paths(ws.id())).containsExactly("assets/used.png");
        assertThat(storage.assets().find(ws.id(), "assets/used.png").orElseThrow().content())
                .isEqualTo("USED".getBytes());
        assertThat(storage.nodes().blocksOfPage(ws.id(), "Shown").get(0).html())
                .isEqualTo("see /ada/-/assets/used.png");

        // An incremental sync that edits another page keeps the asset of the unchanged page.
        source.set(
                new Graph(
                        "2".repeat(40),
                        GraphConfig.DEFAULTS,
                        List.of(shown, hidden, page("Other", true, "edited")),
                        assets,
                        List.of()));
        var d = p.sync(ws.id());
        assertThat(d.buildLog()).anyMatch(l -> l.contains("incremental:"));
        assertThat(storage.assets().paths(ws.id())).containsExactly("assets/used.png");

        // Removing the link removes the asset.
        source.set(
                new Graph(
                        "3".repeat(40),
                        GraphConfig.DEFAULTS,
                        List.of(page("Shown", true, "no link"), hidden, other),
                        assets,
                        List.of()));
        assertThat(p.sync(ws.id()).succeeded()).isTrue();
        assertThat(storage.assets().paths(ws.id())).isEmpty();
    }

    static Asset asset(Path dir, String name, String content) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return new Asset("assets/" + name, f, Files.size(f));
    }

    static Page page(String name, boolean published, String text) {
        return new Page(
                name,
                "pages/" + name + ".md",
                null,
                null,
                published,
                Map.of(),
                List.of(),
                List.of(),
                List.of(Block.of(text)));
    }
}
