package dev.draehi.spring.boot.internal;

import dev.draehi.ValidationException;
import java.util.Base64;
import org.springframework.util.unit.DataSize;

/** Checks and normalizes {@code draehi.*} property values; each error names its property. */
public final class Settings {
    private Settings() {}

    /**
     * A mount path as a prefix to put before root-relative paths: {@code ""} for {@code /} (or
     * nothing), else {@code /a/b} without a trailing slash.
     */
    public static String mountPath(String value, String property) {
        String p = value == null ? "" : value.strip();
        if (!p.isEmpty() && !p.startsWith("/")) {
            throw new ValidationException(property + " must start with '/', was '" + p + "'");
        }
        if (p.matches(".*[*?{}\\s;].*")) {
            throw new ValidationException(
                    property + " must be a plain path, without patterns, was '" + p + "'");
        }
        return p.replaceAll("/+$", "");
    }

    /** A size in bytes that fits an {@code int}, at least one. */
    public static int bytes(DataSize size, String property) {
        long b = size == null ? 0 : size.toBytes();
        if (b < 1 || b > Integer.MAX_VALUE) {
            throw new ValidationException(property + " must be between 1B and 2GB, was " + size);
        }
        return (int) b;
    }

    /** The bytes of a base64 secret; the error never quotes it. */
    public static byte[] base64Secret(String value, String property) {
        try {
            return Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw new ValidationException(property + " is not base64");
        }
    }
}
