package dev.draehi.render.internal.datalog;

/** A position of a clause: a variable, a constant, {@code _} or the database {@code $}. */
sealed interface Term {
    /** {@code ?name}. */
    record Var(String name) implements Term {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A constant value. */
    record Const(Object value) implements Term {
        @Override
        public String toString() {
            return EdnText.print(value);
        }
    }

    /** {@code _}: matches anything, binds nothing. */
    record Blank() implements Term {
        @Override
        public String toString() {
            return "_";
        }
    }

    /** {@code $}: the database, as an argument of {@code missing?} or {@code get-else}. */
    record Source() implements Term {
        @Override
        public String toString() {
            return "$";
        }
    }
}
