package dev.draehi.render.node;

/**
 * A footnote definition, {@code [^label]: text}, that no reference in its own block points to (it
 * stands in a block of its own): shown where it stands, as Logseq shows it. The definition's
 * content is the node's children.
 */
public class Footnote extends org.commonmark.node.CustomBlock {
    private final String label;

    public Footnote(String label) {
        this.label = java.util.Objects.requireNonNull(label, "label");
    }

    /** The label as written, without {@code [^} and {@code ]:}. */
    public String getLabel() {
        return label;
    }
}
