package dev.draehi.render.internal;

import dev.draehi.model.Block;
import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import dev.draehi.model.PageNames;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Logseq simple queries over the published pages of a graph: {@code and or not}, page refs and
 * tags, {@code task}, {@code priority}, {@code page}, {@code property}, {@code page-property},
 * {@code page-tags}, {@code between} (journals) and full-text strings. Results are cached per
 * graph.
 */
public final class QueryEngine {
    private static final Pattern REF =
            Pattern.compile(
                    "\\[\\[([^\\[\\]\\n]+)\\]\\]|(?:^|[\\s(,])#([^\\s,;!?\"'()\\[\\]{}#]+)");
    private static final Map<Graph, Map<String, Result>> CACHE =
            Collections.synchronizedMap(new WeakHashMap<>());

    private QueryEngine() {}

    /** A matching block (or, for page queries, a page with {@code block == null}). */
    public record Hit(Page page, Block block) {}

    /** The hits of a query, in page and document order. */
    public record Result(List<Hit> hits) {}

    /** Runs {@code query} against the published pages of {@code graph}. */
    public static Result run(String query, Graph graph) {
        Map<String, Result> cache = CACHE.computeIfAbsent(graph, g -> new ConcurrentHashMap<>());
        Result r = cache.get(query);
        if (r == null) {
            r = evaluate(query, graph);
            if (cache.size() < 10_000) {
                cache.put(query, r);
            }
        }
        return r;
    }

    static Result evaluate(String query, Graph graph) {
        Expr expr;
        try {
            List<Object> forms = new Reader(query).readAll();
            List<Expr> parts = new ArrayList<>();
            for (Object f : forms) {
                Expr e = compile(f, graph);
                if (e != null) {
                    parts.add(e);
                }
            }
            if (parts.isEmpty()) {
                return new Result(List.of());
            }
            expr = parts.size() == 1 ? parts.get(0) : new And(parts);
        } catch (RuntimeException e) {
            return new Result(List.of());
        }
        List<Hit> hits = new ArrayList<>();
        boolean pageQuery = expr.pageLevel();
        for (Page p : graph.publishedPages()) {
            Set<String> pageTags = new HashSet<>();
            for (String t : p.tags()) {
                pageTags.add(PageNames.identity(t));
            }
            if (pageQuery) {
                if (expr.test(new Ctx(p, null, pageTags, Set.of()))) {
                    hits.add(new Hit(p, null));
                }
                continue;
            }
            walk(p, p.blocks(), Set.of(), pageTags, expr, hits, 0);
            if (hits.size() > 10_000) {
                break;
            }
        }
        return new Result(List.copyOf(hits));
    }

    private static void walk(
            Page p,
            List<Block> blocks,
            Set<String> inherited,
            Set<String> pageTags,
            Expr expr,
            List<Hit> hits,
            int depth) {
        for (Block b : blocks) {
            Set<String> refs = new HashSet<>(inherited);
            refs.addAll(refsOf(b));
            if (expr.test(new Ctx(p, b, pageTags, refs))) {
                hits.add(new Hit(p, b));
            }
            if (!b.children().isEmpty() && depth < 200) {
                walk(p, b.children(), refs, pageTags, expr, hits, depth + 1);
            }
        }
    }

    static Set<String> refsOf(Block b) {
        Set<String> refs = new HashSet<>();
        for (Block.Ref r : b.refs()) {
            if (!r.toBlock()) {
                refs.add(PageNames.identity(r.target()));
            }
        }
        Matcher m = REF.matcher(b.content());
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            refs.add(PageNames.identity(name));
        }
        for (Map.Entry<String, String> e : b.properties().entrySet()) {
            if (e.getKey().equals("tags") || e.getKey().equals("alias")) {
                for (String t : e.getValue().split(",")) {
                    String n = t.strip().replace("[[", "").replace("]]", "");
                    if (n.startsWith("#")) {
                        n = n.substring(1);
                    }
                    if (!n.isEmpty()) {
                        refs.add(PageNames.identity(n));
                    }
                }
            }
        }
        return refs;
    }

    private record Ctx(Page page, Block block, Set<String> pageTags, Set<String> refs) {}

    private interface Expr {
        boolean test(Ctx c);

        default boolean pageLevel() {
            return false;
        }
    }

    private record And(List<Expr> parts) implements Expr {
        public boolean test(Ctx c) {
            for (Expr e : parts) {
                if (!e.test(c)) {
                    return false;
                }
            }
            return true;
        }

        public boolean pageLevel() {
            return parts.stream().allMatch(Expr::pageLevel);
        }
    }

    private record Or(List<Expr> parts) implements Expr {
        public boolean test(Ctx c) {
            for (Expr e : parts) {
                if (e.test(c)) {
                    return true;
                }
            }
            return false;
        }

        public boolean pageLevel() {
            return parts.stream().allMatch(Expr::pageLevel);
        }
    }

    private record Not(Expr inner) implements Expr {
        public boolean test(Ctx c) {
            return !inner.test(c);
        }

        public boolean pageLevel() {
            return inner.pageLevel();
        }
    }

    private record PageLevel(java.util.function.Predicate<Ctx> p) implements Expr {
        public boolean test(Ctx c) {
            return p.test(c);
        }

        public boolean pageLevel() {
            return true;
        }
    }

    private record BlockLevel(java.util.function.Predicate<Ctx> p) implements Expr {
        public boolean test(Ctx c) {
            return c.block() != null && p.test(c);
        }
    }

    private static Expr compile(Object form, Graph graph) {
        if (form instanceof RefToken) {
            Set<String> names = namesOf(((RefToken) form).name, graph);
            return new BlockLevel(c -> !Collections.disjoint(c.refs(), names));
        }
        if (form instanceof String) {
            String needle = ((String) form).toLowerCase(Locale.ROOT);
            if (needle.isBlank()) {
                return null;
            }
            return new BlockLevel(
                    c -> c.block().content().toLowerCase(Locale.ROOT).contains(needle));
        }
        if (form instanceof Symbol) {
            String needle = ((Symbol) form).name.toLowerCase(Locale.ROOT);
            return new BlockLevel(
                    c -> c.block().content().toLowerCase(Locale.ROOT).contains(needle));
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) form;
        if (list.isEmpty() || !(list.get(0) instanceof Symbol)) {
            return null;
        }
        String op = ((Symbol) list.get(0)).name.toLowerCase(Locale.ROOT);
        List<Object> args = list.subList(1, list.size());
        List<Expr> sub = new ArrayList<>();
        switch (op) {
            case "and":
            case "or":
            case "not":
                for (Object a : args) {
                    Expr e = compile(a, graph);
                    if (e != null) {
                        sub.add(e);
                    }
                }
                if (sub.isEmpty()) {
                    return null;
                }
                if (op.equals("and")) {
                    return new And(sub);
                }
                if (op.equals("or")) {
                    return new Or(sub);
                }
                return new Not(sub.size() == 1 ? sub.get(0) : new Or(sub));
            case "task":
            case "todo":
                {
                    Set<String> markers = new HashSet<>();
                    for (Object a : args) {
                        markers.add(text(a).toUpperCase(Locale.ROOT));
                    }
                    return new BlockLevel(
                            c ->
                                    c.block().marker() != null
                                            && markers.contains(
                                                    c.block().marker().toUpperCase(Locale.ROOT)));
                }
            case "priority":
                {
                    Set<String> letters = new HashSet<>();
                    for (Object a : args) {
                        letters.add(text(a).toUpperCase(Locale.ROOT));
                    }
                    return new BlockLevel(
                            c ->
                                    c.block().priority() != null
                                            && letters.contains(
                                                    c.block().priority().toUpperCase(Locale.ROOT)));
                }
            case "page":
                {
                    Set<String> names = new HashSet<>();
                    for (Object a : args) {
                        names.addAll(namesOf(text(a), graph));
                    }
                    return new BlockLevel(c -> names.contains(c.page().identity()));
                }
            case "property":
                {
                    String key = text(args.get(0)).toLowerCase(Locale.ROOT);
                    String value = args.size() > 1 ? text(args.get(1)) : null;
                    return new BlockLevel(c -> propertyMatches(c.block().properties(), key, value));
                }
            case "page-property":
                {
                    String key = text(args.get(0)).toLowerCase(Locale.ROOT);
                    String value = args.size() > 1 ? text(args.get(1)) : null;
                    return new PageLevel(c -> propertyMatches(c.page().properties(), key, value));
                }
            case "page-tags":
                {
                    Set<String> tags = new HashSet<>();
                    for (Object a : args) {
                        tags.add(PageNames.identity(text(a)));
                    }
                    return new PageLevel(c -> !Collections.disjoint(c.pageTags(), tags));
                }
            case "between":
                {
                    int from = day(text(args.get(0)), graph);
                    int to = day(text(args.get(1)), graph);
                    return new BlockLevel(
                            c ->
                                    c.page().journalDay() != null
                                            && c.page().journalDay() >= from
                                            && c.page().journalDay() <= to);
                }
            case "sort-by":
            case "sample":
                return new BlockLevel(c -> true);
            default:
                return new BlockLevel(c -> false);
        }
    }

    private static boolean propertyMatches(Map<String, String> props, String key, String value) {
        String v = props.get(key);
        if (v == null) {
            return false;
        }
        if (value == null) {
            return true;
        }
        String want = value.strip().toLowerCase(Locale.ROOT);
        for (String part : v.split(",")) {
            String p = part.strip().replace("[[", "").replace("]]", "").toLowerCase(Locale.ROOT);
            if (p.startsWith("#")) {
                p = p.substring(1);
            }
            if (p.equals(want)) {
                return true;
            }
        }
        return v.strip().toLowerCase(Locale.ROOT).equals(want);
    }

    private static Set<String> namesOf(String name, Graph graph) {
        Set<String> names = new HashSet<>();
        names.add(PageNames.identity(name));
        graph.page(name)
                .ifPresent(
                        p -> {
                            names.add(p.identity());
                            for (String a : p.aliases()) {
                                names.add(PageNames.identity(a));
                            }
                        });
        return names;
    }

    private static final Pattern RELATIVE = Pattern.compile("([+-]?)(\\d+)([dwmy])");

    private static int day(String s, Graph graph) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        LocalDate today = LocalDate.now();
        LocalDate d;
        Matcher m = RELATIVE.matcher(t);
        if (t.equals("today")) {
            d = today;
        } else if (t.equals("yesterday")) {
            d = today.minusDays(1);
        } else if (t.equals("tomorrow")) {
            d = today.plusDays(1);
        } else if (m.matches()) {
            int n = Integer.parseInt(m.group(2)) * (m.group(1).equals("-") ? -1 : 1);
            switch (m.group(3)) {
                case "w":
                    d = today.plusWeeks(n);
                    break;
                case "m":
                    d = today.plusMonths(n);
                    break;
                case "y":
                    d = today.plusYears(n);
                    break;
                default:
                    d = today.plusDays(n);
                    break;
            }
        } else if (t.matches("\\d{8}")) {
            return Integer.parseInt(t);
        } else if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
            d = LocalDate.parse(t);
        } else {
            Page p = graph.page(s.strip()).orElse(null);
            if (p != null && p.journalDay() != null) {
                return p.journalDay();
            }
            throw new IllegalArgumentException("not a date: " + s);
        }
        return Integer.parseInt(d.format(DateTimeFormatter.BASIC_ISO_DATE));
    }

    private static String text(Object form) {
        if (form instanceof RefToken) {
            return ((RefToken) form).name;
        }
        if (form instanceof Symbol) {
            return ((Symbol) form).name;
        }
        if (form instanceof String) {
            return (String) form;
        }
        throw new IllegalArgumentException("expected a value");
    }

    private static final class Symbol {
        final String name;

        Symbol(String name) {
            this.name = name;
        }
    }

    private static final class RefToken {
        final String name;

        RefToken(String name) {
            this.name = name;
        }
    }

    /** Reads the query's forms: lists, strings, page refs, tags, symbols. */
    private static final class Reader {
        private final String s;
        private int i;
        private int depth;

        Reader(String s) {
            this.s = s;
        }

        List<Object> readAll() {
            List<Object> out = new ArrayList<>();
            while (true) {
                skipSpace();
                if (i >= s.length()) {
                    return out;
                }
                out.add(read());
            }
        }

        private void skipSpace() {
            while (i < s.length() && (Character.isWhitespace(s.charAt(i)) || s.charAt(i) == ',')) {
                i++;
            }
        }

        private Object read() {
            char c = s.charAt(i);
            if (c == '(') {
                if (++depth > 50) {
                    throw new IllegalArgumentException("query nests too deep");
                }
                i++;
                List<Object> list = new ArrayList<>();
                while (true) {
                    skipSpace();
                    if (i >= s.length()) {
                        throw new IllegalArgumentException("unclosed (");
                    }
                    if (s.charAt(i) == ')') {
                        i++;
                        depth--;
                        return list;
                    }
                    list.add(read());
                }
            }
            if (c == '"') {
                int end = s.indexOf('"', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed string");
                }
                String str = s.substring(i + 1, end);
                i = end + 1;
                return str;
            }
            if (s.startsWith("[[", i) || s.startsWith("#[[", i)) {
                int start = s.indexOf("[[", i) + 2;
                int end = s.indexOf("]]", start);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed [[");
                }
                i = end + 2;
                return new RefToken(s.substring(start, end).strip());
            }
            int start = i;
            while (i < s.length()
                    && !Character.isWhitespace(s.charAt(i))
                    && "()\"".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            if (i == start) {
                i++;
                throw new IllegalArgumentException("unexpected " + c);
            }
            String atom = s.substring(start, i);
            if (atom.startsWith("#") && atom.length() > 1) {
                return new RefToken(atom.substring(1));
            }
            return new Symbol(atom);
        }
    }
}
