package dev.draehi.internal;

import dev.draehi.model.Node;
import dev.draehi.model.NodeMetadata;
import java.util.Comparator;

/**
 * The orders in which stores list nodes. Names compare by code point, which is how PostgreSQL's
 * {@code COLLATE "C"} compares them (UTF-8 bytes), so that every store lists the same nodes in the
 * same order; {@link String#compareTo} would put letters beyond U+FFFF before U+E000..U+FFFF.
 */
public final class NodeOrder {
    /** Names, by code point. */
    public static final Comparator<String> NAMES = NodeOrder::compareCodePoints;

    /** Pages by name. */
    public static final Comparator<Node> PAGES = Comparator.comparing(Node::pageName, NAMES);

    /**
     * Blocks by page name, then position; a page node (the source of its properties' references)
     * before the blocks of its page.
     */
    public static final Comparator<Node> BLOCKS =
            PAGES.thenComparing((Node n) -> !n.isPage()).thenComparingInt(Node::order);

    /** Journal pages, newest day first, then by name. */
    public static final Comparator<Node> JOURNALS =
            Comparator.comparing((Node p) -> journalDay(p)).reversed().thenComparing(PAGES);

    private NodeOrder() {}

    /** Whether {@code page} is a journal page: it has a {@code journal-day} attribute. */
    public static boolean isJournal(Node page) {
        return page.metadata().attribute(NodeMetadata.Attributes.JOURNAL_DAY).isPresent();
    }

    /**
     * Whether {@code page} is one of the graph's favorites: it has a {@code favorite} attribute.
     */
    public static boolean isFavorite(Node page) {
        return page.metadata().attribute(NodeMetadata.Attributes.FAVORITE).isPresent();
    }

    private static String journalDay(Node page) {
        return page.metadata().attribute(NodeMetadata.Attributes.JOURNAL_DAY).orElse("");
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
