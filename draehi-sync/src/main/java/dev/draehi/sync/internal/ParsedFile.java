package dev.draehi.sync.internal;

import dev.draehi.model.Block;
import dev.draehi.model.SyncWarning;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page file after parsing, before names are resolved.
 *
 * @param properties the page properties, keys lower-cased
 * @param blocks the top-level blocks
 * @param blockCount every block in the tree
 */
public record ParsedFile(
        Block.Format format,
        Map<String, String> properties,
        List<Block> blocks,
        int blockCount,
        List<SyncWarning> warnings) {
    public ParsedFile {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        blocks = List.copyOf(blocks);
        warnings = List.copyOf(warnings);
    }
}
