package dev.draehi.render.node;

/** A {@code SCHEDULED:} or {@code DEADLINE:} badge. */
public class Planning extends org.commonmark.node.CustomBlock {
    private static final java.util.regex.Pattern ISO_DATE =
            java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final String kind;
    private final String timestamp;

    public Planning(String kind, String timestamp) {
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
        this.timestamp = java.util.Objects.requireNonNull(timestamp, "timestamp");
    }

    /** The ISO date ({@code 2024-01-31}) in the timestamp, or {@code null}. */
    public String getIsoDate() {
        java.util.regex.Matcher m = ISO_DATE.matcher(timestamp);
        return m.find() ? m.group() : null;
    }

    /** {@code SCHEDULED} or {@code DEADLINE}. */
    public String getKind() {
        return kind;
    }

    /** The timestamp without angle brackets, e.g. {@code 2024-01-31 Wed .+1d}. */
    public String getTimestamp() {
        return timestamp;
    }
}
