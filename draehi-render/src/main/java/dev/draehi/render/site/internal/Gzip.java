package dev.draehi.render.site.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Gzip for response bodies, which are in memory and small: no streams leak out. */
public final class Gzip {
    /** Bodies below this size are sent as they are: compressing them gains too little. */
    public static final int MIN_BYTES = 1024;

    private Gzip() {}

    /**
     * Whether a response of this type and size is worth compressing: text of a kilobyte or more.
     */
    public static boolean worthIt(String contentType, int length) {
        return length >= MIN_BYTES
                && (contentType.startsWith("text/")
                        || contentType.startsWith("application/json")
                        || contentType.startsWith("application/atom+xml")
                        || contentType.startsWith("application/xml")
                        || contentType.startsWith("application/javascript")
                        || contentType.startsWith("image/svg+xml"));
    }

    public static byte[] compress(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 4));
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] decompress(byte[] data) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data), 8192)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("a cached response does not inflate", e);
        }
    }
}
