package dev.draehi.sync.internal;

import dev.draehi.model.Block;
import dev.draehi.model.SyncWarning;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Logseq Markdown outlines: {@code - } bullets nested by relative indentation, continuation lines,
 * fenced code and {@code #+BEGIN_…} blocks kept whole, page properties from a pre-block, a
 * properties-only first block or YAML front matter. One pass over the lines.
 */
public final class MarkdownParser {
    private final String file;
    private final int maxDepth;

    /**
     * @param file the path relative to the graph root, for warnings
     * @param maxDepth deeper blocks are attached at this depth
     */
    public MarkdownParser(String file, int maxDepth) {
        this.file = file;
        this.maxDepth = maxDepth;
    }

    /** Parses the text of one file. */
    public ParsedFile parse(String text) {
        List<SyncWarning> warnings = new ArrayList<>();
        List<String> lines = SourceText.lines(text);
        Map<String, String> pageProps = new LinkedHashMap<>();
        int start = frontMatter(lines, pageProps);

        int lastBacktick = -1;
        int lastTilde = -1;
        int lastEnd = -1;
        for (int i = start; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (isFenceRun(t, '`')) {
                lastBacktick = i;
            } else if (isFenceRun(t, '~')) {
                lastTilde = i;
            } else if (t.regionMatches(true, 0, "#+END_", 0, 6)) {
                lastEnd = i;
            }
        }

        Outline outline = new Outline(maxDepth, file, warnings);
        List<String> pre = new ArrayList<>();
        int preStart = start + 1;
        boolean preFlushed = false;
        boolean preBlock = false;
        RawBlock cur = null;
        char fence = 0;
        int fenceLen = 0;
        boolean inBegin = false;
        boolean sawTab = false;
        boolean sawSpace = false;
        boolean warnedMix = false;

        for (int idx = start; idx < lines.size(); idx++) {
            String line = lines.get(idx);
            if (fence != 0 || inBegin) {
                if (cur == null) {
                    pre.add(line);
                } else {
                    cur.addContinuation(line);
                }
                String t = line.strip();
                if (fence != 0 && isFenceRun(t, fence) && runLength(t, fence) >= fenceLen) {
                    fence = 0;
                } else if (inBegin && t.regionMatches(true, 0, "#+END_", 0, 6)) {
                    inBegin = false;
                }
                continue;
            }
            int ws = 0;
            int len = line.length();
            while (ws < len && (line.charAt(ws) == ' ' || line.charAt(ws) == '\t')) {
                ws++;
            }
            boolean bullet =
                    ws < len
                            && line.charAt(ws) == '-'
                            && (ws + 1 == len
                                    || line.charAt(ws + 1) == ' '
                                    || line.charAt(ws + 1) == '\t');
            boolean heading = !bullet && ws == 0 && isAtxHeading(line);
            String added;
            if (bullet || heading) {
                if (!preFlushed) {
                    preBlock = flushPre(pre, preStart, pageProps, outline);
                    preFlushed = true;
                }
                if (bullet) {
                    for (int k = 0; k < ws; k++) {
                        if (line.charAt(k) == '\t') {
                            sawTab = true;
                        } else {
                            sawSpace = true;
                        }
                    }
                    if (sawTab && sawSpace && !warnedMix) {
                        warnedMix = true;
                        warnings.add(
                                new SyncWarning(
                                        file,
                                        idx + 1,
                                        "indentation mixes tabs and spaces; nesting may differ"
                                                + " from Logseq"));
                    }
                }
                cur = bullet ? new RawBlock(ws + 1, ws + 2, idx + 1) : new RawBlock(1, 2, idx + 1);
                added = bullet ? (ws + 2 <= len ? line.substring(ws + 2) : "") : line;
                cur.lines.add(added);
                outline.add(cur);
            } else if (cur == null) {
                pre.add(line);
                added = line;
            } else {
                added = cur.addContinuation(line);
            }
            String t = added.stripLeading();
            if (t.startsWith("```") && t.indexOf('`', runLength(t, '`')) < 0) {
                if (idx < lastBacktick) {
                    fence = '`';
                    fenceLen = runLength(t, '`');
                }
            } else if (t.startsWith("~~~")) {
                if (idx < lastTilde) {
                    fence = '~';
                    fenceLen = runLength(t, '~');
                }
            } else if (t.regionMatches(true, 0, "#+BEGIN_", 0, 8) && idx < lastEnd) {
                inBegin = true;
            }
        }
        if (!preFlushed) {
            preBlock = flushPre(pre, preStart, pageProps, outline);
        }

        List<RawBlock> roots = outline.roots();
        boolean removedFirst = false;
        if (pageProps.isEmpty() && !preBlock && !roots.isEmpty()) {
            RawBlock first = roots.get(0);
            boolean onlyProps = false;
            for (String l : first.lines) {
                if (l.isBlank()) {
                    continue;
                }
                onlyProps = Properties.parseLine(l) != null;
                if (!onlyProps) {
                    break;
                }
            }
            if (onlyProps) {
                for (String l : first.lines) {
                    Properties.Prop p = Properties.parseLine(l);
                    if (p != null) {
                        pageProps.put(p.key(), p.value());
                    }
                }
                if (first.children.isEmpty()) {
                    roots.remove(0);
                    removedFirst = true;
                }
            }
        }
        BlockBuilder builder = new BlockBuilder(Block.Format.MARKDOWN, file, warnings);
        List<Block> blocks = builder.build(roots);
        int count = outline.count() - (removedFirst ? 1 : 0);
        return new ParsedFile(Block.Format.MARKDOWN, pageProps, blocks, count, warnings);
    }

    /**
     * Consumes the property lines that open the page; anything else before the first bullet becomes
     * a top-level block. Returns true when such a block was made.
     */
    private static boolean flushPre(
            List<String> pre, int firstLine, Map<String, String> pageProps, Outline outline) {
        int k = 0;
        while (k < pre.size() && pre.get(k).isBlank()) {
            k++;
        }
        while (k < pre.size()) {
            Properties.Prop p = Properties.parseLine(pre.get(k));
            if (p == null) {
                break;
            }
            pageProps.put(p.key(), p.value());
            k++;
        }
        while (k < pre.size() && pre.get(k).isBlank()) {
            k++;
        }
        if (k >= pre.size()) {
            return false;
        }
        RawBlock b = new RawBlock(1, 0, firstLine + k);
        b.lines.addAll(pre.subList(k, pre.size()));
        outline.add(b);
        return true;
    }

    /** YAML front matter between {@code ---} lines; returns the first line after it. */
    private static int frontMatter(List<String> lines, Map<String, String> props) {
        if (lines.isEmpty() || !lines.get(0).strip().equals("---")) {
            return 0;
        }
        int close = -1;
        for (int i = 1; i < lines.size() && close < 0; i++) {
            if (lines.get(i).strip().equals("---")) {
                close = i;
            }
        }
        if (close < 0) {
            return 0;
        }
        String listKey = null;
        for (int i = 1; i < close; i++) {
            String line = lines.get(i);
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (listKey != null && t.startsWith("- ")) {
                String item = unquote(t.substring(2).strip());
                props.merge(listKey, item, (a, b) -> a.isEmpty() ? b : a + ", " + b);
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || Character.isWhitespace(line.charAt(0))) {
                continue;
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (value.startsWith("[") && value.endsWith("]") && !value.startsWith("[[")) {
                StringBuilder sb = new StringBuilder();
                for (String item : value.substring(1, value.length() - 1).split(",")) {
                    if (!item.isBlank()) {
                        sb.append(sb.length() == 0 ? "" : ", ").append(unquote(item.strip()));
                    }
                }
                value = sb.toString();
            } else {
                value = unquote(value);
            }
            props.put(key, value);
            listKey = value.isEmpty() ? key : null;
        }
        return close + 1;
    }

    private static String unquote(String v) {
        if (v.length() >= 2
                && ((v.startsWith("\"") && v.endsWith("\""))
                        || (v.startsWith("'") && v.endsWith("'")))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static boolean isAtxHeading(String line) {
        int h = 0;
        while (h < line.length() && line.charAt(h) == '#') {
            h++;
        }
        return h >= 1 && h <= 6 && (h == line.length() || line.charAt(h) == ' ');
    }

    /** A closing fence candidate: only a run of at least three fence characters. */
    private static boolean isFenceRun(String t, char c) {
        return t.length() >= 3 && runLength(t, c) == t.length();
    }

    private static int runLength(String t, char c) {
        int k = 0;
        while (k < t.length() && t.charAt(k) == c) {
            k++;
        }
        return k;
    }
}
