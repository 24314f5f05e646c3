package dev.draehi;

/** A value was rejected before anything was stored: an empty name, a reserved slug, a bad URL. */
public class ValidationException extends DraehiException {
    private static final long serialVersionUID = 1L;

    public ValidationException(String message) {
        super(message);
    }
}
