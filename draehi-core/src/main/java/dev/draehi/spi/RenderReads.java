package dev.draehi.spi;

/**
 * Receives what rendering one page read of the rest of the graph: an incremental sync renders the
 * page again only when something it read has changed. A {@link RenderContext} records every read
 * made through it ({@link RenderContext#page}, {@link RenderContext#block}, {@link
 * RenderContext#namespace}, {@link RenderContext#links()}, and {@link RenderContext#graph()}, which
 * counts as reading everything); a renderer that learns about other pages some other way records it
 * here itself. Every method does nothing by default.
 */
public interface RenderReads {
    /** Records nothing. */
    RenderReads NONE = new RenderReads() {};

    /**
     * Read the page a name refers to (any case, or an alias): its blocks, properties and names,
     * whether it is published and where; or that there is no such page.
     */
    default void page(String nameAsWritten) {}

    /**
     * Asked only where the page a name refers to is: its name, whether it is published, its path
     * (as {@link LinkResolver#pageUrl} does).
     */
    default void pageLink(String nameAsWritten) {}

    /**
     * Read the block with {@code id::} {@code id}: its content, properties and children, and the
     * name, publication and path of its page; or that there is no such block.
     */
    default void block(String id) {}

    /**
     * Asked only where the block with {@code id::} {@code id} is (as {@link
     * LinkResolver#blockUrl}).
     */
    default void blockLink(String id) {}

    /**
     * Read which pages are under a namespace ({@code name/…} at any depth), with their names,
     * publication and paths.
     */
    default void namespace(String name) {}

    /** Links to an asset of the graph, by its path as written; the asset is published with it. */
    default void asset(String path) {}

    /** Read anything of the graph (a query does): render the page again after any change. */
    default void everything() {}
}
