package dev.draehi.render.internal;

import dev.draehi.model.Block;
import dev.draehi.render.node.FootnoteLink;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.commonmark.ext.footnotes.FootnoteDefinition;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.parser.InlineParserContext;
import org.commonmark.parser.beta.LinkInfo;
import org.commonmark.parser.beta.LinkProcessor;
import org.commonmark.parser.beta.LinkResult;
import org.commonmark.parser.beta.Scanner;

/**
 * {@code [^label]} whose definition is not in the same block becomes a {@link FootnoteLink}: Logseq
 * reads a footnote reference wherever its definition is (commonmark's footnotes extension only
 * within one document, which for draehi is one block).
 */
public final class FootnoteLinkProcessor implements LinkProcessor {
    @Override
    public LinkResult process(LinkInfo info, Scanner scanner, InlineParserContext context) {
        String text = info.text();
        if (info.destination() != null || !text.startsWith("^") || !isLabel(text, 1)) {
            return LinkResult.none();
        }
        if (info.label() != null
                && context.getDefinition(LinkReferenceDefinition.class, info.label()) != null) {
            return LinkResult.none();
        }
        String label = text.substring(1);
        if (context.getDefinition(FootnoteDefinition.class, label) != null) {
            return LinkResult.none(); // commonmark's footnotes render it, with its definition
        }
        return LinkResult.replaceWith(new FootnoteLink(label), info.afterTextBracket());
    }

    /** Footnote labels match as commonmark matches them, regardless of case. */
    static String key(String label) {
        return label.toLowerCase(Locale.ROOT).toUpperCase(Locale.ROOT);
    }

    /**
     * The labels that {@code blocks} define (lines {@code [^label]: …}), as written, by {@link
     * #key}; the first definition of a label wins, as commonmark's does.
     */
    static Map<String, String> defined(List<Block> blocks) {
        Map<String, String> out = new HashMap<>();
        for (Block b : blocks) {
            String content = b.content();
            if (!content.contains("[^")) {
                continue;
            }
            for (String line : content.split("\n")) {
                String t = line.stripLeading();
                int close = t.indexOf("]:");
                if (t.startsWith("[^") && close > 2 && isLabel(t.substring(0, close), 2)) {
                    out.putIfAbsent(key(t.substring(2, close)), t.substring(2, close));
                }
            }
        }
        return out;
    }

    /** A footnote label: not empty, no whitespace, brackets or {@code ^}. */
    private static boolean isLabel(String text, int from) {
        if (from >= text.length()) {
            return false;
        }
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '[' || c == ']' || c == '^') {
                return false;
            }
        }
        return true;
    }
}
