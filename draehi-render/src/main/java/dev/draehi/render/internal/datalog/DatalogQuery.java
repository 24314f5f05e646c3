package dev.draehi.render.internal.datalog;

import java.util.List;

/**
 * A parsed Datalog query.
 *
 * @param find what to return
 * @param in the {@code :in} bindings after {@code $} ({@code %} marks where the rules go)
 * @param where the clauses
 * @param with extra variables that keep otherwise equal results apart
 */
record DatalogQuery(Find find, List<In> in, List<Clause> where, List<String> with) {

    /** One {@code :in} position. */
    sealed interface In {
        /** {@code $}. */
        record Source() implements In {}

        /** {@code %}: the rules. */
        record Rules() implements In {}

        /** A variable, collection, tuple or relation binding. */
        record Value(Bind bind) implements In {}
    }

    /** The {@code :find} spec. */
    record Find(Shape shape, List<Element> elements) {}

    /** How results are returned: a set of tuples, one value, a collection, one tuple. */
    enum Shape {
        RELATION,
        SCALAR,
        COLLECTION,
        TUPLE
    }

    /** One element of {@code :find}. */
    sealed interface Element {
        /** {@code ?x}. */
        record Variable(String name) implements Element {}

        /** {@code (pull ?x pattern)}. */
        record Pull(String var, Object pattern) implements Element {}

        /** {@code (count ?x)} and the other aggregates. */
        record Aggregate(String fn, List<Term> args) implements Element {}
    }
}
