package dev.draehi.render.node;

/**
 * A link or image to an asset that is not in the graph: a visible placeholder instead of a broken
 * image.
 */
public class MissingAsset extends org.commonmark.node.CustomNode {
    private final String path;

    public MissingAsset(String path) {
        this.path = java.util.Objects.requireNonNull(path, "path");
    }

    /** The asset path as written. */
    public String getPath() {
        return path;
    }
}
