package dev.draehi.model;

import java.util.Locale;
import java.util.Set;

/**
 * Logseq's built-in properties, the one list every part of draehi reads: which a page or block
 * never shows ({@link #isHidden}), whose values are never page references ({@link #valueIsPlain}),
 * which are Logseq's own and so have no property page ({@link #isBuiltIn}) and which list pages
 * ({@link #isPageList}). Keys are compared lower-cased; every {@code logseq.*} key is hidden, plain
 * and built in.
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
                    "card-last-score",
                    "hl-value",
                    "background_color",
                    "created_at",
                    "last_modified_at");

    /**
     * The built-ins a reader edits and sees: Logseq's editable built-in properties, {@code tags},
     * {@code alias} and {@code aliases} among them (their values are lists of pages).
     */
    private static final Set<String> EDITABLE =
            Set.of(
                    "title",
                    "icon",
                    "template",
                    "template-including-parent",
                    "public",
                    "filters",
                    "exclude-from-graph-view",
                    "macro",
                    "filetags",
                    "alias",
                    "aliases",
                    "tags");

    /** The built-ins whose values are comma-separated lists of pages whatever the config says. */
    private static final Set<String> PAGE_LISTS = Set.of("alias", "aliases", "tags");

    private BuiltInProperties() {}

    /**
     * True for a property Logseq uses for its own features, shown or not: no page is made for its
     * key ({@code :property-pages/enabled?} makes one for every other key).
     */
    public static boolean isBuiltIn(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return isHidden(k) || EDITABLE.contains(k);
    }

    /** True for {@code tags}, {@code alias} and {@code aliases}: values split on commas. */
    public static boolean isPageList(String key) {
        return PAGE_LISTS.contains(key.toLowerCase(Locale.ROOT));
    }

    /** True when a page or block never shows the property {@code key}. */
    public static boolean isHidden(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return HIDDEN.contains(k) || k.startsWith("logseq.");
    }

    /**
     * True when the value of {@code key} is text, never read for page references or tags: every
     * built-in but the page lists, as in Logseq.
     */
    public static boolean valueIsPlain(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return PLAIN_VALUES.contains(k)
                || k.startsWith("logseq.")
                || (isBuiltIn(k) && !PAGE_LISTS.contains(k));
    }
}
