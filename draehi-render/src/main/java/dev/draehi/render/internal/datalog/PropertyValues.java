package dev.draehi.render.internal.datalog;

import dev.draehi.edn.EdnReader.Keyword;
import dev.draehi.model.PropertyRules;
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
    static Map<Object, Object> map(Map<String, String> properties, PropertyRules rules) {
        if (properties.isEmpty()) {
            return Map.of();
        }
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            Object v = value(e.getKey(), e.getValue() == null ? "" : e.getValue(), rules);
            if (v != null) {
                out.put(new Keyword(null, e.getKey().toLowerCase(Locale.ROOT)), v);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * One value; null for an empty one. A comma-separated key's names ({@link
     * PropertyRules#commaSeparatedNames}) or another key's refs make a set.
     */
    static Object value(String key, String raw, PropertyRules rules) {
        String v = raw.strip();
        if (v.isEmpty()) {
            return null;
        }
        String k = key.toLowerCase(Locale.ROOT);
        if (!rules.valueIsPlain(k)
                && !(v.length() >= 2 && v.startsWith("\"") && v.endsWith("\""))) {
            List<String> refs =
                    rules.isSeparatedByCommas(k) ? PropertyRules.commaSeparatedNames(v) : refs(v);
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
