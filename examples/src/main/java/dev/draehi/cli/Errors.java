package dev.draehi.cli;

import dev.draehi.DraehiException;
import dev.draehi.model.Redaction;

/** One line a user can act on, for any failure the command line reports. */
final class Errors {
    private Errors() {}

    static String describe(Throwable e) {
        if (e instanceof DraehiException || e instanceof IllegalArgumentException) {
            return Redaction.url(String.valueOf(e.getMessage()));
        }
        return Redaction.url(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
}
