package dev.draehi.render.internal;

import dev.draehi.render.node.MathBlock;
import org.commonmark.node.Block;
import org.commonmark.parser.SourceLine;
import org.commonmark.parser.block.AbstractBlockParser;
import org.commonmark.parser.block.AbstractBlockParserFactory;
import org.commonmark.parser.block.BlockContinue;
import org.commonmark.parser.block.BlockStart;
import org.commonmark.parser.block.MatchedBlockParser;
import org.commonmark.parser.block.ParserState;

/**
 * Display math as Logseq delimits it: {@code $$} opening a line (alone or followed by TeX), up to a
 * line ending in {@code $$}; {@code $$x$$} alone; {@code \begin{env}} up to {@code \end{env}}.
 */
public final class MathBlockParser extends AbstractBlockParser {
    private final StringBuilder tex = new StringBuilder();
    private final MathBlock block = new MathBlock("");
    private boolean closed;

    /** What closes the block: {@code $$} at the end of a line, or {@code \end{env}}. */
    private final String closer;

    private MathBlockParser(String firstLine, boolean closed) {
        this(firstLine, closed, "$$");
    }

    private MathBlockParser(String firstLine, boolean closed, String closer) {
        tex.append(firstLine);
        this.closed = closed;
        this.closer = closer;
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
        if (!closer.equals("$$") && stripped.contains(closer)) {
            // the environment is the formula: \begin…\end stay in the TeX
            tex.append('\n').append(stripped.strip());
            closed = true;
            return BlockContinue.finished();
        }
        if (closer.equals("$$") && stripped.endsWith("$$")) {
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
            if (rest.startsWith("\\begin{") && rest.indexOf('}') > 7) {
                String env = rest.substring(7, rest.indexOf('}'));
                String end = "\\end{" + env + "}";
                return BlockStart.of(new MathBlockParser("", rest.contains(end), end)).atIndex(i);
            }
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
            if (rest.indexOf("$$", 2) < 0) {
                // `$$a = b` with `+ c$$` on a later line: one formula, as in Logseq
                return BlockStart.of(new MathBlockParser("", false)).atIndex(i + 2);
            }
            return BlockStart.none();
        }
    }
}
