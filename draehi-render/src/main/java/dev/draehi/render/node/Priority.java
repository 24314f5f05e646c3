package dev.draehi.render.node;

/** A task priority {@code [#A]}. */
public class Priority extends org.commonmark.node.CustomNode {
    private final String letter;

    public Priority(String letter) {
        this.letter = java.util.Objects.requireNonNull(letter, "letter");
    }

    /** The letter, upper case. */
    public String getLetter() {
        return letter;
    }
}
