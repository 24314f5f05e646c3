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
            s =
                    decodeNumeric(s)
                            .replace("&lt;", "<")
                            .replace("&gt;", ">")
                            .replace("&quot;", "\"")
                            .replace("&#39;", "'")
                            .replace("&amp;", "&");
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

    private static final java.util.regex.Pattern NUMERIC_ENTITY =
            java.util.regex.Pattern.compile("&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));");

    private static String decodeNumeric(String s) {
        if (s.indexOf("&#") < 0) {
            return s;
        }
        java.util.regex.Matcher m = NUMERIC_ENTITY.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            int cp =
                    m.group(1) != null
                            ? Integer.parseInt(m.group(1), 16)
                            : Integer.parseInt(m.group(2));
            String text =
                    Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : m.group();
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(text));
        }
        m.appendTail(out);
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
