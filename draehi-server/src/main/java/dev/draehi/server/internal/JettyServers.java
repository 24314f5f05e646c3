package dev.draehi.server.internal;

import java.time.Duration;
import java.util.Objects;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The Jetty server draehi runs on: one connector that speaks HTTP/1.1 with keep-alive and HTTP/2
 * cleartext (h2c, by upgrade or with prior knowledge) on the same port, with its limits. The server
 * of {@code DraehiServer} and the benchmark's bare baseline are both made here, so that they run on
 * the same stack.
 */
public final class JettyServers {
    /**
     * Threads that run handlers. Jetty reads requests without a thread of its own per connection,
     * so a slow client holds none of these until its request has arrived in full; they wait for the
     * storage and write responses.
     */
    static final int MAX_THREADS = Math.max(200, Runtime.getRuntime().availableProcessors() * 16);

    private static final int MIN_THREADS = 8;

    /** Open connections beyond which no more are accepted until some close. */
    public static final int MAX_CONNECTIONS = 2000;

    /**
     * The limits of a server.
     *
     * @param idleTimeout how long a connection may stay silent (between requests, or in the middle
     *     of one) before it is closed
     * @param requestTimeout how long a client may take to send a request's head, and then its body,
     *     however steadily it trickles bytes (slow-loris)
     * @param maxRequestHeaderBytes the largest request line and headers; a larger one is refused
     *     with 414 or 431
     * @param maxConnections open connections beyond which no more are accepted until some close
     * @param stopTimeout how long a stop waits for requests in flight to finish
     */
    public record Limits(
            Duration idleTimeout,
            Duration requestTimeout,
            int maxRequestHeaderBytes,
            int maxConnections,
            Duration stopTimeout) {
        public Limits {
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            Objects.requireNonNull(stopTimeout, "stopTimeout");
            if (idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("idleTimeout must be positive");
            }
            if (requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("requestTimeout must be positive");
            }
            if (stopTimeout.isNegative()) {
                throw new IllegalArgumentException("stopTimeout must not be negative");
            }
            if (maxRequestHeaderBytes < 1024) {
                throw new IllegalArgumentException("maxRequestHeaderBytes must be at least 1024");
            }
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1");
            }
        }
    }

    private JettyServers() {}

    /**
     * A server, not started, listening on {@code bind:port} (port 0: any free port) and answering
     * with {@code handler}.
     */
    public static Server create(String bind, int port, Limits limits, Handler handler) {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS, 60_000);
        threads.setName("draehi-http");
        threads.setDaemon(true);
        Server server = new Server(threads);

        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        config.setRequestHeaderSize(limits.maxRequestHeaderBytes());
        HttpConnectionFactory http1 = new HttpConnectionFactory(config);
        HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(config);
        h2c.setMaxConcurrentStreams(128);

        ServerConnector connector = new ServerConnector(server, http1, h2c);
        connector.setHost(bind);
        connector.setPort(port);
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.setAcceptQueueSize(256);
        connector.addBean(new RequestDeadline(connector, limits.requestTimeout()));
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));

        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        errors.setShowCauses(false);
        server.setErrorHandler(errors);
        server.setStopTimeout(limits.stopTimeout().toMillis());
        // the embedding application decides when to stop (draehi serve: its shutdown hook)
        server.setStopAtShutdown(false);
        server.setHandler(handler);
        return server;
    }

    /** The port a started server listens on. */
    public static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }
}
