package dev.draehi.render.internal.datalog;

import dev.draehi.edn.EdnReader;
import dev.draehi.edn.EdnReader.Keyword;
import dev.draehi.edn.EdnReader.Seq;
import dev.draehi.edn.EdnReader.Symbol;
import dev.draehi.model.Page;
import dev.draehi.model.PageNames;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simple query ({@code (and [[x]] (task TODO))}) in an advanced query's {@code :query}, turned
 * into Datalog over the built-in rules, as Logseq's query DSL does: page refs and tags, {@code
 * and}, {@code or}, {@code not}, {@code task}/{@code todo}, {@code priority}, {@code page}, {@code
 * property}, {@code page-property}, {@code page-tags}, {@code all-page-tags}, {@code between},
 * {@code namespace}, text, {@code sort-by} and {@code sample}. When every filter is about pages the
 * query finds pages ({@code ?p}); else blocks ({@code ?b}), a page filter then applying to the
 * block's page.
 */
final class DslQuery {
    private static final Term.Var B = new Term.Var("?b");
    private static final Term.Var P = new Term.Var("?p");
    private static final Pattern RELATIVE = Pattern.compile("([+-]?)(\\d{1,6})([dwmy])");
    private static final Pattern TAG =
            Pattern.compile("(^|[\\s(])#(?![{(\\[])([^\\s()\\[\\]{}\",]+)");
    private static final Pattern DAY_WORD =
            Pattern.compile("(?<=[\\s(])([+-]?\\d{1,6}[dwmy])(?=[\\s)])");

    /**
     * The Datalog of a simple query.
     *
     * @param pages true when it finds pages
     * @param sortBy the property (or {@code page}, {@code block}) of a {@code (sort-by …)}, or null
     * @param sample the n of a {@code (sample n)}, or 0
     */
    record Translation(
            List<Clause> where, boolean pages, String sortBy, boolean sortDesc, int sample) {}

    private final Facts facts;
    private final LocalDate today;
    private String sortBy;
    private boolean sortDesc;
    private int sample;

    private DslQuery(Facts facts, LocalDate today) {
        this.facts = facts;
        this.today = today;
    }

    /** A simple query written as text, as in {@code :query "(and (task TODO) #tag)"}. */
    static Object read(String text) {
        // #tag and -7d are not EDN: read them as a page ref and a day, as the simple query reader
        Matcher m = TAG.matcher(text);
        String edn =
                m.replaceAll(r -> r.group(1) + "[[" + Matcher.quoteReplacement(r.group(2)) + "]]");
        edn = DAY_WORD.matcher(edn).replaceAll("\"$1\"");
        try {
            return EdnReader.readFirst(edn);
        } catch (EdnReader.EdnException e) {
            throw new QueryNotRunException("the simple query cannot be read: " + e.getMessage());
        }
    }

    static Translation translate(Object form, Facts facts, LocalDate today) {
        DslQuery d = new DslQuery(facts, today);
        boolean pages = d.pageLevel(form) == Boolean.TRUE;
        List<Clause> where = new ArrayList<>();
        if (form instanceof String s) {
            // A query that is only text searches block content, ignoring case.
            Term.Var content = new Term.Var("?content");
            Term.Var lower = new Term.Var("?lower");
            where.add(new Clause.Pattern(B, new Term.Const(Facts.CONTENT), content));
            where.add(
                    new Clause.Function(
                            "clojure.string/lower-case", List.of(content), new Bind.Scalar(lower)));
            where.add(
                    new Clause.Predicate(
                            "clojure.string/includes?",
                            List.of(lower, new Term.Const(s.toLowerCase(Locale.ROOT)))));
            return new Translation(where, false, null, false, 0);
        }
        Clause top = d.clause(form, pages);
        if (top != null) {
            where.add(top);
        }
        if (!pages && d.mentionsPage(form)) {
            where.add(new Clause.Pattern(B, new Term.Const(Facts.PAGE), P));
        }
        boolean positive = false;
        for (Clause c : where) {
            if (!(c instanceof Clause.Not)) {
                positive = true;
            }
        }
        if (!positive) {
            where.add(
                    pages
                            ? new Clause.Pattern(P, new Term.Const(Facts.NAME), new Term.Blank())
                            : new Clause.Pattern(B, new Term.Const(Facts.PAGE), new Term.Blank()));
        }
        return new Translation(where, pages, d.sortBy, d.sortDesc, d.sample);
    }

    /** True when the form filters pages only, false when it filters blocks, null when neither. */
    private Boolean pageLevel(Object form) {
        if (form instanceof Seq l && !l.isEmpty() && l.get(0) instanceof Symbol s) {
            String op = s.name().toLowerCase(Locale.ROOT);
            switch (op) {
                case "and":
                case "or":
                case "not":
                    {
                        Boolean all = null;
                        for (Object o : l.subList(1, l.size())) {
                            Boolean b = pageLevel(o);
                            if (b == Boolean.FALSE) {
                                return false;
                            }
                            if (b == Boolean.TRUE) {
                                all = true;
                            }
                        }
                        return all;
                    }
                case "page-property":
                case "page-tags":
                case "all-page-tags":
                case "namespace":
                    return true;
                case "sort-by":
                case "sample":
                    return null;
                default:
                    return false;
            }
        }
        return form == null ? null : false;
    }

    private boolean mentionsPage(Object form) {
        if (form instanceof Seq l && !l.isEmpty() && l.get(0) instanceof Symbol s) {
            String op = s.name().toLowerCase(Locale.ROOT);
            if (op.equals("and") || op.equals("or") || op.equals("not")) {
                for (Object o : l.subList(1, l.size())) {
                    if (mentionsPage(o)) {
                        return true;
                    }
                }
                return false;
            }
            return pageLevel(form) == Boolean.TRUE;
        }
        return false;
    }

    /** The clause of one form, or null for one that filters nothing ({@code sort-by}). */
    private Clause clause(Object form, boolean pages) {
        if (form == null) {
            return null;
        }
        if (form instanceof String s) {
            return new Clause.RuleCall("block-content", List.of(B, new Term.Const(s)));
        }
        if (form instanceof List<?> v && !(form instanceof Seq)) {
            return pageRef(refName(v));
        }
        if (form instanceof Symbol s) {
            // a bare word is searched for as text, as Logseq does
            return new Clause.RuleCall("block-content", List.of(B, new Term.Const(s.toString())));
        }
        if (!(form instanceof Seq l) || l.isEmpty() || !(l.get(0) instanceof Symbol head)) {
            throw new QueryNotRunException("not a simple query filter: " + QueryParser.brief(form));
        }
        String op = head.name().toLowerCase(Locale.ROOT);
        List<Object> args = new ArrayList<>(l.subList(1, l.size()));
        switch (op) {
            case "and":
                {
                    List<Clause> parts = parts(args, pages);
                    return parts.isEmpty() ? null : new Clause.Or(null, List.of(parts));
                }
            case "or":
                {
                    List<List<Clause>> branches = new ArrayList<>();
                    for (Clause c : parts(args, pages)) {
                        branches.add(List.of(c));
                    }
                    return branches.isEmpty() ? null : new Clause.Or(null, branches);
                }
            case "not":
                {
                    List<Clause> parts = parts(args, pages);
                    return parts.isEmpty() ? null : new Clause.Not(null, parts);
                }
            case "task":
            case "todo":
                return new Clause.RuleCall("task", List.of(B, new Term.Const(words(args, true))));
            case "priority":
                return new Clause.RuleCall(
                        "priority", List.of(B, new Term.Const(words(args, true))));
            case "page":
                {
                    List<List<Clause>> branches = new ArrayList<>();
                    for (Object a : args) {
                        String name = PageNames.identity(text(a));
                        branches.add(
                                List.of(
                                        new Clause.RuleCall(
                                                "page", List.of(B, new Term.Const(name)))));
                    }
                    return or(branches);
                }
            case "property":
            case "page-property":
                return property(op, args);
            case "page-tags":
                return pageTags(args);
            case "all-page-tags":
                return new Clause.RuleCall("all-page-tags", List.of(P));
            case "namespace":
                if (args.size() != 1) {
                    throw new QueryNotRunException("namespace takes a page");
                }
                return new Clause.RuleCall(
                        "namespace",
                        List.of(P, new Term.Const(PageNames.identity(text(args.get(0))))));
            case "between":
                if (args.size() != 2) {
                    throw new QueryNotRunException("between takes a start and an end");
                }
                return new Clause.RuleCall(
                        "between",
                        List.of(
                                B,
                                new Term.Const(day(args.get(0))),
                                new Term.Const(day(args.get(1)))));
            case "sort-by":
            case "sample":
                option(op, args);
                return null;
            default:
                throw new QueryNotRunException(
                        "(" + head + " …) is not a simple query filter draehi knows");
        }
    }

    /** {@code (property key value)} of blocks, {@code (page-property key value)} of pages. */
    private static Clause property(String op, List<Object> args) {
        if (args.isEmpty() || args.size() > 2) {
            throw new QueryNotRunException(op + " takes a key and maybe a value");
        }
        Term.Var who = op.equals("property") ? B : P;
        Keyword key = new Keyword(null, text(args.get(0)).toLowerCase(Locale.ROOT));
        if (args.size() == 1) {
            return new Clause.RuleCall(
                    op.equals("property") ? "has-property" : "has-page-property",
                    List.of(who, new Term.Const(key)));
        }
        return new Clause.RuleCall(
                op, List.of(who, new Term.Const(key), new Term.Const(value(args.get(1)))));
    }

    /** {@code (page-tags a b)} or {@code (page-tags [a b])}: pages with any of the tags. */
    private static Clause pageTags(List<Object> args) {
        Set<Object> names = new LinkedHashSet<>();
        for (Object a : args) {
            if (a instanceof List<?> many && !(a instanceof Seq) && !isRef(a)) {
                for (Object m : many) {
                    names.add(PageNames.identity(text(m)));
                }
            } else {
                names.add(PageNames.identity(text(a)));
            }
        }
        return new Clause.RuleCall(
                "page-tags", List.of(P, new Term.Const(Collections.unmodifiableSet(names))));
    }

    /** {@code (sort-by key asc|desc)} and {@code (sample n)}: how results are shown. */
    private void option(String op, List<Object> args) {
        if (op.equals("sort-by")) {
            if (args.isEmpty() || args.size() > 2) {
                throw new QueryNotRunException("sort-by takes a key and maybe asc or desc");
            }
            sortBy = text(args.get(0)).toLowerCase(Locale.ROOT);
            sortDesc = args.size() < 2 || !text(args.get(1)).equalsIgnoreCase("asc");
            return;
        }
        if (args.size() != 1) {
            throw new QueryNotRunException("sample takes a number");
        }
        sample = (int) Math.max(1, Math.min(10_000, Functions.integer(args.get(0))));
    }

    private List<Clause> parts(List<Object> args, boolean pages) {
        List<Clause> out = new ArrayList<>();
        for (Object a : args) {
            Clause c = clause(a, pages);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    private static Clause or(List<List<Clause>> branches) {
        if (branches.isEmpty()) {
            return null;
        }
        return branches.size() == 1 && branches.get(0).size() == 1
                ? branches.get(0).get(0)
                : new Clause.Or(null, branches);
    }

    /** Blocks referring to the page, directly or through a parent, under any of its names. */
    private Clause pageRef(String name) {
        Set<Integer> targets = new LinkedHashSet<>();
        int e = facts.byName(name);
        if (e >= 0) {
            targets.add(e);
            Object t = facts.thing(e);
            int page = t instanceof Facts.Stub s && s.aliasOf() >= 0 ? s.aliasOf() : e;
            targets.add(page);
            for (Object a : facts.values(page, Facts.ALIAS)) {
                targets.add(((Eid) a).id());
            }
        }
        List<List<Clause>> branches = new ArrayList<>();
        for (int t : targets) {
            branches.add(
                    List.of(
                            new Clause.Pattern(
                                    B,
                                    new Term.Const(Facts.PATH_REFS),
                                    new Term.Const(facts.eid(t)))));
        }
        if (branches.isEmpty()) {
            // a page nobody has: nothing refers to it
            branches.add(
                    List.of(
                            new Clause.Pattern(
                                    B,
                                    new Term.Const(Facts.PATH_REFS),
                                    new Term.Const(new Keyword(null, "no-such-page")))));
        }
        return or(branches);
    }

    private static boolean isRef(Object o) {
        return o instanceof List<?> l
                && !(o instanceof Seq)
                && l.size() == 1
                && l.get(0) instanceof List<?> inner
                && !(inner instanceof Seq);
    }

    /** {@code [[a b]]} read as EDN: a vector holding a vector of the words. */
    private static String refName(List<?> v) {
        if (!isRef(v)) {
            throw new QueryNotRunException("not a page reference: " + QueryParser.brief(v));
        }
        List<String> words = new ArrayList<>();
        for (Object w : (List<?>) v.get(0)) {
            words.add(w instanceof String s ? s : EdnText.str(w instanceof Keyword k ? k : w));
        }
        return String.join(" ", words);
    }

    /** A word, name or page ref of a filter, as text. */
    private static String text(Object o) {
        if (o instanceof Keyword k) {
            return k.ns() == null ? k.name() : k.ns() + "/" + k.name();
        }
        if (o instanceof Symbol s) {
            return s.toString();
        }
        if (o instanceof String s) {
            return s;
        }
        if (isRef(o)) {
            return refName((List<?>) o);
        }
        if (o instanceof Number || o instanceof Boolean) {
            return o.toString();
        }
        throw new QueryNotRunException("expected a name, found " + QueryParser.brief(o));
    }

    /** A property value: a page ref's name, a string, a number or boolean as written. */
    private static Object value(Object o) {
        if (o instanceof Number || o instanceof Boolean || o instanceof String) {
            return o instanceof Integer i ? (Object) i.longValue() : o;
        }
        return text(o);
    }

    private static Set<Object> words(List<Object> args, boolean upper) {
        Set<Object> out = new LinkedHashSet<>();
        for (Object a : args) {
            String t = text(a);
            out.add(upper ? t.toUpperCase(Locale.ROOT) : t);
        }
        return Collections.unmodifiableSet(out);
    }

    /** A day of {@code between}: {@code today}, {@code -7d}, {@code 20240131}, a journal ref. */
    private long day(Object o) {
        if (o instanceof Long n && n > 10_000_000L && n < 99_999_999L) {
            return n;
        }
        String t = text(o).strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith(":")) {
            lower = lower.substring(1);
        }
        switch (lower) {
            case "today":
                return Inputs.day(today);
            case "yesterday":
                return Inputs.day(today.minusDays(1));
            case "tomorrow":
                return Inputs.day(today.plusDays(1));
            default:
                break;
        }
        Matcher m = RELATIVE.matcher(lower);
        if (m.matches()) {
            long n = Long.parseLong(m.group(2)) * (m.group(1).equals("-") ? -1 : 1);
            LocalDate d =
                    switch (m.group(3)) {
                        case "w" -> today.plusWeeks(n);
                        case "m" -> today.plusMonths(n);
                        case "y" -> today.plusYears(n);
                        default -> today.plusDays(n);
                    };
            return Inputs.day(d);
        }
        if (lower.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return Inputs.day(LocalDate.parse(lower));
        }
        int e = facts.byName(t);
        if (e >= 0 && facts.thing(e) instanceof Page p && p.journalDay() != null) {
            return p.journalDay();
        }
        throw new QueryNotRunException("between: " + t + " is not a day");
    }
}
