package dev.draehi.render;

/** An advanced Datalog query ({@code #+BEGIN_QUERY}): not evaluated, shown collapsed. */
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
