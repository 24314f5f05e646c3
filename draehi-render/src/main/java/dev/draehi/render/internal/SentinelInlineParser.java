package dev.draehi.render.internal;

import dev.draehi.render.node.BlockRef;
import dev.draehi.render.node.Embed;
import dev.draehi.render.node.Macro;
import dev.draehi.render.node.MathInline;
import dev.draehi.render.node.PageRef;
import dev.draehi.render.node.Query;
import dev.draehi.render.node.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.beta.InlineContentParser;
import org.commonmark.parser.beta.InlineContentParserFactory;
import org.commonmark.parser.beta.InlineParserState;
import org.commonmark.parser.beta.ParsedInline;
import org.commonmark.parser.beta.Position;
import org.commonmark.parser.beta.Scanner;

/** Turns the marks of {@link InlineMarker} into Logseq nodes. */
public final class SentinelInlineParser implements InlineContentParser {

    @Override
    public ParsedInline tryParse(InlineParserState state) {
        Scanner scanner = state.scanner();
        scanner.next();
        char kind = scanner.peek();
        scanner.next();
        Position start = scanner.position();
        if (scanner.find(InlineMarker.END) < 0) {
            return ParsedInline.none();
        }
        String payload = scanner.getSource(start, scanner.position()).getContent();
        scanner.next();
        Node node = node(kind, payload);
        if (node instanceof org.commonmark.node.Block) {
            node = new BlockPlaceholder((org.commonmark.node.Block) node);
        }
        return ParsedInline.of(node, scanner.position());
    }

    static Node node(char kind, String payload) {
        switch (kind) {
            case InlineMarker.PAGE:
                return new PageRef(payload.strip());
            case InlineMarker.TAG:
                return new Tag(payload.strip());
            case InlineMarker.BLOCK:
                return new BlockRef(payload.toLowerCase(Locale.ROOT), false);
            case InlineMarker.MACRO:
                return macro(payload);
            case InlineMarker.MATH:
                return new MathInline(payload, false);
            case InlineMarker.MATH_DISPLAY:
                return new MathInline(payload, true);
            case InlineMarker.ATTRIBUTES:
                return new ImageAttributes(payload);
            default:
                return new Text(payload);
        }
    }

    /** {@code name rest}: embed and query become their own nodes, the rest a {@link Macro}. */
    static Node macro(String payload) {
        String body = payload.strip();
        int sp = 0;
        while (sp < body.length() && !Character.isWhitespace(body.charAt(sp))) {
            sp++;
        }
        String name = body.substring(0, sp).toLowerCase(Locale.ROOT);
        String rest = body.substring(sp).strip();
        if (name.equals("embed")) {
            if (rest.startsWith("[[") && rest.endsWith("]]") && rest.length() > 4) {
                return new Embed(rest.substring(2, rest.length() - 2).strip(), false);
            }
            if (rest.startsWith("((") && rest.endsWith("))")) {
                String id = rest.substring(2, rest.length() - 2).strip();
                if (InlineMarker.isUuid(id)) {
                    return new Embed(id.toLowerCase(Locale.ROOT), true);
                }
            }
        }
        if (name.equals("query")) {
            return new Query(rest);
        }
        if (name.equals("cards")) {
            // Flashcards: the blocks tagged #card that match the query, listed like a query.
            return new Query(rest.isEmpty() ? "[[card]]" : "(and [[card]] " + rest + ")");
        }
        if (name.equals("namespace")) {
            String root = rest;
            if (root.startsWith("[[") && root.endsWith("]]") && root.length() > 4) {
                root = root.substring(2, root.length() - 2);
            }
            return new dev.draehi.render.node.Namespace(root.strip());
        }
        return new Macro(name, splitArguments(rest));
    }

    /** Splits on commas outside brackets, parentheses and quotes, as Logseq does. */
    static List<String> splitArguments(String rest) {
        List<String> args = new ArrayList<>();
        if (rest.isEmpty()) {
            return args;
        }
        int depth = 0;
        boolean quoted = false;
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '[' || c == '(' || c == '{')) {
                depth++;
            } else if (!quoted && (c == ']' || c == ')' || c == '}')) {
                depth = Math.max(0, depth - 1);
            } else if (!quoted && depth == 0 && c == ',') {
                args.add(cur.toString().strip());
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        args.add(cur.toString().strip());
        return args;
    }

    /** The factory, triggered by the mark's start character. */
    public static final class Factory implements InlineContentParserFactory {
        @Override
        public Set<Character> getTriggerCharacters() {
            return Set.of(InlineMarker.START);
        }

        @Override
        public InlineContentParser create() {
            return new SentinelInlineParser();
        }
    }
}
