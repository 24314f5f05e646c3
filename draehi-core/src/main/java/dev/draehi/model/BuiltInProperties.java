package dev.draehi.model;

import java.util.Locale;
import java.util.Set;

/**
 * Logseq's built-in properties, the one list every part of draehi reads: which a page or block
 * never shows ({@link #isHidden}), and whose values are never page references ({@link
 * #valueIsPlain}). Keys are compared lower-cased; every {@code logseq.*} key is both.
 *
 * <pre>{@code
 * block.properties().keySet().stream().filter(k -> !BuiltInProperties.isHidden(k))
 * }</pre>
 */
public final class BuiltInProperties {
    /**
     * Properties whose values are never refs: identities, timestamps, display settings and PDF
     * highlight data (logseq-format.md rule 12), and the page-level built-ins {@code title}, {@code
     * public}, {@code filters} and {@code icon}.
     */
    private static final Set<String> PLAIN_VALUES =
            Set.of(
                    "id",
                    "custom-id",
                    "background-color",
                    "heading",
                    "collapsed",
                    "created-at",
                    "updated-at",
                    "last-modified-at",
                    "created_at",
                    "updated_at",
                    "title",
                    "public",
                    "filters",
                    "icon",
                    "ls-type",
                    "hl-type",
                    "hl-page",
                    "hl-stamp",
                    "hl-color",
                    "todo",
                    "doing",
                    "now",
                    "later",
                    "done");

    /**
     * Properties a page never shows: the hidden built-ins of logseq-format.md rule 12, the
     * page-level built-ins, and the flashcard scheduling data Logseq keeps on {@code #card} blocks.
     */
    private static final Set<String> HIDDEN =
            Set.of(
                    "id",
                    "custom-id",
                    "background-color",
                    "heading",
                    "collapsed",
                    "created-at",
                    "updated-at",
                    "last-modified-at",
                    "query-table",
                    "query-properties",
                    "query-sort-by",
                    "query-sort-desc",
                    "ls-type",
                    "hl-type",
                    "hl-page",
                    "hl-stamp",
                    "hl-color",
                    "todo",
                    "doing",
                    "now",
                    "later",
                    "done",
                    "title",
                    "public",
                    "filters",
                    "icon",
                    "exclude-from-graph-view",
                    "card-last-interval",
                    "card-repeats",
                    "card-ease-factor",
                    "card-next-schedule",
                    "card-last-reviewed",
                    "card-last-score");

    private BuiltInProperties() {}

    /** True when a page or block never shows the property {@code key}. */
    public static boolean isHidden(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return HIDDEN.contains(k) || k.startsWith("logseq.");
    }

    /** True when the value of {@code key} is text, never read for page references or tags. */
    public static boolean valueIsPlain(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return PLAIN_VALUES.contains(k) || k.startsWith("logseq.");
    }
}
