package dev.draehi.spi;

import dev.draehi.model.Page;

/**
 * Renders the blocks of a page to HTML. draehi-render's {@code HtmlPageRenderer} is the
 * implementation; a host application may supply its own.
 *
 * <p>Implementations must be thread-safe: a sync renders pages in parallel. The HTML they return is
 * stored and served as it is, so it must be safe: nothing from the graph may run as script.
 */
public interface PageRenderer {
    /** Renders every block of {@code page}. */
    RenderedPage render(Page page, RenderContext context);
}
