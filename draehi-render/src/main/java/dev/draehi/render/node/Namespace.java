package dev.draehi.render.node;

/**
 * {@code {{namespace x}}}: once resolved, its children list the published pages under {@code x/}.
 */
public class Namespace extends org.commonmark.node.CustomBlock {
    private final String root;

    public Namespace(String root) {
        this.root = java.util.Objects.requireNonNull(root, "root");
    }

    /** The namespace as written, without brackets. */
    public String getRoot() {
        return root;
    }
}
