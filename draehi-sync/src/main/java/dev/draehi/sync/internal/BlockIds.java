package dev.draehi.sync.internal;

import dev.draehi.model.Block;
import dev.draehi.model.SyncWarning;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rule of {@code id::} values across a graph: an id belongs to the first block that uses it.
 */
final class BlockIds {
    private BlockIds() {}

    /**
     * Notes the ids of a file's blocks as used by it, when none was used before (nor twice in the
     * file); false, noting nothing, when one was: then {@link #dedupe} settles them.
     */
    static boolean firstUse(List<String> ids, Map<String, String> seen, String path) {
        if (ids.isEmpty()) {
            return true;
        }
        Set<String> own = new HashSet<>();
        for (String id : ids) {
            if (seen.containsKey(id) || !own.add(id)) {
                return false;
            }
        }
        for (String id : ids) {
            seen.put(id, path);
        }
        return true;
    }

    /** Clears an {@code id::} already used by an earlier block, so that block gets a fresh id. */
    static List<Block> dedupe(
            List<Block> blocks, Map<String, String> seen, String path, List<SyncWarning> warnings) {
        List<Block> out = null;
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            Block replaced = b;
            if (b.id() != null) {
                String firstFile = seen.putIfAbsent(b.id(), path);
                if (firstFile != null) {
                    warnings.add(
                            new SyncWarning(
                                    path,
                                    b.line(),
                                    "duplicate id:: "
                                            + b.id()
                                            + " (first used in "
                                            + firstFile
                                            + "); this block gets a generated id"));
                    Map<String, String> props = new LinkedHashMap<>(b.properties());
                    props.remove("id");
                    replaced = b.withId(null).withProperties(props);
                }
            }
            List<Block> children = dedupe(replaced.children(), seen, path, warnings);
            if (children != replaced.children()) {
                replaced = replaced.withChildren(children);
            }
            if (replaced != b && out == null) {
                out = new ArrayList<>(blocks.subList(0, i));
            }
            if (out != null) {
                out.add(replaced);
            }
        }
        return out == null ? blocks : out;
    }
}
