package dev.draehi.site.internal;

import dev.draehi.model.Node;
import dev.draehi.model.Workspace;
import dev.draehi.site.SiteResponse;
import dev.draehi.store.Storage;
import dev.draehi.web.HtmlWriter;
import dev.draehi.web.SiteUrls;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The Atom feed of a workspace's recently changed pages, their blocks as HTML content. */
public final class Feed {
    private static final int ENTRIES = 20;

    /** Where an entry's content stops growing: a long page is linked, not copied whole. */
    private static final int MAX_CONTENT = 64 * 1024;

    private final Storage storage;
    private final Layout layout;
    private final WorkspaceFacts facts;

    public Feed(Storage storage, Layout layout, WorkspaceFacts facts) {
        this.storage = storage;
        this.layout = layout;
        this.facts = facts;
    }

    /**
     * The feed of {@code ws}: its most recently changed pages (journals or not), newest first, each
     * with its blocks.
     */
    public SiteResponse render(Workspace ws) {
        List<Node> recent = new ArrayList<>(storage.nodes().pages(ws.id()));
        recent.sort(
                Comparator.comparing(PageTimes::updated).reversed().thenComparing(Node::pageName));
        recent = recent.subList(0, Math.min(ENTRIES, recent.size()));
        HtmlWriter w = new HtmlWriter(16 * 1024);
        String home = layout.absolute(SiteUrls.home(ws.slug()));
        w.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>").line();
        w.tag("feed", "xmlns", "http://www.w3.org/2005/Atom").line();
        w.element("title", ws.name()).line();
        w.element("id", home).line();
        w.emptyTag("link", "href", home).line();
        w.emptyTag("link", "rel", "self", "href", layout.absolute(SiteUrls.feed(ws.slug()))).line();
        Instant newest = recent.isEmpty() ? ws.updatedAt() : PageTimes.updated(recent.get(0));
        w.element("updated", newest.toString()).line();
        for (Node p : recent) {
            StringBuilder content = new StringBuilder();
            for (Node b : storage.nodes().blocksOfPage(ws.id(), p.pageName())) {
                if (content.length() > MAX_CONTENT) {
                    break;
                }
                content.append(b.html()).append('\n');
            }
            String url = layout.absolute(PageView.pageUrl(ws, p));
            w.tag("entry").element("title", p.title()).element("id", url);
            w.emptyTag("link", "href", url).element("updated", PageTimes.updated(p).toString());
            // the entry's HTML as text of the feed, escaped once more
            w.element("content", content.toString(), "type", "html").end("entry").line();
        }
        w.end("feed").line();
        return SiteResponse.text(200, "application/atom+xml; charset=utf-8", w.toString());
    }
}
