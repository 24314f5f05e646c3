package dev.draehi.site;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * One answer of the {@link Site}: status, content type, body and extra headers ({@code Location}
 * for redirects). An HTTP server writes it as it is; a static export writes the body to a file.
 */
public record SiteResponse(
        int status, String contentType, byte[] body, Map<String, String> headers) {
    public SiteResponse {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** A 200 HTML page. */
    public static SiteResponse html(String html) {
        return new SiteResponse(
                200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** A response with a text body. */
    public static SiteResponse text(int status, String contentType, String body) {
        return new SiteResponse(
                status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** A 302 redirect to {@code location}. */
    public static SiteResponse redirect(String location) {
        return new SiteResponse(
                302, "text/plain; charset=utf-8", new byte[0], Map.of("Location", location));
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Whether the body is worth compressing for a client that accepts it: text of a kilobyte or
     * more. {@link Site#getCompressed} compresses these; a server should send {@code Vary:
     * Accept-Encoding} with them either way.
     */
    public boolean compressible() {
        String t = contentType;
        return body.length >= 1024
                && (t.startsWith("text/")
                        || t.startsWith("application/json")
                        || t.startsWith("application/atom+xml")
                        || t.startsWith("application/xml")
                        || t.startsWith("application/javascript")
                        || t.startsWith("image/svg+xml"));
    }

    /** True for a 2xx status. */
    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
