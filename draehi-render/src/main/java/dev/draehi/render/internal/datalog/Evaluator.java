package dev.draehi.render.internal.datalog;

import dev.draehi.edn.EdnReader.Keyword;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Solves clauses over {@link Facts}, a relation at a time: each clause turns the bindings so far
 * into the bindings that satisfy it too. Clauses run in the order written, except that a clause
 * that shares a bound variable goes before one that would multiply the bindings, and a predicate or
 * {@code not} waits until its variables are bound. Rules are expanded where they are called, with
 * their own variables renamed. Every binding made counts against the {@link Budget}.
 */
final class Evaluator {
    static final int MAX_RULE_DEPTH = 48;
    private static final Object UNBOUND = new Object();

    private final Facts facts;
    private final Map<String, List<Rule>> rules;
    private final Budget budget;
    private final Map<String, Integer> slots = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private int ruleDepth;
    private int renames;

    Evaluator(Facts facts, Map<String, List<Rule>> rules, Budget budget) {
        this.facts = facts;
        this.rules = rules;
        this.budget = budget;
    }

    /** The slot of a variable: where bindings keep its value. */
    int slot(String var) {
        Integer s = slots.get(var);
        if (s == null) {
            s = names.size();
            slots.put(var, s);
            names.add(var);
        }
        return s;
    }

    /** The value of {@code var} in {@code b}, or null when it is unbound. */
    Object value(Binding b, String var) {
        Integer s = slots.get(var);
        return s == null ? null : b.get(s);
    }

    /** The bindings of {@code rel} extended to satisfy every clause. */
    List<Binding> solve(List<Clause> clauses, List<Binding> rel) {
        Set<String> bound = new HashSet<>();
        if (!rel.isEmpty()) {
            for (int i = 0; i < names.size(); i++) {
                if (rel.get(0).has(i)) {
                    bound.add(names.get(i));
                }
            }
        }
        List<Clause> remaining = new ArrayList<>(clauses);
        while (!remaining.isEmpty()) {
            if (rel.isEmpty()) {
                return rel;
            }
            budget.checkTime();
            Clause c = remaining.remove(next(remaining, bound));
            rel = apply(c, rel);
            bound.addAll(Clause.binds(c));
        }
        return rel;
    }

    /**
     * The clause to run next: a predicate, function or {@code not} as soon as its variables are
     * bound; else the first other clause as written, unless it shares no bound variable and a later
     * data pattern does (an index lookup, where the first would multiply the bindings). A rule call
     * or {@code or} is never moved ahead: a recursive rule terminates in the order it was written.
     */
    private static int next(List<Clause> remaining, Set<String> bound) {
        int first = -1;
        int connectedPattern = -1;
        for (int i = 0; i < remaining.size(); i++) {
            Clause c = remaining.get(i);
            if (c instanceof Clause.Predicate p) {
                if (bound.containsAll(Clause.inputs(p.args()))) {
                    return i;
                }
            } else if (c instanceof Clause.Function f) {
                if (bound.containsAll(Clause.inputs(f.args()))) {
                    return i;
                }
            } else if (c instanceof Clause.Not n) {
                Set<String> needed = new HashSet<>(Clause.vars(n));
                Set<String> elsewhere = new HashSet<>();
                for (Clause other : remaining) {
                    if (other != c) {
                        elsewhere.addAll(Clause.vars(other));
                    }
                }
                needed.retainAll(elsewhere);
                if (bound.containsAll(needed)) {
                    return i;
                }
            } else {
                if (first < 0) {
                    first = i;
                }
                if (connectedPattern < 0 && c instanceof Clause.Pattern && isConnected(c, bound)) {
                    connectedPattern = i;
                }
            }
        }
        if (first >= 0) {
            return isConnected(remaining.get(first), bound) || connectedPattern < 0
                    ? first
                    : connectedPattern;
        }
        Set<String> unbound = new LinkedHashSet<>();
        for (Clause c : remaining) {
            unbound.addAll(Clause.vars(c));
        }
        unbound.removeAll(bound);
        throw new QueryNotRunException(
                "no clause binds "
                        + String.join(", ", unbound)
                        + ", which a predicate or not needs");
    }

    private static boolean isConnected(Clause c, Set<String> bound) {
        if (c instanceof Clause.Pattern p) {
            if (p.e() instanceof Term.Const) {
                return true;
            }
            if (p.a() instanceof Term.Const && p.v() instanceof Term.Const) {
                return true;
            }
        }
        if (c instanceof Clause.RuleCall r) {
            for (Term t : r.args()) {
                if (t instanceof Term.Const) {
                    return true;
                }
            }
        }
        for (String v : Clause.vars(c)) {
            if (bound.contains(v)) {
                return true;
            }
        }
        return false;
    }

    private List<Binding> apply(Clause c, List<Binding> rel) {
        if (c instanceof Clause.Pattern p) {
            return pattern(p, rel);
        }
        if (c instanceof Clause.Predicate p) {
            List<Binding> out = new ArrayList<>();
            for (Binding b : rel) {
                budget.step();
                if (Functions.truthy(call(p.fn(), p.args(), b))) {
                    out.add(b);
                }
            }
            return out;
        }
        if (c instanceof Clause.Function f) {
            List<Binding> out = new ArrayList<>();
            for (Binding b : rel) {
                budget.step();
                Object v = call(f.fn(), f.args(), b);
                bind(f.out(), v, b, out);
            }
            return out;
        }
        if (c instanceof Clause.Not n) {
            return not(n, rel);
        }
        if (c instanceof Clause.Or o) {
            return or(o, rel);
        }
        return rule((Clause.RuleCall) c, rel);
    }

    // ---------------------------------------------------------------- data patterns

    private List<Binding> pattern(Clause.Pattern p, List<Binding> rel) {
        List<Binding> out = new ArrayList<>();
        int[] slots = {slotOf(p.e()), slotOf(p.a()), slotOf(p.v())};
        for (Binding b : rel) {
            Object e = resolve(p.e(), slots[0], b);
            Object a = resolve(p.a(), slots[1], b);
            Object v = resolve(p.v(), slots[2], b);
            if (a != UNBOUND && !(a instanceof Keyword)) {
                continue;
            }
            int entity = -1;
            if (e != UNBOUND) {
                entity = entity(e);
                if (entity < 0) {
                    continue;
                }
            }
            List<Keyword> attrs =
                    a == UNBOUND ? Facts.ATTRIBUTES : List.of(QueryParser.attribute((Keyword) a));
            for (Keyword attr : attrs) {
                Object want = v;
                if (want != UNBOUND && Facts.REF_ATTRIBUTES.contains(attr)) {
                    int id = entity(want);
                    if (id < 0) {
                        continue;
                    }
                    want = facts.eid(id);
                }
                if (entity >= 0) {
                    for (Object val : facts.values(entity, attr)) {
                        budget.step();
                        if (want == UNBOUND || Functions.equal(want, val)) {
                            emit(out, b, slots, facts.eid(entity), attr, val);
                        }
                    }
                } else if (want != UNBOUND) {
                    for (int id : facts.entitiesWith(attr, want)) {
                        budget.step();
                        emit(out, b, slots, facts.eid(id), attr, want);
                    }
                } else {
                    facts.scan(
                            attr,
                            (id, val) -> {
                                budget.step();
                                emit(out, b, slots, facts.eid(id), attr, val);
                            });
                }
            }
        }
        return out;
    }

    /** The slot of a variable term, or -1. */
    private int slotOf(Term t) {
        return t instanceof Term.Var v ? slot(v.name()) : -1;
    }

    /** The entity a value names: an entity, an entity id, or a lookup ref {@code [attr value]}. */
    private int entity(Object v) {
        if (v instanceof Eid e) {
            return e.id();
        }
        if (v instanceof Long n && n >= 0 && n < facts.size()) {
            return n.intValue();
        }
        if (v instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Keyword k) {
            int[] ids = facts.entitiesWith(QueryParser.attribute(k), l.get(1));
            return ids.length == 0 ? -1 : ids[0];
        }
        return -1;
    }

    private static void emit(
            List<Binding> out, Binding b, int[] slots, Eid e, Keyword a, Object v) {
        Binding row = b;
        Object[] values = {e, a, v};
        for (int i = 0; i < 3; i++) {
            int slot = slots[i];
            if (slot < 0) {
                continue;
            }
            Object current = row.get(slot);
            if (current != null) {
                if (!Functions.equal(current, values[i])) {
                    return;
                }
                continue;
            }
            row = row.with(slot, values[i]);
        }
        out.add(row);
    }

    private static Object resolve(Term t, int slot, Binding b) {
        if (t instanceof Term.Const c) {
            return c.value();
        }
        if (slot >= 0 && b.has(slot)) {
            return b.get(slot);
        }
        return UNBOUND;
    }

    // ---------------------------------------------------------------- functions

    private Object call(String fn, List<Term> args, Binding b) {
        List<Object> values = new ArrayList<>(args.size());
        for (Term t : args) {
            if (t instanceof Term.Source) {
                values.add(Functions.DB);
            } else if (t instanceof Term.Const c) {
                values.add(c.value());
            } else if (t instanceof Term.Var v) {
                Object value = value(b, v.name());
                if (value == null) {
                    throw new QueryNotRunException(
                            v.name() + " is not bound when (" + fn + " …) runs");
                }
                values.add(value);
            } else {
                throw new QueryNotRunException("_ cannot be passed to " + fn);
            }
        }
        return Functions.call(fn, values, facts, budget);
    }

    /** Adds to {@code out} the bindings {@code bind} makes of {@code value} on top of {@code b}. */
    private void bind(Bind bind, Object value, Binding b, List<Binding> out) {
        if (value == null) {
            return;
        }
        if (bind instanceof Bind.Scalar s) {
            if (s.term() instanceof Term.Var v) {
                int slot = slot(v.name());
                if (b.has(slot)) {
                    if (Functions.equal(b.get(slot), value)) {
                        out.add(b);
                    }
                    return;
                }
                out.add(b.with(slot, value));
            } else if (s.term() instanceof Term.Const c) {
                if (Functions.equal(c.value(), value)) {
                    out.add(b);
                }
            } else {
                out.add(b);
            }
            return;
        }
        if (bind instanceof Bind.Coll c) {
            for (Object item : Functions.collection(value)) {
                budget.step();
                bind(c.item(), item, b, out);
            }
            return;
        }
        Bind.Tuple t = (Bind.Tuple) bind;
        List<Object> items = new ArrayList<>(Functions.collection(value));
        if (items.size() < t.items().size()) {
            return;
        }
        List<Binding> partial = List.of(b);
        for (int i = 0; i < t.items().size(); i++) {
            List<Binding> next = new ArrayList<>();
            for (Binding row : partial) {
                bind(t.items().get(i), items.get(i), row, next);
            }
            partial = next;
        }
        out.addAll(partial);
    }

    /** The bindings an input makes on top of {@code rel}. */
    List<Binding> bindInput(Bind bind, Object value, List<Binding> rel) {
        List<Binding> out = new ArrayList<>();
        for (Binding b : rel) {
            bind(bind, value, b, out);
        }
        return out;
    }

    // ---------------------------------------------------------------- not, or, rules

    private int[] slots(Set<String> vars) {
        int[] out = new int[vars.size()];
        int i = 0;
        for (String v : vars) {
            out[i++] = slot(v);
        }
        return out;
    }

    private List<Binding> not(Clause.Not n, List<Binding> rel) {
        int[] relevant = slots(n.join() != null ? new LinkedHashSet<>(n.join()) : Clause.vars(n));
        Map<Binding, Boolean> memo = new HashMap<>();
        List<Binding> out = new ArrayList<>();
        for (Binding b : rel) {
            budget.step();
            Binding start = b.only(relevant);
            Boolean has = memo.get(start);
            if (has == null) {
                has = !solve(n.body(), List.of(start)).isEmpty();
                memo.put(start, has);
            }
            if (!has) {
                out.add(b);
            }
        }
        return out;
    }

    private List<Binding> or(Clause.Or o, List<Binding> rel) {
        if (o.join() == null) {
            List<Binding> out = new ArrayList<>();
            for (List<Clause> branch : o.branches()) {
                out.addAll(solve(branch, rel));
            }
            return distinct(out);
        }
        int[] join = slots(new LinkedHashSet<>(o.join()));
        Map<Binding, List<Binding>> byStart = new HashMap<>();
        List<Binding> out = new ArrayList<>();
        for (Binding b : rel) {
            budget.step();
            Binding start = b.only(join);
            List<Binding> rows = byStart.get(start);
            if (rows == null) {
                List<Binding> found = new ArrayList<>();
                for (List<Clause> branch : o.branches()) {
                    for (Binding r : solve(branch, List.of(start))) {
                        found.add(r.only(join));
                    }
                }
                rows = distinct(found);
                byStart.put(start, rows);
            }
            for (Binding r : rows) {
                budget.step();
                out.add(b.merge(r));
            }
        }
        return distinct(out);
    }

    private List<Binding> rule(Clause.RuleCall call, List<Binding> rel) {
        List<Rule> defs = rules.get(call.name());
        if (defs == null) {
            defs = BuiltInRules.named(call.name());
        }
        if (defs == null) {
            throw new QueryNotRunException(
                    "(" + call.name() + " …) is not a rule of the query or of Logseq");
        }
        List<Rule> matching = new ArrayList<>();
        for (Rule r : defs) {
            if (r.params().size() == call.args().size()) {
                matching.add(r);
            }
        }
        if (matching.isEmpty()) {
            throw new QueryNotRunException(
                    "the rule "
                            + call.name()
                            + " does not take "
                            + call.args().size()
                            + " arguments");
        }
        if (++ruleDepth > MAX_RULE_DEPTH) {
            throw new QueryStoppedException(
                    "rules called themselves more than " + MAX_RULE_DEPTH + " deep");
        }
        try {
            // The caller's variables get their slots first: the rule's own come after them and
            // are dropped when the call returns.
            for (Term t : call.args()) {
                slotOf(t);
            }
            int firstOwn = names.size();
            String prefix = "?\u0000" + (++renames) + ":";
            List<Binding> out = new ArrayList<>();
            for (Rule r : matching) {
                Map<String, Term> subst = new HashMap<>();
                for (int i = 0; i < r.params().size(); i++) {
                    Term arg = call.args().get(i);
                    subst.put(
                            r.params().get(i),
                            arg instanceof Term.Blank ? new Term.Var(prefix + "_" + i) : arg);
                }
                out.addAll(solve(Renamer.clauses(r.body(), subst, prefix), rel));
            }
            List<Binding> cleaned = new ArrayList<>(out.size());
            for (Binding row : out) {
                cleaned.add(row.before(firstOwn));
            }
            // the rule's variables are gone from every binding: their slots can be used again
            for (int i = names.size() - 1; i >= firstOwn; i--) {
                slots.remove(names.remove(i));
            }
            return distinct(cleaned);
        } finally {
            ruleDepth--;
        }
    }

    private static List<Binding> distinct(List<Binding> rel) {
        if (rel.size() < 2) {
            return rel;
        }
        LinkedHashSet<Binding> set = new LinkedHashSet<>(rel);
        return set.size() == rel.size() ? rel : new ArrayList<>(set);
    }
}
