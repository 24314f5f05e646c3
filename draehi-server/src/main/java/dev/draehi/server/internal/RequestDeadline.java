package dev.draehi.server.internal;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.NanoTime;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes an HTTP/1 connection whose request (its head, then its body) has not arrived in full
 * within a time limit. The idle timeout alone lets a client that sends a byte now and then hold a
 * connection for as long as it likes (slow-loris); Jetty has no limit on a whole request's arrival,
 * so this one looks at each connection's parser once a second.
 */
final class RequestDeadline extends AbstractLifeCycle implements Connection.Listener {
    private static final long SWEEP_MILLIS = 1000;

    /** When a connection was first seen with its {@code messagesIn}-th request part-way in. */
    private record Arrival(long messagesIn, long sinceNanos) {}

    private final AbstractConnector connector;
    private final long limitNanos;
    private final Map<HttpConnection, Arrival> open = new ConcurrentHashMap<>();
    private static final Arrival NONE = new Arrival(-1, 0);
    private volatile Scheduler.Task next;

    RequestDeadline(AbstractConnector connector, Duration limit) {
        this.connector = connector;
        this.limitNanos = limit.toNanos();
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) {
            open.put(http, NONE);
        }
    }

    @Override
    public void onClosed(Connection connection) {
        open.remove(connection);
    }

    @Override
    protected void doStart() {
        schedule();
    }

    @Override
    protected void doStop() {
        Scheduler.Task task = next;
        if (task != null) {
            task.cancel();
        }
        open.clear();
    }

    private void schedule() {
        if (isRunning() || isStarting()) {
            next =
                    connector
                            .getScheduler()
                            .schedule(this::sweep, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void sweep() {
        try {
            long now = NanoTime.now();
            for (Iterator<Map.Entry<HttpConnection, Arrival>> it = open.entrySet().iterator();
                    it.hasNext(); ) {
                Map.Entry<HttpConnection, Arrival> e = it.next();
                HttpConnection c = e.getKey();
                if (!c.getEndPoint().isOpen() || c.getEndPoint().getConnection() != c) {
                    // closed, or upgraded to HTTP/2 (whose streams have their own timeouts)
                    it.remove();
                } else {
                    e.setValue(check(c, e.getValue(), now));
                }
            }
        } finally {
            schedule();
        }
    }

    private Arrival check(HttpConnection c, Arrival a, long now) {
        if (!arriving(c.getParser().getState())) {
            return NONE;
        }
        long n = c.getMessagesIn();
        if (a.messagesIn() != n) {
            return new Arrival(n, now);
        }
        if (NanoTime.elapsed(a.sinceNanos(), now) > limitNanos) {
            c.getEndPoint().close();
            return NONE;
        }
        return a;
    }

    /** Whether the parser is part-way through a request: its line, headers or body. */
    private static boolean arriving(HttpParser.State s) {
        return s.ordinal() > HttpParser.State.START.ordinal()
                && s.ordinal() < HttpParser.State.END.ordinal();
    }
}
