package dev.draehi.render.internal;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.internal.InlineParserImpl;
import org.commonmark.node.Node;
import org.commonmark.parser.InlineParser;
import org.commonmark.parser.InlineParserContext;
import org.commonmark.parser.InlineParserFactory;
import org.commonmark.parser.SourceLine;
import org.commonmark.parser.SourceLines;

/**
 * commonmark's own inline parser, run on text marked by {@link InlineMarker}. Only inline content
 * (paragraphs, headings, table cells) passes through here, so code blocks are never touched.
 */
public final class MarkingInlineParser implements InlineParser {
    private final InlineParser delegate;

    private MarkingInlineParser(InlineParser delegate) {
        this.delegate = delegate;
    }

    @Override
    public void parse(SourceLines lines, Node block) {
        String content = lines.getContent();
        String marked = InlineMarker.mark(content);
        if (marked.equals(content)) {
            delegate.parse(lines, block);
            return;
        }
        List<SourceLine> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= marked.length(); i++) {
            if (i == marked.length() || marked.charAt(i) == '\n') {
                out.add(SourceLine.of(marked.substring(from, i), null));
                from = i + 1;
            }
        }
        delegate.parse(SourceLines.of(out), block);
    }

    /** The factory handed to {@code Parser.Builder.inlineParserFactory}. */
    public static final class Factory implements InlineParserFactory {
        @Override
        public InlineParser create(InlineParserContext context) {
            return new MarkingInlineParser(new InlineParserImpl(context));
        }
    }
}
