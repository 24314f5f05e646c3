package dev.draehi.render.internal;

import org.commonmark.node.Block;
import org.commonmark.node.CustomNode;

/**
 * Stands in for an embed, query or namespace list while inline content is parsed: emphasis,
 * highlights, strikethrough and link text may wrap it, and commonmark refuses a block node inside
 * an inline one. {@link LogseqPostProcessor} puts the block in its place.
 */
final class BlockPlaceholder extends CustomNode {
    private final Block block;

    BlockPlaceholder(Block block) {
        this.block = block;
    }

    Block block() {
        return block;
    }
}
