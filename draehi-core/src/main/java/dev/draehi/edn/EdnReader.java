package dev.draehi.edn;

import dev.draehi.DraehiException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads EDN the way Logseq reads {@code config.edn} and advanced queries: with ClojureScript's
 * {@code cljs.reader} (tools.reader's EDN reader). It accepts what that reader accepts and refuses
 * what it refuses, so that a config Logseq reads is read here too, and one Logseq cannot read fails
 * here with a line.
 *
 * <p>Values: {@code nil} is {@code null}; booleans, {@link String}, {@link Character}, {@link Long}
 * or {@link BigInteger}, {@link Double} or {@link BigDecimal}; {@link Keyword}, {@link Symbol};
 * vectors are {@link List}s and lists {@link Seq}s (a {@code List} too), maps {@link Map}s, sets
 * {@link Set}s (all unmodifiable and in reading order); {@code #inst}, {@code #uuid}, {@code
 * #queue} and {@code #js} read as their form. Only the first form is read; the rest of the text is
 * not looked at, as {@code read-string} does.
 *
 * <pre>{@code
 * Map<?, ?> query = (Map<?, ?>) EdnReader.readFirst("{:title \"Tasks\" :query [:find ?b]}");
 * }</pre>
 */
public final class EdnReader {

    /** A keyword, {@code :name} or {@code :ns/name}; {@code ns} is null without a namespace. */
    public record Keyword(String ns, String name) {
        @Override
        public String toString() {
            return ns == null ? ":" + name : ":" + ns + "/" + name;
        }
    }

    /** A symbol, {@code name} or {@code ns/name}; {@code ns} is null without a namespace. */
    public record Symbol(String ns, String name) {
        @Override
        public String toString() {
            return ns == null ? name : ns + "/" + name;
        }
    }

    /** A list, {@code (a b)}: a {@link List} that tells itself apart from a vector. */
    public static final class Seq extends AbstractList<Object> {
        private final List<Object> items;

        Seq(List<Object> items) {
            this.items = Collections.unmodifiableList(items);
        }

        @Override
        public Object get(int index) {
            return items.get(index);
        }

        @Override
        public int size() {
            return items.size();
        }
    }

    /** Text that is not EDN as Logseq reads it; {@link #line()} is 1-based. */
    public static final class EdnException extends DraehiException {
        private static final long serialVersionUID = 1L;
        private final int line;

        EdnException(int line, String reason) {
            super("line " + line + ": " + reason);
            this.line = line;
        }

        /** The line the reader was on. */
        public int line() {
            return line;
        }
    }

    private static final Object EOF = new Object();
    private static final Object DISCARDED = new Object();
    private static final int MAX_DEPTH = 512;

    private final String s;
    private int pos;
    private int line = 1;
    private int depth;

    private EdnReader(String text) {
        this.s = text;
    }

    /**
     * The first form of {@code text}, or null when it holds none (only whitespace and comments).
     *
     * @throws EdnException when the text is not EDN as Logseq reads it
     */
    public static Object readFirst(String text) {
        EdnReader r = new EdnReader(text);
        Object value = r.read(true);
        return value == EOF ? null : value;
    }

    private int peek() {
        return pos < s.length() ? s.charAt(pos) : -1;
    }

    private int next() {
        if (pos >= s.length()) {
            return -1;
        }
        char c = s.charAt(pos++);
        if (c == '\n') {
            line++;
        }
        return c;
    }

    private EdnException error(String reason) {
        return new EdnException(line, reason);
    }

    private static boolean whitespace(int c) {
        return c == ',' || (c >= 0 && Character.isWhitespace(c));
    }

    /** The characters that end a token (tools.reader's macro-terminating characters). */
    private static boolean terminating(int c) {
        return switch (c) {
            case '"', ';', '@', '^', '`', '~', '(', ')', '[', ']', '{', '}', '\\' -> true;
            default -> false;
        };
    }

    private void skipWhitespaceAndComments() {
        while (true) {
            int c = peek();
            if (whitespace(c)) {
                next();
            } else if (c == ';') {
                skipLine();
            } else {
                return;
            }
        }
    }

    private void skipLine() {
        int c;
        do {
            c = next();
        } while (c != -1 && c != '\n' && c != '\r');
    }

    /** The next form, or EOF; discarded forms ({@code #_}) are skipped. */
    private Object read(boolean eofAllowed) {
        while (true) {
            skipWhitespaceAndComments();
            int start = line;
            int c = next();
            if (c == -1) {
                if (eofAllowed) {
                    return EOF;
                }
                throw error("EOF while reading");
            }
            Object v = readAfter(c, start);
            if (v != DISCARDED) {
                return v;
            }
        }
    }

    private Object readAfter(int c, int startLine) {
        switch (c) {
            case '"':
                return readString(startLine);
            case ':':
                return readKeyword();
            case '(':
                return new Seq(readSeq(')', startLine));
            case '[':
                return Collections.unmodifiableList(readSeq(']', startLine));
            case '{':
                return readMap(startLine);
            case ')', ']', '}':
                throw error("Unmatched delimiter: " + (char) c);
            case '\\':
                return readChar();
            case '#':
                return readDispatch(startLine);
            case '^':
                readMeta();
                return DISCARDED;
            case '@', '`', '~':
                throw error("Invalid character: " + (char) c);
            default:
                break;
        }
        if (Character.isDigit(c)
                || ((c == '+' || c == '-') && peek() >= 0 && Character.isDigit(peek()))) {
            return readNumber(token(c));
        }
        return readSymbol(token(c));
    }

    private String token(int first) {
        StringBuilder b = new StringBuilder();
        b.append((char) first);
        while (true) {
            int c = peek();
            if (c == -1 || whitespace(c) || terminating(c)) {
                return b.toString();
            }
            b.append((char) next());
        }
    }

    private Object readNumber(String t) {
        Object n = EdnNumbers.parse(t);
        if (n == null) {
            throw error("Invalid number: " + t);
        }
        return n;
    }

    private Object readSymbol(String t) {
        switch (t) {
            case "nil":
                return null;
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            default:
                break;
        }
        String[] parts = parseSymbol(t);
        if (parts == null) {
            throw error("Invalid symbol: " + t);
        }
        return new Symbol(parts[0], parts[1]);
    }

    /** tools.reader's {@code parse-symbol}: {ns, name}, or null when the token is no symbol. */
    private static String[] parseSymbol(String t) {
        if (t.isEmpty() || t.endsWith(":") || t.startsWith("//")) {
            return null;
        }
        int slash = t.indexOf('/');
        if (slash > 0) {
            String ns = t.substring(0, slash);
            String name = t.substring(slash + 1);
            if (name.isEmpty()
                    || Character.isDigit(name.charAt(0))
                    || ns.endsWith(":")
                    || (!name.equals("/") && name.indexOf('/') >= 0)) {
                return null;
            }
            return new String[] {ns, name};
        }
        if (t.equals("/") || slash < 0) {
            return new String[] {null, t};
        }
        return null;
    }

    private Keyword readKeyword() {
        int c = peek();
        if (c == -1 || whitespace(c)) {
            throw error("A single colon is not a valid keyword");
        }
        String t = token(next());
        String[] parts = parseSymbol(t);
        if (parts == null || t.contains("::") || t.charAt(0) == ':') {
            throw error("Invalid keyword: :" + t);
        }
        return new Keyword(parts[0], parts[1]);
    }

    private String readString(int startLine) {
        StringBuilder b = new StringBuilder();
        while (true) {
            int c = next();
            if (c == -1) {
                throw new EdnException(startLine, "EOF while reading string");
            }
            if (c == '"') {
                return b.toString();
            }
            if (c != '\\') {
                b.append((char) c);
                continue;
            }
            int e = next();
            switch (e) {
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'n' -> b.append('\n');
                case '\\' -> b.append('\\');
                case '"' -> b.append('"');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> b.append((char) readHex(4));
                case -1 -> throw new EdnException(startLine, "EOF while reading string");
                default -> {
                    if (Character.isDigit(e)) {
                        b.append((char) readOctal(e));
                    } else {
                        throw error("Unsupported escape character: \\" + (char) e);
                    }
                }
            }
        }
    }

    private int readHex(int digits) {
        int v = 0;
        for (int i = 0; i < digits; i++) {
            int c = next();
            int d = c == -1 ? -1 : Character.digit(c, 16);
            if (d < 0) {
                throw error("Invalid unicode escape");
            }
            v = v * 16 + d;
        }
        return v;
    }

    private int readOctal(int first) {
        int v = first - '0';
        for (int i = 0; i < 2 && peek() >= '0' && peek() <= '7'; i++) {
            v = v * 8 + (next() - '0');
        }
        if (first > '7') {
            throw error("Invalid octal escape sequence: \\" + (char) first);
        }
        return v;
    }

    private Character readChar() {
        int c = next();
        if (c == -1) {
            throw error("EOF while reading character");
        }
        String t = token(c);
        if (t.length() == 1) {
            return t.charAt(0);
        }
        switch (t) {
            case "newline":
                return '\n';
            case "space":
                return ' ';
            case "tab":
                return '\t';
            case "backspace":
                return '\b';
            case "formfeed":
                return '\f';
            case "return":
                return '\r';
            default:
                break;
        }
        if (t.startsWith("u") && t.length() == 5) {
            try {
                return (char) Integer.parseInt(t.substring(1), 16);
            } catch (NumberFormatException e) {
                throw error("Invalid unicode character: \\" + t);
            }
        }
        if (t.startsWith("o") && t.length() <= 4) {
            try {
                int v = Integer.parseInt(t.substring(1), 8);
                if (v <= 0377) {
                    return (char) v;
                }
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
            throw error("Invalid octal escape sequence: \\" + t);
        }
        throw error("Unsupported character: \\" + t);
    }

    private List<Object> readSeq(char close, int startLine) {
        if (++depth > MAX_DEPTH) {
            throw error("nested more than " + MAX_DEPTH + " deep");
        }
        List<Object> items = new ArrayList<>();
        while (true) {
            skipWhitespaceAndComments();
            int c = peek();
            if (c == -1) {
                throw new EdnException(
                        startLine, "EOF while reading, starting at line " + startLine);
            }
            if (c == close) {
                next();
                depth--;
                return items;
            }
            int at = line;
            Object v = readAfter(next(), at);
            if (v != DISCARDED) {
                items.add(v);
            }
        }
    }

    private Map<Object, Object> readMap(int startLine) {
        List<Object> items = readSeq('}', startLine);
        if (items.size() % 2 != 0) {
            throw new EdnException(startLine, "Map literal must contain an even number of forms");
        }
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i += 2) {
            Object key = items.get(i);
            if (map.containsKey(key)) {
                throw new EdnException(startLine, "Duplicate key: " + key);
            }
            map.put(key, items.get(i + 1));
        }
        return Collections.unmodifiableMap(map);
    }

    private Object readDispatch(int startLine) {
        int c = next();
        switch (c) {
            case '{':
                {
                    List<Object> items = readSeq('}', startLine);
                    Set<Object> set = new LinkedHashSet<>();
                    for (Object o : items) {
                        if (!set.add(o)) {
                            throw new EdnException(startLine, "Duplicate key: " + o);
                        }
                    }
                    return Collections.unmodifiableSet(set);
                }
            case '_':
                read(false);
                return DISCARDED;
            case '!':
                skipLine();
                return DISCARDED;
            case '#':
                {
                    Object sym = read(false);
                    if (sym instanceof Symbol x && x.ns() == null) {
                        switch (x.name()) {
                            case "Inf":
                                return Double.POSITIVE_INFINITY;
                            case "-Inf":
                                return Double.NEGATIVE_INFINITY;
                            case "NaN":
                                return Double.NaN;
                            default:
                                break;
                        }
                    }
                    throw error("Invalid token: ##" + sym);
                }
            case '<':
                throw error("Unreadable form");
            case -1:
                throw error("EOF while reading dispatch character");
            default:
                break;
        }
        if (c == ':') {
            return readNamespacedMap(startLine);
        }
        if (!Character.isLetter(c)) {
            throw error("No dispatch macro for #" + (char) c);
        }
        Object tag = readSymbol(token(c));
        Object value = read(false);
        if (tag instanceof Symbol t && t.ns() == null) {
            switch (t.name()) {
                case "inst", "uuid":
                    if (value instanceof String) {
                        return value;
                    }
                    throw error("#" + t.name() + " takes a string");
                case "queue", "js":
                    return value;
                default:
                    break;
            }
        }
        throw error("No reader function for tag " + tag);
    }

    /** {@code #:ns{:a 1}}: keys without a namespace get {@code ns}, those of {@code _} none. */
    private Map<Object, Object> readNamespacedMap(int startLine) {
        int c = peek();
        if (c == -1 || whitespace(c) || terminating(c)) {
            throw error("Namespaced map must specify a namespace");
        }
        String ns = token(next());
        if (ns.startsWith(":") || parseSymbol(ns) == null || ns.contains("/")) {
            throw error("Invalid value used as namespace in namespaced map: " + ns);
        }
        skipWhitespaceAndComments();
        if (next() != '{') {
            throw error("Namespaced map with namespace " + ns + " does not specify a map");
        }
        Map<Object, Object> map = new LinkedHashMap<>();
        for (Map.Entry<Object, Object> e : readMap(startLine).entrySet()) {
            Object key = e.getKey();
            if (key instanceof Keyword k) {
                key =
                        k.ns() == null
                                ? new Keyword(ns, k.name())
                                : k.ns().equals("_") ? new Keyword(null, k.name()) : k;
            } else if (key instanceof Symbol y) {
                key =
                        y.ns() == null
                                ? new Symbol(ns, y.name())
                                : y.ns().equals("_") ? new Symbol(null, y.name()) : y;
            }
            if (map.containsKey(key)) {
                throw new EdnException(startLine, "Duplicate key: " + key);
            }
            map.put(key, e.getValue());
        }
        return Collections.unmodifiableMap(map);
    }

    private void readMeta() {
        Object meta = read(false);
        if (!(meta instanceof Map<?, ?>
                || meta instanceof Keyword
                || meta instanceof Symbol
                || meta instanceof String)) {
            throw error("Metadata must be Symbol, Keyword, String or Map");
        }
    }
}
