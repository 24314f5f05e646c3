package dev.draehi.site.internal;

import dev.draehi.model.PageRoute;
import dev.draehi.model.Workspace;
import dev.draehi.site.SiteResponse;
import dev.draehi.store.Storage;
import dev.draehi.web.HtmlWriter;
import dev.draehi.web.SiteUrls;

/** The sitemap of every workspace's pages, and the robots file that points to it. */
public final class Sitemap {
    private final Storage storage;
    private final Layout layout;

    public Sitemap(Storage storage, Layout layout) {
        this.storage = storage;
        this.layout = layout;
    }

    /** {@code /sitemap.xml}: every page's absolute URL, none when no base URL is known. */
    public SiteResponse render() {
        HtmlWriter w = new HtmlWriter(16 * 1024);
        w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>").line();
        w.tag("urlset", "xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9").line();
        if (!layout.hasAbsoluteBase()) {
            // a sitemap's URLs must be absolute: without a base URL, it lists none
            w.raw("<!-- no base URL: publish with --base-url to list the pages -->").line();
            w.end("urlset").line();
            return SiteResponse.text(200, "application/xml; charset=utf-8", w.toString());
        }
        for (Workspace ws : storage.workspaces().list()) {
            urls(ws, w);
        }
        w.end("urlset").line();
        return SiteResponse.text(200, "application/xml; charset=utf-8", w.toString());
    }

    /** The sitemap of one workspace at its own host, or 404 when there is no such workspace. */
    public SiteResponse render(String slug) {
        Workspace ws = storage.workspaces().findBySlug(slug).orElse(null);
        if (ws == null) {
            return SiteResponse.text(404, "text/plain; charset=utf-8", "not found\n");
        }
        HtmlWriter w = new HtmlWriter(16 * 1024);
        w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>").line();
        w.tag("urlset", "xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9").line();
        urls(ws, w);
        w.end("urlset").line();
        return SiteResponse.text(200, "application/xml; charset=utf-8", w.toString());
    }

    private void urls(Workspace ws, HtmlWriter w) {
        w.tag("url").element("loc", layout.absolute(SiteUrls.home(ws.slug()))).end("url");
        w.line();
        for (PageRoute r : storage.nodes().routes(ws.id())) {
            if (!r.path().isEmpty()) {
                w.tag("url")
                        .element("loc", layout.absolute(SiteUrls.page(ws.slug(), r.path())))
                        .end("url")
                        .line();
            }
        }
    }

    /** {@code /robots.txt}, pointing at the sitemap of the host asked. */
    public SiteResponse robots() {
        // a Sitemap line needs an absolute URL: the custom domain asked, or the base URL
        String origin = layout.hostKey();
        String sitemap =
                !origin.isEmpty()
                        ? origin + SiteUrls.SITEMAP
                        : layout.hasAbsoluteBase() ? layout.absolute(SiteUrls.SITEMAP) : null;
        return SiteResponse.text(
                200,
                "text/plain; charset=utf-8",
                "User-agent: *\nAllow: /\n"
                        + (sitemap == null ? "" : "Sitemap: " + sitemap + "\n"));
    }
}
