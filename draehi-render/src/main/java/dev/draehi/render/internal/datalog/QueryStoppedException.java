package dev.draehi.render.internal.datalog;

import dev.draehi.DraehiException;

/** A query ran out of its budget (steps, time, rule depth) and was stopped. */
final class QueryStoppedException extends DraehiException {
    private static final long serialVersionUID = 1L;

    QueryStoppedException(String reason) {
        super(reason);
    }
}
