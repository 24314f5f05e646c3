package dev.draehi.render.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pragmatic translation of org-mode block content to the Markdown this module renders: emphasis,
 * code, links, lists and tables. {@code #+BEGIN_…} blocks are understood by the Markdown parser
 * itself, so they pass through (verbatim ones untouched).
 */
public final class OrgToMarkdown {
    private static final Pattern BEGIN = Pattern.compile("(?i)^\\s*#\\+begin_([a-z0-9_-]+).*");
    private static final Pattern KEYWORD = Pattern.compile("(?i)^\\s*#\\+[a-z_]+:.*");
    private static final Pattern TABLE_RULE = Pattern.compile("^\\s*\\|[-+|: ]+\\|?\\s*$");
    private static final Pattern LIST_PLUS = Pattern.compile("^(\\s*)\\+(\\s+)");
    private static final Pattern LIST_PAREN = Pattern.compile("^(\\s*)(\\d+)\\)(\\s+)");
    private static final Pattern LINK =
            Pattern.compile("\\[\\[([^\\[\\]\\n]+)\\](?:\\[([^\\[\\]\\n]+)\\])?\\]");
    private static final Pattern CODE =
            Pattern.compile("(?<![\\w])([=~])([^\\s=~](?:[^\\n]*?[^\\s])?)\\1(?![\\w])");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

    private OrgToMarkdown() {}

    /** Translates one block's org text. */
    public static String convert(String org) {
        java.util.List<String> out = new java.util.ArrayList<>();
        String[] lines = org.split("\n", -1);
        String verbatimEnd = null;
        boolean inTable = false;
        for (int li = 0; li < lines.length; li++) {
            String line = lines[li];
            if (verbatimEnd != null) {
                out.add(line);
                if (line.strip().equalsIgnoreCase(verbatimEnd)) {
                    verbatimEnd = null;
                }
                continue;
            }
            Matcher begin = BEGIN.matcher(line);
            if (begin.matches()) {
                String type = begin.group(1).toLowerCase(Locale.ROOT);
                if (OrgBlockParser.isVerbatim(type)) {
                    verbatimEnd = "#+end_" + type;
                }
                out.add(line);
                inTable = false;
                continue;
            }
            if (KEYWORD.matcher(line).matches()) {
                continue;
            }
            String stripped = line.strip();
            if (stripped.startsWith("|")) {
                if (TABLE_RULE.matcher(line).matches()) {
                    continue;
                }
                out.add(inline(line));
                if (!inTable) {
                    // GFM needs a delimiter row after the first row.
                    out.add("|" + "---|".repeat(countCells(stripped)));
                    inTable = true;
                }
                continue;
            }
            inTable = false;
            Matcher m = LIST_PLUS.matcher(line);
            if (m.find()) {
                line = m.group(1) + "-" + m.group(2) + line.substring(m.end());
            }
            m = LIST_PAREN.matcher(line);
            if (m.find()) {
                line = m.group(1) + m.group(2) + "." + m.group(3) + line.substring(m.end());
            }
            out.add(inline(line));
        }
        return String.join("\n", out);
    }

    /**
     * Org's macro call {@code {{{name args}}}} is Logseq's {@code {{name args}}}. One pass: when no
     * closing {@code }}}} follows an opening, none follows any later one either.
     */
    static String orgMacros(String line) {
        int open = line.indexOf("{{{");
        if (open < 0) {
            return line;
        }
        StringBuilder out = new StringBuilder(line.length());
        int i = 0;
        while (open >= 0) {
            int close = line.indexOf("}}}", open + 3);
            if (close < 0) {
                break;
            }
            out.append(line, i, open).append("{{").append(line, open + 3, close).append("}}");
            i = close + 3;
            open = line.indexOf("{{{", i);
        }
        return out.append(line, i, line.length()).toString();
    }

    private static int countCells(String row) {
        String r = row.strip();
        if (r.startsWith("|")) {
            r = r.substring(1);
        }
        if (r.endsWith("|")) {
            r = r.substring(0, r.length() - 1);
        }
        return Math.max(1, r.split("\\|", -1).length);
    }

    /** Inline markup: code and links are set aside while emphasis is translated, then put back. */
    static String inline(String input) {
        String line = orgMacros(input.replace('\uE002', '\uFFFD').replace('\uE003', '\uFFFD'));
        java.util.List<String> saved = new java.util.ArrayList<>();
        StringBuilder out = new StringBuilder();
        int i = 0;
        Matcher code = CODE.matcher(line);
        Matcher link = LINK.matcher(line);
        while (i < line.length()) {
            int nextCode = code.find(i) ? code.start() : -1;
            int codeEnd = nextCode >= 0 ? code.end() : -1;
            String codeText = nextCode >= 0 ? code.group(2) : null;
            int nextLink = link.find(i) ? link.start() : -1;
            String piece;
            if (nextLink >= 0 && (nextCode < 0 || nextLink < nextCode)) {
                out.append(line, i, nextLink);
                piece = linkToMarkdown(link.group(1), link.group(2));
                i = link.end();
            } else if (nextCode >= 0) {
                out.append(line, i, nextCode);
                boolean ticks = codeText.contains("`");
                piece = (ticks ? "`` " : "`") + codeText + (ticks ? " ``" : "`");
                i = codeEnd;
            } else {
                out.append(line, i, line.length());
                break;
            }
            out.append('\uE002').append(saved.size()).append('\uE003');
            saved.add(piece);
        }
        String r = emphasis(out.toString());
        if (saved.isEmpty()) {
            return r;
        }
        StringBuilder back = new StringBuilder();
        for (int k = 0; k < r.length(); k++) {
            char c = r.charAt(k);
            if (c == '\uE002') {
                int end = r.indexOf('\uE003', k);
                back.append(saved.get(Integer.parseInt(r.substring(k + 1, end))));
                k = end;
            } else {
                back.append(c);
            }
        }
        return back.toString();
    }

    private static String linkToMarkdown(String target, String label) {
        String t = target.strip();
        if (SCHEME.matcher(t).matches()) {
            if (t.startsWith("file:")) {
                return label != null ? label : t;
            }
            return label == null ? "<" + t + ">" : "[" + label + "](" + t.replace(" ", "%20") + ")";
        }
        if (t.startsWith("../assets/") || t.startsWith("assets/") || t.startsWith("./assets/")) {
            return label == null
                    ? "![](" + t.replace(" ", "%20") + ")"
                    : "[" + label + "](" + t.replace(" ", "%20") + ")";
        }
        if (t.startsWith("((") && t.endsWith("))")) {
            return label == null ? t : "[" + label + "](" + t + ")";
        }
        return label == null ? "[[" + t + "]]" : "[" + label + "]([[" + t + "]])";
    }

    private static final Pattern BOLD = emphasisPattern("\\*");
    private static final Pattern ITALIC = emphasisPattern("/");
    private static final Pattern STRIKE = emphasisPattern("\\+");

    private static Pattern emphasisPattern(String d) {
        return Pattern.compile(
                "(?<=^|[\\s(\\[{'\"])"
                        + d
                        + "([^\\s"
                        + d
                        + "](?:[^"
                        + d
                        + "\\n]*?[^\\s"
                        + d
                        + "])?)"
                        + d
                        + "(?=$|[\\s.,;:!?)\\]}'\"])");
    }

    private static String emphasis(String s) {
        if (s.isEmpty()) {
            return s;
        }
        String r = BOLD.matcher(s).replaceAll("**$1**");
        r = ITALIC.matcher(r).replaceAll("*$1*");
        r = STRIKE.matcher(r).replaceAll("~~$1~~");
        return r;
    }
}
