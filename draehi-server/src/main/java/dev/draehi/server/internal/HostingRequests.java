package dev.draehi.server.internal;

import dev.draehi.server.hosting.HostingRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;

/** Turns a Jetty request into a {@link HostingRequest}. */
final class HostingRequests {
    /** The largest form body read; a larger one is dropped, so its CSRF check fails. */
    static final int MAX_FORM_BYTES = 64 * 1024;

    private HostingRequests() {}

    /**
     * The request, with its URL-encoded form body read (at most {@link #MAX_FORM_BYTES}). The
     * client address is the socket's, or, when a proxy on the same host forwards the request, the
     * last address it put in {@code X-Forwarded-For}. The request is {@code secure} over HTTPS or
     * with {@code X-Forwarded-Proto: https}. Over HTTP/2, whose requests carry no {@code Host}, the
     * {@code :authority} stands in for it.
     */
    static HostingRequest of(Request request) throws IOException {
        HttpURI uri = request.getHttpURI();
        HostingRequest.Builder b =
                HostingRequest.builder(request.getMethod(), uri.getPath()).query(uri.getQuery());
        HttpFields headers = request.getHeaders();
        for (HttpField f : headers) {
            String name = f.getLowerCaseName();
            if (name.equals("cookie")) {
                b.cookies(f.getValue());
            } else {
                b.header(name, f.getValue());
            }
        }
        if (!headers.contains(HttpHeader.HOST) && uri.getAuthority() != null) {
            b.header("host", uri.getAuthority());
        }
        String type = headers.get(HttpHeader.CONTENT_TYPE);
        if (request.getMethod().equalsIgnoreCase("POST")
                && type != null
                && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            byte[] body = Bodies.read(request, MAX_FORM_BYTES).bytes();
            if (body != null) {
                b.form(new String(body, StandardCharsets.US_ASCII));
            }
        }
        b.remoteAddress(clientAddress(request, headers));
        String proto = headers.get("X-Forwarded-Proto");
        b.secure(
                request.isSecure()
                        || (proto != null
                                && proto.split(",")[0].strip().equalsIgnoreCase("https")));
        return b.build();
    }

    private static String clientAddress(Request request, HttpFields headers) {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        InetAddress a = remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
        if (a == null) {
            return "";
        }
        String forwarded = headers.get("X-Forwarded-For");
        if (a.isLoopbackAddress() && forwarded != null && !forwarded.isBlank()) {
            String[] hops = forwarded.split(",");
            return hops[hops.length - 1].strip();
        }
        return a.getHostAddress();
    }
}
