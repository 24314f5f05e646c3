package dev.draehi.server;

import dev.draehi.Publisher;
import dev.draehi.model.Redaction;
import dev.draehi.server.hosting.Domains;
import dev.draehi.server.hosting.Hosting;
import dev.draehi.server.internal.JettyServers;
import dev.draehi.server.internal.SiteHandler;
import dev.draehi.site.Site;
import dev.draehi.store.Storage;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * An HTTP server for a {@link Site}: GET and HEAD of any path (validators and {@code 304}, gzip for
 * clients that accept it, byte ranges of assets), the push webhook at {@code POST
 * /api/webhooks/git}, and the hosting mode's pages when given a {@link Hosting}. It speaks HTTP/1.1
 * with keep-alive and HTTP/2 cleartext (h2c) on one port, bounds the size and arrival time of
 * requests, and stops gracefully: requests in flight finish, for up to {@link Builder#stopTimeout}.
 *
 * <pre>{@code
 * DraehiServer server = DraehiServer.builder(site)
 *         .storage(storage)
 *         .publisher(publisher)
 *         .webhookSecret(System.getenv("DRAEHI_WEBHOOK_SECRET"))
 *         .bind("0.0.0.0")
 *         .port(8080)
 *         .build()
 *         .start();
 * Runtime.getRuntime().addShutdownHook(new Thread(server::close));
 * }</pre>
 */
public final class DraehiServer implements AutoCloseable {
    /** The default idle timeout: 30 seconds. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    /** The default time a client has to send a request's head, and then its body: 20 seconds. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);

    /** The default time a stop waits for requests in flight: 10 seconds. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);

    /** The default limit of a request's line and headers together: 16 KiB. */
    public static final int DEFAULT_MAX_REQUEST_HEADER_BYTES = 16 * 1024;

    /** The largest request body taken (the webhook's payload): 1 MiB. Larger ones get 413. */
    public static final int MAX_REQUEST_BODY_BYTES = SiteHandler.MAX_BODY_BYTES;

    private final Server jetty;
    private final String bind;
    private final LiveReload liveReload;
    private volatile boolean started;

    private DraehiServer(Builder b) {
        WebhookHandler webhooks = null;
        if (b.storage != null && b.publisher != null) {
            WebhookHandler.Builder wb = WebhookHandler.builder(b.storage, b.publisher);
            if (b.syncWorker != null) {
                wb.queue(ws -> b.syncWorker.wake());
            }
            webhooks =
                    wb.fallbackSecret(b.webhookSecret)
                            .maxBodyBytes(MAX_REQUEST_BODY_BYTES)
                            .onSyncError(
                                    e ->
                                            System.err.println(
                                                    "draehi: webhook sync failed: "
                                                            + Redaction.describe(e)))
                            .build();
        }
        GracefulHandler graceful =
                new GracefulHandler(
                        new SiteHandler(
                                b.site,
                                webhooks,
                                b.hosting,
                                b.liveReload == null ? null : b.liveReload.streams(),
                                b.frameAncestors,
                                b.domains,
                                b.trustProxy));
        this.bind = b.bind;
        this.liveReload = b.liveReload;
        this.jetty =
                JettyServers.create(
                        b.bind,
                        b.port,
                        new JettyServers.Limits(
                                b.idleTimeout,
                                b.requestTimeout,
                                b.maxRequestHeaderBytes,
                                JettyServers.MAX_CONNECTIONS,
                                b.stopTimeout),
                        graceful);
    }

    /**
     * A Jetty server, not started, on the same stack and with the same default limits as a {@code
     * DraehiServer} (connector, HTTP/1.1 and h2c, thread pool, request deadline), but answering
     * every request with {@code handler} alone. It is the baseline that {@code ./draehi bench}
     * measures draehi's page views against, and a hook for that purpose: an application serves a
     * site with {@link #builder(Site)}. Read its port with {@link #portOf(Server)} once started.
     *
     * @param bind the address to listen on
     * @param port the port, or 0 for any free port
     * @param handler what answers every request
     */
    public static Server bareServer(String bind, int port, Handler handler) {
        return JettyServers.create(
                bind,
                port,
                new JettyServers.Limits(
                        DEFAULT_IDLE_TIMEOUT,
                        DEFAULT_REQUEST_TIMEOUT,
                        DEFAULT_MAX_REQUEST_HEADER_BYTES,
                        JettyServers.MAX_CONNECTIONS,
                        DEFAULT_STOP_TIMEOUT),
                handler);
    }

    /** The port a started {@link #bareServer} listens on, or -1 when it is not listening. */
    public static int portOf(Server server) {
        return JettyServers.port(server);
    }

    /** A builder of a server for {@code site}. */
    public static Builder builder(Site site) {
        return new Builder(site);
    }

    /**
     * Binds the address and starts serving.
     *
     * @return this server
     * @throws ServerException when the address cannot be bound (the cause is a {@link
     *     java.net.BindException} when the port is in use) or the server cannot start
     */
    public synchronized DraehiServer start() {
        if (started) {
            throw new IllegalStateException("the server was started already");
        }
        started = true;
        try {
            jetty.start();
        } catch (Exception e) {
            stopQuietly();
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof java.net.BindException)) {
                cause = cause.getCause();
            }
            throw new ServerException(
                    "cannot serve HTTP on " + bind + ": " + e.getMessage(),
                    cause instanceof java.net.BindException ? cause : e);
        }
        return this;
    }

    /**
     * The port the server listens on (the one chosen when the builder's port was 0), or -1 when it
     * is not listening.
     */
    public int port() {
        return JettyServers.port(jetty);
    }

    /**
     * Stops the server: it takes no new connections, lets the requests in flight finish for up to
     * the builder's {@link Builder#stopTimeout}, then closes every connection. Does nothing when
     * the server is stopped already.
     */
    @Override
    public synchronized void close() {
        if (jetty.isStopped()) {
            return;
        }
        if (liveReload != null) {
            liveReload.close(); // its event streams never end by themselves
        }
        try {
            jetty.stop();
        } catch (TimeoutException e) {
            // stopped all the same: the requests still running at the timeout were cut off
        } catch (Exception e) {
            throw new ServerException("cannot stop the HTTP server on " + bind, e);
        }
    }

    private void stopQuietly() {
        try {
            jetty.stop();
        } catch (Exception e) {
            // a server that did not start: nothing to finish
        }
    }

    /** Configures a {@link DraehiServer}. */
    public static final class Builder {
        private final Site site;
        private Storage storage;
        private Publisher publisher;
        private String webhookSecret;
        private SyncWorker syncWorker;
        private Hosting hosting;
        private Domains domains;
        private LiveReload liveReload;
        private String frameAncestors = "'self'";
        private boolean trustProxy;
        private String bind = "127.0.0.1";
        private int port = 8080;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;
        private int maxRequestHeaderBytes = DEFAULT_MAX_REQUEST_HEADER_BYTES;

        private Builder(Site site) {
            this.site = Objects.requireNonNull(site, "site");
        }

        /**
         * The storage the push webhook finds repositories and their secrets in. The webhook is
         * served when both this and {@link #publisher} are set. Default: none.
         */
        public Builder storage(Storage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
            return this;
        }

        /**
         * Queues the syncs that push webhooks ask for in the storage's durable queue, run by this
         * worker or any other on the same database, instead of running them in this process at
         * once. Default: none.
         */
        public Builder syncWorker(SyncWorker syncWorker) {
            this.syncWorker = Objects.requireNonNull(syncWorker, "syncWorker");
            return this;
        }

        /** The publisher that syncs a workspace when its push webhook arrives. Default: none. */
        public Builder publisher(Publisher publisher) {
            this.publisher = Objects.requireNonNull(publisher, "publisher");
            return this;
        }

        /**
         * The webhook secret of repositories without one of their own, or {@code null}. Default:
         * none, so only repositories with their own secret are synced on a push.
         */
        public Builder webhookSecret(String webhookSecret) {
            this.webhookSecret = webhookSecret;
            return this;
        }

        /**
         * Live preview: pages carry a few lines of script that reload them on {@link
         * LiveReload#reload()}, and are sent uncompressed and uncached. Default: off.
         */
        public Builder liveReload(LiveReload liveReload) {
            this.liveReload = Objects.requireNonNull(liveReload, "liveReload");
            return this;
        }

        /**
         * Serves the hosting mode's pages (sign-up, login, dashboard) under {@code /-/}. Default:
         * off.
         */
        public Builder hosting(Hosting hosting) {
            this.hosting = Objects.requireNonNull(hosting, "hosting");
            return this;
        }

        /**
         * Serves verified custom domains: a request whose host is one gets its workspace's site at
         * the root, the workspace's pages on the main host redirect there (301), and {@code
         * /-/domains/ask?domain=…} tells a TLS proxy which domains to get certificates for. The
         * dashboard, login and webhook stay on the main host. Default: none.
         */
        public Builder domains(Domains domains) {
            this.domains = Objects.requireNonNull(domains, "domains");
            return this;
        }

        /**
         * Who may embed the site's pages in a frame: the sources of their {@code
         * Content-Security-Policy: frame-ancestors}, as {@code 'self' https://blog.example.com}, or
         * {@code *} for anyone. Default {@code 'self'}. The hosting pages are never framed.
         */
        public Builder frameAncestors(String sources) {
            Objects.requireNonNull(sources, "sources");
            String s = sources.strip();
            if (s.isEmpty() || !s.matches("[A-Za-z0-9 '*:/._\\-]+")) {
                throw new IllegalArgumentException(
                        "frame ancestors must be CSP sources such as 'self' or https://host: "
                                + sources);
            }
            this.frameAncestors = s;
            return this;
        }

        /**
         * Whether the proxy in front of the server is trusted to name the host the client asked for
         * in {@code X-Forwarded-Host}, which then picks the custom domain served. Default: false,
         * and only {@code Host} counts. Give the {@link Hosting} the same setting.
         */
        public Builder trustProxy(boolean trustProxy) {
            this.trustProxy = trustProxy;
            return this;
        }

        /** The address to listen on. Default: {@code 127.0.0.1}. */
        public Builder bind(String bind) {
            this.bind = Objects.requireNonNull(bind, "bind");
            return this;
        }

        /**
         * The port to listen on; 0 picks a free one (see {@link DraehiServer#port()}). Default:
         * 8080.
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * How long a connection may stay silent, between requests or in the middle of one, before
         * it is closed. Default: {@link #DEFAULT_IDLE_TIMEOUT}.
         */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
            return this;
        }

        /**
         * How long a client may take to send a request's line and headers, and then its body,
         * however steadily it sends bytes; a slower one is disconnected. Default: {@link
         * #DEFAULT_REQUEST_TIMEOUT}.
         */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
            return this;
        }

        /**
         * How long {@link DraehiServer#close()} waits for requests in flight to finish. Default:
         * {@link #DEFAULT_STOP_TIMEOUT}.
         */
        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = Objects.requireNonNull(stopTimeout, "stopTimeout");
            return this;
        }

        /**
         * The largest request line and headers taken together; a larger request line is refused
         * with 414, larger headers with 431. Default: {@link #DEFAULT_MAX_REQUEST_HEADER_BYTES}.
         */
        public Builder maxRequestHeaderBytes(int maxRequestHeaderBytes) {
            this.maxRequestHeaderBytes = maxRequestHeaderBytes;
            return this;
        }

        /**
         * The server, not started yet.
         *
         * @throws IllegalArgumentException when a timeout is not positive or the header limit is
         *     under 1 KiB
         */
        public DraehiServer build() {
            return new DraehiServer(this);
        }
    }
}
