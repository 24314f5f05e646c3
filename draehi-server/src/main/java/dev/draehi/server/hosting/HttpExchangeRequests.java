package dev.draehi.server.hosting;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns a JDK {@code HttpServer} exchange into a {@link HostingRequest}. */
public final class HttpExchangeRequests {
    /** The largest form body read; a larger one is dropped, so its CSRF check fails. */
    public static final int MAX_FORM_BYTES = 64 * 1024;

    private HttpExchangeRequests() {}

    /**
     * The request of an exchange, with its URL-encoded form body read (at most {@link
     * #MAX_FORM_BYTES}). The client address is the socket's, or, when a proxy on the same host
     * forwards the request, the last address it put in {@code X-Forwarded-For}. The request is
     * {@code secure} over HTTPS or with {@code X-Forwarded-Proto: https}.
     */
    public static HostingRequest of(HttpExchange ex) throws IOException {
        HostingRequest.Builder b =
                HostingRequest.builder(ex.getRequestMethod(), ex.getRequestURI().getRawPath())
                        .query(ex.getRequestURI().getRawQuery());
        for (Map.Entry<String, List<String>> e : ex.getRequestHeaders().entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("cookie")) {
                e.getValue().forEach(b::cookies);
            } else {
                e.getValue().forEach(v -> b.header(name, v));
            }
        }
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (ex.getRequestMethod().equalsIgnoreCase("POST")
                && type != null
                && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            byte[] body = ex.getRequestBody().readNBytes(MAX_FORM_BYTES + 1);
            if (body.length <= MAX_FORM_BYTES) {
                b.form(new String(body, StandardCharsets.US_ASCII));
            }
        }
        b.remoteAddress(clientAddress(ex));
        String proto = ex.getRequestHeaders().getFirst("X-Forwarded-Proto");
        b.secure(
                ex instanceof HttpsExchange
                        || (proto != null
                                && proto.split(",")[0].strip().equalsIgnoreCase("https")));
        return b.build();
    }

    private static String clientAddress(HttpExchange ex) {
        InetSocketAddress remote = ex.getRemoteAddress();
        InetAddress a = remote == null ? null : remote.getAddress();
        if (a == null) {
            return "";
        }
        String forwarded = ex.getRequestHeaders().getFirst("X-Forwarded-For");
        if (a.isLoopbackAddress() && forwarded != null && !forwarded.isBlank()) {
            String[] hops = forwarded.split(",");
            return hops[hops.length - 1].strip();
        }
        return a.getHostAddress();
    }
}
