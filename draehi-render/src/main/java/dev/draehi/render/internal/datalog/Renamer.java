package dev.draehi.render.internal.datalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A rule body made ready for one call: its parameters replaced by the call's arguments, and its
 * other variables given names no other call uses.
 */
final class Renamer {
    private Renamer() {}

    static List<Clause> clauses(List<Clause> body, Map<String, Term> subst, String prefix) {
        List<Clause> out = new ArrayList<>(body.size());
        for (Clause c : body) {
            out.add(clause(c, subst, prefix));
        }
        return out;
    }

    private static Clause clause(Clause c, Map<String, Term> subst, String prefix) {
        if (c instanceof Clause.Pattern p) {
            return new Clause.Pattern(
                    term(p.e(), subst, prefix),
                    term(p.a(), subst, prefix),
                    term(p.v(), subst, prefix));
        }
        if (c instanceof Clause.Predicate p) {
            return new Clause.Predicate(p.fn(), terms(p.args(), subst, prefix));
        }
        if (c instanceof Clause.Function f) {
            return new Clause.Function(
                    f.fn(), terms(f.args(), subst, prefix), bind(f.out(), subst, prefix));
        }
        if (c instanceof Clause.Not n) {
            return new Clause.Not(join(n.join(), subst, prefix), clauses(n.body(), subst, prefix));
        }
        if (c instanceof Clause.Or o) {
            List<List<Clause>> branches = new ArrayList<>();
            for (List<Clause> b : o.branches()) {
                branches.add(clauses(b, subst, prefix));
            }
            return new Clause.Or(join(o.join(), subst, prefix), branches);
        }
        Clause.RuleCall r = (Clause.RuleCall) c;
        return new Clause.RuleCall(r.name(), terms(r.args(), subst, prefix));
    }

    private static Term term(Term t, Map<String, Term> subst, String prefix) {
        if (t instanceof Term.Var v) {
            Term s = subst.get(v.name());
            return s != null ? s : new Term.Var(prefix + v.name());
        }
        return t;
    }

    private static List<Term> terms(List<Term> ts, Map<String, Term> subst, String prefix) {
        List<Term> out = new ArrayList<>(ts.size());
        for (Term t : ts) {
            out.add(term(t, subst, prefix));
        }
        return out;
    }

    private static Bind bind(Bind b, Map<String, Term> subst, String prefix) {
        if (b instanceof Bind.Scalar s) {
            return new Bind.Scalar(term(s.term(), subst, prefix));
        }
        if (b instanceof Bind.Coll c) {
            return new Bind.Coll(bind(c.item(), subst, prefix));
        }
        List<Bind> items = new ArrayList<>();
        for (Bind i : ((Bind.Tuple) b).items()) {
            items.add(bind(i, subst, prefix));
        }
        return new Bind.Tuple(items);
    }

    /** Join variables after renaming; a parameter given a constant is no longer a variable. */
    private static List<String> join(List<String> vars, Map<String, Term> subst, String prefix) {
        if (vars == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String v : vars) {
            if (term(new Term.Var(v), subst, prefix) instanceof Term.Var renamed) {
                out.add(renamed.name());
            }
        }
        return out;
    }
}
