package dev.draehi.sync.internal;

import dev.draehi.model.Block;
import dev.draehi.model.BuiltInProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code key:: value} lines, Org {@code :key: value} drawer lines, and refs in property values. */
public final class Properties {
    private Properties() {}

    /** A parsed property line. */
    public record Prop(String key, String value) {}

    /** The property on a {@code key:: value} line (leading whitespace allowed), or null. */
    public static Prop parseLine(String line) {
        int len = line.length();
        int k = 0;
        while (k < len && (line.charAt(k) == ' ' || line.charAt(k) == '\t')) {
            k++;
        }
        int keyStart = k;
        while (k < len && isKeyChar(line.charAt(k))) {
            k++;
        }
        if (k == keyStart || k + 1 >= len || line.charAt(k) != ':' || line.charAt(k + 1) != ':') {
            return null;
        }
        int after = k + 2;
        if (after < len && line.charAt(after) != ' ' && line.charAt(after) != '\t') {
            return null;
        }
        String key = line.substring(keyStart, k);
        if (key.charAt(0) == '-' || key.charAt(key.length() - 1) == ':') {
            return null;
        }
        return new Prop(key.toLowerCase(Locale.ROOT), line.substring(after).strip());
    }

    /** The property on an Org drawer line {@code :key: value}, or null (also for {@code :END:}). */
    public static Prop parseDrawerLine(String line) {
        String t = line.strip();
        if (t.length() < 3 || t.charAt(0) != ':') {
            return null;
        }
        int close = t.indexOf(':', 1);
        if (close <= 1) {
            return null;
        }
        String key = t.substring(1, close);
        for (int i = 0; i < key.length(); i++) {
            if (!isKeyChar(key.charAt(i))) {
                return null;
            }
        }
        if (key.equalsIgnoreCase("end")) {
            return null;
        }
        return new Prop(key.toLowerCase(Locale.ROOT), t.substring(close + 1).strip());
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c)
                || c == '_'
                || c == '-'
                || c == '.'
                || c == '?'
                || c == '!'
                || c == '*'
                || c == '+'
                || c == '/'
                || c == '<'
                || c == '>'
                || c == '='
                || c == '$'
                || c == '%'
                || c == '&';
    }

    /**
     * The items of a comma-separated {@code tags::}/{@code alias::} value: {@code [[x]]}, {@code
     * #x}, {@code #[[x]]} or plain {@code x}; commas inside brackets do not split.
     */
    public static List<String> pageList(String value) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            char c = i < value.length() ? value.charAt(i) : ',';
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && (depth == 0 || i == value.length())) {
                String item = unwrap(value.substring(start, Math.min(i, value.length())).strip());
                if (!item.isEmpty()) {
                    out.add(item);
                }
                start = i + 1;
            }
        }
        return out;
    }

    private static String unwrap(String item) {
        String s = item;
        if (s.startsWith("#")) {
            s = s.substring(1);
        }
        if (s.startsWith("[[") && s.endsWith("]]") && s.length() >= 4) {
            s = s.substring(2, s.length() - 2);
        }
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s.strip();
    }

    /** The refs a property value makes: every item for tags/alias, else bracketed refs and tags. */
    public static List<Block.Ref> refs(String key, String value, boolean org) {
        if (value.isEmpty() || BuiltInProperties.valueIsPlain(key)) {
            return List.of();
        }
        if (key.equals("tags") || key.equals("alias")) {
            List<Block.Ref> out = new ArrayList<>();
            for (String item : pageList(value)) {
                out.add(key.equals("tags") ? Block.Ref.tag(item) : Block.Ref.page(item));
            }
            return out;
        }
        if (value.startsWith("\"") && value.endsWith("\"")) {
            return List.of();
        }
        if (value.indexOf('[') < 0 && value.indexOf('#') < 0 && value.indexOf('(') < 0) {
            return List.of();
        }
        return InlineRefs.extract(value, org).refs();
    }

    /** Typed boolean read of a property value. */
    public static Boolean bool(Map<String, String> props, String key) {
        String v = props.get(key);
        if (v == null) {
            return null;
        }
        if (v.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (v.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        return null;
    }
}
