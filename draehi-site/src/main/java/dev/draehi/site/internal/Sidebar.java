package dev.draehi.site.internal;

import dev.draehi.model.Node;
import dev.draehi.model.NodeMetadata.Attributes;
import dev.draehi.model.Workspace;
import dev.draehi.web.HtmlWriter;
import dev.draehi.web.SiteUrls;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The left sidebar of a workspace's pages: the graph's {@code :favorites}, the namespace tree of
 * the current page, the recent journals (when the graph has journals) and a link to every page.
 * Plain lists of links, from what is read once per version and the page's own attributes: no read
 * per view. {@code sidebar.js} makes it collapsible on a wide screen and a drawer on a narrow one;
 * without script it is a list beside the page (wide) or under it (narrow).
 */
public final class Sidebar {
    /** How many journals the sidebar lists, newest first. */
    static final int RECENT_JOURNALS = 5;

    private Sidebar() {}

    /** The favorite pages among {@code pages}, in the graph's order. */
    public static List<Node> favorites(List<Node> pages) {
        List<Node> out = new ArrayList<>();
        for (Node p : pages) {
            if (p.metadata().attribute(Attributes.FAVORITE).isPresent()) {
                out.add(p);
            }
        }
        out.sort(Comparator.comparingInt(Sidebar::favoriteIndex));
        return List.copyOf(out);
    }

    private static int favoriteIndex(Node p) {
        try {
            return Integer.parseInt(p.metadata().attribute(Attributes.FAVORITE).orElse(""));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /**
     * The sidebar of a page of {@code ws}.
     *
     * @param current the page shown, or {@code null} on a site page
     */
    static void write(
            Layout layout,
            WorkspaceFacts facts,
            HtmlWriter w,
            Workspace ws,
            boolean journals,
            Node current) {
        w.tag("aside", "class", "sidebar", "id", "sidebar", "aria-label", "Sidebar").line();
        List<Node> favorites = facts == null ? List.of() : facts.favorites(ws);
        if (!favorites.isEmpty()) {
            section(w, "sidebar-favorites", "Favorites");
            for (Node p : favorites) {
                item(
                        layout,
                        w,
                        ws,
                        p.title(),
                        path(p),
                        current != null && current.uuid().equals(p.uuid()));
            }
            w.end("ul").end("nav").line();
        }
        if (current != null) {
            namespace(layout, w, ws, current);
        }
        String path = current == null ? "" : path(current);
        if (!path.isEmpty()) {
            // drawn by graph.js, which sidebar.js loads when a reader opens it
            w.tag(
                            "details",
                            "class",
                            "sidebar-section local-graph",
                            "data-script",
                            layout.url(SiteUrls.staticFile(ws.slug(), SiteFiles.GRAPH_JS)))
                    .element("summary", "Page graph")
                    .line();
            boolean fromWhole = GraphData.localFromWhole(facts == null ? 0 : facts.pages(ws));
            Navigation.graphView(
                    layout,
                    w,
                    ws,
                    "graph-local",
                    fromWhole
                            ? SiteUrls.siteFile(ws.slug(), Navigation.GRAPH + ".json")
                            : GraphData.localUrl(ws.slug(), path),
                    fromWhole ? path : null,
                    "Graph of the pages near this one");
            w.end("div").line().end("details").line();
        }
        List<Node> recent =
                journals && facts != null ? facts.newestJournals(ws, RECENT_JOURNALS) : List.of();
        if (!recent.isEmpty()) {
            section(w, "sidebar-journals", "Recent journals");
            for (Node j : recent) {
                item(layout, w, ws, j.title(), path(j), false);
            }
            w.end("ul").end("nav").line();
        }
        w.tag("p", "class", "sidebar-all")
                .tag("a", "href", layout.url(SiteUrls.allPages(ws.slug())))
                .text("All pages")
                .end("a")
                .text(" ")
                .charRef(0xB7)
                .text(" ")
                .tag("a", "href", layout.url(SiteUrls.siteFile(ws.slug(), Navigation.GRAPH)))
                .text("Graph")
                .end("a")
                .end("p")
                .line();
        w.end("aside").line();
    }

    /** The namespace of {@code page}: its ancestors, itself and its children, nested. */
    private static void namespace(Layout layout, HtmlWriter w, Workspace ws, Node page) {
        String parents =
                page.metadata().attributes().getOrDefault(Attributes.NAMESPACE_PARENTS, "");
        String children =
                page.metadata().attributes().getOrDefault(Attributes.NAMESPACE_CHILDREN, "");
        if (parents.isEmpty() && children.isEmpty()) {
            return;
        }
        section(w, "sidebar-namespace", "Namespace");
        int open = 0;
        for (String line : parents.split("\n")) {
            String[] np = line.split("\t", 2);
            if (np.length == 2) {
                w.tag("li")
                        .tag("a", "href", layout.url(SiteUrls.page(ws.slug(), np[1])))
                        .text(last(np[0]))
                        .end("a")
                        .tag("ul")
                        .line();
                open++;
            }
        }
        w.tag("li", "aria-current", "page")
                .element("span", last(page.pageName()), "class", "current");
        if (!children.isEmpty()) {
            w.tag("ul").line();
            for (String line : children.split("\n")) {
                String[] np = line.split("\t", 2);
                if (np.length == 2) {
                    item(layout, w, ws, last(np[0]), np[1], false);
                }
            }
            w.end("ul");
        }
        w.end("li").line();
        for (; open > 0; open--) {
            w.end("ul").end("li").line();
        }
        w.end("ul").end("nav").line();
    }

    private static void section(HtmlWriter w, String cls, String heading) {
        w.tag("nav", "class", "sidebar-section " + cls, "aria-label", heading)
                .element("h2", heading)
                .tag("ul")
                .line();
    }

    private static void item(
            Layout layout, HtmlWriter w, Workspace ws, String label, String path, boolean here) {
        w.tag("li");
        if (here) {
            w.tag("a", "href", layout.url(SiteUrls.page(ws.slug(), path)), "aria-current", "page");
        } else {
            w.tag("a", "href", layout.url(SiteUrls.page(ws.slug(), path)));
        }
        w.text(label).end("a").end("li").line();
    }

    private static String path(Node page) {
        return page.metadata().attribute(Attributes.PATH).orElse("");
    }

    private static String last(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }
}
