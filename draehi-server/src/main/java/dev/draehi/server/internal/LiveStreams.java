package dev.draehi.server.internal;

import dev.draehi.site.SiteResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

/**
 * The event streams of live preview's pages and the script tag added to them; {@code
 * dev.draehi.server.LiveReload} is its public face.
 */
public final class LiveStreams implements AutoCloseable {
    /** The event stream the pages listen on. */
    public static final String EVENTS_PATH = "/-/draehi-live";

    /** The script added to every page. */
    public static final String SCRIPT_PATH = "/-/draehi-live.js";

    public static final String SCRIPT =
            "new EventSource('"
                    + EVENTS_PATH
                    + "').addEventListener('reload',function(){location.reload()});\n";

    private static final byte[] TAG =
            ("<script src=\"" + SCRIPT_PATH + "\" defer></script>")
                    .getBytes(StandardCharsets.UTF_8);

    private record Client(Response response, Callback callback) {}

    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeat =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "draehi-live-reload");
                        t.setDaemon(true);
                        return t;
                    });

    /** No page listening yet. */
    public LiveStreams() {
        // a comment line now and then keeps idle connections from timing out
        heartbeat.scheduleWithFixedDelay(() -> send(":\n\n"), 10, 10, TimeUnit.SECONDS);
    }

    /** Tells every open page to reload. */
    public void reload() {
        send("event: reload\ndata: \n\n");
    }

    /** The number of pages listening. */
    public int listeners() {
        return clients.size();
    }

    /** Ends every page's event stream. */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        for (Client c : clients) {
            clients.remove(c);
            c.callback().succeeded();
        }
    }

    /** Opens {@code response} as an event stream and keeps it until the page goes away. */
    public void listen(Response response, Callback callback) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Client c = new Client(response, callback);
        clients.add(c);
        write(c, "retry: 300\n\n");
    }

    /** {@code r} with the script tag before its {@code </body>}, when it is an HTML page. */
    public SiteResponse addScript(SiteResponse r) {
        if (r.file() != null || !r.contentType().startsWith("text/html")) {
            return r;
        }
        byte[] body = r.body();
        int at = lastIndexOf(body, "</body>".getBytes(StandardCharsets.US_ASCII));
        if (at < 0) {
            return r;
        }
        byte[] out = new byte[body.length + TAG.length];
        System.arraycopy(body, 0, out, 0, at);
        System.arraycopy(TAG, 0, out, at, TAG.length);
        System.arraycopy(body, at, out, at + TAG.length, body.length - at);
        Map<String, String> headers = new LinkedHashMap<>(r.headers());
        headers.keySet().removeIf(h -> h.equalsIgnoreCase("ETag"));
        headers.put("Cache-Control", "no-store");
        return new SiteResponse(r.status(), r.contentType(), out, headers);
    }

    private void send(String event) {
        for (Client c : clients) {
            write(c, event);
        }
    }

    private void write(Client c, String text) {
        synchronized (c) {
            try (Blocker.Callback b = Blocker.callback()) {
                c.response()
                        .write(false, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), b);
                b.block();
            } catch (Exception | Error e) {
                if (clients.remove(c)) {
                    c.callback().failed(e);
                }
            }
        }
    }

    private static int lastIndexOf(byte[] a, byte[] b) {
        outer:
        for (int i = a.length - b.length; i >= 0; i--) {
            for (int j = 0; j < b.length; j++) {
                if (a[i + j] != b[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
