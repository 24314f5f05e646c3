package dev.draehi.store.jdbi.internal;

import dev.draehi.ConflictException;
import dev.draehi.DraehiException;
import dev.draehi.NotFoundException;
import dev.draehi.StorageException;
import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Turns JDBC and JDBI failures into draehi's exceptions, so that none leaks past the port. */
public final class Errors {
    /** SQLState of a unique violation. */
    public static final String UNIQUE_VIOLATION = "23505";

    /** SQLState of a foreign-key violation. */
    public static final String FOREIGN_KEY_VIOLATION = "23503";

    private Errors() {}

    /**
     * The draehi exception for {@code failure} raised while doing {@code what} ("creating user
     * 'ada'"): a unique violation is a conflict, a missing referenced row is "not found", anything
     * else a storage failure.
     */
    public static DraehiException translate(String what, Throwable failure) {
        if (failure instanceof DraehiException d) {
            return d;
        }
        SQLException sql = sqlException(failure);
        String state = sql == null ? null : sql.getSQLState();
        if (UNIQUE_VIOLATION.equals(state)) {
            return new ConflictException(what + ": " + detail(sql), failure);
        }
        if (FOREIGN_KEY_VIOLATION.equals(state)) {
            return new NotFoundException(what + ": " + detail(sql));
        }
        if (state != null && state.startsWith("08")) {
            return new StorageException(
                    what + ": lost the connection to PostgreSQL: " + rootMessage(failure), failure);
        }
        return new StorageException(what + ": " + rootMessage(failure), failure);
    }

    /** The first {@link SQLException} in the cause chain, or {@code null}. */
    public static SQLException sqlException(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException s) {
                return s;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    /** The SQLState of the first {@link SQLException} in the cause chain, or {@code null}. */
    public static String sqlState(Throwable t) {
        SQLException s = sqlException(t);
        return s == null ? null : s.getSQLState();
    }

    /** The message of the deepest cause: "Connection refused", not a pool's wrapper. */
    public static String rootMessage(Throwable t) {
        Throwable root = t;
        String message = t.getMessage();
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (root.getMessage() != null) {
                message = root.getMessage();
            }
        }
        if (root instanceof PSQLException p && p.getServerErrorMessage() != null) {
            return p.getServerErrorMessage().getMessage();
        }
        return message == null ? root.getClass().getSimpleName() : message;
    }

    private static String detail(SQLException sql) {
        if (sql instanceof PSQLException p) {
            ServerErrorMessage m = p.getServerErrorMessage();
            if (m != null) {
                return m.getDetail() != null ? m.getDetail() : m.getMessage();
            }
        }
        return sql.getMessage();
    }
}
