package dev.draehi.sync.internal;

import java.util.ArrayList;
import java.util.List;

/** A block while its file is being read: its lines (de-indented) and children. */
final class RawBlock {
    /** mldoc's level: leading whitespace + 1 (Markdown), or the star count (Org). */
    final int level;

    /** How many leading characters continuation lines lose (when they are all whitespace). */
    final int strip;

    /** 1-based line of the block's first line. */
    final int line;

    final List<String> lines = new ArrayList<>();
    final List<RawBlock> children = new ArrayList<>();
    int depth;

    /** The level the outline compares later blocks with (graph-parser's level-spaces). */
    int nest;

    RawBlock(int level, int strip, int line) {
        this.level = level;
        this.strip = strip;
        this.line = line;
    }

    /** Adds a continuation line, removing the block's indentation. */
    String addContinuation(String raw) {
        String text = deindent(raw, strip);
        lines.add(text);
        return text;
    }

    /**
     * Logseq's {@code remove-indentation-spaces}: drop the first {@code n} characters when they are
     * all whitespace, else left-trim the line.
     */
    static String deindent(String line, int n) {
        int k = 0;
        int len = line.length();
        while (k < n && k < len && (line.charAt(k) == ' ' || line.charAt(k) == '\t')) {
            k++;
        }
        if (k == n || k == len) {
            return line.substring(k);
        }
        return line.stripLeading();
    }
}
