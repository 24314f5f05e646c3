package dev.draehi.render.internal.datalog;

import java.util.List;
import java.util.Set;

/** What a function's result or an input binds: a variable, a collection or a tuple. */
sealed interface Bind {
    /** {@code ?x} or {@code _}. */
    record Scalar(Term term) implements Bind {}

    /** {@code [?x ...]}: one binding per element. */
    record Coll(Bind item) implements Bind {}

    /** {@code [?a ?b]}: the elements in order. */
    record Tuple(List<Bind> items) implements Bind {}

    /** The variables bound. */
    static void vars(Bind b, Set<String> out) {
        if (b instanceof Scalar s && s.term() instanceof Term.Var v) {
            out.add(v.name());
        } else if (b instanceof Coll c) {
            vars(c.item(), out);
        } else if (b instanceof Tuple t) {
            for (Bind i : t.items()) {
                vars(i, out);
            }
        }
    }
}
