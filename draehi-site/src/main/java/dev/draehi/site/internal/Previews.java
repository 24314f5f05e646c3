package dev.draehi.site.internal;

import dev.draehi.model.Node;
import dev.draehi.model.NodeMetadata.Attributes;
import dev.draehi.model.Workspace;
import dev.draehi.site.SiteResponse;
import dev.draehi.store.PageContent;
import dev.draehi.store.Storage;
import dev.draehi.web.HtmlWriter;
import dev.draehi.web.SiteUrls;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The preview fragment of a page, which {@code preview.js} shows in a card when a reader hovers a
 * reference to it: the page's title, its properties and its first blocks, from their stored HTML
 * (rendered and sanitized when synced). One read of the page and its blocks, without its linked
 * references.
 */
public final class Previews {
    /** The most blocks a preview shows. */
    static final int MAX_BLOCKS = 12;

    /**
     * About the most characters of stored HTML a preview shows; the block that crosses it ends it.
     */
    static final int MAX_CHARS = 3000;

    private final Storage storage;
    private final Layout layout;
    private final PageView pageView;
    private final NotFoundPage notFound;

    public Previews(Storage storage, Layout layout, PageView pageView, NotFoundPage notFound) {
        this.storage = storage;
        this.layout = layout;
        this.pageView = pageView;
        this.notFound = notFound;
    }

    /** The URL path of the preview of the page at {@code path} (not the home route). */
    public static String url(String workspace, String path) {
        return SiteUrls.siteFile(workspace, "preview/" + path + ".html");
    }

    /** The fragment of the page at {@code path}, or the workspace's 404 page. */
    public SiteResponse render(Workspace ws, String path) {
        if (path.isEmpty() || path.startsWith(SiteUrls.SITE_FILES + "/")) {
            return notFound.render(ws);
        }
        PageContent content = storage.nodes().pageContent(ws.id(), path, 0).orElse(null);
        if (content == null) {
            return notFound.render(ws);
        }
        Node page = content.page();
        List<Node> blocks = content.blocks();
        int shown = 0;
        int chars = 0;
        while (shown < blocks.size() && shown < MAX_BLOCKS && chars < MAX_CHARS) {
            String html = blocks.get(shown).html();
            chars += html == null ? 0 : html.length();
            shown++;
        }
        HtmlWriter w = new HtmlWriter(Math.min(chars, MAX_CHARS * 2) + 512);
        w.tag("div", "class", "preview", "data-page", page.title());
        w.tag("p", "class", "preview-title")
                .tag("a", "href", layout.url(PageView.pageUrl(ws, page)))
                .text(page.title())
                .end("a")
                .end("p")
                .line();
        String properties = page.metadata().attributes().get(Attributes.PROPERTIES_HTML);
        if (properties != null) {
            w.tag("div", "class", "page-properties")
                    .raw(layout.relink(properties))
                    .end("div")
                    .line();
        }
        if (blocks.isEmpty()) {
            w.element("p", "This page has no content of its own.", "class", "empty-page");
        } else {
            // blocks come in tree order: the first ones are a whole top of the outline
            pageView.blockTree(page.uuid(), blocks.subList(0, shown), w);
            if (shown < blocks.size()) {
                w.tag("p", "class", "preview-more").charRef(0x2026).end("p");
            }
        }
        w.end("div").line();
        return new SiteResponse(
                200,
                "text/html; charset=utf-8",
                w.toString().getBytes(StandardCharsets.UTF_8),
                Map.of("X-Robots-Tag", "noindex"));
    }
}
