package dev.draehi.render.node;

/**
 * A footnote reference, {@code [^label]}, whose definition is not in its own block: shown as its
 * label, as Logseq shows it, and linked to the definition when that is on the same page.
 */
public class FootnoteLink extends org.commonmark.node.CustomNode {
    private final String label;
    private String url;

    public FootnoteLink(String label) {
        this.label = java.util.Objects.requireNonNull(label, "label");
    }

    /** The label as written, without {@code [^} and {@code ]}. */
    public String getLabel() {
        return label;
    }

    /** The definition's anchor ({@code #fn-label}), or {@code null} when it is not on the page. */
    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }
}
