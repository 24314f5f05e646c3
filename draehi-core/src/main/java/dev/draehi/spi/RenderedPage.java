package dev.draehi.spi;

import dev.draehi.model.SyncWarning;
import java.util.List;

/**
 * A rendered page: the HTML of each block, in the order of {@link
 * dev.draehi.model.Page#flatBlocks()}, the HTML of the page's own properties (shown above its
 * blocks, refs resolved; empty when it has none to show), and what rendering warned about (a
 * missing asset, a broken macro).
 *
 * @param journalQueriesHtml for the newest journal of a graph with {@code :default-queries}, those
 *     queries and their results, shown on the journals page; else empty
 */
public record RenderedPage(
        List<String> blockHtml,
        List<SyncWarning> warnings,
        String propertiesHtml,
        String journalQueriesHtml) {
    public RenderedPage {
        blockHtml = List.copyOf(blockHtml);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        propertiesHtml = propertiesHtml == null ? "" : propertiesHtml;
        journalQueriesHtml = journalQueriesHtml == null ? "" : journalQueriesHtml;
    }

    /** A rendered page without default queries. */
    public RenderedPage(List<String> blockHtml, List<SyncWarning> warnings, String propertiesHtml) {
        this(blockHtml, warnings, propertiesHtml, "");
    }

    /** A rendered page without page properties. */
    public RenderedPage(List<String> blockHtml, List<SyncWarning> warnings) {
        this(blockHtml, warnings, "");
    }
}
