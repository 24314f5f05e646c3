package dev.draehi.site.internal;

import dev.draehi.model.Workspace;
import dev.draehi.site.SiteResponse;
import dev.draehi.web.SiteUrls;

/** The page for a path where there is nothing: site-wide, or of a workspace (linking its home). */
public final class NotFoundPage {
    private final Layout layout;
    private final WorkspaceFacts facts;

    public NotFoundPage(Layout layout, WorkspaceFacts facts) {
        this.layout = layout;
        this.facts = facts;
    }

    /** The 404 response, of {@code ws} or (when {@code null}) of the site. */
    public SiteResponse render(Workspace ws) {
        String html =
                layout.page(
                        ws,
                        ws != null && facts.journalsShown(ws),
                        "Page not found",
                        "Page not found",
                        ws == null ? SiteUrls.ROOT : SiteUrls.home(ws.slug()),
                        w -> {
                            w.element("h1", "Page not found").line();
                            w.element("p", "There is no page at this address.");
                            if (ws != null) {
                                w.tag("p")
                                        .tag("a", "href", layout.url(SiteUrls.home(ws.slug())))
                                        .text("Go to ")
                                        .text(ws.name())
                                        .end("a")
                                        .end("p");
                            }
                        });
        return SiteResponse.text(404, "text/html; charset=utf-8", html);
    }
}
