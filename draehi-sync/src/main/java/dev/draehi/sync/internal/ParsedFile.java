package dev.draehi.sync.internal;

import dev.draehi.model.Block;
import dev.draehi.model.SyncWarning;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One page file after parsing, before names are resolved.
 *
 * @param properties the page properties, keys lower-cased
 * @param blocks the top-level blocks
 * @param blockCount every block in the tree
 * @param blockIds the blocks' {@code id::} values, in document order
 * @param pageRefs the page names the blocks' refs name, each once, in order of first use
 */
public record ParsedFile(
        Block.Format format,
        Map<String, String> properties,
        List<Block> blocks,
        int blockCount,
        List<SyncWarning> warnings,
        List<String> blockIds,
        List<String> pageRefs) {
    public ParsedFile {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        blocks = List.copyOf(blocks);
        warnings = List.copyOf(warnings);
        blockIds = List.copyOf(blockIds);
        pageRefs = List.copyOf(pageRefs);
    }

    /**
     * A parse, with what the graph's assembly needs of it worked out once: the blocks' {@code id::}
     * values in document order, and the distinct page names its blocks' refs name, in order of
     * first use. A file that did not change is assembled again from these, not from its tree.
     */
    public ParsedFile(
            Block.Format format,
            Map<String, String> properties,
            List<Block> blocks,
            int blockCount,
            List<SyncWarning> warnings) {
        this(format, properties, blocks, blockCount, warnings, ids(blocks), refs(blocks));
    }

    private static List<String> ids(List<Block> blocks) {
        List<String> out = new ArrayList<>();
        for (Block b : Block.preOrder(blocks)) {
            if (b.id() != null) {
                out.add(b.id());
            }
        }
        return out;
    }

    private static List<String> refs(List<Block> blocks) {
        Set<String> out = new LinkedHashSet<>();
        for (Block b : Block.preOrder(blocks)) {
            for (Block.Ref r : b.refs()) {
                if (!r.toBlock()) {
                    out.add(r.target());
                }
            }
        }
        return new ArrayList<>(out);
    }
}
