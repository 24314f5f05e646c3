package dev.draehi.render.internal;

import dev.draehi.render.internal.datalog.AdvancedQueryHtml;
import dev.draehi.render.node.Admonition;
import dev.draehi.render.node.AdvancedQuery;
import dev.draehi.render.node.BlockProperties;
import dev.draehi.render.node.BlockProperty;
import dev.draehi.render.node.BlockRef;
import dev.draehi.render.node.Embed;
import dev.draehi.render.node.EmbedList;
import dev.draehi.render.node.EmbeddedBlock;
import dev.draehi.render.node.Footnote;
import dev.draehi.render.node.FootnoteLink;
import dev.draehi.render.node.HiddenBlock;
import dev.draehi.render.node.Highlight;
import dev.draehi.render.node.Macro;
import dev.draehi.render.node.MathBlock;
import dev.draehi.render.node.MathInline;
import dev.draehi.render.node.MissingAsset;
import dev.draehi.render.node.PageRef;
import dev.draehi.render.node.Planning;
import dev.draehi.render.node.Priority;
import dev.draehi.render.node.Query;
import dev.draehi.render.node.Tag;
import dev.draehi.render.node.TaskMarker;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlWriter;

/** The HTML of every Logseq node. Everything written here is escaped by {@link HtmlWriter}. */
public final class LogseqNodeRenderer implements NodeRenderer {
    private static final Set<String> ADMONITIONS =
            Set.of("note", "tip", "important", "caution", "warning", "pinned");

    private final HtmlNodeRendererContext context;
    private final HtmlWriter html;

    public LogseqNodeRenderer(HtmlNodeRendererContext context) {
        this.context = context;
        this.html = context.getWriter();
    }

    private static final Set<Class<? extends Node>> NODE_TYPES =
            Set.of(
                    PageRef.class,
                    Tag.class,
                    BlockRef.class,
                    Embed.class,
                    EmbedList.class,
                    EmbeddedBlock.class,
                    Macro.class,
                    Query.class,
                    dev.draehi.render.node.Namespace.class,
                    AdvancedQuery.class,
                    Admonition.class,
                    HiddenBlock.class,
                    TaskMarker.class,
                    Priority.class,
                    Highlight.class,
                    MathInline.class,
                    MathBlock.class,
                    MissingAsset.class,
                    Planning.class,
                    BlockProperties.class,
                    BlockProperty.class,
                    ImageAttributes.class,
                    Footnote.class,
                    FootnoteLink.class);

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
        return NODE_TYPES;
    }

    @Override
    public void render(Node node) {
        if (node instanceof PageRef) {
            pageRef((PageRef) node);
        } else if (node instanceof Footnote) {
            footnote((Footnote) node);
        } else if (node instanceof FootnoteLink) {
            footnoteLink((FootnoteLink) node);
        } else if (node instanceof Tag) {
            tag((Tag) node);
        } else if (node instanceof BlockRef) {
            blockRef((BlockRef) node);
        } else if (node instanceof Embed) {
            embed((Embed) node);
        } else if (node instanceof EmbedList) {
            html.line();
            open(node, "ul", "class", "embed-blocks");
            children(node);
            html.tag("/ul");
            html.line();
        } else if (node instanceof EmbeddedBlock) {
            EmbeddedBlock b = (EmbeddedBlock) node;
            open(node, "li", "class", "embed-block", "data-block-uuid", b.getBlockId());
            children(node);
            html.tag("/li");
            html.line();
        } else if (node instanceof Macro) {
            macro((Macro) node);
        } else if (node instanceof dev.draehi.render.node.Namespace) {
            html.line();
            open(node, "div", "class", "namespace");
            children(node);
            html.tag("/div");
            html.line();
        } else if (node instanceof Query) {
            query((Query) node);
        } else if (node instanceof AdvancedQuery) {
            advancedQuery((AdvancedQuery) node);
        } else if (node instanceof Admonition) {
            admonition((Admonition) node);
        } else if (node instanceof TaskMarker) {
            String m = ((TaskMarker) node).getMarker();
            open(node, "span", "class", "task-marker task-" + m.toLowerCase(Locale.ROOT));
            html.text(m);
            html.tag("/span");
        } else if (node instanceof Priority) {
            String p = ((Priority) node).getLetter();
            open(node, "span", "class", "priority priority-" + p);
            html.text(p);
            html.tag("/span");
        } else if (node instanceof Highlight) {
            open(node, "mark");
            children(node);
            html.tag("/mark");
        } else if (node instanceof MathInline) {
            MathInline m = (MathInline) node;
            if (m.isDisplay()) {
                open(node, "span", "class", "math display");
                html.text("\\[" + m.getTex() + "\\]");
            } else {
                open(node, "span", "class", "math inline");
                html.text("\\(" + m.getTex() + "\\)");
            }
            html.tag("/span");
        } else if (node instanceof MathBlock) {
            html.line();
            open(node, "div", "class", "math display");
            html.text("\\[" + ((MathBlock) node).getTex() + "\\]");
            html.tag("/div");
            html.line();
        } else if (node instanceof MissingAsset) {
            open(node, "span", "class", "missing-asset");
            html.text(((MissingAsset) node).getPath());
            html.tag("/span");
        } else if (node instanceof Planning) {
            planning((Planning) node);
        } else if (node instanceof BlockProperties) {
            html.line();
            open(node, "dl", "class", "block-properties");
            children(node);
            html.tag("/dl");
            html.line();
        } else if (node instanceof BlockProperty) {
            BlockProperty p = (BlockProperty) node;
            open(node, "dt", "class", "property-key");
            // the key's property page, linked as Logseq links it
            pageLink(p.getKeyPage(), p.getKeyUrl(), p.getKey());
            html.tag("/dt");
            open(node, "dd", "class", "property-value");
            children(node);
            html.tag("/dd");
        }
        // HiddenBlock and ImageAttributes render nothing.
    }

    /** {@code text} as an {@code a.page-reference} to {@code page} at {@code url}, or plain. */
    private void pageLink(String page, String url, String text) {
        if (url == null) {
            html.text(text);
            return;
        }
        html.tag("a", attrs("class", "page-reference", "data-page", page, "href", url));
        html.text(text);
        html.tag("/a");
    }

    private void pageRef(PageRef ref) {
        if (ref.getUrl() != null && !ref.isInert()) {
            open(
                    ref,
                    "a",
                    "class",
                    "page-reference",
                    "data-page",
                    ref.getTarget(),
                    "href",
                    ref.getUrl());
        } else if (ref.isInert() && ref.getUrl() != null) {
            open(ref, "span", "class", "page-reference", "data-page", ref.getTarget());
        } else {
            open(ref, "span", "class", "page-reference unpublished");
        }
        if (ref.getFirstChild() != null) {
            children(ref);
        } else {
            html.text(ref.getTarget());
        }
        html.tag(ref.getUrl() != null && !ref.isInert() ? "/a" : "/span");
    }

    private void footnote(Footnote footnote) {
        html.line();
        String id = HtmlPolicy.footnoteId(footnote.getLabel());
        open(footnote, "div", "class", "footnote-definition", "id", id);
        Node first = footnote.getFirstChild();
        if (first instanceof Paragraph) {
            // the label leads the definition's first paragraph, as Logseq shows it
            html.tag("p");
            footnoteLabel(footnote.getLabel());
            html.text(" ");
            children(first);
            html.tag("/p");
            html.line();
            first = first.getNext();
        } else {
            footnoteLabel(footnote.getLabel());
        }
        for (Node c = first; c != null; ) {
            Node next = c.getNext();
            context.render(c);
            c = next;
        }
        html.tag("/div");
        html.line();
    }

    private void footnoteLabel(String label) {
        html.tag("sup", Map.of("class", "footnote-label"));
        html.text(label);
        html.tag("/sup");
    }

    private void footnoteLink(FootnoteLink link) {
        open(link, "sup", "class", "footnote-ref");
        if (link.getUrl() != null) {
            Map<String, String> a = new LinkedHashMap<>();
            a.put("href", link.getUrl());
            a.put("data-footnote-ref", null);
            html.tag("a", a);
            html.text(link.getLabel());
            html.tag("/a");
        } else {
            html.text(link.getLabel());
        }
        html.tag("/sup");
    }

    private void tag(Tag tag) {
        boolean link = tag.getUrl() != null && !tag.isInert();
        if (link) {
            open(
                    tag,
                    "a",
                    "class",
                    "hashtag-link",
                    "data-tag",
                    tag.getName(),
                    "href",
                    tag.getUrl());
        } else if (tag.getUrl() != null) {
            open(tag, "span", "class", "hashtag-link", "data-tag", tag.getName());
        } else {
            open(tag, "span", "class", "hashtag-link unpublished");
        }
        html.text("#" + tag.getName());
        html.tag(link ? "/a" : "/span");
    }

    private void blockRef(BlockRef ref) {
        switch (ref.getStatus()) {
            case RESOLVED:
            case CYCLE:
                if (ref.getHighlightPage() != null || ref.getHighlightUrl() != null) {
                    // a PDF highlight: its page, a link into the PDF, as Logseq's "P3"
                    String n = ref.getHighlightPage() == null ? "?" : ref.getHighlightPage();
                    if (ref.getHighlightUrl() != null) {
                        html.tag("a", attrs("class", "hl-page", "href", ref.getHighlightUrl()));
                    } else {
                        html.tag("span", Map.of("class", "hl-page"));
                    }
                    html.text("P" + n);
                    html.tag(ref.getHighlightUrl() != null ? "/a" : "/span");
                    html.text(" ");
                }
                if (ref.getUrl() != null) {
                    open(
                            ref,
                            "a",
                            "class",
                            ref.getStatus() == BlockRef.Status.CYCLE
                                    ? "block-reference cycle"
                                    : "block-reference",
                            "data-block-uuid",
                            ref.getUuid(),
                            "href",
                            ref.getUrl());
                } else {
                    open(ref, "span", "class", "block-reference", "data-block-uuid", ref.getUuid());
                }
                if (ref.getFirstChild() != null && ref.getStatus() == BlockRef.Status.RESOLVED) {
                    children(ref);
                } else {
                    html.text("\u2026");
                }
                html.tag(ref.getUrl() != null ? "/a" : "/span");
                break;
            default:
                open(ref, "span", "class", "block-reference private");
                html.text("private block");
                html.tag("/span");
                break;
        }
    }

    private void embed(Embed embed) {
        html.line();
        switch (embed.getStatus()) {
            case RESOLVED:
                if (embed.isToBlock()) {
                    open(
                            embed,
                            "div",
                            "class",
                            "embed embed-block",
                            "data-block-uuid",
                            embed.getTarget());
                } else {
                    open(embed, "div", "class", "embed embed-page", "data-page", embed.getTitle());
                    html.tag("div", Map.of("class", "embed-title"));
                    pageLink(embed.getTitle(), embed.getUrl(), embed.getTitle());
                    html.tag("/div");
                }
                children(embed);
                html.tag("/div");
                break;
            case CYCLE:
                open(embed, "div", "class", "embed");
                html.tag("span", Map.of("class", "embed-cycle"));
                html.text("embed cycle");
                html.tag("/span");
                html.tag("/div");
                break;
            case DEPTH_LIMIT:
                open(embed, "div", "class", "embed");
                html.tag("span", Map.of("class", "embed-depth-limit"));
                html.text("embed depth limit reached");
                html.tag("/span");
                html.tag("/div");
                break;
            default:
                open(embed, "div", "class", "embed private");
                html.tag("span", Map.of("class", "embed-private"));
                html.text("private content");
                html.tag("/span");
                html.tag("/div");
                break;
        }
        html.line();
    }

    /** Macro arguments shown as text: the brackets of refs dropped, so no raw {@code [[} shows. */
    private static String inert(String args) {
        return args.replace("[[", "").replace("]]", "").replace("((", "").replace("))", "");
    }

    private void macro(Macro macro) {
        String name = macro.getName();
        if (!macro.isKnown()) {
            open(macro, "span", "class", "macro unknown", "data-macro", name);
            html.text(
                    macro.getArguments().isEmpty()
                            ? name
                            : name + " " + inert(macro.getArgumentText()));
            html.tag("/span");
            return;
        }
        switch (name) {
            case "video":
            case "youtube":
            case "vimeo":
            case "bilibili":
                if (macro.getUrl() == null) {
                    open(macro, "span", "class", "macro unknown", "data-macro", name);
                    html.text(name + " " + macro.getArgumentText());
                    html.tag("/span");
                } else if (Macros.isPlayerUrl(macro.getUrl())) {
                    open(
                            macro,
                            "iframe",
                            "class",
                            "video-embed",
                            "src",
                            macro.getUrl(),
                            "loading",
                            "lazy",
                            "sandbox",
                            "allow-scripts allow-same-origin allow-presentation allow-popups",
                            "allow",
                            "encrypted-media; fullscreen; picture-in-picture",
                            "allowfullscreen",
                            "true",
                            "title",
                            "video",
                            "frameborder",
                            "0");
                    html.tag("/iframe");
                } else {
                    open(
                            macro,
                            "video",
                            "class",
                            "video",
                            "src",
                            macro.getUrl(),
                            "controls",
                            "controls",
                            "preload",
                            "metadata");
                    html.tag("/video");
                }
                break;
            case "youtube-timestamp":
                {
                    int seconds = Macros.seconds(macro.getArgumentText());
                    open(
                            macro,
                            "span",
                            "class",
                            "youtube-timestamp",
                            "data-seconds",
                            Integer.toString(seconds));
                    html.text(Macros.formatSeconds(seconds));
                    html.tag("/span");
                    break;
                }
            case "tweet":
            case "twitter":
                if (macro.getUrl() != null) {
                    open(macro, "a", "class", "tweet", "href", macro.getUrl());
                    html.text(macro.getUrl());
                    html.tag("/a");
                } else {
                    open(macro, "span", "class", "macro unknown", "data-macro", name);
                    html.text(macro.getArgumentText());
                    html.tag("/span");
                }
                break;
            case "cloze":
                // as Logseq shows it: "(cue)" or "[...]" until clicked, then "[answer]";
                // cloze.js hides the answer, which shows without script
                open(macro, "span", "class", "cloze");
                html.tag("span", Map.of("class", "cloze-cue"));
                String cue = macro.getCue();
                html.text(cue == null || cue.isBlank() ? "[...]" : "(" + cue + ")");
                html.tag("/span");
                html.tag("span", Map.of("class", "cloze-answer"));
                html.text("[");
                children(macro);
                html.text("]");
                html.tag("/span");
                html.tag("/span");
                break;
            case "renderer":
            case "function":
                open(macro, "span", "class", "macro inert", "data-macro", name);
                html.tag("/span");
                break;
            default:
                open(macro, "span", "class", "macro", "data-macro", name);
                children(macro);
                html.tag("/span");
                break;
        }
    }

    private void query(Query query) {
        html.line();
        open(query, "div", "class", "query");
        html.tag("div", Map.of("class", "query-title"));
        html.tag("code");
        html.text(query.getText());
        html.tag("/code");
        html.tag("/div");
        if (query.getFirstChild() != null) {
            children(query);
        } else {
            html.tag("p", Map.of("class", "query-empty"));
            html.text("No matched blocks");
            html.tag("/p");
        }
        html.tag("/div");
        html.line();
    }

    private void advancedQuery(AdvancedQuery query) {
        if (AdvancedQueryHtml.isEvaluated(query)) {
            new AdvancedQueryHtml(context).render(query);
            return;
        }
        // Not evaluated (a parser used without HtmlPageRenderer): the query as written.
        html.line();
        open(query, "pre", "class", "advanced-query");
        html.tag("code", Map.of("class", "language-clojure"));
        html.text(query.getLiteral());
        html.tag("/code");
        html.tag("/pre");
        html.line();
    }

    private void admonition(Admonition a) {
        html.line();
        String type = a.getType();
        String cls;
        if (ADMONITIONS.contains(type)) {
            cls = "admonition admonition-" + type;
        } else {
            cls = "org-block org-" + type.replaceAll("[^a-z0-9-]", "");
        }
        open(a, "div", "class", cls);
        if (ADMONITIONS.contains(type)) {
            html.tag("div", Map.of("class", "admonition-title"));
            html.text(type.substring(0, 1).toUpperCase(Locale.ROOT) + type.substring(1));
            html.tag("/div");
        }
        html.line();
        children(a);
        html.tag("/div");
        html.line();
    }

    private void planning(Planning p) {
        html.line();
        String kind = p.getKind().toLowerCase(Locale.ROOT);
        open(p, "div", "class", "planning " + kind);
        html.text(p.getKind() + ": ");
        Map<String, String> attrs = new LinkedHashMap<>();
        if (p.getIsoDate() != null) {
            attrs.put("datetime", p.getIsoDate());
        }
        html.tag("time", attrs);
        html.text(p.getTimestamp());
        html.tag("/time");
        html.tag("/div");
        html.line();
    }

    private void open(Node node, String tag, String... kv) {
        html.tag(tag, context.extendAttributes(node, tag, attrs(kv)));
    }

    private static Map<String, String> attrs(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put(kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    private void children(Node parent) {
        Node node = parent.getFirstChild();
        while (node != null) {
            Node next = node.getNext();
            context.render(node);
            node = next;
        }
    }
}
