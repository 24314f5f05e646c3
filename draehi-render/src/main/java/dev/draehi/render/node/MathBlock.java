package dev.draehi.render.node;

/** Display math on lines of its own: {@code $$ … $$}. */
public class MathBlock extends org.commonmark.node.CustomBlock {
    private String tex;

    public MathBlock(String tex) {
        this.tex = java.util.Objects.requireNonNull(tex, "tex");
    }

    /** The TeX source. */
    public String getTex() {
        return tex;
    }

    public void setTex(String tex) {
        this.tex = java.util.Objects.requireNonNull(tex, "tex");
    }
}
