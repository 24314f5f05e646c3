package dev.draehi.render.node;

/** Inline math {@code $x$}, or {@code $$x$$} inside a line (display style). */
public class MathInline extends org.commonmark.node.CustomNode {
    private final String tex;
    private final boolean display;

    public MathInline(String tex, boolean display) {
        this.tex = java.util.Objects.requireNonNull(tex, "tex");
        this.display = display;
    }

    /** The TeX source. */
    public String getTex() {
        return tex;
    }

    /** True for {@code $$…$$}. */
    public boolean isDisplay() {
        return display;
    }
}
