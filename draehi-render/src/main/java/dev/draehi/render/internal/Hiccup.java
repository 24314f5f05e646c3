package dev.draehi.render.internal;

import static dev.draehi.web.Html.escape;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Logseq's hiccup blocks ({@code [:div {:class "x"} "text" [:em "more"]]}) to HTML. Only a block
 * whose whole text is one hiccup form is converted; the result is escaped here and sanitized with
 * the rest of the block, so hiccup can never produce markup the Markdown could not.
 */
public final class Hiccup {
    private static final int MAX_DEPTH = 50;

    private final String src;
    private int pos;

    private Hiccup(String src) {
        this.src = src;
    }

    /** The HTML of {@code text} when it is exactly one hiccup form, else empty. */
    public static Optional<String> toHtml(String text) {
        String t = text.strip();
        if (!t.startsWith("[:") || !t.endsWith("]")) {
            return Optional.empty();
        }
        Hiccup h = new Hiccup(t);
        try {
            StringBuilder out = new StringBuilder(t.length() + 32);
            h.element(out, 0);
            h.skipSpace();
            return h.pos == t.length() ? Optional.of(out.toString()) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The longest hiccup form looked for inside running text; keeps the scan linear. */
    static final int MAX_INLINE_FORM = 10_000;

    /**
     * {@code text} with every hiccup form in its running text ({@code see [:em "this"] here}, or a
     * form over several lines) turned into HTML; code stays as written: fenced code, backtick code
     * and verbatim {@code #+BEGIN_…} blocks (source, examples, advanced queries, whose EDN {@code
     * [:find …]} or {@code [:today]} is no hiccup). Each attempt reads at most {@link
     * #MAX_INLINE_FORM} characters, so the cost stays linear.
     */
    public static String inlineLines(String text) {
        if (!text.contains("[:")) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 64);
        Verbatim verbatim = new Verbatim();
        boolean inCode = false;
        boolean lineStart = true;
        int n = text.length();
        for (int i = 0; i < n; ) {
            if (lineStart) {
                lineStart = false;
                inCode = false;
                verbatim.line(text, i);
            }
            char c = text.charAt(i);
            if (c == '\n') {
                lineStart = true;
            } else if (c == '`') {
                inCode = !inCode;
            } else if (!verbatim.inside()
                    && !inCode
                    && c == '['
                    && i + 1 < n
                    && text.charAt(i + 1) == ':') {
                Hiccup h = new Hiccup(text.substring(i, Math.min(n, i + MAX_INLINE_FORM)));
                try {
                    StringBuilder html = new StringBuilder();
                    h.element(html, 0);
                    out.append(html);
                    i += h.pos;
                    continue;
                } catch (IllegalArgumentException e) {
                    // not hiccup: keep the text as written
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /**
     * Whether the lines read so far leave us in code: a fence (closed by a run of its character at
     * least as long), a verbatim {@code #+BEGIN_type} (closed by {@code #+END_type}), or an
     * indented code block (four columns in, after a blank line, where no list item came before).
     */
    private static final class Verbatim {
        private static final Pattern LIST_ITEM = Pattern.compile("([-+*]|\\d{1,9}[.)])(\\s.*)?");

        private char fence;
        private int fenceLength;
        private String end;
        private boolean indented;
        private boolean afterBlank = true;
        private boolean listSeen;

        boolean inside() {
            return fence != 0 || end != null || indented;
        }

        /** Reads the start of the line at {@code at}. */
        void line(String text, int at) {
            int n = text.length();
            int j = at;
            while (j < n && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
                j++;
            }
            int eol = text.indexOf('\n', j);
            String line = text.substring(j, eol < 0 ? n : eol).strip();
            boolean blank = line.isEmpty();
            boolean codeIndent = columns(text, at, j) >= 4;
            if (indented) {
                indented = blank || codeIndent;
            } else if (fence == 0 && end == null && codeIndent && afterBlank && !listSeen) {
                indented = !blank;
            }
            afterBlank = blank;
            if (indented) {
                return;
            }
            listSeen |= LIST_ITEM.matcher(line).matches();
            if (fence != 0) {
                int run = run(line, fence);
                if (run >= fenceLength && line.substring(run).isBlank()) {
                    fence = 0;
                }
            } else if (end != null) {
                if (line.equalsIgnoreCase(end)) {
                    end = null;
                }
            } else if (run(line, '`') >= 3 || run(line, '~') >= 3) {
                fence = line.charAt(0);
                fenceLength = run(line, fence);
            } else if (line.regionMatches(true, 0, "#+BEGIN_", 0, 8)) {
                int k = 8;
                while (k < line.length() && !Character.isWhitespace(line.charAt(k))) {
                    k++;
                }
                String type = line.substring(8, k).toLowerCase(Locale.ROOT);
                if (OrgBlockParser.isVerbatim(type)) {
                    end = "#+end_" + type;
                }
            }
        }

        /** The indentation of {@code text[from, to)} in columns, a tab to the next stop of 4. */
        private static int columns(String text, int from, int to) {
            int col = 0;
            for (int k = from; k < to; k++) {
                col = text.charAt(k) == '\t' ? (col / 4 + 1) * 4 : col + 1;
            }
            return col;
        }

        private static int run(String line, char c) {
            int k = 0;
            while (k < line.length() && line.charAt(k) == c) {
                k++;
            }
            return k;
        }
    }

    private void element(StringBuilder out, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("too deep");
        }
        expect('[');
        skipSpace();
        String keyword = keyword();
        String tag = keyword;
        StringBuilder classes = new StringBuilder();
        String id = null;
        int cut = indexOfAny(keyword, '.', '#');
        if (cut >= 0) {
            tag = keyword.substring(0, cut);
            String rest = keyword.substring(cut);
            for (String part : rest.split("(?=[.#])")) {
                if (part.startsWith(".") && part.length() > 1) {
                    classes.append(classes.length() == 0 ? "" : " ").append(part.substring(1));
                } else if (part.startsWith("#") && part.length() > 1) {
                    id = part.substring(1);
                }
            }
        }
        if (tag.isEmpty() || !tag.matches("[a-zA-Z][a-zA-Z0-9-]*")) {
            throw new IllegalArgumentException("bad tag");
        }
        tag = tag.toLowerCase(Locale.ROOT);
        out.append('<').append(tag);
        if (id != null) {
            attr(out, "id", id);
        }
        skipSpace();
        if (peek() == '{') {
            attributes(out, classes);
        } else if (classes.length() > 0) {
            attr(out, "class", classes.toString());
        }
        out.append('>');
        while (true) {
            skipSpace();
            char c = peek();
            if (c == ']') {
                pos++;
                break;
            } else if (c == '[') {
                element(out, depth + 1);
            } else if (c == '"') {
                out.append(escape(string()));
            } else {
                out.append(escape(atom()));
            }
        }
        out.append("</").append(tag).append('>');
    }

    private void attributes(StringBuilder out, StringBuilder classes) {
        expect('{');
        while (true) {
            skipSpace();
            if (peek() == '}') {
                pos++;
                break;
            }
            String name = keyword();
            skipSpace();
            String value;
            if (peek() == '{') {
                value = styleMap();
            } else if (peek() == '"') {
                value = string();
            } else {
                value = atom();
            }
            if (name.equals("class") && classes.length() > 0) {
                value = classes + " " + value;
                classes.setLength(0);
            }
            if (name.matches("[a-zA-Z][a-zA-Z0-9-]*")) {
                attr(out, name.toLowerCase(Locale.ROOT), value);
            }
        }
        if (classes.length() > 0) {
            attr(out, "class", classes.toString());
        }
    }

    private String styleMap() {
        expect('{');
        StringBuilder css = new StringBuilder();
        while (true) {
            skipSpace();
            if (peek() == '}') {
                pos++;
                return css.toString();
            }
            String prop = keyword();
            skipSpace();
            String v = peek() == '"' ? string() : atom();
            css.append(prop).append(':').append(v).append(';');
        }
    }

    private String keyword() {
        expect(':');
        int start = pos;
        while (pos < src.length()
                && !Character.isWhitespace(src.charAt(pos))
                && "[]{}\"".indexOf(src.charAt(pos)) < 0) {
            pos++;
        }
        if (pos == start) {
            throw new IllegalArgumentException("empty keyword");
        }
        return src.substring(start, pos);
    }

    private String atom() {
        int start = pos;
        while (pos < src.length()
                && !Character.isWhitespace(src.charAt(pos))
                && "[]{}\"".indexOf(src.charAt(pos)) < 0) {
            pos++;
        }
        if (pos == start) {
            throw new IllegalArgumentException(
                    "unexpected " + (pos < src.length() ? src.charAt(pos) : "end"));
        }
        String a = src.substring(start, pos);
        return a.startsWith(":") ? a.substring(1) : a;
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (pos < src.length()) {
            char c = src.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\' && pos < src.length()) {
                char e = src.charAt(pos++);
                sb.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
            } else {
                sb.append(c);
            }
        }
        throw new IllegalArgumentException("unterminated string");
    }

    private void skipSpace() {
        while (pos < src.length()
                && (Character.isWhitespace(src.charAt(pos)) || src.charAt(pos) == ',')) {
            pos++;
        }
    }

    private char peek() {
        if (pos >= src.length()) {
            throw new IllegalArgumentException("unexpected end");
        }
        return src.charAt(pos);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw new IllegalArgumentException("expected " + c);
        }
        pos++;
    }

    private static void attr(StringBuilder out, String name, String value) {
        out.append(' ').append(name).append("=\"").append(escape(value)).append('"');
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
