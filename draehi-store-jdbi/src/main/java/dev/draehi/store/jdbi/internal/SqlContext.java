package dev.draehi.store.jdbi.internal;

import dev.draehi.DraehiException;
import dev.draehi.NotFoundException;
import dev.draehi.StorageException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * What the repositories of one {@link SqlStorage} share: the pool, the clock, the handle of the
 * transaction they run in, and the translation of failures into draehi's exceptions.
 */
final class SqlContext {
    /** What the root storage and its transaction views share. */
    static final class Shared {
        final Jdbi jdbi;
        final DataSource dataSource;
        final Clock clock;
        final String target;
        final SecretCodec codec;
        final ThreadLocal<Handle> current = new ThreadLocal<>();

        Shared(Jdbi jdbi, DataSource dataSource, Clock clock, String target, SecretCodec codec) {
            this.jdbi = jdbi;
            this.dataSource = dataSource;
            this.clock = clock;
            this.target = target;
            this.codec = codec;
        }
    }

    /**
     * The first statement of a read-only snapshot transaction (as a statement, not through the
     * connection: that would cost a round trip to set it and another to set it back).
     */
    static final String SNAPSHOT = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";

    final Shared shared;

    /** The transaction's handle of a view, or {@code null} at the root. */
    final Handle bound;

    SqlContext(Shared shared, Handle bound) {
        this.shared = shared;
        this.bound = bound;
    }

    SecretCodec codec() {
        return shared.codec;
    }

    /** The handle calls join: the view's, or the one the root's thread is in a transaction on. */
    Handle handle() {
        return bound != null ? bound : shared.current.get();
    }

    LocalDateTime now() {
        return Timestamps.toDb(nowInstant());
    }

    Instant nowInstant() {
        return shared.clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Runs a read: on the transaction's handle, or on a handle of its own in autocommit. */
    <T> T read(String what, Function<Handle, T> op) {
        Handle h = handle();
        try {
            return h != null ? op.apply(h) : shared.jdbi.withHandle(op::apply);
        } catch (RuntimeException e) {
            throw translate(what, e);
        }
    }

    /**
     * Runs a read that fetches its rows in batches: on the transaction's handle, or in a read-only
     * snapshot transaction of its own (PostgreSQL's driver fetches in batches only in a
     * transaction; in autocommit it reads every row first).
     */
    <T> T readInBatches(String what, Function<Handle, T> op) {
        Handle h = handle();
        try {
            return h != null
                    ? op.apply(h)
                    : shared.jdbi.inTransaction(
                            t -> {
                                t.execute(SNAPSHOT);
                                return op.apply(t);
                            });
        } catch (RuntimeException e) {
            throw translate(what, e);
        }
    }

    /** Runs a write: on the transaction's handle, or in a short transaction of its own. */
    <T> T write(String what, Function<Handle, T> op) {
        Handle h = handle();
        try {
            return h != null ? op.apply(h) : shared.jdbi.inTransaction(op::apply);
        } catch (RuntimeException e) {
            throw translate(what, e);
        }
    }

    /**
     * Fails with {@link NotFoundException} unless workspace {@code workspaceId} exists, asked on
     * {@code h}: every write that belongs to a workspace checks it first.
     */
    static void requireWorkspace(Handle h, long workspaceId) {
        if (!h.createQuery(WorkspaceDao.EXISTS)
                .bind("id", workspaceId)
                .mapTo(Boolean.class)
                .one()) {
            throw new NotFoundException("no workspace with id " + workspaceId);
        }
    }

    RuntimeException translate(String what, RuntimeException e) {
        if (e instanceof DraehiException) {
            return e;
        }
        if (e instanceof ConnectionException) {
            return connectionFailure(what, e);
        }
        if (e instanceof JdbiException || Errors.sqlException(e) != null) {
            return Errors.translate(what, e);
        }
        return e;
    }

    StorageException connectionFailure(String what, Exception e) {
        return new StorageException(
                what
                        + ": cannot connect to PostgreSQL"
                        + (shared.target == null ? "" : " at " + shared.target)
                        + ": "
                        + Errors.rootMessage(e),
                e);
    }
}
