package dev.draehi.render.internal.datalog;

import dev.draehi.edn.EdnReader;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Values printed as ClojureScript's {@code pr-str} prints them (and {@code str}, unquoted). */
final class EdnText {
    private EdnText() {}

    /** {@code pr-str}: strings quoted. */
    static String print(Object v) {
        StringBuilder sb = new StringBuilder();
        print(v, sb, true, 0);
        return sb.toString();
    }

    /** {@code str}: a string as it is, {@code nil} as nothing, anything else as printed. */
    static String str(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Character c) {
            return String.valueOf(c);
        }
        return print(v);
    }

    private static void print(Object v, StringBuilder sb, boolean quote, int depth) {
        if (depth > 50 || sb.length() > 100_000) {
            sb.append("…");
            return;
        }
        if (v == null) {
            sb.append("nil");
        } else if (v instanceof String s) {
            if (!quote) {
                sb.append(s);
                return;
            }
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\t' -> sb.append("\\t");
                    case '\r' -> sb.append("\\r");
                    default -> sb.append(c);
                }
            }
            sb.append('"');
        } else if (v instanceof Character c) {
            sb.append('\\').append(c);
        } else if (v instanceof Double d) {
            if (d.isNaN()) {
                sb.append("##NaN");
            } else if (d.isInfinite()) {
                sb.append(d > 0 ? "##Inf" : "##-Inf");
            } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                sb.append(d.longValue());
            } else {
                sb.append(d);
            }
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                print(e.getKey(), sb, true, depth + 1);
                sb.append(' ');
                print(e.getValue(), sb, true, depth + 1);
            }
            sb.append('}');
        } else if (v instanceof Set<?> s) {
            seq(s, "#{", "}", sb, depth);
        } else if (v instanceof EdnReader.Seq l) {
            seq(l, "(", ")", sb, depth);
        } else if (v instanceof List<?> l) {
            seq(l, "[", "]", sb, depth);
        } else {
            sb.append(v);
        }
    }

    private static void seq(
            Collection<?> items, String open, String close, StringBuilder sb, int depth) {
        sb.append(open);
        boolean first = true;
        for (Object o : items) {
            if (!first) {
                sb.append(' ');
            }
            first = false;
            print(o, sb, true, depth + 1);
        }
        sb.append(close);
    }
}
