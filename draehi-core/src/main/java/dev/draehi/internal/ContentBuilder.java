package dev.draehi.internal;

import dev.draehi.model.Block;
import dev.draehi.model.Graph;
import dev.draehi.model.Node;
import dev.draehi.model.NodeIds;
import dev.draehi.model.NodeMetadata;
import dev.draehi.model.NodeMetadata.Attributes;
import dev.draehi.model.Page;
import dev.draehi.model.PageNames;
import dev.draehi.model.PageRoute;
import dev.draehi.model.Reference;
import dev.draehi.model.SyncWarning;
import dev.draehi.model.Whiteboard;
import dev.draehi.spi.RenderReads;
import dev.draehi.spi.RenderedPage;
import dev.draehi.store.WorkspaceContent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns a parsed graph and its rendered HTML into the rows a workspace stores: page and block nodes
 * with deterministic uuids, one route per page, and the reference index.
 */
public final class ContentBuilder {
    private final long workspaceId;
    private final Graph graph;
    private final Map<String, String> pathsByName;
    private final Consumer<SyncWarning> warnings;
    // uuids given out so far, over every build of this builder: a block id used twice is a warning
    private final Set<String> used = new HashSet<>();
    private Map<String, List<String>> children;

    public ContentBuilder(
            long workspaceId,
            Graph graph,
            Map<String, String> pathsByName,
            Consumer<SyncWarning> warnings) {
        this(workspaceId, graph, pathsByName, null, warnings);
    }

    /**
     * A builder given the {@link #namespaceChildren()} of an earlier builder whose graph published
     * pages of the same names at the same paths (after a push of a few pages, a pass over every
     * page less), or null to find them.
     */
    public ContentBuilder(
            long workspaceId,
            Graph graph,
            Map<String, String> pathsByName,
            Map<String, List<String>> namespaceChildren,
            Consumer<SyncWarning> warnings) {
        this.workspaceId = workspaceId;
        this.graph = graph;
        this.pathsByName = pathsByName;
        this.children = namespaceChildren;
        this.warnings = warnings;
    }

    /** The uuid stored for a block at {@code position} of {@code page}. */
    public String blockUuid(Page page, Block block, int position) {
        return block.id() != null
                ? NodeIds.blockUuid(workspaceId, block.id())
                : NodeIds.blockUuid(workspaceId, page.name(), block.content(), position);
    }

    /**
     * The rows of {@code pages}, whose rendered HTML is in {@code rendered} by page name, with a
     * home route to {@code home} when it is one of them. What a page's rows read of other pages
     * (namespace lists, breadcrumbs, tag links, reference targets) is recorded in {@code reads} of
     * its name. A graph may be built a part at a time, by one builder: a block id that an earlier
     * part used gets a new uuid here.
     */
    public WorkspaceContent build(
            List<Page> pages,
            Map<String, RenderedPage> rendered,
            Page home,
            Function<String, RenderReads> reads) {
        Map<String, List<String>> children = namespaceChildren();
        List<Node> nodes = new ArrayList<>();
        List<PageRoute> routes = new ArrayList<>();
        Set<Reference> refs = new LinkedHashSet<>(); // stable order, no duplicates
        for (Page page : pages) {
            String path = pathsByName.get(page.name());
            RenderedPage html = rendered.get(page.name());
            RenderReads r = reads.apply(page.name());
            r.namespace(page.name());
            Node pageNode =
                    pageNode(
                            page,
                            path,
                            children.get(page.identity()),
                            html == null ? "" : html.propertiesHtml(),
                            r);
            if (html != null && !html.journalQueriesHtml().isEmpty()) {
                Map<String, String> attrs = new HashMap<>(pageNode.metadata().attributes());
                attrs.put(Attributes.JOURNAL_QUERIES_HTML, html.journalQueriesHtml());
                NodeMetadata m = pageNode.metadata();
                pageNode =
                        Node.page(
                                pageNode.uuid(),
                                workspaceId,
                                pageNode.pageName(),
                                pageNode.slug(),
                                pageNode.title(),
                                new NodeMetadata(m.tags(), m.properties(), m.frontmatter(), attrs));
            }
            nodes.add(pageNode);
            used.add(pageNode.uuid());
            routes.add(new PageRoute(path, pageNode.uuid()));
            // page properties refer from the page node, as Logseq's properties pre-block does
            for (Block.Ref ref : page.refs()) {
                String target = targetUuid(ref, r);
                if (target != null && !target.equals(pageNode.uuid())) {
                    refs.add(new Reference(pageNode.uuid(), target, ref.kind()));
                }
            }
            addBlocks(page, pageNode, html, nodes, refs, used, r);
        }
        if (home != null && pathsByName.containsKey(home.name()) && pages.contains(home)) {
            routes.add(
                    new PageRoute(
                            WorkspaceContent.HOME_PATH,
                            NodeIds.pageUuid(workspaceId, home.name())));
        }
        return new WorkspaceContent(nodes, routes, new ArrayList<>(refs));
    }

    /**
     * Namespace children by parent identity ({@code name + "\t" + path}, sorted), from every
     * published page, whichever of them are built now; computed once, as a builder may build a
     * graph's pages a part at a time. Not to be changed.
     */
    public Map<String, List<String>> namespaceChildren() {
        if (children == null) {
            Map<String, List<String>> out = new HashMap<>();
            for (Page page : graph.pages()) {
                if (!page.published() || !pathsByName.containsKey(page.name())) {
                    continue;
                }
                String parent = page.isJournal() ? null : PageNames.namespaceParent(page.name());
                if (parent != null) {
                    out.computeIfAbsent(PageNames.identity(parent), k -> new ArrayList<>())
                            .add(page.name() + "\t" + pathsByName.get(page.name()));
                }
            }
            for (Map.Entry<String, List<String>> e : out.entrySet()) {
                e.getValue().sort(null);
                e.setValue(List.copyOf(e.getValue()));
            }
            // shared with the next sync's builder (see the constructor)
            children = java.util.Collections.unmodifiableMap(out);
        }
        return children;
    }

    private Node pageNode(
            Page page,
            String path,
            List<String> children,
            String propertiesHtml,
            RenderReads reads) {
        Map<String, String> attrs = new HashMap<>();
        attrs.put(Attributes.PATH, path);
        if (page.file() != null) {
            attrs.put(Attributes.FILE, page.file());
            java.time.Instant changed = graph.fileTimes().get(page.file());
            if (changed != null) {
                attrs.put(Attributes.UPDATED, changed.toString());
            }
        } else {
            attrs.put(Attributes.KIND, "generated");
        }
        // A graph that turns journals off keeps its journal pages as plain pages.
        if (page.journalDay() != null && graph.config().journalsEnabled()) {
            attrs.put(Attributes.JOURNAL_DAY, page.journalDay().toString());
        }
        String parent = page.isJournal() ? null : PageNames.namespaceParent(page.name());
        if (parent != null) {
            attrs.put(Attributes.NAMESPACE, parent);
            List<String> ancestors = new ArrayList<>();
            for (String a = parent; a != null; a = PageNames.namespaceParent(a)) {
                reads.pageLink(a);
                Page ap = graph.page(a).orElse(null);
                String apath = ap == null ? null : pathsByName.get(ap.name());
                if (apath != null) {
                    ancestors.add(0, ap.name() + "\t" + apath);
                }
            }
            attrs.put(Attributes.NAMESPACE_PARENTS, String.join("\n", ancestors));
        }
        if (!page.tags().isEmpty()) {
            List<String> links = new ArrayList<>(page.tags().size());
            for (String tag : page.tags()) {
                reads.pageLink(tag);
                String tpath = graph.page(tag).map(t -> pathsByName.get(t.name())).orElse(null);
                links.add(tag + "\t" + (tpath == null ? "" : tpath));
            }
            attrs.put(Attributes.TAG_LINKS, String.join("\n", links));
        }
        if (children != null) {
            attrs.put(Attributes.NAMESPACE_CHILDREN, String.join("\n", children));
        }
        attrs.put(Attributes.BLOCK_COUNT, Integer.toString(page.blockCount()));
        int favorite = favoriteIndex(page);
        if (favorite >= 0) {
            attrs.put(Attributes.FAVORITE, Integer.toString(favorite));
        }
        if (!propertiesHtml.isEmpty()) {
            attrs.put(Attributes.PROPERTIES_HTML, propertiesHtml);
        }
        String slug = path.substring(path.lastIndexOf('/') + 1);
        NodeMetadata meta = new NodeMetadata(page.tags(), page.properties(), Map.of(), attrs);
        return Node.page(
                NodeIds.pageUuid(workspaceId, page.name()),
                workspaceId,
                page.name(),
                slug,
                page.name(),
                meta);
    }

    /** The page's place in the graph's {@code :favorites} (names in any case), or -1. */
    private int favoriteIndex(Page page) {
        List<String> favorites = graph.config().favorites();
        for (int i = 0; i < favorites.size(); i++) {
            if (PageNames.identity(favorites.get(i)).equals(page.identity())) {
                return i;
            }
        }
        return -1;
    }

    private void addBlocks(
            Page page,
            Node pageNode,
            RenderedPage html,
            List<Node> nodes,
            Set<Reference> refs,
            Set<String> used,
            RenderReads reads) {
        // Pre-order walk with an explicit stack: outlines may be deep, recursion is not safe.
        record Item(Block block, String parentUuid, int depth) {}
        Deque<Item> stack = new ArrayDeque<>();
        for (int i = page.blocks().size() - 1; i >= 0; i--) {
            stack.push(new Item(page.blocks().get(i), pageNode.uuid(), 0));
        }
        int position = 0;
        while (!stack.isEmpty()) {
            Item item = stack.pop();
            Block b = item.block();
            String uuid = blockUuid(page, b, position);
            if (!used.add(uuid)) {
                warnings.accept(
                        new SyncWarning(
                                page.file(),
                                b.line(),
                                "block id "
                                        + (b.id() != null ? b.id() : uuid)
                                        + " is used twice; this copy gets a new id"));
                uuid = NodeIds.hashUuid(workspaceId + "::" + page.name() + "::dup::" + position);
                used.add(uuid);
            }
            String blockHtml =
                    html != null && position < html.blockHtml().size()
                            ? html.blockHtml().get(position)
                            : "";
            nodes.add(
                    Node.block(
                            uuid,
                            pageNode,
                            item.parentUuid(),
                            position,
                            blockHtml,
                            metadata(b, uuid, item.depth())));
            for (Block.Ref ref : b.refs()) {
                String target = targetUuid(ref, reads);
                if (target != null && !target.equals(uuid)) {
                    refs.add(new Reference(uuid, target, ref.kind()));
                }
            }
            for (int i = b.children().size() - 1; i >= 0; i--) {
                stack.push(new Item(b.children().get(i), uuid, item.depth() + 1));
            }
            position++;
        }
    }

    private NodeMetadata metadata(Block b, String uuid, int depth) {
        Map<String, String> attrs = new HashMap<>();
        attrs.put(Attributes.BLOCK_ID, b.id() != null ? b.id() : uuid);
        attrs.put(Attributes.DEPTH, Integer.toString(depth));
        if (b.collapsed()) {
            attrs.put(Attributes.COLLAPSED, "true");
        }
        if (b.headingLevel() > 0) {
            attrs.put(Attributes.HEADING, Integer.toString(b.headingLevel()));
        }
        if (b.marker() != null) {
            attrs.put(Attributes.MARKER, b.marker());
        }
        List<String> tags = new ArrayList<>();
        for (Block.Ref r : b.refs()) {
            if (r.kind() == Reference.Kind.TAG && !tags.contains(r.target())) {
                tags.add(r.target());
            }
            if ((r.kind() == Reference.Kind.TAG || r.kind() == Reference.Kind.PAGE)
                    && !r.toBlock()
                    && r.target().equalsIgnoreCase("card")) {
                attrs.put(Attributes.CARD, "true"); // a flashcard: #card or [[card]]
            }
        }
        Map<String, String> props = b.properties();
        if (props.containsKey(Whiteboard.PROPERTY)) {
            // the whiteboard's file is drawn into the block's HTML; no need to keep it twice
            props = new HashMap<>(props);
            props.remove(Whiteboard.PROPERTY);
        }
        return new NodeMetadata(tags, props, Map.of(), attrs);
    }

    private String targetUuid(Block.Ref ref, RenderReads reads) {
        if (ref.toBlock()) {
            reads.blockLink(ref.target());
            return graph.block(ref.target())
                    .filter(loc -> loc.page().published())
                    .map(loc -> NodeIds.blockUuid(workspaceId, loc.block().id()))
                    .orElse(null);
        }
        reads.pageLink(ref.target());
        return graph.page(ref.target())
                .filter(Page::published)
                .map(p -> NodeIds.pageUuid(workspaceId, p.name()))
                .orElse(null);
    }
}
