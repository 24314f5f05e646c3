package dev.draehi.examples;

import dev.draehi.render.HtmlPageRenderer;
import dev.draehi.render.node.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Restyles one Logseq construct: tags become coloured chips. A user node renderer runs before the
 * built-in ones, so it wins for the node types it names; everything else renders as usual.
 *
 * <pre>{@code
 * PageRenderer renderer = CustomRendererExample.chipRenderer();
 * Publisher.builder().renderer(renderer)...
 * }</pre>
 */
public final class CustomRendererExample {
    private CustomRendererExample() {}

    /** The HTML page renderer with tags as chips. */
    public static HtmlPageRenderer chipRenderer() {
        return HtmlPageRenderer.builder().nodeRendererFactory(ChipTagRenderer::new).build();
    }

    /** Renders a {@link Tag} as {@code <a class="chip chip-N">}, N one of eight colours. */
    static final class ChipTagRenderer implements NodeRenderer {
        private final HtmlWriter html;

        ChipTagRenderer(HtmlNodeRendererContext context) {
            this.html = context.getWriter();
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Tag.class);
        }

        @Override
        public void render(Node node) {
            Tag tag = (Tag) node;
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("class", "chip chip-" + Math.floorMod(tag.getName().hashCode(), 8));
            if (tag.getUrl() != null) {
                attrs.put("href", tag.getUrl());
            }
            html.tag(tag.getUrl() != null ? "a" : "span", attrs);
            html.text(tag.getName());
            html.tag(tag.getUrl() != null ? "/a" : "/span");
        }
    }
}
