package dev.draehi.render.internal.datalog;

import dev.draehi.DraehiException;

/** A query that cannot run: a syntax error, or a function or form draehi does not evaluate. */
final class QueryNotRunException extends DraehiException {
    private static final long serialVersionUID = 1L;

    QueryNotRunException(String reason) {
        super(reason);
    }
}
