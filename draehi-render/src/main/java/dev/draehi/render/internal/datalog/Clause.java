package dev.draehi.render.internal.datalog;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A clause of a {@code :where} or of a rule body. */
sealed interface Clause {
    /** {@code [e a v]}. */
    record Pattern(Term e, Term a, Term v) implements Clause {}

    /** {@code [(f args…)]}: keeps the bindings for which {@code f} is truthy. */
    record Predicate(String fn, List<Term> args) implements Clause {}

    /** {@code [(f args…) binding]}. */
    record Function(String fn, List<Term> args, Bind out) implements Clause {}

    /**
     * {@code (not …)} ({@code join} null) or {@code (not-join [vars] …)}: keeps the bindings for
     * which the body has no solution.
     */
    record Not(List<String> join, List<Clause> body) implements Clause {}

    /**
     * {@code (or …)} ({@code join} null) or {@code (or-join [vars] …)}; a branch is a conjunction.
     */
    record Or(List<String> join, List<List<Clause>> branches) implements Clause {}

    /** {@code (rule args…)}. */
    record RuleCall(String name, List<Term> args) implements Clause {}

    /** Every variable the clause mentions. */
    static Set<String> vars(Clause c) {
        Set<String> out = new LinkedHashSet<>();
        collect(c, out);
        return out;
    }

    private static void collect(Clause c, Set<String> out) {
        if (c instanceof Pattern p) {
            terms(List.of(p.e(), p.a(), p.v()), out);
        } else if (c instanceof Predicate p) {
            terms(p.args(), out);
        } else if (c instanceof Function f) {
            terms(f.args(), out);
            Bind.vars(f.out(), out);
        } else if (c instanceof Not n) {
            if (n.join() != null) {
                out.addAll(n.join());
            } else {
                for (Clause b : n.body()) {
                    collect(b, out);
                }
            }
        } else if (c instanceof Or o) {
            if (o.join() != null) {
                out.addAll(o.join());
            } else {
                for (List<Clause> branch : o.branches()) {
                    for (Clause b : branch) {
                        collect(b, out);
                    }
                }
            }
        } else if (c instanceof RuleCall r) {
            terms(r.args(), out);
        }
    }

    /** The variables a function or predicate reads. */
    static Set<String> inputs(List<Term> args) {
        Set<String> out = new LinkedHashSet<>();
        terms(args, out);
        return out;
    }

    private static void terms(List<Term> terms, Set<String> out) {
        for (Term t : terms) {
            if (t instanceof Term.Var v) {
                out.add(v.name());
            }
        }
    }

    /** The variables the clause binds for the clauses after it. */
    static Set<String> binds(Clause c) {
        if (c instanceof Predicate || c instanceof Not) {
            return Set.of();
        }
        if (c instanceof Function f) {
            Set<String> out = new LinkedHashSet<>();
            Bind.vars(f.out(), out);
            return out;
        }
        if (c instanceof Or o && o.join() == null) {
            Set<String> common = null;
            for (List<Clause> branch : o.branches()) {
                Set<String> vs = new LinkedHashSet<>();
                for (Clause b : branch) {
                    vs.addAll(binds(b));
                }
                if (common == null) {
                    common = vs;
                } else {
                    common.retainAll(vs);
                }
            }
            return common == null ? Set.of() : common;
        }
        return vars(c);
    }
}
