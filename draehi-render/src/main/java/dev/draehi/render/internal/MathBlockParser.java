package dev.draehi.render.internal;

import dev.draehi.render.MathBlock;
import org.commonmark.node.Block;
import org.commonmark.parser.SourceLine;
import org.commonmark.parser.block.AbstractBlockParser;
import org.commonmark.parser.block.AbstractBlockParserFactory;
import org.commonmark.parser.block.BlockContinue;
import org.commonmark.parser.block.BlockStart;
import org.commonmark.parser.block.MatchedBlockParser;
import org.commonmark.parser.block.ParserState;

/** {@code $$} on a line of its own, up to a line ending in {@code $$}; or {@code $$x$$} alone. */
public final class MathBlockParser extends AbstractBlockParser {
    private final StringBuilder tex = new StringBuilder();
    private final MathBlock block = new MathBlock("");
    private boolean closed;

    private MathBlockParser(String firstLine, boolean closed) {
        tex.append(firstLine);
        this.closed = closed;
    }

    @Override
    public Block getBlock() {
        return block;
    }

    @Override
    public BlockContinue tryContinue(ParserState state) {
        if (closed) {
            return BlockContinue.none();
        }
        CharSequence line = state.getLine().getContent();
        String rest = line.subSequence(state.getIndex(), line.length()).toString();
        String stripped = rest.stripTrailing();
        if (stripped.endsWith("$$")) {
            if (tex.length() > 0) {
                tex.append('\n');
            }
            tex.append(stripped, 0, stripped.length() - 2);
            closed = true;
            return BlockContinue.finished();
        }
        return BlockContinue.atIndex(state.getIndex());
    }

    @Override
    public void addLine(SourceLine line) {
        if (tex.length() > 0) {
            tex.append('\n');
        }
        tex.append(line.getContent());
    }

    @Override
    public void closeBlock() {
        block.setTex(tex.toString().strip());
    }

    /** Starts on a line that begins with {@code $$}. */
    public static final class Factory extends AbstractBlockParserFactory {
        @Override
        public BlockStart tryStart(ParserState state, MatchedBlockParser matchedBlockParser) {
            if (state.getIndent() >= 4) {
                return BlockStart.none();
            }
            CharSequence line = state.getLine().getContent();
            int i = state.getNextNonSpaceIndex();
            String rest = line.subSequence(i, line.length()).toString().strip();
            if (!rest.startsWith("$$")) {
                return BlockStart.none();
            }
            if (rest.equals("$$")) {
                return BlockStart.of(new MathBlockParser("", false)).atIndex(line.length());
            }
            if (rest.length() > 4
                    && rest.endsWith("$$")
                    && rest.indexOf("$$", 2) == rest.length() - 2) {
                return BlockStart.of(
                                new MathBlockParser(rest.substring(2, rest.length() - 2), true))
                        .atIndex(line.length());
            }
            return BlockStart.none();
        }
    }
}
