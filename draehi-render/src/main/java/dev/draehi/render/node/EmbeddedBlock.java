package dev.draehi.render.node;

/** One embedded block: its content and, last, an {@link EmbedList} of its children. */
public class EmbeddedBlock extends org.commonmark.node.CustomBlock {
    private final String blockId;

    public EmbeddedBlock(String blockId) {
        this.blockId = blockId;
    }

    /** The block's {@code id::}, or {@code null}. */
    public String getBlockId() {
        return blockId;
    }
}
