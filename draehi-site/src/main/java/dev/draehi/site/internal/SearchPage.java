package dev.draehi.site.internal;

import dev.draehi.model.Node;
import dev.draehi.model.NodeMetadata.Attributes;
import dev.draehi.model.Workspace;
import dev.draehi.site.SiteResponse;
import dev.draehi.store.Storage;
import dev.draehi.web.HtmlWriter;
import dev.draehi.web.SiteUrls;
import java.util.HashMap;
import java.util.Map;

/**
 * The search page: a form, the storage's full-text hits for {@code q} (so it works without script),
 * and the script that searches the JSON index as one types.
 */
public final class SearchPage {
    private final Storage storage;
    private final Layout layout;
    private final WorkspaceFacts facts;

    public SearchPage(Storage storage, Layout layout, WorkspaceFacts facts) {
        this.storage = storage;
        this.layout = layout;
        this.facts = facts;
    }

    /** The page, with the hits for {@code q} when it is not blank. */
    public SiteResponse render(Workspace ws, String q) {
        return SiteResponse.html(
                layout.page(
                        ws,
                        facts.journalsShown(ws),
                        "Search",
                        "Search " + ws.name(),
                        SiteUrls.search(ws.slug()),
                        w -> searchMain(ws, q, w)));
    }

    private void searchMain(Workspace ws, String q, HtmlWriter w) {
        w.element("h1", "Search").line();
        w.tag(
                "form",
                "class",
                "search",
                "role",
                "search",
                "action",
                layout.url(SiteUrls.search(ws.slug())),
                "method",
                "get");
        w.tag(
                "input",
                "type",
                "search",
                "name",
                "q",
                "value",
                q == null ? "" : q,
                "placeholder",
                "Search pages",
                "aria-label",
                "Search");
        w.text(" ").element("button", "Search", "type", "submit").end("form").line();
        w.tag(
                        "ol",
                        "id",
                        "search-results",
                        "class",
                        "search-results",
                        "data-index",
                        layout.url(SiteUrls.searchIndex(ws.slug())))
                .line();
        if (q != null && !q.isBlank()) {
            // Full-text search in the storage: PostgreSQL's index, or a scan in memory.
            Map<String, String> pathByPage = new HashMap<>();
            for (Node hit : storage.nodes().search(ws.id(), q, 50)) {
                String url;
                String snippet = null;
                if (hit.isPage()) {
                    url = PageView.pageUrl(ws, hit);
                } else {
                    String page =
                            pathByPage.computeIfAbsent(
                                    hit.pageName(),
                                    n ->
                                            storage.nodes()
                                                    .findPage(ws.id(), n)
                                                    .map(p -> PageView.pageUrl(ws, p))
                                                    .orElse(null));
                    if (page == null) {
                        continue;
                    }
                    url =
                            page
                                    + "#"
                                    + hit.metadata()
                                            .attribute(Attributes.BLOCK_ID)
                                            .orElse(hit.uuid());
                    snippet = Text.abbreviate(Text.plain(hit.html()), 200);
                }
                w.tag("li").element("a", hit.title(), "href", layout.url(url));
                if (snippet != null) {
                    w.element("p", snippet, "class", "snippet");
                }
                w.end("li").line();
            }
        }
        w.end("ol").line();
        w.tag(
                        "script",
                        "src",
                        layout.url(SiteUrls.staticFile(ws.slug(), "search.js")),
                        "defer",
                        true)
                .end("script");
    }
}
