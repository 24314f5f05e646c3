package dev.draehi.render.node;

/**
 * An advanced query ({@code #+BEGIN_QUERY … #+END_QUERY}); once {@link
 * dev.draehi.render.HtmlPageRenderer} has evaluated it, its child holds the results (or why there
 * are none).
 */
public class AdvancedQuery extends org.commonmark.node.CustomBlock {
    private String literal;

    public AdvancedQuery(String literal) {
        this.literal = java.util.Objects.requireNonNull(literal, "literal");
    }

    /** The query source. */
    public String getLiteral() {
        return literal;
    }

    public void setLiteral(String literal) {
        this.literal = java.util.Objects.requireNonNull(literal, "literal");
    }
}
