package dev.draehi.render;

import dev.draehi.render.internal.FootnoteLinkProcessor;
import dev.draehi.render.internal.HighlightDelimiterProcessor;
import dev.draehi.render.internal.LogseqNodeRenderer;
import dev.draehi.render.internal.LogseqPostProcessor;
import dev.draehi.render.internal.MarkingInlineParser;
import dev.draehi.render.internal.MathBlockParser;
import dev.draehi.render.internal.OrgBlockParser;
import dev.draehi.render.internal.SentinelInlineParser;
import org.commonmark.Extension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Logseq syntax for commonmark-java: page references, tags, block references, embeds, macros,
 * queries, org blocks, highlights, math and footnotes that stand apart from their references, as
 * the public node types of {@code dev.draehi.render.node}.
 *
 * <pre>{@code
 * List<Extension> extensions = List.of(LogseqExtension.create());
 * Parser parser = Parser.builder().extensions(extensions).build();
 * HtmlRenderer renderer = HtmlRenderer.builder().extensions(extensions).build();
 * }</pre>
 *
 * <p>The parser alone leaves references unresolved: {@link HtmlPageRenderer} resolves them against
 * the graph and the {@code LinkResolver} before rendering. Unresolved references render as plain
 * text.
 *
 * <p>Note: it installs an inline parser factory, so it cannot be combined with another extension
 * that replaces the inline parser.
 */
public final class LogseqExtension
        implements Parser.ParserExtension, HtmlRenderer.HtmlRendererExtension {

    private LogseqExtension(Builder builder) {}

    /** The extension with its defaults. */
    public static Extension create() {
        return builder().build();
    }

    /** A builder (no options yet; here so that options can be added compatibly). */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void extend(Parser.Builder parserBuilder) {
        parserBuilder
                .inlineParserFactory(new MarkingInlineParser.Factory())
                .customInlineContentParserFactory(new SentinelInlineParser.Factory())
                .customDelimiterProcessor(new HighlightDelimiterProcessor('='))
                .customDelimiterProcessor(new HighlightDelimiterProcessor('^'))
                .customBlockParserFactory(new OrgBlockParser.Factory())
                .customBlockParserFactory(new MathBlockParser.Factory())
                .linkProcessor(new FootnoteLinkProcessor())
                .postProcessor(new LogseqPostProcessor());
    }

    @Override
    public void extend(HtmlRenderer.Builder rendererBuilder) {
        rendererBuilder.nodeRendererFactory(LogseqNodeRenderer::new);
    }

    /** Builds a {@link LogseqExtension}. */
    public static final class Builder {
        private Builder() {}

        /** The extension. */
        public Extension build() {
            return new LogseqExtension(this);
        }
    }
}
