package dev.draehi.site.internal;

import static dev.draehi.web.Html.escape;

import dev.draehi.model.BuiltInProperties;
import dev.draehi.model.Node;
import dev.draehi.model.NodeMetadata.Attributes;
import dev.draehi.model.Workspace;
import dev.draehi.store.LinkedReferences;
import dev.draehi.store.NodeRepository;
import dev.draehi.store.PageContent;
import dev.draehi.store.Storage;
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
        // Our own markup is ASCII (entities for the rest), so that a page of Latin-1 text stays one
        // byte a character here; sized for a typical page, so it seldom grows.
        StringBuilder main = new StringBuilder(16 * 1024);
        main.append("<article class=\"page\">\n");
        breadcrumbs(ws, page, main);
        main.append("<h1 class=\"page-title\">")
                .append(escape(displayTitle(page)))
                .append("</h1>\n");
        tags(ws, page, main);
        properties(page, main);
        toc(blocks, main);
        if (blocks.isEmpty()) {
            main.append("<p class=\"empty-page\">This page has no content of its own.</p>\n");
        } else {
            blockTree(page.uuid(), blocks, main);
        }
        namespaceChildren(ws, page, main);
        linkedReferences(ws, content.references(), main);
        main.append("</article>");
        return layout.page(
                ws, journals, displayTitle(page), description(page, blocks), canonical, main);
    }

    /** The blocks of a page as nested lists, for a page and for the journals list. */
    public void blockTree(String rootUuid, List<Node> blocks, StringBuilder out) {
        Map<String, List<Node>> children = new HashMap<>();
        for (Node b : blocks) {
            children.computeIfAbsent(b.parentUuid(), k -> new ArrayList<>()).add(b);
        }
        // Iterative: outlines may be deep. Each open list has its closing tags on a stack.
        java.util.ArrayDeque<java.util.Iterator<Node>> open = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<String> closers = new java.util.ArrayDeque<>();
        out.append("<ul class=\"blocks\">\n");
        open.push(children.getOrDefault(rootUuid, List.of()).iterator());
        closers.push("</ul>\n");
        while (!open.isEmpty()) {
            java.util.Iterator<Node> it = open.peek();
            if (!it.hasNext()) {
                open.pop();
                out.append(closers.pop());
                continue;
            }
            Node b = it.next();
            List<Node> kids = children.getOrDefault(b.uuid(), List.of());
            String id = b.metadata().attribute(Attributes.BLOCK_ID).orElse(b.uuid());
            out.append("<li class=\"block\" id=\"")
                    .append(escape(id))
                    .append("\" data-block-uuid=\"")
                    .append(escape(id))
                    .append("\">");
            String content = "<div class=\"block-content\">" + layout.relink(b.html()) + "</div>";
            if (kids.isEmpty()) {
                out.append(content).append("</li>\n");
            } else if (b.metadata().attribute(Attributes.COLLAPSED).isPresent()) {
                out.append("<details class=\"collapsed\"><summary>")
                        .append(content)
                        .append("</summary><ul class=\"children\">\n");
                open.push(kids.iterator());
                closers.push("</ul></details></li>\n");
            } else {
                out.append(content).append("<ul class=\"children\">\n");
                open.push(kids.iterator());
                closers.push("</ul></li>\n");
            }
        }
    }

    static String displayTitle(Node page) {
        return page.title();
    }

    private void breadcrumbs(Workspace ws, Node page, StringBuilder out) {
        String parents = page.metadata().attributes().get(Attributes.NAMESPACE_PARENTS);
        if (parents == null || parents.isEmpty()) {
            return;
        }
        out.append("<nav class=\"breadcrumbs\" aria-label=\"Namespace\">");
        for (String line : parents.split("\n")) {
            String[] np = line.split("\t", 2);
            if (np.length == 2) {
                String label = np[0].substring(np[0].lastIndexOf('/') + 1);
                out.append("<a href=\"")
                        .append(escape(layout.url(SiteUrls.page(ws.slug(), np[1]))))
                        .append("\">")
                        .append(escape(label))
                        .append("</a> / ");
            }
        }
        String name = page.pageName();
        out.append("<span>")
                .append(escape(name.substring(name.lastIndexOf('/') + 1)))
                .append("</span></nav>\n");
    }

    private void tags(Workspace ws, Node page, StringBuilder out) {
        if (page.metadata().tags().isEmpty()) {
            return;
        }
        out.append("<p class=\"page-tags\">");
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
        out.append("</p>\n");
    }

    /** One tag, linked to the page at {@code path} below the workspace, or plain when empty. */
    private void tag(Workspace ws, String tag, String path, StringBuilder out) {
        if (path.isEmpty()) {
            out.append("<span class=\"tag\">#").append(escape(tag)).append("</span> ");
        } else {
            out.append("<a class=\"tag\" href=\"")
                    .append(escape(layout.url(SiteUrls.page(ws.slug(), path))))
                    .append("\">#")
                    .append(escape(tag))
                    .append("</a> ");
        }
    }

    private void properties(Node page, StringBuilder out) {
        String rendered = page.metadata().attributes().get(Attributes.PROPERTIES_HTML);
        if (rendered != null) {
            out.append("<div class=\"page-properties\">")
                    .append(layout.relink(rendered))
                    .append("</div>\n");
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
        out.append("<table class=\"page-properties\">\n");
        visible.forEach(
                (k, v) ->
                        out.append("<tr><th>")
                                .append(escape(k))
                                .append("</th><td>")
                                .append(escape(v))
                                .append("</td></tr>\n"));
        out.append("</table>\n");
    }

    private void toc(List<Node> blocks, StringBuilder out) {
        List<String[]> headings = new ArrayList<>();
        for (Node b : blocks) {
            String html = b.html() == null ? "" : b.html().stripLeading();
            boolean heading =
                    b.metadata().attribute(Attributes.HEADING).isPresent()
                            || (html.length() > 3
                                    && html.charAt(0) == '<'
                                    && html.charAt(1) == 'h'
                                    && Character.isDigit(html.charAt(2)));
            if (heading) {
                String text = Text.abbreviate(Text.plain(b.html()), 120);
                if (!text.isEmpty()) {
                    headings.add(
                            new String[] {
                                b.metadata().attribute(Attributes.BLOCK_ID).orElse(b.uuid()), text
                            });
                }
            }
        }
        if (headings.size() < 2) {
            return;
        }
        out.append("<nav class=\"toc\" aria-label=\"Table of contents\"><h2>Contents</h2><ol>\n");
        for (String[] h : headings) {
            out.append("<li><a href=\"#")
                    .append(escape(h[0]))
                    .append("\">")
                    .append(escape(h[1]))
                    .append("</a></li>\n");
        }
        out.append("</ol></nav>\n");
    }

    private void namespaceChildren(Workspace ws, Node page, StringBuilder out) {
        String children = page.metadata().attributes().get(Attributes.NAMESPACE_CHILDREN);
        if (children == null || children.isEmpty()) {
            return;
        }
        out.append("<section class=\"namespace-children\"><h2>Pages in this namespace</h2><ul>\n");
        for (String line : children.split("\n")) {
            String[] np = line.split("\t", 2);
            if (np.length == 2) {
                out.append("<li><a href=\"")
                        .append(escape(layout.url(SiteUrls.page(ws.slug(), np[1]))))
                        .append("\">")
                        .append(escape(np[0]))
                        .append("</a></li>\n");
            }
        }
        out.append("</ul></section>\n");
    }

    private void linkedReferences(Workspace ws, LinkedReferences refs, StringBuilder out) {
        if (refs.blockCount() == 0) {
            return;
        }
        int count = refs.blockCount();
        out.append("<section class=\"linked-references\"><h2>")
                .append(count)
                .append(count == 1 ? " Linked reference" : " Linked references")
                .append("</h2>\n");
        for (LinkedReferences.Group g : refs.groups()) {
            String href = g.pagePath() == null ? null : SiteUrls.page(ws.slug(), g.pagePath());
            out.append("<div class=\"reference-group\"><h3>");
            if (href != null) {
                out.append("<a href=\"")
                        .append(escape(layout.url(href)))
                        .append("\">")
                        .append(escape(g.pageName()))
                        .append("</a>");
            } else {
                out.append(escape(g.pageName()));
            }
            out.append("</h3><ul class=\"blocks\">\n");
            for (Node b : g.blocks()) {
                String id = b.metadata().attribute(Attributes.BLOCK_ID).orElse(b.uuid());
                out.append("<li class=\"block\"><div class=\"block-content\">")
                        .append(layout.relink(b.html()));
                if (href != null) {
                    out.append(" <a class=\"block-context\" href=\"")
                            .append(escape(layout.url(href + "#" + id)))
                            .append("\" aria-label=\"Open in context\">&#8599;</a>");
                }
                out.append("</div></li>\n");
            }
            out.append("</ul></div>\n");
        }
        int more = refs.pageCount() - refs.groups().size();
        if (more > 0) {
            out.append("<p class=\"more\">&#8230; and ").append(more).append(" more pages</p>\n");
        }
        out.append("</section>\n");
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
