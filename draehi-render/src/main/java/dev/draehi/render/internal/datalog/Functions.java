package dev.draehi.render.internal.datalog;

import dev.draehi.edn.EdnReader.Keyword;
import dev.draehi.edn.EdnReader.Symbol;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The functions and predicates a query may call, as Datascript's built-ins behave: comparison,
 * {@code contains?}, {@code get}, {@code str}, the {@code clojure.string} tests, {@code missing?},
 * {@code get-else}, arithmetic and regular expressions (which stop with the query's budget).
 */
final class Functions {
    /** What {@code $} passes: the database. */
    static final Object DB = new Object();

    private static final Object NO_SUCH = new Object();

    private Functions() {}

    /** True unless {@code nil} or {@code false}. */
    static boolean truthy(Object v) {
        return v != null && !Boolean.FALSE.equals(v);
    }

    /** Clojure's {@code =}: numbers of one kind by value, collections element by element. */
    static boolean equal(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof Number x && b instanceof Number y) {
            if (integral(x) && integral(y)) {
                return toBig(x).equals(toBig(y));
            }
            if (!integral(x) && !integral(y)) {
                return x.doubleValue() == y.doubleValue();
            }
            return false;
        }
        return a.equals(b);
    }

    /** Clojure's {@code compare}; values of different kinds cannot be compared. */
    static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            if (integral(x) && integral(y)) {
                return toBig(x).compareTo(toBig(y));
            }
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof String x && b instanceof String y) {
            return Integer.signum(x.compareTo(y));
        }
        if (a instanceof Keyword x && b instanceof Keyword y) {
            return Integer.signum(x.toString().compareTo(y.toString()));
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        if (a instanceof Eid x && b instanceof Eid y) {
            return Integer.compare(x.id(), y.id());
        }
        if (a instanceof Character x && b instanceof Character y) {
            return Character.compare(x, y);
        }
        throw new QueryNotRunException(
                "cannot compare " + EdnText.print(a) + " with " + EdnText.print(b));
    }

    static boolean integral(Number n) {
        return n instanceof Long
                || n instanceof Integer
                || n instanceof BigInteger
                || n instanceof Short
                || n instanceof Byte;
    }

    private static BigInteger toBig(Number n) {
        return n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
    }

    /** Calls {@code fn} on {@code args}. */
    static Object call(String fn, List<Object> args, Facts facts, Budget budget) {
        Object v = comparison(fn, args);
        if (v == NO_SUCH) {
            v = collections(fn, args, facts);
        }
        if (v == NO_SUCH) {
            v = text(fn, args, budget);
        }
        if (v == NO_SUCH) {
            v = logic(fn, args);
        }
        if (v == NO_SUCH) {
            throw new QueryNotRunException(
                    "the function " + fn + " is not available in published queries");
        }
        return v;
    }

    /** {@code =}, {@code not=}, {@code ==}, {@code <} and the other comparisons. */
    private static Object comparison(String fn, List<Object> args) {
        switch (fn) {
            case "=":
                return allEqual(args);
            case "not=":
            case "!=":
                return !allEqual(args);
            case "==":
                for (int i = 1; i < args.size(); i++) {
                    if (compare(number(args.get(i - 1)), number(args.get(i))) != 0) {
                        return false;
                    }
                }
                return true;
            case "<":
                return chain(args, c -> c < 0);
            case ">":
                return chain(args, c -> c > 0);
            case "<=":
                return chain(args, c -> c <= 0);
            case ">=":
                return chain(args, c -> c >= 0);
            case "compare":
                arity(fn, args, 2);
                return (long) compare(args.get(0), args.get(1));
            default:
                return NO_SUCH;
        }
    }

    /** Lookups in collections and in the database, and collections made. */
    private static Object collections(String fn, List<Object> args, Facts facts) {
        switch (fn) {
            case "contains?":
                arity(fn, args, 2);
                return contains(args.get(0), args.get(1));
            case "get":
                if (args.size() < 2 || args.size() > 3) {
                    throw arityError(fn);
                }
                return get(args.get(0), args.get(1), args.size() == 3 ? args.get(2) : null);
            case "missing?":
                arity(fn, args, 3);
                return values(facts, args).isEmpty();
            case "get-else":
                {
                    arity(fn, args, 4);
                    if (args.get(3) == null) {
                        throw new QueryNotRunException("get-else needs a default other than nil");
                    }
                    List<Object> vs = values(facts, args);
                    return vs.isEmpty() ? args.get(3) : vs.get(0);
                }
            case "get-some":
                {
                    if (args.size() < 3) {
                        throw arityError(fn);
                    }
                    for (int i = 2; i < args.size(); i++) {
                        List<Object> vs =
                                values(facts, List.of(args.get(0), args.get(1), args.get(i)));
                        if (!vs.isEmpty()) {
                            return List.of(args.get(i), vs.get(0));
                        }
                    }
                    return null;
                }
            case "count":
                arity(fn, args, 1);
                if (args.get(0) == null) {
                    return 0L;
                }
                if (args.get(0) instanceof String s) {
                    return (long) s.length();
                }
                if (args.get(0) instanceof Map<?, ?> m) {
                    return (long) m.size();
                }
                return (long) collection(args.get(0)).size();
            case "empty?":
                arity(fn, args, 1);
                return args.get(0) == null
                        || (args.get(0) instanceof String s
                                ? s.isEmpty()
                                : args.get(0) instanceof Map<?, ?> m
                                        ? m.isEmpty()
                                        : collection(args.get(0)).isEmpty());
            case "identity":
            case "ground":
            case "untuple":
                arity(fn, args, 1);
                return args.get(0);
            case "vector":
            case "tuple":
            case "list":
                return Collections.unmodifiableList(new ArrayList<>(args));
            case "set":
                arity(fn, args, 1);
                return Collections.unmodifiableSet(new LinkedHashSet<>(collection(args.get(0))));
            default:
                return NO_SUCH;
        }
    }

    /** Strings, names and regular expressions. */
    private static Object text(String fn, List<Object> args, Budget budget) {
        switch (fn) {
            case "str":
                {
                    StringBuilder sb = new StringBuilder();
                    for (Object a : args) {
                        sb.append(EdnText.str(a));
                    }
                    return sb.toString();
                }
            case "subs":
                {
                    if (args.size() < 2 || args.size() > 3) {
                        throw arityError(fn);
                    }
                    String s = string(args.get(0));
                    int start = (int) integer(args.get(1));
                    int end = args.size() == 3 ? (int) integer(args.get(2)) : s.length();
                    if (start < 0 || end > s.length() || start > end) {
                        throw new QueryNotRunException("subs out of range");
                    }
                    return s.substring(start, end);
                }
            case "clojure.string/includes?":
                arity(fn, args, 2);
                return string(args.get(0)).contains(string(args.get(1)));
            case "clojure.string/starts-with?":
                arity(fn, args, 2);
                return string(args.get(0)).startsWith(string(args.get(1)));
            case "clojure.string/ends-with?":
                arity(fn, args, 2);
                return string(args.get(0)).endsWith(string(args.get(1)));
            case "clojure.string/blank?":
                arity(fn, args, 1);
                return args.get(0) == null || string(args.get(0)).isBlank();
            case "clojure.string/lower-case":
                arity(fn, args, 1);
                return string(args.get(0)).toLowerCase(Locale.ROOT);
            case "clojure.string/upper-case":
                arity(fn, args, 1);
                return string(args.get(0)).toUpperCase(Locale.ROOT);
            case "clojure.string/trim":
                arity(fn, args, 1);
                return string(args.get(0)).strip();
            case "clojure.string/join":
                {
                    if (args.isEmpty() || args.size() > 2) {
                        throw arityError(fn);
                    }
                    String sep = args.size() == 2 ? EdnText.str(args.get(0)) : "";
                    List<String> parts = new ArrayList<>();
                    for (Object o : collection(args.get(args.size() - 1))) {
                        parts.add(EdnText.str(o));
                    }
                    return String.join(sep, parts);
                }
            case "name":
                arity(fn, args, 1);
                if (args.get(0) instanceof Keyword k) {
                    return k.name();
                }
                if (args.get(0) instanceof Symbol s) {
                    return s.name();
                }
                return string(args.get(0));
            case "namespace":
                arity(fn, args, 1);
                if (args.get(0) instanceof Keyword k) {
                    return k.ns();
                }
                if (args.get(0) instanceof Symbol s) {
                    return s.ns();
                }
                throw new QueryNotRunException("namespace takes a keyword or symbol");
            case "keyword":
                if (args.size() == 1) {
                    String s = string(args.get(0));
                    int slash = s.indexOf('/');
                    return slash > 0
                            ? new Keyword(s.substring(0, slash), s.substring(slash + 1))
                            : new Keyword(null, s);
                }
                arity(fn, args, 2);
                return new Keyword(
                        args.get(0) == null ? null : string(args.get(0)), string(args.get(1)));
            case "re-pattern":
                arity(fn, args, 1);
                return pattern(args.get(0));
            case "re-find":
            case "re-matches":
                {
                    arity(fn, args, 2);
                    Pattern p = pattern(args.get(0));
                    Matcher m = p.matcher(new Guarded(string(args.get(1)), budget));
                    boolean found = fn.equals("re-find") ? m.find() : m.matches();
                    if (!found) {
                        return null;
                    }
                    if (m.groupCount() == 0) {
                        return m.group();
                    }
                    List<Object> groups = new ArrayList<>();
                    for (int i = 0; i <= m.groupCount(); i++) {
                        groups.add(m.group(i));
                    }
                    return Collections.unmodifiableList(groups);
                }
            default:
                return NO_SUCH;
        }
    }

    /** Truth, tests of values, and arithmetic. */
    private static Object logic(String fn, List<Object> args) {
        switch (fn) {
            case "not":
                arity(fn, args, 1);
                return !truthy(args.get(0));
            case "and":
                {
                    Object last = true;
                    for (Object a : args) {
                        if (!truthy(a)) {
                            return a;
                        }
                        last = a;
                    }
                    return last;
                }
            case "or":
                for (Object a : args) {
                    if (truthy(a)) {
                        return a;
                    }
                }
                return args.isEmpty() ? null : args.get(args.size() - 1);
            case "nil?":
                arity(fn, args, 1);
                return args.get(0) == null;
            case "some?":
                arity(fn, args, 1);
                return args.get(0) != null;
            case "true?":
                arity(fn, args, 1);
                return Boolean.TRUE.equals(args.get(0));
            case "false?":
                arity(fn, args, 1);
                return Boolean.FALSE.equals(args.get(0));
            case "zero?":
                arity(fn, args, 1);
                return compare(number(args.get(0)), 0L) == 0;
            case "pos?":
                arity(fn, args, 1);
                return compare(number(args.get(0)), 0L) > 0;
            case "neg?":
                arity(fn, args, 1);
                return compare(number(args.get(0)), 0L) < 0;
            case "even?":
                arity(fn, args, 1);
                return integer(args.get(0)) % 2 == 0;
            case "odd?":
                arity(fn, args, 1);
                return integer(args.get(0)) % 2 != 0;
            case "+":
            case "-":
            case "*":
            case "/":
            case "quot":
            case "rem":
            case "mod":
            case "inc":
            case "dec":
            case "max":
            case "min":
                return Arithmetic.apply(fn, args);
            default:
                return NO_SUCH;
        }
    }

    private static boolean allEqual(List<Object> args) {
        for (int i = 1; i < args.size(); i++) {
            if (!equal(args.get(i - 1), args.get(i))) {
                return false;
            }
        }
        return true;
    }

    private interface IntTest {
        boolean test(int c);
    }

    private static boolean chain(List<Object> args, IntTest test) {
        if (args.isEmpty()) {
            throw new QueryNotRunException("a comparison needs arguments");
        }
        for (int i = 1; i < args.size(); i++) {
            if (!test.test(compare(args.get(i - 1), args.get(i)))) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(Object coll, Object key) {
        if (coll == null) {
            return false;
        }
        if (coll instanceof Set<?> s) {
            for (Object o : s) {
                if (equal(o, key)) {
                    return true;
                }
            }
            return false;
        }
        if (coll instanceof Map<?, ?> m) {
            return m.containsKey(key);
        }
        if (coll instanceof List<?> l) {
            return key instanceof Number n
                    && integral(n)
                    && n.longValue() >= 0
                    && n.longValue() < l.size();
        }
        if (coll instanceof String s) {
            return key instanceof Number n
                    && integral(n)
                    && n.longValue() >= 0
                    && n.longValue() < s.length();
        }
        return false;
    }

    private static Object get(Object coll, Object key, Object otherwise) {
        Object v = null;
        if (coll instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (equal(e.getKey(), key)) {
                    v = e.getValue();
                    break;
                }
            }
        } else if (coll instanceof List<?> l && key instanceof Number n && integral(n)) {
            long i = n.longValue();
            v = i >= 0 && i < l.size() ? l.get((int) i) : null;
        } else if (coll instanceof Set<?> s) {
            v = contains(s, key) ? key : null;
        }
        return v == null ? otherwise : v;
    }

    /** The values of {@code [e attr]} for {@code missing?}, {@code get-else}, {@code get-some}. */
    private static List<Object> values(Facts facts, List<Object> args) {
        if (args.get(0) != DB) {
            throw new QueryNotRunException("missing?, get-else and get-some take $ first");
        }
        if (!(args.get(1) instanceof Eid e)) {
            return List.of();
        }
        if (!(args.get(2) instanceof Keyword a)) {
            throw new QueryNotRunException("an attribute must be a keyword");
        }
        return facts.values(e.id(), QueryParser.attribute(a));
    }

    static Collection<?> collection(Object o) {
        if (o == null) {
            return List.of();
        }
        if (o instanceof Collection<?> c) {
            return c;
        }
        if (o instanceof Map<?, ?> m) {
            List<Object> entries = new ArrayList<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                entries.add(List.of(e.getKey(), e.getValue()));
            }
            return entries;
        }
        throw new QueryNotRunException("not a collection: " + QueryParser.brief(o));
    }

    private static String string(Object o) {
        if (o instanceof String s) {
            return s;
        }
        throw new QueryNotRunException("not a string: " + QueryParser.brief(o));
    }

    static Number number(Object o) {
        if (o instanceof Number n) {
            return n;
        }
        throw new QueryNotRunException("not a number: " + QueryParser.brief(o));
    }

    static long integer(Object o) {
        if (o instanceof Number n && integral(n)) {
            return n.longValue();
        }
        throw new QueryNotRunException("not an integer: " + QueryParser.brief(o));
    }

    private static Pattern pattern(Object o) {
        if (o instanceof Pattern p) {
            return p;
        }
        try {
            return Pattern.compile(string(o));
        } catch (PatternSyntaxException e) {
            throw new QueryNotRunException("not a regular expression: " + QueryParser.brief(o));
        }
    }

    static void arity(String fn, List<Object> args, int n) {
        if (args.size() != n) {
            throw arityError(fn);
        }
    }

    static QueryNotRunException arityError(String fn) {
        return new QueryNotRunException("wrong number of arguments to " + fn);
    }

    /** Text that checks the query's clock while a regular expression reads it. */
    private static final class Guarded implements CharSequence {
        private final String s;
        private final Budget budget;
        private int reads;

        Guarded(String s, Budget budget) {
            this.s = s;
            this.budget = budget;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 0xfff) == 0) {
                budget.checkTime();
            }
            return s.charAt(index);
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Guarded(s.substring(start, end), budget);
        }

        @Override
        public String toString() {
            return s;
        }
    }
}
