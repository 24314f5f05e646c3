package dev.draehi.server.internal;

import dev.draehi.site.SiteResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Writes a {@link SiteResponse} to a Jetty response: the security headers, {@code 304} for a
 * matching {@code If-None-Match}, {@code Vary} for bodies also sent gzipped, one byte range ({@code
 * 206}, or {@code 416} past the end) of a body that is sent as it is, and no body for {@code HEAD}.
 * A body that is a file is read from it, only the part that is sent.
 */
final class ResponseWriter {
    private static final HttpField NOSNIFF =
            new PreEncodedHttpField("X-Content-Type-Options", "nosniff");
    private static final HttpField REFERRER_POLICY =
            new PreEncodedHttpField("Referrer-Policy", "strict-origin-when-cross-origin");

    /** Who may frame a page unless the server is told otherwise: the site itself. */
    public static final String DEFAULT_FRAME_ANCESTORS = "'self'";

    private static final HttpField PAGE_CSP =
            new PreEncodedHttpField("Content-Security-Policy", pageCsp(DEFAULT_FRAME_ANCESTORS));

    /** The policy of an HTML page, which {@code frameAncestors} may frame. */
    public static String pageCsp(String frameAncestors) {
        return "default-src 'self'; img-src * data:; media-src *;"
                + " frame-src https://www.youtube-nocookie.com https://player.vimeo.com;"
                + " style-src 'self' 'unsafe-inline'; script-src 'self';"
                + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors "
                + frameAncestors;
    }

    private static final HttpField VARY_ENCODING =
            new PreEncodedHttpField(HttpHeader.VARY, "Accept-Encoding");
    private static final HttpField ACCEPT_BYTES =
            new PreEncodedHttpField(HttpHeader.ACCEPT_RANGES, "bytes");
    private static final HttpField CLOSE = new PreEncodedHttpField(HttpHeader.CONNECTION, "close");

    /** Jetty's known headers by their usual spelling, found without Jetty's case-blind trie. */
    private static final Map<String, HttpHeader> HEADERS = new HashMap<>();

    static {
        for (HttpHeader header : HttpHeader.values()) {
            HEADERS.put(header.asString(), header);
        }
    }

    /** Content types as pre-encoded fields: a site sends a few dozen at most. */
    private static final Map<String, HttpField> CONTENT_TYPES = new ConcurrentHashMap<>();

    private static HttpField contentType(String type) {
        HttpField f = CONTENT_TYPES.get(type);
        if (f == null) {
            f = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, type);
            if (CONTENT_TYPES.size() < 256) {
                CONTENT_TYPES.put(type, f);
            }
        }
        return f;
    }

    /** The size of the buffers a file is read into. */
    private static final int FILE_BUFFER = 64 * 1024;

    private ResponseWriter() {}

    /** Sends {@code r} as the answer to {@code request}. */
    static void send(Request request, Response response, Callback callback, SiteResponse r) {
        if (r.file() == null) {
            sendBytes(request, response, callback, r);
        } else {
            sendFile(request, response, callback, r);
        }
    }

    /**
     * Sends {@code r} and, over HTTP/1, closes the connection after it: what is left of the request
     * is not read. (An HTTP/2 stream ends alone.)
     */
    static void sendAndClose(
            Request request, Response response, Callback callback, SiteResponse r) {
        if (request.getConnectionMetaData().getHttpVersion() != HttpVersion.HTTP_2) {
            response.getHeaders().put(CLOSE);
        }
        send(request, response, callback, r);
    }

    private static void sendBytes(
            Request request, Response response, Callback callback, SiteResponse r) {
        byte[] body = r.body();
        Body out = head(request, response, r, body.length);
        if (out != null) {
            response.write(
                    true, ByteBuffer.wrap(body, (int) out.offset(), (int) out.length()), callback);
        } else {
            callback.succeeded();
        }
    }

    private static void sendFile(
            Request request, Response response, Callback callback, SiteResponse r) {
        FileChannel channel;
        long size;
        try {
            channel = FileChannel.open(r.file(), StandardOpenOption.READ);
            size = channel.size();
        } catch (IOException e) {
            // gone since the site found it (a sync replaced the checkout)
            sendBytes(
                    request,
                    response,
                    callback,
                    SiteResponse.text(404, "text/plain; charset=utf-8", "Not found\n"));
            return;
        }
        Body out = head(request, response, r, size);
        if (out == null) {
            close(channel);
            callback.succeeded();
            return;
        }
        ByteBufferPool.Sized buffers =
                new ByteBufferPool.Sized(
                        request.getComponents().getByteBufferPool(), true, FILE_BUFFER);
        Content.copy(
                Content.Source.from(buffers, channel, out.offset(), out.length()),
                response,
                new Callback.Nested(callback) {
                    @Override
                    public void completed() {
                        close(channel);
                    }
                });
    }

    /** The part of a body that is sent. */
    private record Body(long offset, long length) {}

    /**
     * Sets the status and headers of {@code r}, whose body is {@code size} bytes, and returns the
     * part of the body to send, or {@code null} when none is (HEAD, 304, 416, an empty body).
     */
    private static Body head(Request request, Response response, SiteResponse r, long size) {
        HttpFields.Mutable h = response.getHeaders();
        HttpFields asked = request.getHeaders();
        boolean compressible = r.compressible();
        headers(h, r, compressible);
        String etag = r.headers().get("ETag");
        if (etag != null
                && r.status() == 200
                && Negotiation.matches(asked.get(HttpHeader.IF_NONE_MATCH), etag)) {
            response.setStatus(304);
            return null;
        }
        boolean headOnly = HttpMethod.HEAD.is(request.getMethod());
        // Ranges of a body sent as it is; one that is also sent gzipped has two forms, and the
        // pages and feeds that are have no use for a range.
        if (r.status() == 200 && !compressible && !r.headers().containsKey("Content-Encoding")) {
            h.add(ACCEPT_BYTES);
            String range = asked.get(HttpHeader.RANGE);
            if (range != null
                    && Negotiation.ifRangeHolds(
                            asked.get(HttpHeader.IF_RANGE),
                            etag,
                            r.headers().get("Last-Modified"))) {
                ByteRange.Ask ask = ByteRange.parse(range, size);
                if (ask instanceof ByteRange.Unsatisfiable) {
                    response.setStatus(416);
                    h.put(HttpHeader.CONTENT_RANGE, "bytes */" + size);
                    h.put(HttpHeader.CONTENT_LENGTH, 0L);
                    return null;
                }
                if (ask instanceof ByteRange.Part part) {
                    ByteRange b = part.range();
                    response.setStatus(206);
                    h.put(HttpHeader.CONTENT_RANGE, b.contentRange(size));
                    h.put(HttpHeader.CONTENT_LENGTH, b.length());
                    return headOnly ? null : new Body(b.first(), b.length());
                }
            }
        }
        response.setStatus(r.status());
        h.put(HttpHeader.CONTENT_LENGTH, size);
        return headOnly || size == 0 ? null : new Body(0, size);
    }

    /** The headers every response carries, then the site's own. */
    private static void headers(HttpFields.Mutable h, SiteResponse r, boolean compressible) {
        // add, not put: the headers start empty, and put looks for an earlier field of the name
        h.add(contentType(r.contentType()));
        h.add(NOSNIFF);
        h.add(REFERRER_POLICY);
        boolean page = r.contentType().startsWith("text/html");
        if (page) {
            h.add(PAGE_CSP);
        }
        if (compressible) {
            // the plain form of a body the site also sends compressed, or the compressed form
            h.add(VARY_ENCODING);
        }
        for (Map.Entry<String, String> e : r.headers().entrySet()) {
            String name = e.getKey();
            HttpHeader known = HEADERS.get(name);
            HttpField f =
                    known != null
                            ? new HttpField(known, name, e.getValue())
                            : new HttpField(name, e.getValue());
            if (known == HttpHeader.VARY
                    || known == HttpHeader.CONTENT_TYPE
                    || (known == null
                            && (name.equalsIgnoreCase(NOSNIFF.getName())
                                    || name.equalsIgnoreCase(REFERRER_POLICY.getName())
                                    || (page && name.equalsIgnoreCase(PAGE_CSP.getName()))))) {
                h.put(f); // the site's own value of a header set above
            } else {
                h.add(f);
            }
        }
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // a file opened for reading: nothing was written that could be lost
        }
    }
}
