package dev.draehi;

/** A write would break a uniqueness rule: a taken username, a second workspace for one user. */
public class ConflictException extends DraehiException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
