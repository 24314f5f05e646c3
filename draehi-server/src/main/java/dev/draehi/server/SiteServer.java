package dev.draehi.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.draehi.Publisher;
import dev.draehi.model.Redaction;
import dev.draehi.server.hosting.Hosting;
import dev.draehi.server.hosting.HttpExchangeRequests;
import dev.draehi.site.Site;
import dev.draehi.site.SiteResponse;
import dev.draehi.store.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP adapter over a {@link Site}: GET and HEAD of any path, and the push webhook at {@code
 * POST /api/webhooks/git}. A thin layer: every page is the Site's.
 */
public final class SiteServer {
    private static final int MAX_WEBHOOK_BYTES = 1 << 20;

    /**
     * Threads serving requests. The JDK server reads each request's line, headers and body on one
     * of them with blocking reads, so every client that sends its request slowly holds a thread
     * until it finishes or {@code maxReqTime} drops it; a small pool would let a handful of such
     * clients stop everyone else being served.
     */
    private static final int WORKERS = Math.max(64, Runtime.getRuntime().availableProcessors() * 8);

    static {
        // The JDK server waits forever by default for a request to arrive in full and for a client
        // to take its response. Its limits are JVM-wide and read once, when the first server is
        // created, so they are set here, before that; -D on the command line still wins.
        defaultProperty("sun.net.httpserver.maxReqTime", "20"); // seconds: request line to body
        defaultProperty("sun.net.httpserver.maxRspTime", "300"); // seconds: handler and send
        defaultProperty("jdk.httpserver.maxConnections", "2000");
        // The server writes a response's headers and body apart; with Nagle's algorithm on, the
        // body then waits for the client's delayed ACK of the headers, ~40 ms on Linux, so a
        // keep-alive connection served ~22 responses a second (draehi bench, read path).
        defaultProperty("sun.net.httpserver.nodelay", "true");
    }

    private static void defaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private final HttpServer http;
    private final ExecutorService workers;
    private final Site site;
    private final WebhookHandler webhooks;
    private volatile Hosting hosting;

    private SiteServer(HttpServer http, Site site, WebhookHandler webhooks) {
        this.http = http;
        this.site = site;
        this.webhooks = webhooks;
        this.workers =
                Executors.newFixedThreadPool(
                        WORKERS,
                        r -> {
                            Thread t = new Thread(r, "draehi-http");
                            t.setDaemon(true);
                            return t;
                        });
        http.setExecutor(workers);
        http.createContext("/", this::handle);
    }

    public static SiteServer start(
            InetSocketAddress address,
            Site site,
            Storage storage,
            Publisher publisher,
            String secret)
            throws IOException {
        HttpServer http = HttpServer.create(address, 256);
        WebhookHandler webhooks =
                WebhookHandler.builder(storage, publisher)
                        .fallbackSecret(secret)
                        .maxBodyBytes(MAX_WEBHOOK_BYTES)
                        .onSyncError(
                                e ->
                                        System.err.println(
                                                "draehi: webhook sync failed: "
                                                        + Redaction.describe(e)))
                        .build();
        SiteServer s = new SiteServer(http, site, webhooks);
        http.start();
        return s;
    }

    /** Serves the hosting mode's pages (sign-up, login, dashboard) under {@code /-/}. */
    public void enableHosting(Hosting hosting) {
        this.hosting = hosting;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public void stop() {
        http.stop(1);
        workers.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getRawPath();
            String query = ex.getRequestURI().getRawQuery();
            Hosting h = hosting;
            if (h != null && Hosting.handles(path)) {
                send(ex, h.handle(HttpExchangeRequests.of(ex)), method.equals("HEAD"));
                return;
            }
            if (path.equals("/api/webhooks/git")) {
                if (!method.equals("POST")) {
                    send(
                            ex,
                            SiteResponse.text(405, "text/plain; charset=utf-8", "POST only\n"),
                            false);
                    return;
                }
                byte[] body = readAtMost(ex.getRequestBody(), MAX_WEBHOOK_BYTES);
                WebhookHandler.Result r = webhooks.handle(ex.getRequestHeaders(), body);
                send(
                        ex,
                        SiteResponse.text(
                                r.status(), "text/plain; charset=utf-8", r.message() + "\n"),
                        false);
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                send(
                        ex,
                        SiteResponse.text(405, "text/plain; charset=utf-8", "method not allowed\n"),
                        false);
                return;
            }
            SiteResponse r;
            try {
                String target = query == null ? path : path + "?" + query;
                String accept = ex.getRequestHeaders().getFirst("Accept-Encoding");
                r = acceptsGzip(accept) ? site.getCompressed(target) : site.get(target);
            } catch (RuntimeException e) {
                System.err.println("draehi: error serving " + path + ": " + Redaction.describe(e));
                r =
                        SiteResponse.text(
                                503,
                                "text/plain; charset=utf-8",
                                "The site is unavailable right now.\n");
            }
            send(ex, r, method.equals("HEAD"));
        }
    }

    private static void send(HttpExchange ex, SiteResponse r, boolean headOnly) throws IOException {
        var h = ex.getResponseHeaders();
        h.set("Content-Type", r.contentType());
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "strict-origin-when-cross-origin");
        if (r.contentType().startsWith("text/html")) {
            h.set(
                    "Content-Security-Policy",
                    "default-src 'self'; img-src * data:; media-src *; frame-src https://www.youtube-nocookie.com https://player.vimeo.com; "
                            + "style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'");
        }
        for (Map.Entry<String, String> e : r.headers().entrySet()) {
            h.set(e.getKey(), e.getValue());
        }
        String etag = r.headers().get("ETag");
        if (etag != null
                && r.status() == 200
                && matches(ex.getRequestHeaders().getFirst("If-None-Match"), etag)) {
            ex.sendResponseHeaders(304, -1);
            return;
        }
        byte[] body = r.body();
        if (r.compressible()) {
            // the plain form of a body the site would also send compressed
            h.set("Vary", "Accept-Encoding");
        }
        if (headOnly) {
            ex.sendResponseHeaders(r.status(), -1);
            return;
        }
        ex.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Whether an {@code Accept-Encoding} header accepts gzip (and does not refuse it). */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] p = part.strip().split(";");
            String coding = p[0].strip().toLowerCase(java.util.Locale.ROOT);
            if (coding.equals("gzip") || coding.equals("x-gzip") || coding.equals("*")) {
                for (int i = 1; i < p.length; i++) {
                    String q = p[i].strip().replace(" ", "");
                    if (q.matches("q=0(\\.0{0,3})?")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    /** True when an {@code If-None-Match} header names {@code etag} (or is {@code *}). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String t : ifNoneMatch.split(",")) {
            String v = t.strip();
            if (v.startsWith("W/")) {
                v = v.substring(2);
            }
            if (v.equals("*") || v.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** The stream's bytes, or {@code null} when there are more than {@code max}. */
    static byte[] readAtMost(InputStream in, int max) throws IOException {
        byte[] data = in.readNBytes(max + 1);
        return data.length > max ? null : data;
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
