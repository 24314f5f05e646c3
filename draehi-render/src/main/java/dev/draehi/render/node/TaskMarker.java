package dev.draehi.render.node;

/** A task marker at the start of a block ({@code TODO}, {@code DONE}, …). */
public class TaskMarker extends org.commonmark.node.CustomNode {
    private final String marker;

    public TaskMarker(String marker) {
        this.marker = java.util.Objects.requireNonNull(marker, "marker");
    }

    /** The marker, upper case. */
    public String getMarker() {
        return marker;
    }
}
