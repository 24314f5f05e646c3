package dev.draehi.render.node;

/** One visible property; its children are the rendered value. */
public class BlockProperty extends org.commonmark.node.CustomNode {
    private final String key;

    public BlockProperty(String key) {
        this.key = java.util.Objects.requireNonNull(key, "key");
    }

    /** The property key, lower case. */
    public String getKey() {
        return key;
    }
}
