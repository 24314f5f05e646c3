package dev.draehi.site.internal;

import dev.draehi.model.Node;
import dev.draehi.model.NodeMetadata.Attributes;
import dev.draehi.model.Workspace;
import dev.draehi.site.SiteResponse;
import dev.draehi.store.Storage;
import dev.draehi.web.HtmlWriter;
import dev.draehi.web.SiteUrls;
import java.util.List;

/** The Atom feed of a workspace's newest journals, their blocks as HTML content. */
public final class Feed {
    private static final int ENTRIES = 20;

    private final Storage storage;
    private final Layout layout;
    private final WorkspaceFacts facts;

    public Feed(Storage storage, Layout layout, WorkspaceFacts facts) {
        this.storage = storage;
        this.layout = layout;
        this.facts = facts;
    }

    /** The feed of {@code ws}. */
    public SiteResponse render(Workspace ws) {
        HtmlWriter w = new HtmlWriter(16 * 1024);
        String home = layout.absolute(SiteUrls.home(ws.slug()));
        w.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>").line();
        w.tag("feed", "xmlns", "http://www.w3.org/2005/Atom").line();
        w.element("title", ws.name()).line();
        w.element("id", home).line();
        w.emptyTag("link", "href", home).line();
        w.emptyTag("link", "rel", "self", "href", layout.absolute(SiteUrls.feed(ws.slug()))).line();
        w.element("updated", ws.updatedAt().toString()).line();
        List<Node> journals = facts.journals(ws);
        for (Node j : journals.subList(0, Math.min(ENTRIES, journals.size()))) {
            String day = j.metadata().attribute(Attributes.JOURNAL_DAY).orElse("");
            String updated =
                    day.length() == 8
                            ? day.substring(0, 4)
                                    + "-"
                                    + day.substring(4, 6)
                                    + "-"
                                    + day.substring(6)
                                    + "T00:00:00Z"
                            : j.updatedAt().toString();
            StringBuilder content = new StringBuilder();
            for (Node b : storage.nodes().blocksOfPage(ws.id(), j.pageName())) {
                content.append(b.html()).append('\n');
            }
            String url = layout.absolute(PageView.pageUrl(ws, j));
            w.tag("entry").element("title", j.title()).element("id", url);
            w.emptyTag("link", "href", url).element("updated", updated);
            // the entry's HTML as text of the feed, escaped once more
            w.element("content", content.toString(), "type", "html").end("entry").line();
        }
        w.end("feed").line();
        return SiteResponse.text(200, "application/atom+xml; charset=utf-8", w.toString());
    }
}
