package dev.draehi.site.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** URL paths and query strings as the site reads them. */
public final class Queries {
    private Queries() {}

    /** The decoded path ({@code +} kept), or {@code null} when its escapes are malformed. */
    public static String decode(String path) {
        try {
            return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The decoded value of a query parameter, or {@code null}. */
    public static String param(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            if (k.equals(name)) {
                try {
                    return URLDecoder.decode(
                            eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
