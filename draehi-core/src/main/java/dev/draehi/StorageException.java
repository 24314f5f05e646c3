package dev.draehi;

/**
 * The storage backend failed: the database is unreachable, a statement failed, a transaction was
 * rolled back. Nothing of the failed operation was stored.
 */
public class StorageException extends DraehiException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
