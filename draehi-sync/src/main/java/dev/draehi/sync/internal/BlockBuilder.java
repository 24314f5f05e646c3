package dev.draehi.sync.internal;

import dev.draehi.model.Block;
import dev.draehi.model.LogseqTags;
import dev.draehi.model.PropertyRules;
import dev.draehi.model.SyncWarning;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the raw lines of a block into a {@link Block}: properties, drawers, planning lines, task
 * marker and priority come out of the content; refs are collected.
 */
final class BlockBuilder {
    static final Set<String> MARKERS =
            Set.of(
                    "TODO",
                    "DOING",
                    "DONE",
                    "LATER",
                    "NOW",
                    "WAITING",
                    "WAIT",
                    "CANCELED",
                    "CANCELLED",
                    "IN-PROGRESS");

    private final Block.Format format;
    private final String file;
    private final List<SyncWarning> warnings;
    private final PropertyRules rules;

    BlockBuilder(
            Block.Format format, String file, List<SyncWarning> warnings, PropertyRules rules) {
        this.format = format;
        this.file = file;
        this.warnings = warnings;
        this.rules = rules;
    }

    /** Converts a raw tree into blocks without recursion (depth may be large). */
    List<Block> build(List<RawBlock> roots) {
        List<RawBlock> preorder = new ArrayList<>();
        ArrayList<RawBlock> stack = new ArrayList<>();
        for (int i = roots.size() - 1; i >= 0; i--) {
            stack.add(roots.get(i));
        }
        while (!stack.isEmpty()) {
            RawBlock b = stack.remove(stack.size() - 1);
            preorder.add(b);
            for (int i = b.children.size() - 1; i >= 0; i--) {
                stack.add(b.children.get(i));
            }
        }
        Map<RawBlock, Block> built = new java.util.IdentityHashMap<>();
        for (int i = preorder.size() - 1; i >= 0; i--) {
            RawBlock raw = preorder.get(i);
            List<Block> children = new ArrayList<>(raw.children.size());
            for (RawBlock c : raw.children) {
                children.add(built.remove(c));
            }
            built.put(raw, block(raw, children));
        }
        List<Block> out = new ArrayList<>(roots.size());
        for (RawBlock r : roots) {
            out.add(built.get(r));
        }
        return out;
    }

    private Block block(RawBlock raw, List<Block> children) {
        List<String> lines = raw.lines;
        boolean org = format == Block.Format.ORG;
        Map<String, String> props = new LinkedHashMap<>();
        String[] planning = new String[2];
        int lastEnd = -1;
        for (int k = lines.size() - 1; k >= 0 && lastEnd < 0; k--) {
            if (lines.get(k).strip().equalsIgnoreCase(":END:")) {
                lastEnd = k;
            }
        }

        // A bullet line that is a property or opens a drawer leaves the block without a title.
        boolean firstIsProperty =
                (!org && Properties.parseLine(lines.get(0)) != null)
                        || (0 < lastEnd && isDrawerStart(lines.get(0)));
        int j = firstIsProperty ? 0 : 1;
        String head = lines.get(0).strip();
        char fence = 0;
        boolean inBegin = false;
        if (head.startsWith("```") || head.startsWith("~~~")) {
            // a fence opened on the bullet line: what follows is code, not properties
            fence = head.charAt(0);
        } else if (head.regionMatches(true, 0, "#+BEGIN_", 0, 8)) {
            inBegin = true;
        }
        // header zone: properties, planning lines and drawers right after the first line
        while (j < lines.size() && fence == 0 && !inBegin) {
            String line = lines.get(j);
            Properties.Prop p = org ? null : Properties.parseLine(line);
            if (p != null) {
                props.put(p.key(), p.value());
                j++;
            } else if (isPlanning(line, planning)) {
                j = afterPlanning(lines, j, lastEnd, props);
            } else if (j < lastEnd && isDrawerStart(line)) {
                j = skipDrawer(lines, j, props);
            } else {
                break;
            }
        }
        boolean takeProperties = !org && props.isEmpty();

        List<String> body = new ArrayList<>();
        String first = null;
        int headingLevel = 0;
        String marker = null;
        String priority = null;
        if (!firstIsProperty) {
            String text = lines.get(0);
            String prefix = "";
            if (!org) {
                int h = 0;
                while (h < text.length() && h < 7 && text.charAt(h) == '#') {
                    h++;
                }
                if (h >= 1 && h <= 6 && (h == text.length() || text.charAt(h) == ' ')) {
                    headingLevel = h;
                    prefix = text.substring(0, h) + " ";
                    text = text.substring(Math.min(h + 1, text.length()));
                }
            }
            int sp = 0;
            while (sp < text.length() && text.charAt(sp) != ' ' && text.charAt(sp) != '\t') {
                sp++;
            }
            if (sp > 0 && MARKERS.contains(text.substring(0, sp))) {
                marker = text.substring(0, sp);
                text = text.substring(sp).stripLeading();
            }
            if (text.length() >= 4
                    && text.startsWith("[#")
                    && text.charAt(3) == ']'
                    && Character.isLetter(text.charAt(2))
                    && (text.length() == 4 || text.charAt(4) == ' ')) {
                priority = String.valueOf(text.charAt(2)).toUpperCase(Locale.ROOT);
                text = text.substring(4).stripLeading();
            }
            first = prefix.isEmpty() ? text : (text.isEmpty() ? prefix.strip() : prefix + text);
            body.add(first);
        }

        for (; j < lines.size(); j++) {
            String line = lines.get(j);
            String t = line.strip();
            if (fence != 0) {
                if (t.startsWith(String.valueOf(fence).repeat(3))) {
                    fence = 0;
                }
                body.add(line);
            } else if (inBegin) {
                if (t.regionMatches(true, 0, "#+END_", 0, 6)) {
                    inBegin = false;
                }
                body.add(line);
            } else if (t.startsWith("```") || t.startsWith("~~~")) {
                fence = t.charAt(0);
                body.add(line);
            } else if (t.regionMatches(true, 0, "#+BEGIN_", 0, 8)) {
                inBegin = true;
                body.add(line);
            } else if (isPlanning(line, planning)) {
                j = afterPlanning(lines, j, lastEnd, props) - 1;
            } else if (j < lastEnd && isDrawerStart(line)) {
                j = skipDrawer(lines, j, props) - 1;
            } else if (takeProperties && Properties.parseLine(line) != null) {
                // mldoc reads a run of property lines anywhere in the block (after a blank line,
                // a heading or a code fence) as its properties; the first run is the block's
                while (j < lines.size() && Properties.parseLine(lines.get(j)) != null) {
                    Properties.Prop p = Properties.parseLine(lines.get(j));
                    props.put(p.key(), p.value());
                    j++;
                }
                j--;
                takeProperties = false;
            } else {
                body.add(line);
            }
        }
        int endIdx = body.size();
        while (endIdx > 0 && body.get(endIdx - 1).isBlank()) {
            endIdx--;
        }
        String content = String.join("\n", body.subList(0, endIdx));

        String id = null;
        String idValue = props.get("id");
        if (idValue != null && idValue.length() == 36 && Block.Ref.isUuid(idValue, 0)) {
            id = idValue.toLowerCase(Locale.ROOT);
        }
        String heading = props.get("heading");
        if (heading != null) {
            if (heading.equalsIgnoreCase("true")) {
                headingLevel = Math.min(raw.depth, 6);
            } else if (heading.length() == 1
                    && heading.charAt(0) >= '1'
                    && heading.charAt(0) <= '6') {
                headingLevel = heading.charAt(0) - '0';
            }
        }
        boolean collapsed = "true".equalsIgnoreCase(props.get("collapsed"));

        LinkedHashSet<Block.Ref> refs = new LinkedHashSet<>();
        InlineRefs.Result inline = InlineRefs.extract(content, org);
        refs.addAll(inline.refs());
        if (inline.unclosed() > 0) {
            warnings.add(
                    new SyncWarning(
                            file,
                            raw.line,
                            inline.unclosed()
                                    + " unclosed or overlong '[[' ignored in this block"));
        }
        // the text before an Org page's first headline (strip 0: it has no stars) has no tags
        if (org && first != null && raw.strip > 0) {
            for (String tag : LogseqTags.orgHeadlineTags(first)) {
                refs.add(Block.Ref.tag(tag));
            }
        }
        for (Map.Entry<String, String> e : props.entrySet()) {
            refs.addAll(Properties.refs(e.getKey(), e.getValue(), org, rules));
        }
        return new Block(
                id,
                content,
                props,
                marker,
                priority,
                planning[0],
                planning[1],
                headingLevel,
                collapsed,
                new ArrayList<>(refs),
                children,
                raw.line,
                format);
    }

    /**
     * The index after a planning line at {@code at}, and after the drawer that Logseq sometimes
     * opens at its end ({@code SCHEDULED: <…> :LOGBOOK:}), which is hidden with it.
     */
    private static int afterPlanning(
            List<String> lines, int at, int lastEnd, Map<String, String> props) {
        String t = lines.get(at).strip();
        int space = t.lastIndexOf(' ');
        if (space > 0 && at < lastEnd && isDrawerStart(t.substring(space + 1))) {
            return skipDrawer(lines, at, props);
        }
        return at + 1;
    }

    /**
     * Reads a drawer starting at {@code start}; returns the index after its {@code :END:}. A line
     * opening with {@code :end:} in any case closes it, as in mldoc, so a property named {@code
     * end} ends the drawer.
     */
    private static int skipDrawer(List<String> lines, int start, Map<String, String> props) {
        boolean properties = lines.get(start).strip().equalsIgnoreCase(":PROPERTIES:");
        int k = start + 1;
        while (k < lines.size() && !lines.get(k).strip().regionMatches(true, 0, ":END:", 0, 5)) {
            if (properties) {
                Properties.Prop p = Properties.parseDrawerLine(lines.get(k));
                if (p != null) {
                    props.put(p.key(), p.value());
                }
            }
            k++;
        }
        if (k < lines.size() && lines.get(k).strip().length() > 5) {
            // `:end: x`: the drawer ends, the rest of the line is text of the block
            lines.set(k, lines.get(k).strip().substring(5).strip());
            return k;
        }
        return k + 1;
    }

    /** {@code :NAME:} alone on its line, other than {@code :END:}. */
    static boolean isDrawerStart(String line) {
        String t = line.strip();
        if (t.length() < 3 || t.charAt(0) != ':' || t.charAt(t.length() - 1) != ':') {
            return false;
        }
        for (int i = 1; i < t.length() - 1; i++) {
            char c = t.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
                return false;
            }
        }
        return !t.equalsIgnoreCase(":END:");
    }

    /**
     * True when the line holds only {@code SCHEDULED: <…>}, {@code DEADLINE: <…>} (or Org {@code
     * CLOSED: […]}) items; their timestamps go into {@code planning}.
     */
    static boolean isPlanning(String line, String[] planning) {
        String t = line.strip();
        if (!(t.startsWith("SCHEDULED:") || t.startsWith("DEADLINE:") || t.startsWith("CLOSED:"))) {
            return false;
        }
        String scheduled = null;
        String deadline = null;
        int i = 0;
        while (i < t.length()) {
            if (i > 0 && isDrawerStart(t.substring(i))) {
                break;
            }
            int colon = t.indexOf(':', i);
            if (colon < 0) {
                return false;
            }
            String kw = t.substring(i, colon);
            int k = colon + 1;
            while (k < t.length() && t.charAt(k) == ' ') {
                k++;
            }
            if (k >= t.length() || (t.charAt(k) != '<' && t.charAt(k) != '[')) {
                return false;
            }
            int close = t.indexOf(t.charAt(k) == '<' ? '>' : ']', k);
            if (close < 0) {
                return false;
            }
            String stamp = t.substring(k, close + 1);
            switch (kw) {
                case "SCHEDULED" -> scheduled = stamp;
                case "DEADLINE" -> deadline = stamp;
                case "CLOSED" -> {}
                default -> {
                    return false;
                }
            }
            i = close + 1;
            while (i < t.length() && t.charAt(i) == ' ') {
                i++;
            }
        }
        if (scheduled != null) {
            planning[0] = scheduled;
        }
        if (deadline != null) {
            planning[1] = deadline;
        }
        return true;
    }
}
