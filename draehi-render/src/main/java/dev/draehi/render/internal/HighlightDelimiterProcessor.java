package dev.draehi.render.internal;

import dev.draehi.render.node.Highlight;
import org.commonmark.node.Node;
import org.commonmark.node.Nodes;
import org.commonmark.node.SourceSpans;
import org.commonmark.node.Text;
import org.commonmark.parser.delimiter.DelimiterProcessor;
import org.commonmark.parser.delimiter.DelimiterRun;

/** {@code ==x==} and {@code ^^x^^}: exactly two delimiters on each side. */
public final class HighlightDelimiterProcessor implements DelimiterProcessor {
    private final char delimiter;

    public HighlightDelimiterProcessor(char delimiter) {
        this.delimiter = delimiter;
    }

    @Override
    public char getOpeningCharacter() {
        return delimiter;
    }

    @Override
    public char getClosingCharacter() {
        return delimiter;
    }

    @Override
    public int getMinLength() {
        return 2;
    }

    @Override
    public int process(DelimiterRun openingRun, DelimiterRun closingRun) {
        if (openingRun.length() < 2 || closingRun.length() < 2) {
            return 0;
        }
        Text opener = openingRun.getOpener();
        Highlight highlight = new Highlight();
        SourceSpans spans = new SourceSpans();
        spans.addAllFrom(openingRun.getOpeners(2));
        for (Node node : Nodes.between(opener, closingRun.getCloser())) {
            highlight.appendChild(node);
            spans.addAll(node.getSourceSpans());
        }
        spans.addAllFrom(closingRun.getClosers(2));
        highlight.setSourceSpans(spans.getSourceSpans());
        opener.insertAfter(highlight);
        return 2;
    }
}
