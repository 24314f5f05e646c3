package dev.draehi.render.node;

/** A simple query {@code {{query …}}}; once evaluated, its children are the results. */
public class Query extends org.commonmark.node.CustomBlock {
    private final String text;
    private int resultCount = -1;

    public Query(String text) {
        this.text = java.util.Objects.requireNonNull(text, "text");
    }

    /** The query as written. */
    public String getText() {
        return text;
    }

    /** How many results were found; -1 before evaluation. */
    public int getResultCount() {
        return resultCount;
    }

    public void setResultCount(int resultCount) {
        this.resultCount = resultCount;
    }
}
