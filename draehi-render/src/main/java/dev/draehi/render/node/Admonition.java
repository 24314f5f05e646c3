package dev.draehi.render.node;

/**
 * An org block with Markdown content: {@code #+BEGIN_NOTE}, {@code TIP}, {@code IMPORTANT}, {@code
 * CAUTION}, {@code WARNING}, {@code PINNED}, {@code CENTER} and others.
 */
public class Admonition extends org.commonmark.node.CustomBlock {
    private final String type;

    public Admonition(String type) {
        this.type = java.util.Objects.requireNonNull(type, "type");
    }

    /** The block type, lower-cased ({@code note}, {@code center}, …). */
    public String getType() {
        return type;
    }
}
