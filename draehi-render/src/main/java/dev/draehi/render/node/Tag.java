package dev.draehi.render.node;

/** A tag: {@code #tag} or {@code #[[multi word]]}. */
public class Tag extends org.commonmark.node.CustomNode {
    private final String name;
    private String url;
    private boolean inert;

    public Tag(String name) {
        this.name = java.util.Objects.requireNonNull(name, "name");
    }

    /** The tag as written, without {@code #} and brackets. */
    public String getName() {
        return name;
    }

    /** The resolved URL, or {@code null} when the tag's page is not published. */
    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    /** True inside another link: rendered without a link. */
    public boolean isInert() {
        return inert;
    }

    public void setInert(boolean inert) {
        this.inert = inert;
    }
}
