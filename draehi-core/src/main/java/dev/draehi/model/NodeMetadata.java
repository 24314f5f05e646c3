package dev.draehi.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code nodes.metadata} JSON: the seed's {@code tags}, {@code properties} and {@code
 * frontmatter}, plus draehi's own {@code attributes} (keys in {@link Attributes}).
 */
public record NodeMetadata(
        List<String> tags,
        Map<String, String> properties,
        Map<String, String> frontmatter,
        Map<String, String> attributes) {

    /** Metadata with nothing in it. */
    public static final NodeMetadata EMPTY =
            new NodeMetadata(List.of(), Map.of(), Map.of(), Map.of());

    public NodeMetadata {
        tags = tags == null ? List.of() : List.copyOf(tags);
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        frontmatter = frontmatter == null ? Map.of() : Map.copyOf(frontmatter);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** One of draehi's own attributes. */
    public Optional<String> attribute(String key) {
        return Optional.ofNullable(attributes.get(key));
    }

    /** Keys draehi writes into {@link #attributes()}. */
    public static final class Attributes {
        /** On a block: the graph's own {@code id::}, shown as the block's anchor. */
        public static final String BLOCK_ID = "block-id";

        /** On a page: its URL path below the workspace, {@code a/b-c}. */
        public static final String PATH = "path";

        /** On a page: the source file, relative to the graph root; absent for generated pages. */
        public static final String FILE = "file";

        /** On a journal page: its day as {@code yyyyMMdd}. */
        public static final String JOURNAL_DAY = "journal-day";

        /** On a block: its depth in the outline, 0 for top-level blocks. */
        public static final String DEPTH = "depth";

        /** On a page: {@code generated} for a page that exists only by reference or namespace. */
        public static final String KIND = "kind";

        /**
         * On a page: the name of the namespace parent page, for {@code a/b/c} that is {@code a/b}.
         */
        public static final String NAMESPACE = "namespace";

        /** On a block: {@code true} when it is folded ({@code collapsed:: true}). */
        public static final String COLLAPSED = "collapsed";

        /** On a block: its heading level, 1–6, when it is a heading. */
        public static final String HEADING = "heading";

        /** On a block: its task marker ({@code TODO}, {@code DONE}, …). */
        public static final String MARKER = "marker";

        /**
         * On a namespace page: its ancestors, outermost first, one {@code name<TAB>path} line each,
         * for breadcrumbs without a query.
         */
        public static final String NAMESPACE_PARENTS = "namespace-parents";

        /**
         * On a page with namespace children: the direct children, by name, one {@code
         * name<TAB>path} line each.
         */
        public static final String NAMESPACE_CHILDREN = "namespace-children";

        /**
         * On a page with {@code tags::}: one {@code tag<TAB>path} line per tag, as written, with
         * the path of the published page it names, or an empty path when it names none; so that a
         * page view links its tags without a query.
         */
        public static final String TAG_LINKS = "tag-links";

        /** On a page: its properties rendered to HTML by the page renderer, refs resolved. */
        public static final String PROPERTIES_HTML = "properties-html";

        /**
         * On a page the graph's {@code :favorites} list: its place in that list, from 0, so that
         * the sidebar lists favorites in the graph's order.
         */
        public static final String FAVORITE = "favorite";

        /**
         * On the newest journal of a graph with {@code :default-queries}: those queries and their
         * results as HTML, shown on the journals page.
         */
        public static final String JOURNAL_QUERIES_HTML = "journal-queries-html";

        /**
         * On a block: {@code true} for a flashcard (it refers to the page {@code card}, as {@code
         * #card} does): its children are its answer, shown on demand.
         */
        public static final String CARD = "card";

        /** On a page: the number of blocks it has, so lists need not count them. */
        public static final String BLOCK_COUNT = "block-count";

        /**
         * On a page: when its file last changed (ISO-8601 instant), from the graph's history;
         * absent when the source does not know, and the node's {@code updatedAt} stands in.
         */
        public static final String UPDATED = "updated";

        private Attributes() {}
    }
}
