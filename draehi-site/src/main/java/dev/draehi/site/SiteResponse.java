package dev.draehi.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One answer of the {@link Site}: status, content type, body and extra headers ({@code Location}
 * for redirects). An HTTP server writes it as it is; a static export writes the body to a file.
 *
 * <p>An asset read from a graph's files is a response of its {@link #file}: {@link #body()} reads
 * the file when asked, and a server that sends part of it (a byte range of a video) reads only that
 * part.
 *
 * @param status the HTTP status
 * @param contentType the {@code Content-Type}
 * @param body the body held in memory; empty when the body is {@code file}'s content
 * @param headers extra response headers
 * @param file the file whose content is the body, read when it is sent, or {@code null} when the
 *     body is held in memory
 */
public record SiteResponse(
        int status, String contentType, byte[] body, Map<String, String> headers, Path file) {
    public SiteResponse {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        if (file != null && body.length > 0) {
            throw new IllegalArgumentException(
                    "a response's body is its bytes or a file, not both");
        }
    }

    /** A response whose body is held in memory. */
    public SiteResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
        this(status, contentType, body, headers, null);
    }

    /** A response whose body is the content of {@code file}, read when it is sent. */
    public static SiteResponse file(
            int status, String contentType, Path file, Map<String, String> headers) {
        Objects.requireNonNull(file, "file");
        return new SiteResponse(status, contentType, new byte[0], headers, file);
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

    /**
     * The body: the bytes held, or the whole content of {@link #file}, read on each call.
     *
     * @throws UncheckedIOException when the file cannot be read
     */
    @Override
    public byte[] body() {
        if (file == null) {
            return body;
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * The length of the body in bytes, without reading a {@link #file}.
     *
     * @throws UncheckedIOException when the file cannot be read
     */
    public long length() {
        if (file == null) {
            return body.length;
        }
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** This response with other extra headers. */
    public SiteResponse withHeaders(Map<String, String> headers) {
        return new SiteResponse(status, contentType, body, headers, file);
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body(), StandardCharsets.UTF_8);
    }

    /**
     * Whether the body is worth compressing for a client that accepts it: text of a kilobyte or
     * more. {@link Site#getCompressed} compresses these; a server should send {@code Vary:
     * Accept-Encoding} with them either way.
     */
    public boolean compressible() {
        String t = contentType;
        return (t.startsWith("text/")
                        || t.startsWith("application/json")
                        || t.startsWith("application/atom+xml")
                        || t.startsWith("application/xml")
                        || t.startsWith("application/javascript")
                        || t.startsWith("image/svg+xml"))
                // a file that went missing is not worth compressing: sending it fails anyway
                && (file == null ? body.length : file.toFile().length()) >= 1024;
    }

    /** True for a 2xx status. */
    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
