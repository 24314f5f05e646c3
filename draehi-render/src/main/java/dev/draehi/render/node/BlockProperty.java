package dev.draehi.render.node;

/** One visible property; its children are the rendered value. */
public class BlockProperty extends org.commonmark.node.CustomNode {
    private final String key;
    private String keyPage;
    private String keyUrl;

    public BlockProperty(String key) {
        this.key = java.util.Objects.requireNonNull(key, "key");
    }

    /** The property key, lower case. */
    public String getKey() {
        return key;
    }

    /** The name of the key's page, or null. */
    public String getKeyPage() {
        return keyPage;
    }

    /** Where the key's page is, or null when it has none to link to. */
    public String getKeyUrl() {
        return keyUrl;
    }

    /** Links the key to the page {@code page} at {@code url} (null: no link). */
    public void setKeyPage(String page, String url) {
        this.keyPage = page;
        this.keyUrl = url;
    }
}
