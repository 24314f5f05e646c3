package dev.draehi.sync.internal;

import dev.draehi.model.Block;
import dev.draehi.model.SyncWarning;
import java.util.ArrayList;
import java.util.HashMap;
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
    private final dev.draehi.model.PropertyRules rules;

    /**
     * @param file the path relative to the graph root, for warnings
     * @param maxDepth deeper blocks are attached at this depth
     */
    public MarkdownParser(String file, int maxDepth) {
        this(file, maxDepth, dev.draehi.model.PropertyRules.DEFAULTS);
    }

    /** A parser that reads properties by the graph's {@code rules}. */
    public MarkdownParser(String file, int maxDepth, dev.draehi.model.PropertyRules rules) {
        this.file = file;
        this.maxDepth = maxDepth;
        this.rules = rules;
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
        int lastDollars = -1;
        Map<String, Integer> lastHtmlClose = new HashMap<>();
        for (int i = start; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (dollars(t) > 0) {
                lastDollars = i;
            }
            for (int c = t.indexOf("</"); c >= 0; c = t.indexOf("</", c + 2)) {
                String name = htmlName(t, c + 2);
                if (name != null) {
                    lastHtmlClose.put(name, i);
                }
            }
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
        RawBlock cur = null;
        char fence = 0;
        int fenceLen = 0;
        boolean inBegin = false;
        boolean inMath = false;
        String htmlClose = null;
        boolean sawTab = false;
        boolean sawSpace = false;
        boolean warnedMix = false;

        for (int idx = start; idx < lines.size(); idx++) {
            String line = lines.get(idx);
            if (fence != 0 || inBegin || inMath || htmlClose != null) {
                // fenced code, #+BEGIN blocks, display math and raw HTML are never cut into blocks
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
                } else if (inMath && dollars(t) % 2 == 1) {
                    inMath = false;
                } else if (htmlClose != null
                        && t.toLowerCase(Locale.ROOT).contains("</" + htmlClose)) {
                    htmlClose = null;
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
                    flushPre(pre, preStart, pageProps, outline, warnings);
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
            } else if (dollars(t) % 2 == 1 && idx < lastDollars) {
                inMath = true;
            } else if (t.startsWith("<")) {
                String name = htmlName(t, 1);
                if (name != null
                        && !t.toLowerCase(Locale.ROOT).contains("</" + name)
                        && lastHtmlClose.getOrDefault(name, -1) > idx) {
                    htmlClose = name;
                }
            }
        }
        if (!preFlushed) {
            flushPre(pre, preStart, pageProps, outline, warnings);
        }

        // A first bullet of only properties is an ordinary block: graph-parser takes page
        // properties from a leading properties node only, never from a bullet.
        List<RawBlock> roots = outline.roots();
        BlockBuilder builder = new BlockBuilder(Block.Format.MARKDOWN, file, warnings, rules);
        List<Block> blocks = builder.build(roots);
        int count = outline.count();
        return new ParsedFile(Block.Format.MARKDOWN, pageProps, blocks, count, warnings);
    }

    /**
     * Consumes the property lines that open the page; anything else before the first bullet becomes
     * a top-level block. Only the first group of property lines is the page's: mldoc makes a group
     * after a blank line a second properties node, which graph-parser drops, so a pre-block of
     * nothing but such groups shows nothing.
     */
    private void flushPre(
            List<String> pre,
            int firstLine,
            Map<String, String> pageProps,
            Outline outline,
            List<SyncWarning> warnings) {
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
        int rest = k;
        while (rest < pre.size()
                && (pre.get(rest).isBlank() || Properties.parseLine(pre.get(rest)) != null)) {
            rest++;
        }
        if (rest >= pre.size()) {
            if (pre.subList(k, rest).stream().anyMatch(l -> Properties.parseLine(l) != null)) {
                warnings.add(
                        new SyncWarning(
                                file,
                                firstLine + k,
                                "page properties after a blank line are ignored, as Logseq"
                                        + " ignores them"));
            }
            return;
        }
        while (k < pre.size() && pre.get(k).isBlank()) {
            k++;
        }
        RawBlock b = new RawBlock(1, 0, firstLine + k);
        b.lines.addAll(pre.subList(k, pre.size()));
        outline.add(b);
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

    /** How many {@code $$} the line holds outside inline code. */
    private static int dollars(String s) {
        int n = 0;
        boolean code = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '`') {
                code = !code;
            } else if (!code && c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '$') {
                n++;
                i++;
            }
        }
        return n;
    }

    /**
     * The lower-cased name of the HTML element whose name starts at {@code at}, when a {@code >}, a
     * space or the end of the line follows it; else null.
     */
    private static String htmlName(String t, int at) {
        int k = at;
        while (k < t.length() && k - at < 16 && Character.isLetter(t.charAt(k))) {
            k++;
        }
        if (k == at || (k < t.length() && t.charAt(k) != '>' && t.charAt(k) != ' ')) {
            return null;
        }
        return t.substring(at, k).toLowerCase(Locale.ROOT);
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
