package dev.draehi.server.internal;

import java.util.Locale;

/** How the server reads the request headers that choose a response's form. */
final class Negotiation {
    private Negotiation() {}

    /** Whether an {@code Accept-Encoding} header accepts gzip (and does not refuse it). */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] p = part.strip().split(";");
            String coding = p[0].strip().toLowerCase(Locale.ROOT);
            if (coding.equals("gzip") || coding.equals("x-gzip") || coding.equals("*")) {
                for (int i = 1; i < p.length; i++) {
                    String q = p[i].strip().replace(" ", "");
                    if (q.matches("q=0(\\.0{0,3})?")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    /** True when an {@code If-None-Match} header names {@code etag} (or is {@code *}). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String t : ifNoneMatch.split(",")) {
            String v = t.strip();
            if (v.startsWith("W/")) {
                v = v.substring(2);
            }
            if (v.equals("*") || v.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an {@code If-Range} header lets a range be sent: absent, or naming the response's
     * strong {@code etag} or its {@code lastModified} date exactly.
     */
    static boolean ifRangeHolds(String ifRange, String etag, String lastModified) {
        if (ifRange == null) {
            return true;
        }
        String v = ifRange.strip();
        if (v.startsWith("\"") || v.startsWith("W/")) {
            return etag != null && !v.startsWith("W/") && v.equals(etag);
        }
        return lastModified != null && v.equals(lastModified);
    }
}
