package dev.draehi.spi;

import dev.draehi.model.SyncWarning;
import java.util.List;

/**
 * A rendered page: the HTML of each block, in the order of {@link
 * dev.draehi.model.Page#flatBlocks()}, the HTML of the page's own properties (shown above its
 * blocks, refs resolved; empty when it has none to show), and what rendering warned about (a
 * missing asset, a broken macro).
 */
public record RenderedPage(
        List<String> blockHtml, List<SyncWarning> warnings, String propertiesHtml) {
    public RenderedPage {
        blockHtml = List.copyOf(blockHtml);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        propertiesHtml = propertiesHtml == null ? "" : propertiesHtml;
    }

    /** A rendered page without page properties. */
    public RenderedPage(List<String> blockHtml, List<SyncWarning> warnings) {
        this(blockHtml, warnings, "");
    }
}
