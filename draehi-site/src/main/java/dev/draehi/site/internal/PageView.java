package dev.draehi.site.internal;

import dev.draehi.model.BuiltInProperties;
import dev.draehi.model.Node;
import dev.draehi.model.NodeMetadata.Attributes;
import dev.draehi.model.Workspace;
import dev.draehi.store.LinkedReferences;
import dev.draehi.store.NodeRepository;
import dev.draehi.store.PageContent;
import dev.draehi.store.Storage;
import dev.draehi.web.HtmlWriter;
import dev.draehi.web.SiteUrls;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles one page: breadcrumbs, title, tags, properties, table of contents, the block tree,
 * namespace children and linked references. Reads the page, its blocks and its linked references
 * with one query (on PostgreSQL), whatever the graph's size.
 */
public final class PageView {
    /**
     * Properties the fallback table leaves out: the renderer's hidden built-ins, and {@code alias}
     * and {@code tags}, which the page shows in its own way.
     */
    static boolean hidden(String key) {
        return BuiltInProperties.isHidden(key) || key.equals("alias") || key.equals("tags");
    }

    /** The most referring pages whose blocks a page shows; it counts the rest. */
    private static final int MAX_REFERENCE_PAGES = 200;

    private final Storage storage;
    private final Layout layout;

    public PageView(Storage storage, Layout layout) {
        this.storage = storage;
        this.layout = layout;
    }

    /**
     * The page at {@code path} of {@code ws}, read with {@link NodeRepository#pageContent}, or
     * {@code null} when there is none.
     */
    public PageContent read(Workspace ws, String path) {
        return storage.nodes().pageContent(ws.id(), path, MAX_REFERENCE_PAGES).orElse(null);
    }

    /**
     * The whole HTML page for {@code content} of {@code ws}, whose canonical URL is {@code
     * canonical}; {@code journals} says whether the navigation links to the journals.
     */
    public String render(Workspace ws, boolean journals, PageContent content, String canonical) {
        Node page = content.page();
        List<Node> blocks = content.blocks();
        return layout.page(
                ws,
                journals,
                displayTitle(page),
                description(page, blocks),
                canonical,
                page,
                w -> {
                    w.tag("article", "class", "page").line();
                    breadcrumbs(ws, page, w);
                    w.element("h1", displayTitle(page), "class", "page-title").line();
                    tags(ws, page, w);
                    properties(page, w);
                    cardCount(blocks, w);
                    toc(blocks, w);
                    if (blocks.isEmpty()) {
                        w.element(
                                        "p",
                                        "This page has no content of its own.",
                                        "class",
                                        "empty-page")
                                .line();
                    } else {
                        blockTree(page.uuid(), blocks, w);
                    }
                    namespaceChildren(ws, page, w);
                    linkedReferences(ws, content.references(), w);
                    unlinkedReferences(ws, page, w);
                    w.end("article");
                });
    }

    /** The blocks of a page as nested lists, for a page and for the journals list. */
    public void blockTree(String rootUuid, List<Node> blocks, HtmlWriter out) {
        Map<String, List<Node>> children = new HashMap<>();
        for (Node b : blocks) {
            children.computeIfAbsent(b.parentUuid(), k -> new ArrayList<>()).add(b);
        }
        // Iterative: outlines may be deep. Each open list has its closing tags on a stack.
        java.util.ArrayDeque<java.util.Iterator<Node>> open = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<Boolean> inDetails = new java.util.ArrayDeque<>();
        out.tag("ul", "class", "blocks").line();
        open.push(children.getOrDefault(rootUuid, List.of()).iterator());
        inDetails.push(false);
        while (!open.isEmpty()) {
            java.util.Iterator<Node> it = open.peek();
            if (!it.hasNext()) {
                open.pop();
                boolean details = inDetails.pop();
                out.end("ul");
                if (open.isEmpty()) {
                    out.line();
                    continue;
                }
                if (details) {
                    out.end("details");
                }
                out.end("li").line();
                continue;
            }
            Node b = it.next();
            List<Node> kids = children.getOrDefault(b.uuid(), List.of());
            String id = b.metadata().attribute(Attributes.BLOCK_ID).orElse(b.uuid());
            out.tag("li", "class", "block", "id", id, "data-block-uuid", id);
            if (kids.isEmpty()) {
                blockContent(b, out);
                out.end("li").line();
            } else if (b.metadata().attribute(Attributes.COLLAPSED).isPresent()) {
                out.tag("details", "class", "collapsed").tag("summary");
                blockContent(b, out);
                out.end("summary").tag("ul", "class", "children").line();
                open.push(kids.iterator());
                inDetails.push(true);
            } else if (b.metadata().attribute(Attributes.CARD).isPresent()) {
                // a flashcard: its children are the answer, shown on demand
                blockContent(b, out);
                out.tag("details", "class", "card-answer")
                        .element("summary", "Show answer")
                        .tag("ul", "class", "children")
                        .line();
                open.push(kids.iterator());
                inDetails.push(true);
            } else {
                blockContent(b, out);
                out.tag("ul", "class", "children").line();
                open.push(kids.iterator());
                inDetails.push(false);
            }
        }
    }

    /** How many flashcards the page has, when it has any. */
    private static void cardCount(List<Node> blocks, HtmlWriter out) {
        long n =
                blocks.stream()
                        .filter(b -> b.metadata().attribute(Attributes.CARD).isPresent())
                        .count();
        if (n > 0) {
            out.tag("p", "class", "card-count")
                    .text(n)
                    .text(n == 1 ? " flashcard" : " flashcards")
                    .end("p")
                    .line();
        }
    }

    /** A block's stored HTML, rendered and sanitized when it was synced. */
    private void blockContent(Node b, HtmlWriter out) {
        out.tag("div", "class", "block-content").raw(layout.relink(b.html())).end("div");
    }

    static String displayTitle(Node page) {
        return page.title();
    }

    private void breadcrumbs(Workspace ws, Node page, HtmlWriter out) {
        String parents = page.metadata().attributes().get(Attributes.NAMESPACE_PARENTS);
        if (parents == null || parents.isEmpty()) {
            return;
        }
        out.tag("nav", "class", "breadcrumbs", "aria-label", "Namespace");
        for (String line : parents.split("\n")) {
            String[] np = line.split("\t", 2);
            if (np.length == 2) {
                String label = np[0].substring(np[0].lastIndexOf('/') + 1);
                out.tag("a", "href", layout.url(SiteUrls.page(ws.slug(), np[1])))
                        .text(label)
                        .end("a")
                        .text(" / ");
            }
        }
        String name = page.pageName();
        out.element("span", name.substring(name.lastIndexOf('/') + 1)).end("nav").line();
    }

    private void tags(Workspace ws, Node page, HtmlWriter out) {
        if (page.metadata().tags().isEmpty()) {
            return;
        }
        out.tag("p", "class", "page-tags");
        String links = page.metadata().attributes().get(Attributes.TAG_LINKS);
        if (links != null) {
            // linked when the page was stored: no query
            for (String line : links.split("\n")) {
                int tab = line.lastIndexOf('\t');
                if (tab >= 0) {
                    tag(ws, line.substring(0, tab), line.substring(tab + 1), out);
                }
            }
        } else {
            // content stored without the links: look the pages up
            Map<String, Node> targets = storage.nodes().findPages(ws.id(), page.metadata().tags());
            for (String tag : page.metadata().tags()) {
                Node target = targets.get(tag);
                tag(
                        ws,
                        tag,
                        target == null
                                ? ""
                                : target.metadata().attribute(Attributes.PATH).orElse(""),
                        out);
            }
        }
        out.end("p").line();
    }

    /** One tag, linked to the page at {@code path} below the workspace, or plain when empty. */
    private void tag(Workspace ws, String tag, String path, HtmlWriter out) {
        if (path.isEmpty()) {
            out.tag("span", "class", "tag").text("#").text(tag).end("span").text(" ");
        } else {
            out.tag("a", "class", "tag", "href", layout.url(SiteUrls.page(ws.slug(), path)))
                    .text("#")
                    .text(tag)
                    .end("a")
                    .text(" ");
        }
    }

    private void properties(Node page, HtmlWriter out) {
        String rendered = page.metadata().attributes().get(Attributes.PROPERTIES_HTML);
        if (rendered != null) {
            // rendered and sanitized when the page was synced
            out.tag("div", "class", "page-properties")
                    .raw(layout.relink(rendered))
                    .end("div")
                    .line();
            return;
        }
        Map<String, String> visible = new LinkedHashMap<>();
        page.metadata().properties().entrySet().stream()
                .filter(e -> !hidden(e.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> visible.put(e.getKey(), e.getValue()));
        if (visible.isEmpty()) {
            return;
        }
        out.tag("table", "class", "page-properties").line();
        visible.forEach((k, v) -> out.tag("tr").element("th", k).element("td", v).end("tr").line());
        out.end("table").line();
    }

    /** A heading of the page: its block's anchor, its level (1–6) and its text alone. */
    record Heading(String id, int level, String text) {}

    /**
     * The page's headings in document order: blocks whose HTML starts with {@code <h1>}…{@code
     * <h6>} or that say {@code heading::}; only the heading's own text, not what the block says
     * under it.
     */
    static List<Heading> headings(List<Node> blocks) {
        List<Heading> out = new ArrayList<>();
        for (Node b : blocks) {
            String html = b.html() == null ? "" : b.html().stripLeading();
            int level = 0;
            String text = null;
            if (html.length() > 3
                    && html.charAt(0) == '<'
                    && (html.charAt(1) == 'h' || html.charAt(1) == 'H')
                    && html.charAt(2) >= '1'
                    && html.charAt(2) <= '6'
                    && (html.charAt(3) == '>' || html.charAt(3) == ' ')) {
                level = html.charAt(2) - '0';
                int close = html.toLowerCase(java.util.Locale.ROOT).indexOf("</h" + level);
                text = Text.plain(close < 0 ? html : html.substring(0, close));
            } else {
                String attr = b.metadata().attribute(Attributes.HEADING).orElse(null);
                if (attr != null) {
                    try {
                        level = Math.max(1, Math.min(6, Integer.parseInt(attr.strip())));
                    } catch (NumberFormatException e) {
                        level = 2; // heading:: true
                    }
                    int end = html.indexOf("</");
                    text = Text.plain(end < 0 ? html : html.substring(0, end));
                }
            }
            if (level > 0 && text != null && !text.isEmpty()) {
                out.add(
                        new Heading(
                                b.metadata().attribute(Attributes.BLOCK_ID).orElse(b.uuid()),
                                level,
                                Text.abbreviate(text, 120)));
            }
        }
        return out;
    }

    /** The table of contents, nested by heading level, when the page has two headings or more. */
    private void toc(List<Node> blocks, HtmlWriter out) {
        List<Heading> headings = headings(blocks);
        if (headings.size() < 2) {
            return;
        }
        out.tag("nav", "class", "toc", "aria-label", "Table of contents")
                .element("h2", "Contents")
                .tag("ol")
                .line();
        // the levels of the open lists; a deeper heading opens a list in the last item
        java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();
        open.push(headings.get(0).level());
        boolean itemOpen = false;
        for (Heading h : headings) {
            if (itemOpen && h.level() > open.peek()) {
                out.tag("ol").line();
                open.push(h.level());
            } else {
                if (itemOpen) {
                    out.end("li").line();
                }
                while (open.size() > 1 && h.level() < open.peek()) {
                    open.pop();
                    if (h.level() > open.peek()) {
                        open.push(h.level()); // between two levels: this list holds it
                        break;
                    }
                    out.end("ol").end("li").line();
                }
            }
            out.tag("li").tag("a", "href", "#" + h.id()).text(h.text()).end("a");
            itemOpen = true;
        }
        out.end("li").line();
        while (open.size() > 1) {
            open.pop();
            out.end("ol").end("li").line();
        }
        out.end("ol").end("nav").line();
    }

    private void namespaceChildren(Workspace ws, Node page, HtmlWriter out) {
        String children = page.metadata().attributes().get(Attributes.NAMESPACE_CHILDREN);
        if (children == null || children.isEmpty()) {
            return;
        }
        out.tag("section", "class", "namespace-children")
                .element("h2", "Pages in this namespace")
                .tag("ul")
                .line();
        for (String line : children.split("\n")) {
            String[] np = line.split("\t", 2);
            if (np.length == 2) {
                out.tag("li")
                        .tag("a", "href", layout.url(SiteUrls.page(ws.slug(), np[1])))
                        .text(np[0])
                        .end("a")
                        .end("li")
                        .line();
            }
        }
        out.end("ul").end("section").line();
    }

    private void linkedReferences(Workspace ws, LinkedReferences refs, HtmlWriter out) {
        if (refs.blockCount() == 0) {
            return;
        }
        int count = refs.blockCount();
        out.tag("section", "class", "linked-references")
                .tag("h2")
                .text(count)
                .text(count == 1 ? " Linked reference" : " Linked references")
                .end("h2")
                .line();
        for (LinkedReferences.Group g : refs.groups()) {
            String href = g.pagePath() == null ? null : SiteUrls.page(ws.slug(), g.pagePath());
            out.tag("div", "class", "reference-group").tag("h3");
            if (href != null) {
                out.tag("a", "href", layout.url(href)).text(g.pageName()).end("a");
            } else {
                out.text(g.pageName());
            }
            out.end("h3").tag("ul", "class", "blocks").line();
            for (Node b : g.blocks()) {
                if (b.isPage()) {
                    pageReference(b, href, out);
                    continue;
                }
                String id = b.metadata().attribute(Attributes.BLOCK_ID).orElse(b.uuid());
                out.tag("li", "class", "block")
                        .tag("div", "class", "block-content")
                        .raw(layout.relink(b.html()));
                if (href != null) {
                    out.text(" ")
                            .tag(
                                    "a",
                                    "class",
                                    "block-context",
                                    "href",
                                    layout.url(href + "#" + id),
                                    "aria-label",
                                    "Open in context")
                            .charRef(0x2197)
                            .end("a");
                }
                out.end("div").end("li").line();
            }
            out.end("ul").end("div").line();
        }
        int more = refs.pageCount() - refs.groups().size();
        if (more > 0) {
            out.tag("p", "class", "more")
                    .charRef(0x2026)
                    .text(" and ")
                    .text(more)
                    .text(" more pages")
                    .end("p")
                    .line();
        }
        out.end("section").line();
    }

    /**
     * A page that refers through its page properties ({@code type:: [[X]]}, {@code tags:: x}), as
     * Logseq shows its properties block: the properties, or its tags when they were not rendered.
     */
    private void pageReference(Node page, String href, HtmlWriter out) {
        out.tag("li", "class", "block page-properties-reference")
                .tag("div", "class", "block-content");
        String rendered = page.metadata().attributes().get(Attributes.PROPERTIES_HTML);
        if (rendered != null) {
            out.tag("div", "class", "page-properties").raw(layout.relink(rendered)).end("div");
        } else {
            out.tag("p", "class", "page-tags");
            for (String tag : page.metadata().tags()) {
                out.tag("span", "class", "tag").text("#").text(tag).end("span").text(" ");
            }
            out.end("p");
        }
        if (href != null) {
            out.tag(
                            "a",
                            "class",
                            "block-context",
                            "href",
                            layout.url(href),
                            "aria-label",
                            "Open the page")
                    .charRef(0x2197)
                    .end("a");
        }
        out.end("div").end("li").line();
    }

    /**
     * The collapsed section of the blocks that mention the page without linking to it: looked up
     * only when a reader opens it ({@link UnlinkedReferences#render}).
     */
    private void unlinkedReferences(Workspace ws, Node page, HtmlWriter out) {
        String path = page.metadata().attribute(Attributes.PATH).orElse("");
        if (!path.isEmpty()) {
            new UnlinkedReferences(storage, layout, null).section(ws, path, out);
        }
    }

    /** The root-relative URL of a page node. */
    public static String pageUrl(Workspace ws, Node page) {
        return SiteUrls.page(ws.slug(), page.metadata().attribute(Attributes.PATH).orElse(""));
    }

    private static String description(Node page, List<Node> blocks) {
        StringBuilder sb = new StringBuilder();
        for (Node b : blocks) {
            if (sb.length() > 200) {
                break;
            }
            String t = Text.plain(b.html());
            if (!t.isEmpty()) {
                sb.append(t).append(' ');
            }
        }
        String d = sb.toString().strip();
        return d.isEmpty() ? page.title() : Text.abbreviate(d, 160);
    }
}
