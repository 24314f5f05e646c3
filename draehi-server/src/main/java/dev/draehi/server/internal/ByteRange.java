package dev.draehi.server.internal;

/**
 * The one byte range a {@code Range} header asks of a body: {@code first} to {@code last},
 * inclusive.
 */
record ByteRange(long first, long last) {
    /** What a {@code Range} header asks for. */
    sealed interface Ask permits Whole, Part, Unsatisfiable {}

    /** The whole body: no usable {@code Range} header (absent, malformed, several ranges). */
    record Whole() implements Ask {}

    /** One satisfiable range. */
    record Part(ByteRange range) implements Ask {}

    /** A range that starts past the end of the body: answered with 416. */
    record Unsatisfiable() implements Ask {}

    private static final Ask WHOLE = new Whole();
    private static final Ask UNSATISFIABLE = new Unsatisfiable();

    long length() {
        return last - first + 1;
    }

    /** The {@code Content-Range} of this range of a body of {@code total} bytes. */
    String contentRange(long total) {
        return "bytes " + first + "-" + last + "/" + total;
    }

    /**
     * What the header {@code range} asks of a body of {@code total} bytes: one range, a range none
     * of which exists, or (for a header that is absent, not of bytes, malformed or asks for several
     * ranges, which a server may ignore) the whole body.
     */
    static Ask parse(String range, long total) {
        if (range == null) {
            return WHOLE;
        }
        String r = range.strip();
        if (r.length() < 7 || !r.regionMatches(true, 0, "bytes=", 0, 6)) {
            return WHOLE;
        }
        String spec = r.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0 || spec.indexOf(',') >= 0) {
            return WHOLE;
        }
        String a = spec.substring(0, dash).strip();
        String b = spec.substring(dash + 1).strip();
        if (a.isEmpty()) {
            // the last b bytes
            long suffix = number(b);
            if (suffix < 0) {
                return WHOLE;
            }
            if (suffix == 0 || total == 0) {
                return UNSATISFIABLE;
            }
            return new Part(new ByteRange(Math.max(0, total - suffix), total - 1));
        }
        long first = number(a);
        long last = b.isEmpty() ? Long.MAX_VALUE : number(b);
        if (first < 0 || last < 0 || last < first) {
            return WHOLE;
        }
        if (first >= total) {
            return UNSATISFIABLE;
        }
        return new Part(new ByteRange(first, Math.min(last, total - 1)));
    }

    /** The decimal {@code s}, {@link Long#MAX_VALUE} when it is larger, or -1 when malformed. */
    private static long number(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            if (n > (Long.MAX_VALUE - 9) / 10) {
                n = Long.MAX_VALUE;
            } else {
                n = n * 10 + (c - '0');
            }
        }
        return n;
    }
}
