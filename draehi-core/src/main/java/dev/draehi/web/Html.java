package dev.draehi.web;

/**
 * HTML escaping, the one escaper of the project: for text and for quoted attribute values, of the
 * pages draehi writes and of the HTML its renderer writes.
 */
public final class Html {
    private Html() {}

    /**
     * {@code text} with {@code & < > " '} as entities, safe in element content and in a quoted
     * attribute value; {@code ""} for {@code null}. Returns {@code text} itself when it has none.
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        int first = firstEscaped(text);
        if (first == text.length()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 16).append(text, 0, first);
        appendEscaped(text, first, sb);
        return sb.toString();
    }

    /** Appends {@code text} escaped as {@link #escape} does; nothing for {@code null}. */
    public static void escape(CharSequence text, StringBuilder out) {
        if (text == null) {
            return;
        }
        int first = firstEscaped(text);
        out.append(text, 0, first);
        if (first < text.length()) {
            appendEscaped(text, first, out);
        }
    }

    private static int firstEscaped(CharSequence text) {
        int i = 0;
        while (i < text.length() && !escaped(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static void appendEscaped(CharSequence text, int from, StringBuilder out) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }

    private static boolean escaped(char c) {
        return c == '&' || c == '<' || c == '>' || c == '"' || c == '\'';
    }
}
