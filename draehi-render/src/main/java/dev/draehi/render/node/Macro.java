package dev.draehi.render.node;

/**
 * A macro {@code {{name args}}} other than embed and query; the node renderer decides by name,
 * children hold expanded content (user macros, cloze).
 */
public class Macro extends org.commonmark.node.CustomNode {
    private final String name;
    private final java.util.List<String> arguments;
    private String url;
    private String cue;
    private boolean known;

    public Macro(String name, java.util.List<String> arguments) {
        this.name = java.util.Objects.requireNonNull(name, "name");
        this.arguments = java.util.List.copyOf(arguments);
    }

    /** The argument text as one string. */
    public String getArgumentText() {
        return String.join(", ", arguments);
    }

    /** The macro name, lower-cased. */
    public String getName() {
        return name;
    }

    /** The arguments, trimmed. */
    public java.util.List<String> getArguments() {
        return arguments;
    }

    /** A URL the macro resolved to (a video player, a tweet), or {@code null}. */
    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    /**
     * A cloze's cue, {@code {{cloze answer \\ cue}}} (what shows while the answer is hidden), or
     * {@code null}.
     */
    public String getCue() {
        return cue;
    }

    public void setCue(String cue) {
        this.cue = cue;
    }

    /** True when the macro was recognised and resolved. */
    public boolean isKnown() {
        return known;
    }

    public void setKnown(boolean known) {
        this.known = known;
    }
}
