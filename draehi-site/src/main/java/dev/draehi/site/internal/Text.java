package dev.draehi.site.internal;

/** Tag stripping and abbreviation for the text the site shows of stored HTML. */
public final class Text {
    private Text() {}

    /**
     * The text of stored HTML: tags removed, entities of the five escapes decoded, spaces folded.
     */
    public static String plain(String html) {
        if (html == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(html.length());
        boolean inTag = false;
        for (int i = 0; i < html.length(); i++) {
            char c = html.charAt(i);
            if (c == '<') {
                inTag = true;
                sb.append(' ');
            } else if (c == '>' && inTag) {
                inTag = false;
            } else if (!inTag) {
                sb.append(c);
            }
        }
        String s = sb.toString();
        if (s.indexOf('&') >= 0) {
            s = decodeNumeric(s);
            for (String[] ref : NAMED_REFERENCES) {
                s = s.replace(ref[0], ref[1]);
            }
        }
        return foldSpaces(s).strip();
    }

    /** {@code s} with each run of ASCII white space as one space (the regex {@code \s+}). */
    private static String foldSpaces(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r') {
                if (!space) {
                    out.append(' ');
                }
                space = true;
            } else {
                out.append(c);
                space = false;
            }
        }
        return out.toString();
    }

    /** The named references {@link #plain} decodes, in the order it decodes them. */
    private static final String[][] NAMED_REFERENCES = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}
    };

    /** The length of the named reference {@link #plain} decodes at {@code i} of {@code s}, or 0. */
    static int namedReference(String s, int i) {
        for (String[] ref : NAMED_REFERENCES) {
            if (s.startsWith(ref[0], i)) {
                return ref[0].length();
            }
        }
        return 0;
    }

    /**
     * The numeric character reference at {@code i} of {@code s} ({@code &#233;}, {@code &#xE9;}: up
     * to 7 decimal or 6 hex digits and a semicolon) as its code point shifted left by 8 bits or'ed
     * with its length, or -1 when there is none or it names no code point.
     */
    static long numericReference(String s, int i) {
        int at = i + 2;
        if (!s.startsWith("&#", i) || at >= s.length()) {
            return -1;
        }
        boolean hex = s.charAt(at) == 'x' || s.charAt(at) == 'X';
        int radix = hex ? 16 : 10;
        int start = hex ? at + 1 : at;
        int end = start;
        while (end < s.length()
                && end - start < (hex ? 6 : 7)
                && s.charAt(end) < 0x80
                && Character.digit(s.charAt(end), radix) >= 0) {
            end++;
        }
        if (end == start || end >= s.length() || s.charAt(end) != ';') {
            return -1;
        }
        int cp = Integer.parseInt(s, start, end, radix);
        return Character.isValidCodePoint(cp) ? ((long) cp << 8) | (end + 1 - i) : -1;
    }

    private static String decodeNumeric(String s) {
        if (s.indexOf("&#") < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            long ref = s.charAt(i) == '&' ? numericReference(s, i) : -1;
            if (ref >= 0) {
                out.appendCodePoint((int) (ref >>> 8));
                i += (int) (ref & 0xFF);
            } else {
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }

    /** At most {@code max} characters of {@code text}, cut at a word, with an ellipsis. */
    public static String abbreviate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max - 1);
        return text.substring(0, cut > max / 2 ? cut : max - 1) + "…";
    }
}
