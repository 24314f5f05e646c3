package dev.draehi.store.jdbi.internal;

import dev.draehi.store.Storage.WorkspaceLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** A session-level advisory lock (the sync key space) on a connection of its own. */
final class SyncLease implements WorkspaceLock {
    private final Connection connection;
    private final int key;
    private boolean closed;

    SyncLease(Connection connection, int key) {
        this.connection = connection;
        this.key = key;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (PreparedStatement ps =
                connection.prepareStatement("SELECT pg_advisory_unlock(" + Locks.SYNC + ", ?)")) {
            ps.setInt(1, key);
            ps.execute();
        } catch (SQLException e) {
            // a pooled session must not keep the lock: end it
            try {
                connection.abort(Runnable::run);
            } catch (SQLException | RuntimeException ignored) {
                // the pool drops the broken connection
            }
        } finally {
            closeQuietly(connection);
        }
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException | RuntimeException ignored) {
            // nothing left to do
        }
    }
}
