package dev.draehi.sync.internal;

import dev.draehi.model.Block;
import dev.draehi.model.PropertyRules;
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
     * The page names of a {@code tags::} or {@code alias::} value ({@link
     * PropertyRules#commaSeparatedNames}).
     */
    public static List<String> pageList(String value) {
        return PropertyRules.commaSeparatedNames(value);
    }

    /** The refs a property value makes under Logseq's default rules. */
    public static List<Block.Ref> refs(String key, String value, boolean org) {
        return refs(key, value, org, PropertyRules.DEFAULTS);
    }

    /**
     * The refs a property makes, as Logseq's file graphs read it: its key's page when the key has
     * one, then the {@code [[…]]}, {@code #tags} and {@code ((block refs))} of its value, and for a
     * comma-separated key (tags, alias, {@code :property/separated-by-commas}) every name of its
     * plain text; none from the value of a built-in, an ignored key or a quoted value. The names of
     * {@code tags::} are tags.
     */
    public static List<Block.Ref> refs(String key, String value, boolean org, PropertyRules rules) {
        String v = value.strip();
        if (v.isEmpty()) {
            return List.of(); // Logseq drops a property without a value
        }
        List<Block.Ref> out = new ArrayList<>();
        String keyPage = rules.keyPage(key);
        if (keyPage != null) {
            out.add(Block.Ref.page(keyPage));
        }
        if (rules.valueIsPlain(key)
                || (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\""))) {
            return out;
        }
        boolean tags = key.equalsIgnoreCase("tags");
        if (rules.isSeparatedByCommas(key)) {
            for (Block.Ref r : InlineRefs.extract(v, org).refs()) {
                if (r.toBlock()) {
                    out.add(r);
                }
            }
            for (String name : PropertyRules.commaSeparatedNames(v)) {
                out.add(tags ? Block.Ref.tag(name) : Block.Ref.page(name));
            }
            return out;
        }
        if (v.indexOf('[') < 0 && v.indexOf('#') < 0 && v.indexOf('(') < 0) {
            return out;
        }
        out.addAll(InlineRefs.extract(v, org).refs());
        return out;
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
