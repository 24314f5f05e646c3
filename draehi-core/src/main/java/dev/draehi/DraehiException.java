package dev.draehi;

/**
 * Root of every exception draehi throws. Unchecked: callers catch the subclasses they can act on.
 *
 * <p>Messages say what failed and on which input (a file and line, a workspace, a host), never a
 * password, token or secret.
 */
public abstract class DraehiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected DraehiException(String message) {
        super(message);
    }

    protected DraehiException(String message, Throwable cause) {
        super(message, cause);
    }
}
