package dev.draehi.render;

import dev.draehi.model.Block;
import dev.draehi.model.Page;
import dev.draehi.render.internal.HtmlPolicy;
import dev.draehi.render.internal.RenderEngine;
import dev.draehi.spi.LinkResolver;
import dev.draehi.spi.PageRenderer;
import dev.draehi.spi.RenderContext;
import dev.draehi.spi.RenderedPage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.footnotes.FootnotesExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.AttributeProviderFactory;
import org.commonmark.renderer.html.HtmlNodeRendererFactory;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders Logseq blocks to safe HTML with commonmark-java and {@link LogseqExtension}: one HTML
 * string per block of {@link Page#flatBlocks()}, each the block's own content (its children are
 * nested by the page assembly), with task marker, priority, planning badges and visible properties.
 *
 * <pre>{@code
 * PageRenderer renderer = HtmlPageRenderer.builder()
 *         .nodeRendererFactory(MyTagRenderer::new)   // restyle any node; runs before the built-ins
 *         .build();
 * RenderedPage html = renderer.render(page, new RenderContext(graph, workspace, links));
 * }</pre>
 *
 * <p>Immutable and thread-safe. Every block's final HTML passes through one OWASP allow-list that
 * admits exactly the markup draehi emits, so nothing from the graph can run as script.
 */
public final class HtmlPageRenderer implements PageRenderer {
    private final LinkResolver linkResolver;
    private final RenderEngine engine;

    private HtmlPageRenderer(Builder builder) {
        this.linkResolver = builder.linkResolver;
        List<Extension> extensions = new ArrayList<>();
        extensions.add(LogseqExtension.create());
        extensions.add(TablesExtension.create());
        extensions.add(StrikethroughExtension.create());
        extensions.add(AutolinkExtension.create());
        extensions.add(FootnotesExtension.create());
        extensions.addAll(builder.extensions);
        Parser parser = Parser.builder().extensions(extensions).maxOpenBlockParsers(64).build();
        HtmlRenderer.Builder rb = HtmlRenderer.builder();
        for (HtmlNodeRendererFactory f : builder.nodeRendererFactories) {
            rb.nodeRendererFactory(f);
        }
        for (AttributeProviderFactory f : builder.attributeProviderFactories) {
            rb.attributeProviderFactory(f);
        }
        HtmlRenderer renderer =
                rb.extensions(extensions)
                        .escapeHtml(false)
                        .sanitizeUrls(true)
                        .urlSanitizer(HtmlPolicy.URLS)
                        .percentEncodeUrls(true)
                        .attributeProviderFactory(
                                c -> dev.draehi.render.internal.ImageAttributeProvider.INSTANCE)
                        .build();
        this.engine = new RenderEngine(parser, renderer, builder.clock);
    }

    /** A renderer with the defaults. */
    public static HtmlPageRenderer create() {
        return builder().build();
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public RenderedPage render(Page page, RenderContext context) {
        Objects.requireNonNull(page, "page");
        Objects.requireNonNull(context, "context");
        RenderContext c = linking(context);
        return engine.render(page, c, c.links());
    }

    /** The HTML of one block of {@code page}: its own content, as in {@link #render}. */
    public String renderBlock(Block block, Page page, RenderContext context) {
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(page, "page");
        Objects.requireNonNull(context, "context");
        RenderContext c = linking(context);
        return engine.renderBlock(block, page, c, c.links());
    }

    /** The context, with this renderer's resolver if it has one: its lookups are recorded too. */
    private RenderContext linking(RenderContext context) {
        return linkResolver != null ? context.withLinks(linkResolver) : context;
    }

    /** Builds an {@link HtmlPageRenderer}. */
    public static final class Builder {
        private LinkResolver linkResolver;
        private final List<Extension> extensions = new ArrayList<>();
        private final List<HtmlNodeRendererFactory> nodeRendererFactories = new ArrayList<>();
        private final List<AttributeProviderFactory> attributeProviderFactories = new ArrayList<>();
        private Clock clock = Clock.systemDefaultZone();

        private Builder() {}

        /**
         * The clock that says what day it is for advanced queries ({@code :today}, {@code :-7d} …),
         * in its zone. Default: the system clock in the default time zone.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Resolves links with {@code resolver} instead of the one in each {@link RenderContext}.
         * Default: the context's.
         */
        public Builder linkResolver(LinkResolver resolver) {
            this.linkResolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * Adds commonmark extensions, after the built-in ones (Logseq, GFM tables, strikethrough,
         * autolink, footnotes). Default: none.
         */
        public Builder extensions(List<? extends Extension> extensions) {
            Objects.requireNonNull(extensions, "extensions");
            for (Extension e : extensions) {
                this.extensions.add(Objects.requireNonNull(e, "extension"));
            }
            return this;
        }

        /**
         * Adds a node renderer factory. User factories run before the built-in ones, so they may
         * render any node, Logseq nodes included. Default: none.
         */
        public Builder nodeRendererFactory(HtmlNodeRendererFactory factory) {
            nodeRendererFactories.add(Objects.requireNonNull(factory, "factory"));
            return this;
        }

        /** Adds an attribute provider factory. Default: none. */
        public Builder attributeProviderFactory(AttributeProviderFactory factory) {
            attributeProviderFactories.add(Objects.requireNonNull(factory, "factory"));
            return this;
        }

        /** The renderer. */
        public HtmlPageRenderer build() {
            return new HtmlPageRenderer(this);
        }
    }
}
