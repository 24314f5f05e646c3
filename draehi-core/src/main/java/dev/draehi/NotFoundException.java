package dev.draehi;

/** An operation named a row that does not exist: an unknown workspace, user or deployment id. */
public class NotFoundException extends DraehiException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
