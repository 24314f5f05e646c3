package dev.draehi.render.internal;

import dev.draehi.model.Block;
import dev.draehi.model.BuiltInProperties;
import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import dev.draehi.model.PropertyRules;
import dev.draehi.render.internal.datalog.AdvancedQueries;
import dev.draehi.render.node.AdvancedQuery;
import dev.draehi.render.node.BlockProperties;
import dev.draehi.render.node.BlockProperty;
import dev.draehi.render.node.BlockRef;
import dev.draehi.render.node.Embed;
import dev.draehi.render.node.EmbedList;
import dev.draehi.render.node.EmbeddedBlock;
import dev.draehi.render.node.FootnoteLink;
import dev.draehi.render.node.Macro;
import dev.draehi.render.node.PageRef;
import dev.draehi.render.node.Planning;
import dev.draehi.render.node.Priority;
import dev.draehi.render.node.Query;
import dev.draehi.render.node.Tag;
import dev.draehi.render.node.TaskMarker;
import dev.draehi.spi.LinkResolver;
import dev.draehi.spi.RenderContext;
import dev.draehi.spi.RenderedPage;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.commonmark.node.Code;
import org.commonmark.node.Document;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Builds the node tree of a block (its content plus marker, planning and properties), resolves
 * every reference against the graph, renders and sanitizes it. Immutable; all per-call state lives
 * in a {@link RenderSession}.
 */
public final class RenderEngine {
    private static final int MAX_REF_DEPTH = 4;
    private static final int MAX_MACRO_DEPTH = 4;
    private static final int MAX_TREE_DEPTH = 64;
    private static final int EMBED_BLOCK_BUDGET = 2000;

    private final Parser parser;
    private final HtmlRenderer renderer;
    private final Clock clock;

    public RenderEngine(Parser parser, HtmlRenderer renderer) {
        this(parser, renderer, Clock.systemDefaultZone());
    }

    /** {@code clock} says when "today" is for advanced queries' {@code :inputs}. */
    public RenderEngine(Parser parser, HtmlRenderer renderer, Clock clock) {
        this.parser = parser;
        this.renderer = renderer;
        this.clock = clock;
    }

    /** Renders every block of {@code page}. */
    public RenderedPage render(Page page, RenderContext context, LinkResolver links) {
        RenderSession s = new RenderSession(context, links, page);
        List<Block> blocks = page.flatBlocks();
        List<String> html = new ArrayList<>(blocks.size());
        for (Block b : blocks) {
            html.add(renderBlock(b, s));
        }
        String propertiesHtml = "";
        if (!page.properties().isEmpty()) {
            // Page properties render like a block's: refs resolved, hidden built-ins left out.
            Block holder = Block.of("").withProperties(page.properties()).withLine(1);
            propertiesHtml = renderBlock(holder, s).strip();
        }
        propertiesHtml = PdfHighlights.header(page, s) + propertiesHtml;
        String journalQueries = JournalQueries.html(page, context, b -> renderBlock(b, s));
        return new RenderedPage(html, s.warnings, propertiesHtml, journalQueries);
    }

    /** Renders one block of {@code page} (its own content, not its children). */
    public String renderBlock(Block block, Page page, RenderContext context, LinkResolver links) {
        return renderBlock(block, new RenderSession(context, links, page));
    }

    private String renderBlock(Block b, RenderSession s) {
        String board = b.properties().get(dev.draehi.model.Whiteboard.PROPERTY);
        if (board != null) {
            return WhiteboardSvg.html(board, s); // written by the escaping writer, not sanitized
        }
        s.budget = EMBED_BLOCK_BUDGET;
        s.embedStack.clear();
        s.embedStack.add("p:" + s.page.identity());
        s.refStack.clear();
        if (b.id() != null) {
            s.embedStack.add("b:" + b.id().toLowerCase(Locale.ROOT));
            s.refStack.add(b.id().toLowerCase(Locale.ROOT));
        }
        s.currentBlock = b;
        Document doc = blockDocument(b, s, 0);
        String html = HtmlPolicy.sanitize(renderer.render(doc));
        return PdfHighlights.isHighlight(b) ? PdfHighlights.decorate(b, s, html) : html;
    }

    /** The block's content as Markdown, whatever its source format. */
    static String markdownOf(Block b) {
        String content = InlineMarker.clean(b.content());
        if (b.format() == Block.Format.ORG) {
            content = OrgToMarkdown.convert(OrgHeadlineTags.strip(b, content));
        } else if (content.contains("{{{")) {
            // Logseq reads {{{embed …}}} in Markdown as the macro too; code keeps its braces.
            StringBuilder sb = new StringBuilder(content.length());
            for (String line : content.split("\n", -1)) {
                sb.append(line.indexOf('`') < 0 ? OrgToMarkdown.orgMacros(line) : line)
                        .append('\n');
            }
            content = sb.substring(0, sb.length() - 1);
        }
        return content;
    }

    private Document blockDocument(Block b, RenderSession s, int depth) {
        String content = markdownOf(b);
        if (b.headingLevel() > 0 && !content.startsWith("#")) {
            content = "#".repeat(Math.min(6, b.headingLevel())) + " " + content;
        }
        Document doc;
        java.util.Optional<String> hiccup = Hiccup.toHtml(content);
        if (hiccup.isPresent()) {
            doc = new Document();
            org.commonmark.node.HtmlBlock html = new org.commonmark.node.HtmlBlock();
            html.setLiteral(hiccup.get());
            doc.appendChild(html);
        } else {
            doc = (Document) parser.parse(Hiccup.inlineLines(content));
        }
        List<String> headlineTags = OrgHeadlineTags.of(b);
        if (!headlineTags.isEmpty()) {
            OrgHeadlineTags.show(doc, headlineTags);
        }
        addTaskPrefix(doc, b);
        if (b.scheduled() != null) {
            doc.appendChild(new Planning("SCHEDULED", stripAngles(b.scheduled())));
        }
        if (b.deadline() != null) {
            doc.appendChild(new Planning("DEADLINE", stripAngles(b.deadline())));
        }
        BlockProperties props = properties(b, s);
        if (props != null) {
            doc.appendChild(props);
        }
        Block holder = s.queryHolder;
        s.queryHolder = b; // an advanced query's block, also inside an embed
        try {
            resolve(doc, s, depth, false);
        } finally {
            s.queryHolder = holder;
        }
        return doc;
    }

    private static String stripAngles(String ts) {
        String t = ts.strip();
        if ((t.startsWith("<") && t.endsWith(">")) || (t.startsWith("[") && t.endsWith("]"))) {
            t = t.substring(1, t.length() - 1);
        }
        return t;
    }

    private static void addTaskPrefix(Document doc, Block b) {
        if (b.marker() == null && b.priority() == null) {
            return;
        }
        Node first = doc.getFirstChild();
        Node container;
        if (first instanceof Paragraph || first instanceof Heading) {
            container = first;
        } else {
            container = new Paragraph();
            doc.prependChild(container);
        }
        List<Node> prefix = new ArrayList<>();
        if (b.marker() != null) {
            prefix.add(new TaskMarker(b.marker().toUpperCase(Locale.ROOT)));
        }
        if (b.priority() != null) {
            prefix.add(new Priority(b.priority().toUpperCase(Locale.ROOT)));
        }
        boolean hasContent = container.getFirstChild() != null;
        for (int i = prefix.size() - 1; i >= 0; i--) {
            if (hasContent || i < prefix.size() - 1) {
                container.prependChild(new Text(" "));
            }
            container.prependChild(prefix.get(i));
        }
    }

    /**
     * The visible properties of {@code b}, as Logseq shows them: the key links to its page when
     * property pages are on and the page is published; a comma-separated key's value is its page
     * names joined by commas, a quoted value its text without the quotes, any other value inline
     * Markdown.
     */
    private BlockProperties properties(Block b, RenderSession s) {
        BlockProperties props = null;
        PropertyRules rules = s.context.config().properties();
        for (Map.Entry<String, String> e : b.properties().entrySet()) {
            String key = e.getKey().toLowerCase(Locale.ROOT);
            if (BuiltInProperties.isHidden(key)) {
                continue;
            }
            if (props == null) {
                props = new BlockProperties();
            }
            BlockProperty p = new BlockProperty(key);
            if (rules.pagesEnabled()) {
                String page = rules.keyPage(key);
                p.setKeyPage(page == null ? key : page, s.pageUrl(page == null ? key : page));
            }
            String value = InlineMarker.clean(e.getValue() == null ? "" : e.getValue()).strip();
            List<String> names =
                    rules.isSeparatedByCommas(key) && !rules.valueIsPlain(key)
                            ? PropertyRules.commaSeparatedNames(value)
                            : List.of();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                p.appendChild(new Text(value.substring(1, value.length() - 1)));
            } else if (!names.isEmpty()) {
                for (int i = 0; i < names.size(); i++) {
                    if (i > 0) {
                        p.appendChild(new Text(", "));
                    }
                    p.appendChild(new PageRef(names.get(i)));
                }
            } else {
                moveInline(parser.parse(value), p);
            }
            props.appendChild(p);
        }
        return props;
    }

    /**
     * Moves the inline content of every paragraph and heading of {@code doc} into {@code target}.
     */
    private static void moveInline(Node doc, Node target) {
        boolean first = true;
        for (Node block = doc.getFirstChild(); block != null; block = block.getNext()) {
            if (!(block instanceof Paragraph || block instanceof Heading)) {
                continue;
            }
            if (!first) {
                target.appendChild(new Text(" "));
            }
            first = false;
            Node c = block.getFirstChild();
            while (c != null) {
                Node next = c.getNext();
                // An embed or query left in a heading cannot go inline; it is dropped, as one
                // lifted out of a paragraph is.
                if (!(c instanceof org.commonmark.node.Block)) {
                    target.appendChild(c);
                }
                c = next;
            }
        }
    }

    /** Resolves every reference under {@code root}. Iterative: deep trees cannot overflow. */
    private void resolve(Node root, RenderSession s, int depth, boolean inert) {
        List<Node> found = new ArrayList<>();
        List<Boolean> insideLink = new ArrayList<>();
        ArrayDeque<Node> stack = new ArrayDeque<>();
        ArrayDeque<Boolean> linkStack = new ArrayDeque<>();
        stack.push(root);
        linkStack.push(inert);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            boolean inLink = linkStack.pop();
            if (n instanceof Code) {
                continue;
            }
            if (n != root
                    && (n instanceof PageRef
                            || n instanceof Tag
                            || n instanceof FootnoteLink
                            || n instanceof BlockRef
                            || n instanceof Embed
                            || n instanceof Macro
                            || n instanceof Query
                            || n instanceof AdvancedQuery
                            || n instanceof dev.draehi.render.node.Namespace
                            || n instanceof Image
                            || n instanceof Link)) {
                found.add(n);
                insideLink.add(inLink);
            }
            boolean childInLink =
                    inLink || n instanceof Link || n instanceof PageRef || n instanceof BlockRef;
            for (Node c = n.getLastChild(); c != null; c = c.getPrevious()) {
                stack.push(c);
                linkStack.push(childInLink);
            }
        }
        for (int i = 0; i < found.size(); i++) {
            Node n = found.get(i);
            if (n.getParent() == null) {
                // Removed with an earlier node's children (a private block reference's label).
                continue;
            }
            boolean inLink = insideLink.get(i);
            if (n instanceof PageRef) {
                PageRef r = (PageRef) n;
                r.setUrl(s.pageUrl(r.getTarget()));
                r.setInert(inLink);
            } else if (n instanceof Tag) {
                Tag t = (Tag) n;
                t.setUrl(s.pageUrl(t.getName()));
                t.setInert(inLink);
            } else if (n instanceof FootnoteLink) {
                s.footnoteLink((FootnoteLink) n);
            } else if (n instanceof BlockRef) {
                blockRef((BlockRef) n, s, depth);
            } else if (n instanceof Embed) {
                embed((Embed) n, s, depth);
            } else if (n instanceof Macro) {
                macro((Macro) n, s, depth, inLink);
            } else if (n instanceof Query) {
                QueryList.fill((Query) n, s, parser, c -> resolve(c, s, depth, false));
            } else if (n instanceof AdvancedQuery) {
                advancedQuery((AdvancedQuery) n, s, depth);
            } else if (n instanceof dev.draehi.render.node.Namespace) {
                NamespaceList.fill((dev.draehi.render.node.Namespace) n, s);
            } else if (n instanceof Image) {
                AssetLinks.image((Image) n, s, depth);
            } else if (n instanceof Link) {
                AssetLinks.link((Link) n, s, depth, inLink);
            }
        }
    }

    private void blockRef(BlockRef ref, RenderSession s, int depth) {
        String id = ref.getUuid();
        Graph.BlockLocation loc = s.context.block(id).orElse(null);
        String url =
                loc == null || !loc.page().published() ? null : s.links.blockUrl(id).orElse(null);
        if (url == null || !HtmlPolicy.isSafeUrl(url)) {
            ref.setStatus(BlockRef.Status.PRIVATE);
            removeChildren(ref);
            return;
        }
        ref.setUrl(url);
        if (PdfHighlights.isHighlight(loc.block())) {
            ref.setHighlight(
                    PdfHighlights.pageNumber(loc.block()),
                    PdfHighlights.pageUrl(loc.block(), loc.page(), s));
        }
        if (ref.isLabelled()) {
            ref.setStatus(BlockRef.Status.RESOLVED);
            return;
        }
        if (s.refStack.contains(id) || s.refStack.size() > MAX_REF_DEPTH) {
            ref.setStatus(BlockRef.Status.CYCLE);
            return;
        }
        s.refStack.add(id);
        try {
            Node doc = parser.parse(markdownOf(loc.block()));
            Node first = doc.getFirstChild();
            if (first instanceof Paragraph || first instanceof Heading) {
                resolve(first, s, depth, true);
                Node c = first.getFirstChild();
                while (c != null) {
                    Node next = c.getNext();
                    if (c instanceof org.commonmark.node.SoftLineBreak) {
                        ref.appendChild(new Text(" "));
                    } else {
                        ref.appendChild(c);
                    }
                    c = next;
                }
            }
        } finally {
            s.refStack.remove(id);
        }
        ref.setStatus(BlockRef.Status.RESOLVED);
    }

    private static void removeChildren(Node n) {
        while (n.getFirstChild() != null) {
            n.getFirstChild().unlink();
        }
    }

    private void embed(Embed e, RenderSession s, int depth) {
        if (depth >= s.maxEmbedDepth || s.budget <= 0) {
            e.setStatus(Embed.Status.DEPTH_LIMIT);
            return;
        }
        List<Block> roots;
        String key;
        if (e.isToBlock()) {
            Graph.BlockLocation loc = s.context.block(e.getTarget()).orElse(null);
            if (loc == null || !loc.page().published()) {
                e.setStatus(Embed.Status.PRIVATE);
                return;
            }
            key = "b:" + e.getTarget().toLowerCase(Locale.ROOT);
            roots = List.of(loc.block());
            e.setUrl(AssetLinks.safe(s.links.blockUrl(e.getTarget()).orElse(null)));
        } else {
            Page p = s.context.page(e.getTarget()).orElse(null);
            if (p == null || !p.published()) {
                e.setStatus(Embed.Status.PRIVATE);
                return;
            }
            key = "p:" + p.identity();
            roots = p.blocks();
            e.setTitle(p.name());
            e.setUrl(s.pageUrl(p.name()));
        }
        if (s.embedStack.contains(key)) {
            e.setStatus(Embed.Status.CYCLE);
            return;
        }
        s.embedStack.add(key);
        try {
            EmbedList list = new EmbedList();
            for (Block b : roots) {
                list.appendChild(embeddedBlock(b, s, depth + 1, 0));
            }
            e.appendChild(list);
        } finally {
            s.embedStack.remove(key);
        }
        e.setStatus(Embed.Status.RESOLVED);
    }

    private Node embeddedBlock(Block b, RenderSession s, int depth, int treeDepth) {
        EmbeddedBlock node = new EmbeddedBlock(b.id());
        s.budget--;
        if (s.budget < 0) {
            Embed cut = new Embed("", false);
            cut.setStatus(Embed.Status.DEPTH_LIMIT);
            node.appendChild(cut);
            return node;
        }
        String key = b.id() == null ? null : "b:" + b.id().toLowerCase(Locale.ROOT);
        if (key != null) {
            s.embedStack.add(key);
        }
        try {
            Document doc = blockDocument(b, s, depth);
            Node c = doc.getFirstChild();
            while (c != null) {
                Node next = c.getNext();
                node.appendChild(c);
                c = next;
            }
            if (!b.children().isEmpty() && treeDepth < MAX_TREE_DEPTH) {
                EmbedList list = new EmbedList();
                for (Block child : b.children()) {
                    list.appendChild(embeddedBlock(child, s, depth, treeDepth + 1));
                }
                node.appendChild(list);
            }
        } finally {
            if (key != null) {
                s.embedStack.remove(key);
            }
        }
        return node;
    }

    private void macro(Macro m, RenderSession s, int depth, boolean inLink) {
        String arg = m.getArgumentText();
        switch (m.getName()) {
            case "video":
            case "youtube":
            case "vimeo":
            case "bilibili":
                {
                    String url = Macros.playerUrl(arg);
                    if (url == null) {
                        url = Macros.videoFileUrl(arg);
                    }
                    if (url == null && AssetPaths.assetPath(arg) != null) {
                        url =
                                AssetLinks.safe(
                                        s.links.assetUrl(AssetPaths.assetPath(arg)).orElse(null));
                    }
                    m.setUrl(url);
                    m.setKnown(true);
                    return;
                }
            case "youtube-timestamp":
                m.setKnown(true);
                return;
            case "tweet":
            case "twitter":
                if (arg.startsWith("https://") || arg.startsWith("http://")) {
                    m.setUrl(AssetLinks.safe(arg));
                }
                m.setKnown(true);
                return;
            case "cloze":
                String[] clozed = Macros.cloze(arg);
                m.setCue(clozed[1]);
                moveInline(parser.parse(clozed[0]), m);
                resolve(m, s, depth, inLink);
                m.setKnown(true);
                return;
            case "renderer":
            case "function":
                m.setKnown(true);
                return;
            default:
                break;
        }
        String template = s.context.config().macros().get(m.getName());
        if (template == null || s.macroDepth >= MAX_MACRO_DEPTH) {
            return;
        }
        String expanded = template;
        List<String> args = m.getArguments();
        for (int i = args.size(); i >= 1; i--) {
            expanded = expanded.replace("$" + i, args.get(i - 1));
        }
        expanded = InlineMarker.clean(expanded);
        s.macroDepth++;
        try {
            moveInline(parser.parse(expanded), m);
            resolve(m, s, depth, inLink);
        } finally {
            s.macroDepth--;
        }
        m.setKnown(true);
    }

    private void advancedQuery(AdvancedQuery q, RenderSession s, int depth) {
        if (s.inQueryResults) {
            AdvancedQueries.renderNested(q);
            return;
        }
        s.inQueryResults = true;
        try {
            AdvancedQueries.render(
                    q,
                    new AdvancedQueries.Scope(
                            s.context.graph(), s.page, s.queryHolder, ZonedDateTime.now(clock)),
                    new AdvancedQueries.Content() {
                        @Override
                        public Node block(Block b, Page page) {
                            return blockDocument(b, s, depth + 1);
                        }

                        @Override
                        public Node inline(String markdown) {
                            Paragraph p = new Paragraph();
                            moveInline(parser.parse(InlineMarker.clean(markdown)), p);
                            resolve(p, s, depth + 1, false);
                            return p;
                        }

                        @Override
                        public String pageUrl(String name) {
                            return s.pageUrl(name);
                        }
                    });
        } finally {
            s.inQueryResults = false;
        }
    }
}
