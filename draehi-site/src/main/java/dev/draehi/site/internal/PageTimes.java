package dev.draehi.site.internal;

import dev.draehi.model.Node;
import dev.draehi.model.NodeMetadata.Attributes;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** When a page was last changed, as the site shows it. */
public final class PageTimes {
    private PageTimes() {}

    /**
     * When the page's file last changed in the graph's history ({@link Attributes#UPDATED}); when
     * the source did not know, when the page was stored.
     */
    public static Instant updated(Node page) {
        String attr = page.metadata().attributes().get(Attributes.UPDATED);
        if (attr != null) {
            try {
                return Instant.parse(attr);
            } catch (DateTimeParseException e) {
                // written by another version: fall back
            }
        }
        return page.updatedAt() != null ? page.updatedAt() : Instant.EPOCH;
    }
}
