package dev.draehi.sync.internal;

import dev.draehi.model.Block;
import dev.draehi.model.SyncWarning;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Org-mode pages: headlines are blocks (level from the stars), {@code #+title:} and a leading
 * {@code :PROPERTIES:} drawer are page properties, content stays in Org syntax.
 */
public final class OrgParser {
    private final String file;
    private final int maxDepth;
    private final dev.draehi.model.PropertyRules rules;

    /**
     * @param file the path relative to the graph root, for warnings
     * @param maxDepth deeper blocks are attached at this depth
     */
    public OrgParser(String file, int maxDepth) {
        this(file, maxDepth, dev.draehi.model.PropertyRules.DEFAULTS);
    }

    /** A parser that reads properties by the graph's {@code rules}. */
    public OrgParser(String file, int maxDepth, dev.draehi.model.PropertyRules rules) {
        this.file = file;
        this.maxDepth = maxDepth;
        this.rules = rules;
    }

    /** Parses the text of one file. */
    public ParsedFile parse(String text) {
        List<SyncWarning> warnings = new ArrayList<>();
        List<String> lines = SourceText.lines(text);
        int lastEnd = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().regionMatches(true, 0, "#+END_", 0, 6)) {
                lastEnd = i;
            }
        }
        Outline outline = new Outline(maxDepth, file, warnings);
        Map<String, String> pageProps = new LinkedHashMap<>();
        List<String> pre = new ArrayList<>();
        RawBlock cur = null;
        boolean inBegin = false;
        for (int idx = 0; idx < lines.size(); idx++) {
            String line = lines.get(idx);
            if (inBegin) {
                if (cur == null) {
                    pre.add(line);
                } else {
                    cur.addContinuation(line);
                }
                if (line.strip().regionMatches(true, 0, "#+END_", 0, 6)) {
                    inBegin = false;
                }
                continue;
            }
            int stars = 0;
            while (stars < line.length() && line.charAt(stars) == '*') {
                stars++;
            }
            String added;
            if (stars > 0
                    && (stars == line.length()
                            || line.charAt(stars) == ' '
                            || line.charAt(stars) == '\t')) {
                if (cur == null) {
                    flushPre(pre, pageProps, outline);
                }
                cur = new RawBlock(stars, stars + 1, idx + 1);
                added = stars + 1 <= line.length() ? line.substring(stars + 1) : "";
                if (directive(added, pageProps)) {
                    // `* #+title: X`: mldoc reads a directive there, and Logseq collects every
                    // directive of the file into the page properties
                    added = "";
                }
                cur.lines.add(added);
                outline.add(cur);
            } else if (cur == null) {
                pre.add(line);
                added = line;
            } else if (directive(line, pageProps)) {
                continue;
            } else {
                added = cur.addContinuation(line);
            }
            if (added.strip().regionMatches(true, 0, "#+BEGIN_", 0, 8) && idx < lastEnd) {
                inBegin = true;
            }
        }
        if (cur == null) {
            flushPre(pre, pageProps, outline);
        }
        BlockBuilder builder = new BlockBuilder(Block.Format.ORG, file, warnings, rules);
        List<Block> blocks = builder.build(outline.roots());
        return new ParsedFile(Block.Format.ORG, pageProps, blocks, outline.count(), warnings);
    }

    /**
     * True when {@code line} is a directive {@code #+key: value} (not {@code #+BEGIN_…} or {@code
     * #+END_…}); it is added to {@code pageProps} unless the key is there already.
     */
    private static boolean directive(String line, Map<String, String> pageProps) {
        String t = line.strip();
        if (!t.startsWith("#+")
                || t.regionMatches(true, 0, "#+BEGIN_", 0, 8)
                || t.regionMatches(true, 0, "#+END_", 0, 6)) {
            return false;
        }
        int colon = t.indexOf(':');
        if (colon <= 2 || t.substring(2, colon).chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        pageProps.putIfAbsent(
                t.substring(2, colon).toLowerCase(Locale.ROOT), t.substring(colon + 1).strip());
        return true;
    }

    /** {@code #+key: value} lines and a {@code :PROPERTIES:} drawer before the first headline. */
    private static void flushPre(List<String> pre, Map<String, String> pageProps, Outline outline) {
        List<String> rest = new ArrayList<>();
        int firstRest = -1;
        boolean inDrawer = false;
        for (int k = 0; k < pre.size(); k++) {
            String line = pre.get(k);
            String t = line.strip();
            if (inDrawer) {
                if (t.equalsIgnoreCase(":END:")) {
                    inDrawer = false;
                } else {
                    Properties.Prop p = Properties.parseDrawerLine(t);
                    if (p != null) {
                        pageProps.put(p.key(), p.value());
                    }
                }
                continue;
            }
            if (rest.isEmpty() && t.equalsIgnoreCase(":PROPERTIES:")) {
                inDrawer = true;
                continue;
            }
            if (t.startsWith("#+") && !t.regionMatches(true, 0, "#+BEGIN_", 0, 8)) {
                int colon = t.indexOf(':');
                if (colon > 2 && t.substring(2, colon).chars().noneMatch(Character::isWhitespace)) {
                    pageProps.put(
                            t.substring(2, colon).toLowerCase(Locale.ROOT),
                            t.substring(colon + 1).strip());
                    continue;
                }
            }
            if (rest.isEmpty() && t.isEmpty()) {
                continue;
            }
            if (rest.isEmpty()) {
                firstRest = k;
            }
            rest.add(line);
        }
        while (!rest.isEmpty() && rest.get(rest.size() - 1).isBlank()) {
            rest.remove(rest.size() - 1);
        }
        if (!rest.isEmpty()) {
            RawBlock b = new RawBlock(1, 0, firstRest + 1);
            b.lines.addAll(rest);
            outline.add(b);
        }
    }
}
