package dev.draehi.server.internal;

/** How the server reads the request headers that choose a response's form. */
final class Negotiation {
    private Negotiation() {}

    /** Whether an {@code Accept-Encoding} header accepts gzip (and does not refuse it). */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        // Read in place: every request asks this, most with "gzip, deflate, br, zstd".
        String h = acceptEncoding;
        int n = h.length();
        int start = 0;
        while (start <= n) {
            int end = h.indexOf(',', start);
            if (end < 0) {
                end = n;
            }
            int semi = h.indexOf(';', start);
            int codingEnd = semi >= 0 && semi < end ? semi : end;
            int a = skipSpace(h, start, codingEnd);
            int b = codingEnd;
            while (b > a && h.charAt(b - 1) == ' ') {
                b--;
            }
            if (isCoding(h, a, b, "gzip")
                    || isCoding(h, a, b, "x-gzip")
                    || isCoding(h, a, b, "*")) {
                return codingEnd == end || !refused(h.substring(codingEnd + 1, end));
            }
            start = end + 1;
        }
        return false;
    }

    private static int skipSpace(String s, int from, int to) {
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        return from;
    }

    private static boolean isCoding(String s, int from, int to, String coding) {
        return to - from == coding.length() && s.regionMatches(true, from, coding, 0, to - from);
    }

    /** Whether the parameters of a coding ({@code q=0}) refuse it. */
    private static boolean refused(String params) {
        for (String p : params.split(";")) {
            if (p.strip().replace(" ", "").matches("q=0(\\.0{0,3})?")) {
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
