package dev.draehi.render.node;

/**
 * A page reference: {@code [[Page]]} or {@code [label]([[Page]])}; a written label is the node's
 * children.
 */
public class PageRef extends org.commonmark.node.CustomNode {
    private final String target;
    private String url;
    private boolean inert;

    public PageRef(String target) {
        this.target = java.util.Objects.requireNonNull(target, "target");
    }

    /** The page name as written, e.g. {@code a [[b]]} for {@code [[a [[b]]]]}. */
    public String getTarget() {
        return target;
    }

    /** The resolved URL, or {@code null} when the page is not published. */
    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    /**
     * True inside another link (a link label, a block reference's text): rendered without a link.
     */
    public boolean isInert() {
        return inert;
    }

    public void setInert(boolean inert) {
        this.inert = inert;
    }
}
