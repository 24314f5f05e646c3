package dev.draehi.site.internal;

import dev.draehi.model.Node;
import dev.draehi.model.NodeMetadata.Attributes;
import dev.draehi.model.Workspace;
import dev.draehi.site.SiteResponse;
import dev.draehi.store.Storage;
import dev.draehi.web.SiteUrls;
import java.util.List;

/** The journals, newest first, {@link #PER_PAGE} to a page, each with its blocks. */
public final class JournalsPage {
    /** Journals on one page. */
    public static final int PER_PAGE = 10;

    private final Storage storage;
    private final Layout layout;
    private final PageView pageView;
    private final WorkspaceFacts facts;
    private final NotFoundPage notFound;

    public JournalsPage(
            Storage storage,
            Layout layout,
            PageView pageView,
            WorkspaceFacts facts,
            NotFoundPage notFound) {
        this.storage = storage;
        this.layout = layout;
        this.pageView = pageView;
        this.facts = facts;
        this.notFound = notFound;
    }

    /** Page {@code pageNo} (from 1), or a 404 past the last. */
    public SiteResponse render(Workspace ws, int pageNo, String canonical) {
        List<Node> journals = facts.journals(ws);
        // In long: a page number near Integer.MAX_VALUE would overflow to a negative offset.
        long offset = (pageNo - 1L) * PER_PAGE;
        if (journals.isEmpty() || (offset > 0 && offset >= journals.size())) {
            return notFound.render(ws);
        }
        int from = (int) offset;
        return SiteResponse.html(
                layout.page(
                        ws,
                        facts.journalsShown(ws),
                        "Journals",
                        "Journals of " + ws.name(),
                        canonical,
                        w -> {
                            w.element("h1", "Journals").line();
                            String queries =
                                    pageNo == 1
                                            ? journals.get(0)
                                                    .metadata()
                                                    .attributes()
                                                    .get(Attributes.JOURNAL_QUERIES_HTML)
                                            : null;
                            for (Node j :
                                    journals.subList(
                                            from, Math.min(journals.size(), from + PER_PAGE))) {
                                w.tag("section", "class", "journal").tag("h2");
                                w.element(
                                        "a",
                                        j.title(),
                                        "href",
                                        layout.url(PageView.pageUrl(ws, j)));
                                w.end("h2").line();
                                pageView.blockTree(
                                        j.uuid(),
                                        storage.nodes().blocksOfPage(ws.id(), j.pageName()),
                                        w);
                                w.end("section").line();
                                if (queries != null && j == journals.get(0)) {
                                    // Logseq shows :default-queries under today's journal;
                                    // rendered and sanitized at sync
                                    w.tag("section", "class", "journal-queries")
                                            .raw(layout.relink(queries))
                                            .end("section")
                                            .line();
                                }
                            }
                            w.tag("nav", "class", "pager");
                            if (pageNo > 1) {
                                w.tag(
                                                "a",
                                                "rel",
                                                "prev",
                                                "href",
                                                layout.url(
                                                        SiteUrls.journals(ws.slug(), pageNo - 1)))
                                        .text("Newer")
                                        .end("a")
                                        .text(" ");
                            }
                            if (from + PER_PAGE < journals.size()) {
                                w.tag(
                                                "a",
                                                "rel",
                                                "next",
                                                "href",
                                                layout.url(
                                                        SiteUrls.journals(ws.slug(), pageNo + 1)))
                                        .text("Older")
                                        .end("a");
                            }
                            w.end("nav");
                        }));
    }
}
