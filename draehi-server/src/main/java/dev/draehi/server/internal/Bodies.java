package dev.draehi.server.internal;

import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads request bodies, never more than a limit. A body over the limit is read on and dropped up to
 * {@link #DRAIN_BYTES}, so that a client still sending it reads the 413 rather than a reset
 * connection; a larger one, or one the client waits to be asked for ({@code Expect: 100-continue}),
 * is left unread, and the connection must close after the answer.
 */
final class Bodies {
    /** How much of a refused body is read and dropped to keep its connection. */
    static final long DRAIN_BYTES = 2L << 20;

    /**
     * A body read up to a limit.
     *
     * @param bytes the body, or {@code null} when it was larger than the limit
     * @param ended whether the request was read to its end, so its connection can carry on
     */
    record Body(byte[] bytes, boolean ended) {}

    private Bodies() {}

    /** The request's body when it has at most {@code max} bytes. */
    static Body read(Request request, int max) throws IOException {
        if (request.getLength() > max) {
            return new Body(null, drained(request));
        }
        InputStream in = Content.Source.asInputStream(request);
        byte[] data = in.readNBytes(max + 1);
        if (data.length <= max) {
            return new Body(data, true);
        }
        return new Body(null, drain(in, DRAIN_BYTES - data.length));
    }

    /**
     * Reads and drops the body of a request that is refused unread, when it is small enough and the
     * client is sending it; whether the request was read to its end.
     */
    static boolean drained(Request request) throws IOException {
        if (request.getLength() > DRAIN_BYTES
                || request.getHeaders()
                        .contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString())) {
            return false;
        }
        return drain(Content.Source.asInputStream(request), DRAIN_BYTES);
    }

    /** Reads {@code in} to its end, at most {@code limit} bytes; whether it ended. */
    private static boolean drain(InputStream in, long limit) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long left = limit;
        while (left >= 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left + 1));
            if (n < 0) {
                return true;
            }
            left -= n;
        }
        return false;
    }
}
