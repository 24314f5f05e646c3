package dev.draehi.spi;

import dev.draehi.model.SyncWarning;
import java.util.List;

/**
 * A rendered page: the HTML of each block, in the order of {@link
 * dev.draehi.model.Page#flatBlocks()}, and what rendering warned about (a missing asset, a broken
 * macro).
 */
public record RenderedPage(List<String> blockHtml, List<SyncWarning> warnings) {
    public RenderedPage {
        blockHtml = List.copyOf(blockHtml);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
