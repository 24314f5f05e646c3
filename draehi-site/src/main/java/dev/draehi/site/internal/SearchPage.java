package dev.draehi.site.internal;

import dev.draehi.model.Workspace;
import dev.draehi.site.SiteResponse;
import dev.draehi.web.HtmlWriter;
import dev.draehi.web.SiteUrls;
import java.util.List;

/**
 * The search page: a form and the hits for {@code q} from the {@link SearchIndex}, so that it works
 * without script; {@code search.js} finds the same hits in the same index as one types.
 */
public final class SearchPage {
    /** How many characters of a block a hit shows. */
    static final int SNIPPET_CHARS = 200;

    private final SearchIndex index;
    private final Layout layout;
    private final WorkspaceFacts facts;

    public SearchPage(SearchIndex index, Layout layout, WorkspaceFacts facts) {
        this.index = index;
        this.layout = layout;
        this.facts = facts;
    }

    /**
     * {@code text} with the query's words in {@code mark}: all of it when {@code max} is 0, else a
     * snippet of about {@code max} characters around the first match.
     */
    static void marked(HtmlWriter w, String text, List<String> words, int max) {
        SearchText.Snippet s =
                words.isEmpty()
                        ? null
                        : SearchText.snippet(text, words, max == 0 ? text.length() : max);
        if (s == null) {
            w.text(max == 0 ? text : Text.abbreviate(text, max));
            return;
        }
        int at = 0;
        for (int[] r : s.marks()) {
            w.text(s.text().substring(at, r[0]));
            w.tag("mark").text(s.text().substring(r[0], r[1])).end("mark");
            at = r[1];
        }
        w.text(s.text().substring(at));
    }

    /** The page, with the hits for {@code q} when it is not blank. */
    public SiteResponse render(Workspace ws, Object version, String q) {
        return SiteResponse.html(
                layout.page(
                        ws,
                        facts.journalsShown(ws),
                        "Search",
                        "Search " + ws.name(),
                        SiteUrls.search(ws.slug()),
                        w -> searchMain(ws, version, q, w)));
    }

    private void searchMain(Workspace ws, Object version, String q, HtmlWriter w) {
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
        w.tag("ol", "id", "search-results", "class", "search-results", "data-q", q == null ? "" : q)
                .line();
        if (q != null && !q.isBlank()) {
            SearchIndex.Hits hits = index.search(ws, version, q);
            for (SearchIndex.Hit hit : hits.hits()) {
                SearchIndex.Doc d = hit.doc();
                w.tag("li", "class", d.page() ? "search-hit page-hit" : "search-hit block-hit");
                w.tag("a", "href", d.url());
                marked(w, d.title(), d.page() ? hit.words() : List.of(), 0);
                w.end("a");
                if (!d.page()) {
                    w.tag("p", "class", "snippet");
                    marked(w, d.text(), hit.words(), SNIPPET_CHARS);
                    w.end("p");
                }
                w.end("li").line();
            }
            if (hits.hits().isEmpty()) {
                w.element("li", "Nothing matches.", "class", "search-none").line();
            } else if (hits.more()) {
                w.element("li", "More matches: add a word to narrow them.", "class", "search-more")
                        .line();
            }
        }
        w.end("ol").line();
    }
}
