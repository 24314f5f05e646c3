package dev.draehi.render.internal;

import dev.draehi.render.node.Admonition;
import dev.draehi.render.node.AdvancedQuery;
import dev.draehi.render.node.HiddenBlock;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.Block;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.parser.SourceLine;
import org.commonmark.parser.block.AbstractBlockParser;
import org.commonmark.parser.block.AbstractBlockParserFactory;
import org.commonmark.parser.block.BlockContinue;
import org.commonmark.parser.block.BlockStart;
import org.commonmark.parser.block.MatchedBlockParser;
import org.commonmark.parser.block.ParserState;

/**
 * {@code #+BEGIN_X … #+END_X}. Verbatim types (SRC, EXAMPLE, QUERY, COMMENT, EXPORT …) keep their
 * lines as they are; the others hold Markdown.
 */
public final class OrgBlockParser extends AbstractBlockParser {
    private static final Pattern BEGIN =
            Pattern.compile("(?i)#\\+begin_([a-z0-9_-]+)(?:[ \\t]+(.*))?[ \\t]*");
    private static final Set<String> VERBATIM =
            Set.of("src", "example", "query", "comment", "export", "verse", "html", "latex");

    private final String type;
    private final String parameters;
    private final Block block;
    private final StringBuilder literal;

    /**
     * True when a {@code #+BEGIN_type} block keeps its lines as written (code, examples, queries,
     * raw exports); {@code type} lower-cased.
     */
    static boolean isVerbatim(String type) {
        return VERBATIM.contains(type);
    }

    private OrgBlockParser(String type, String parameters) {
        this.type = type;
        this.parameters = parameters == null ? "" : parameters.strip();
        if (VERBATIM.contains(type)) {
            literal = new StringBuilder();
            block = null;
        } else {
            literal = null;
            block = type.equals("quote") ? new BlockQuote() : new Admonition(type);
        }
    }

    private Block verbatimBlock;

    @Override
    public Block getBlock() {
        if (block != null) {
            return block;
        }
        if (verbatimBlock == null) {
            verbatimBlock = makeVerbatim();
        }
        return verbatimBlock;
    }

    private Block makeVerbatim() {
        switch (type) {
            case "query":
                return new AdvancedQuery("");
            case "comment":
            case "export":
            case "html":
            case "latex":
                return new HiddenBlock();
            default:
                FencedCodeBlock code = new FencedCodeBlock();
                code.setFenceCharacter("`");
                code.setOpeningFenceLength(3);
                code.setInfo(type.equals("src") ? parameters.split("\\s+")[0] : "");
                return code;
        }
    }

    @Override
    public boolean isContainer() {
        return block != null;
    }

    @Override
    public boolean canContain(Block childBlock) {
        return block != null;
    }

    @Override
    public BlockContinue tryContinue(ParserState state) {
        CharSequence line = state.getLine().getContent();
        String rest = line.subSequence(state.getNextNonSpaceIndex(), line.length()).toString();
        if (rest.strip().equalsIgnoreCase("#+end_" + type)) {
            return BlockContinue.finished();
        }
        return BlockContinue.atIndex(state.getIndex());
    }

    private boolean firstLine = true;

    @Override
    public void addLine(SourceLine line) {
        if (firstLine) {
            // the remainder of the #+BEGIN line, already consumed
            firstLine = false;
            if (line.getContent().length() == 0) {
                return;
            }
        }
        if (literal != null) {
            literal.append(line.getContent()).append('\n');
        }
    }

    @Override
    public void closeBlock() {
        if (literal == null) {
            return;
        }
        Block b = getBlock();
        String text = literal.toString();
        if (b instanceof FencedCodeBlock) {
            ((FencedCodeBlock) b).setLiteral(text);
        } else if (b instanceof AdvancedQuery) {
            ((AdvancedQuery) b).setLiteral(text);
        }
    }

    /** Starts on {@code #+BEGIN_X}, any case, at any indentation. */
    public static final class Factory extends AbstractBlockParserFactory {
        @Override
        public BlockStart tryStart(ParserState state, MatchedBlockParser matchedBlockParser) {
            CharSequence line = state.getLine().getContent();
            int nonSpace = state.getNextNonSpaceIndex();
            if (nonSpace + 8 > line.length() || line.charAt(nonSpace) != '#') {
                return BlockStart.none();
            }
            Matcher m = BEGIN.matcher(line.subSequence(nonSpace, line.length()));
            if (!m.matches()) {
                return BlockStart.none();
            }
            String type = m.group(1).toLowerCase(Locale.ROOT);
            return BlockStart.of(new OrgBlockParser(type, m.group(2))).atIndex(line.length());
        }
    }
}
