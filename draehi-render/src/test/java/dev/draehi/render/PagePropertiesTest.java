package dev.draehi.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Block;
import dev.draehi.model.Graph;
import dev.draehi.model.GraphConfig;
import dev.draehi.model.Page;
import dev.draehi.model.Workspace;
import dev.draehi.spi.LinkResolver;
import dev.draehi.spi.RenderContext;
import dev.draehi.spi.RenderedPage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PagePropertiesTest {
    @Test
    void pagePropertiesRenderWithRefsResolvedAndBuiltInsHidden() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("type", "[[Property]]");
        props.put("domainincludes", "[[Whiteboard/Object]] [[Tool]]");
        props.put("title", "Supports");
        props.put("public", "true");
        Page page =
                new Page(
                        "supports",
                        "pages/supports.md",
                        null,
                        null,
                        true,
                        props,
                        List.of(),
                        List.of(),
                        List.of(Block.of("body")));
        Page property = Page.generated("Property");
        Graph graph =
                new Graph("c", GraphConfig.DEFAULTS, List.of(page, property), Map.of(), List.of());
        Instant now = Instant.now();
        Workspace ws = new Workspace(1, 1, "docs", "Docs", null, 5, now, now);
        LinkResolver links =
                new LinkResolver() {
                    @Override
                    public Optional<String> pageUrl(String name) {
                        return graph.page(name).map(p -> "/docs/" + p.name().toLowerCase());
                    }

                    @Override
                    public Optional<String> blockUrl(String id) {
                        return Optional.empty();
                    }

                    @Override
                    public Optional<String> assetUrl(String path) {
                        return Optional.empty();
                    }
                };

        RenderedPage r =
                HtmlPageRenderer.create().render(page, new RenderContext(graph, ws, links));

        assertThat(r.propertiesHtml())
                .contains("data-page=\"Property\"")
                .contains("href=\"/docs/property\"")
                .contains("Whiteboard/Object")
                .doesNotContain("[[")
                .doesNotContain("Supports");
        assertThat(r.blockHtml()).hasSize(1);
    }
}
