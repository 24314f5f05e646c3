package dev.draehi.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import dev.draehi.model.Slugs;
import dev.draehi.model.Workspace;
import dev.draehi.render.HtmlPageRenderer;
import dev.draehi.spi.LinkResolver;
import dev.draehi.spi.RenderContext;
import dev.draehi.spi.RenderedPage;
import dev.draehi.sync.LogseqGraphReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the generated g5k graph (5,000 pages and 1,000 journals) single-threaded and on all
 * cores, parsing not counted. Not part of {@code mvn verify}: run with {@code mvn -o -q test
 * -Pbench -pl draehi-bench -am -Dtest=RenderBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
class RenderBenchmarkTest {
    @TempDir Path dir;

    @Test
    void rendersG5k() {
        GraphGenerator.of(GraphGenerator.Size.G5K).writeTo(dir);
        Graph graph = LogseqGraphReader.builder().build().read(dir, "0".repeat(40));
        List<Page> pages = graph.pages().stream().filter(p -> !p.isGenerated()).toList();
        long bytes = GraphReaderBenchmarkTest.totalBytes(dir);
        RenderContext ctx = new RenderContext(graph, workspace(), links(graph));
        HtmlPageRenderer renderer = HtmlPageRenderer.create();
        long blocks = pages.stream().mapToLong(Page::blockCount).sum();

        // warm-up: one full pass on all cores, so that the timed passes run compiled code
        pages.parallelStream().forEach(pg -> renderer.render(pg, ctx));
        long t0 = System.nanoTime();
        long html = 0;
        for (Page pg : pages) {
            RenderedPage r = renderer.render(pg, ctx);
            for (String h : r.blockHtml()) {
                html += h.length();
            }
        }
        double single = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        long parallelHtml =
                pages.parallelStream()
                        .mapToLong(
                                pg ->
                                        renderer.render(pg, ctx).blockHtml().stream()
                                                .mapToLong(String::length)
                                                .sum())
                        .sum();
        double parallel = (System.nanoTime() - t0) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(
                Locale.ROOT,
                "g5k: %d pages, %d blocks, %.1f MB markdown, %.1f MB html%n"
                        + "  single thread: %.2f s, %.0f blocks/s, %.2f MB/s%n"
                        + "  %d cores:       %.2f s, %.0f blocks/s, %.2f MB/s%n",
                pages.size(),
                blocks,
                bytes / 1e6,
                html / 1e6,
                single,
                blocks / single,
                bytes / 1e6 / single,
                cores,
                parallel,
                blocks / parallel,
                bytes / 1e6 / parallel);
        assertThat(pages).hasSize(6000);
        assertThat(parallelHtml).isEqualTo(html);
    }

    private static Workspace workspace() {
        return new Workspace(
                1,
                1,
                "ws",
                "Workspace",
                null,
                Workspace.DEFAULT_EMBED_DEPTH,
                Instant.EPOCH,
                Instant.EPOCH);
    }

    /** Pages at {@code /ws/<slugged segments>}, blocks at their page's URL and {@code #id}. */
    private static LinkResolver links(Graph graph) {
        return new LinkResolver() {
            @Override
            public Optional<String> pageUrl(String name) {
                return graph.page(name).filter(Page::published).map(p -> url(p.name()));
            }

            @Override
            public Optional<String> blockUrl(String id) {
                return graph.block(id)
                        .filter(l -> l.page().published())
                        .map(l -> url(l.page().name()) + "#" + l.block().id());
            }

            @Override
            public Optional<String> assetUrl(String path) {
                return Optional.empty(); // the generated graphs have no assets
            }
        };
    }

    private static String url(String pageName) {
        List<String> parts = new ArrayList<>();
        for (String segment : pageName.split("/")) {
            parts.add(Slugs.slugify(segment));
        }
        return "/ws/" + String.join("/", parts);
    }
}
