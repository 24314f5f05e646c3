package dev.draehi.render.internal.datalog;

/** An entity of a {@link Facts} index (a page, a block or a file), by its number. */
record Eid(int id) {
    @Override
    public String toString() {
        return Integer.toString(id);
    }
}
