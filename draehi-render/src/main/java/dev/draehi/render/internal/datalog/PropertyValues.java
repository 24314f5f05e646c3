package dev.draehi.render.internal.datalog;

import dev.draehi.edn.EdnReader.Keyword;
import dev.draehi.model.BuiltInProperties;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Property text as Logseq's file graphs keep it in {@code :block/properties}: a set of page names
 * when the value references pages (always for {@code tags} and {@code alias}), a number or a
 * boolean when it reads as one, else the text.
 */
final class PropertyValues {
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,15}\\.[0-9]{1,15}");

    private PropertyValues() {}

    /** The {@code :block/properties} map of a page or block; keys are keywords. */
    static Map<Object, Object> map(Map<String, String> properties) {
        if (properties.isEmpty()) {
            return Map.of();
        }
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            Object v = value(e.getKey(), e.getValue() == null ? "" : e.getValue());
            if (v != null) {
                out.put(new Keyword(null, e.getKey().toLowerCase(Locale.ROOT)), v);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** One value; null for an empty one. */
    static Object value(String key, String raw) {
        String v = raw.strip();
        if (v.isEmpty()) {
            return null;
        }
        String k = key.toLowerCase(Locale.ROOT);
        if (k.equals("tags") || k.equals("alias")) {
            return set(pageList(v));
        }
        if (!BuiltInProperties.valueIsPlain(k)
                && !(v.length() >= 2 && v.startsWith("\"") && v.endsWith("\""))) {
            List<String> refs = refs(v);
            if (!refs.isEmpty()) {
                return set(refs);
            }
        }
        if (INTEGER.matcher(v).matches()) {
            return Long.parseLong(v);
        }
        if (DECIMAL.matcher(v).matches()) {
            return Double.parseDouble(v);
        }
        if (v.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (v.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        return v;
    }

    private static Set<String> set(List<String> items) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(items));
    }

    /**
     * The items of a comma-separated list: {@code [[x]]}, {@code #x}, {@code #[[x]]} or plain
     * {@code x}; commas inside brackets do not split.
     */
    static List<String> pageList(String value) {
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

    /** The page names a value references: {@code [[x]]} (nested brackets kept), {@code #x}. */
    static List<String> refs(String v) {
        List<String> out = new ArrayList<>();
        int n = v.length();
        int i = 0;
        while (i < n) {
            char c = v.charAt(i);
            boolean hash = c == '#';
            int open = hash ? i + 1 : i;
            if (open + 1 < n && v.charAt(open) == '[' && v.charAt(open + 1) == '[') {
                int depth = 0;
                int j = open;
                int end = -1;
                while (j + 1 < n) {
                    if (v.charAt(j) == '[' && v.charAt(j + 1) == '[') {
                        depth++;
                        j += 2;
                    } else if (v.charAt(j) == ']' && v.charAt(j + 1) == ']') {
                        depth--;
                        j += 2;
                        if (depth == 0) {
                            end = j;
                            break;
                        }
                    } else {
                        j++;
                    }
                }
                if (end < 0) {
                    break;
                }
                String name = v.substring(open + 2, end - 2).strip();
                if (!name.isEmpty()) {
                    out.add(name);
                }
                i = end;
                continue;
            }
            if (hash
                    && (i == 0
                            || Character.isWhitespace(v.charAt(i - 1))
                            || v.charAt(i - 1) == ',')) {
                int j = i + 1;
                while (j < n && !tagEnd(v.charAt(j))) {
                    j++;
                }
                if (j > i + 1) {
                    out.add(v.substring(i + 1, j));
                }
                i = j;
                continue;
            }
            i++;
        }
        return out;
    }

    private static boolean tagEnd(char c) {
        return Character.isWhitespace(c) || ",;!?\"'()[]{}#".indexOf(c) >= 0;
    }
}
