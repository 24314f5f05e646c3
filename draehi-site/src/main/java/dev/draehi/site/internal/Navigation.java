package dev.draehi.site.internal;

import dev.draehi.model.PageRoute;
import dev.draehi.model.Workspace;
import dev.draehi.site.SiteResponse;
import dev.draehi.store.Storage;
import dev.draehi.web.SiteUrls;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The site files that help a reader move about a workspace: the unlinked references of its pages,
 * the graph page and the graph's data, whole and per page.
 */
public final class Navigation {
    /** The graph page, below a workspace's site files. */
    public static final String GRAPH = "graph";

    private final Layout layout;
    private final WorkspaceFacts facts;
    private final UnlinkedReferences unlinked;
    private final GraphData graph;

    public Navigation(Storage storage, Layout layout, NotFoundPage notFound, WorkspaceFacts facts) {
        this.layout = layout;
        this.facts = facts;
        this.unlinked = new UnlinkedReferences(storage, layout, notFound);
        this.graph = new GraphData(storage);
    }

    /**
     * The response for {@code route} of {@code ws} at {@code version} when it is one of these
     * files, else {@code null}.
     */
    public SiteResponse respond(Workspace ws, Route route, Object version) {
        if (route instanceof Route.Unlinked u) {
            return unlinked.render(ws, u.path());
        }
        if (route instanceof Route.GraphPage) {
            return SiteResponse.html(graphPage(ws));
        }
        if (route instanceof Route.GraphData) {
            return graph.global(ws, version);
        }
        if (route instanceof Route.LocalGraph g) {
            return graph.local(ws, version, g.path());
        }
        return null;
    }

    /**
     * The paths a static export writes of these files for {@code ws}, whose page routes are {@code
     * routes}: the graph's data first (its layout, the longest single piece of work, then runs
     * while the rest is made), the graph page, and for each page its local graph (unless pages take
     * theirs from the whole graph's data: see {@link GraphData#localFromWhole}) and, when a block
     * of another page may mention it, its unlinked references (answered 404, so not written, when
     * it has none after all).
     */
    public List<String> exportPaths(Workspace ws, List<PageRoute> routes) {
        List<String> out = new ArrayList<>();
        out.add(SiteUrls.siteFile(ws.slug(), GRAPH + ".json"));
        out.add(SiteUrls.siteFile(ws.slug(), GRAPH));
        Set<String> mentioned = unlinked.mentioned(ws);
        boolean fromWhole = GraphData.localFromWhole(routes.size());
        for (PageRoute r : routes) {
            if (!r.path().isEmpty()) {
                if (mentioned.contains(r.pageUuid())) {
                    out.add(UnlinkedReferences.url(ws.slug(), r.path()));
                }
                if (fromWhole) {
                    continue;
                }
                out.add(GraphData.localUrl(ws.slug(), r.path()));
            }
        }
        return out;
    }

    /**
     * Where a graph view finds its data, its pages and the drawing library; {@code page}, when not
     * null, is the path of the page whose graph {@code graph.js} takes out of the whole graph's
     * data at {@code src}.
     */
    static void graphView(
            Layout layout,
            dev.draehi.web.HtmlWriter w,
            Workspace ws,
            String cls,
            String src,
            String page,
            String label) {
        w.tag(
                "div",
                "class",
                "graph-view " + cls,
                "data-src",
                layout.url(src),
                "data-base",
                layout.url(SiteUrls.home(ws.slug())),
                "data-page",
                page,
                "data-lib",
                layout.url(SiteUrls.staticFile(ws.slug(), SiteFiles.FORCE_GRAPH_JS)),
                "role",
                "figure",
                "aria-label",
                label);
    }

    private String graphPage(Workspace ws) {
        String name = ws.name();
        return layout.page(
                ws,
                facts.journalsShown(ws),
                "Graph",
                "The pages of " + name + " and the links between them.",
                SiteUrls.siteFile(ws.slug(), GRAPH),
                w -> {
                    w.tag("article", "class", "page graph-page").line();
                    w.element("h1", "Graph", "class", "page-title").line();
                    graphView(
                            layout,
                            w,
                            ws,
                            "graph-global",
                            SiteUrls.siteFile(ws.slug(), GRAPH + ".json"),
                            null,
                            "Graph of every page");
                    w.tag("p", "class", "graph-fallback")
                            .text("The graph is drawn by script. ")
                            .tag("a", "href", layout.url(SiteUrls.allPages(ws.slug())))
                            .text("All pages")
                            .end("a")
                            .text(" lists every page.")
                            .end("p");
                    w.end("div").line().end("article").line();
                });
    }
}
