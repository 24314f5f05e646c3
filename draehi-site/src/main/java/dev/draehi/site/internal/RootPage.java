package dev.draehi.site.internal;

import dev.draehi.model.Workspace;
import dev.draehi.site.SiteResponse;
import dev.draehi.store.Storage;
import dev.draehi.web.HtmlWriter;
import dev.draehi.web.SiteUrls;
import java.util.List;

/** The site's root: the list of workspaces, or a redirect to the only one. */
public final class RootPage {
    private final Storage storage;
    private final Layout layout;
    private final String siteName;

    public RootPage(Storage storage, Layout layout, String siteName) {
        this.storage = storage;
        this.layout = layout;
        this.siteName = siteName;
    }

    /** The root page. */
    public SiteResponse render() {
        List<Workspace> all = storage.workspaces().list();
        if (all.size() == 1) {
            Workspace only = all.get(0);
            String target = layout.url(SiteUrls.home(only.slug()));
            HtmlWriter w = new HtmlWriter(512);
            w.raw("<!DOCTYPE html>").tag("html", "lang", "en").tag("head");
            w.tag("meta", "charset", "utf-8").element("title", only.name());
            w.tag("meta", "http-equiv", "refresh", "content", "0; url=" + target);
            w.tag("link", "rel", "canonical", "href", layout.absolute(SiteUrls.home(only.slug())));
            // else a browser asks for /favicon.ico before it follows the refresh
            w.tag(
                    "link",
                    "rel",
                    "icon",
                    "href",
                    layout.url(Layout.FAVICON),
                    "type",
                    "image/svg+xml");
            w.end("head").tag("body").tag("p");
            w.tag("a", "href", target).text(only.name()).end("a");
            w.end("p").end("body").end("html").line();
            return SiteResponse.html(w.toString());
        }
        return SiteResponse.html(
                layout.page(
                        null,
                        siteName,
                        "Published Logseq graphs",
                        SiteUrls.ROOT,
                        w -> {
                            w.element("h1", siteName).line();
                            w.tag("ul", "class", "workspaces").line();
                            for (Workspace ws : all) {
                                w.tag("li")
                                        .tag("a", "href", layout.url(SiteUrls.home(ws.slug())))
                                        .text(ws.name())
                                        .end("a")
                                        .end("li")
                                        .line();
                            }
                            w.end("ul");
                        }));
    }
}
