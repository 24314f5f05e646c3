package dev.draehi.render.internal;

import dev.draehi.render.node.BlockRef;
import dev.draehi.render.node.Embed;
import dev.draehi.render.node.Footnote;
import dev.draehi.render.node.PageRef;
import dev.draehi.render.node.Query;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.commonmark.ext.footnotes.FootnoteDefinition;
import org.commonmark.ext.footnotes.FootnoteReference;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Heading;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.PostProcessor;

/**
 * Structural fixes after parsing: labelled references written as links become {@link PageRef} and
 * {@link BlockRef}; embeds, queries and namespace lists are lifted out of paragraphs; a footnote
 * definition in a block of its own becomes a {@link Footnote}.
 */
public final class LogseqPostProcessor implements PostProcessor {

    @Override
    public Node process(Node document) {
        placeBlocks(document);
        List<Link> links = new ArrayList<>();
        List<Paragraph> paragraphs = new ArrayList<>();
        List<FootnoteDefinition> footnotes = new ArrayList<>();
        Set<String> referenced = new HashSet<>();
        document.accept(
                new AbstractVisitor() {
                    @Override
                    public void visit(Link link) {
                        links.add(link);
                        visitChildren(link);
                    }

                    @Override
                    public void visit(Paragraph paragraph) {
                        for (Node c = paragraph.getFirstChild(); c != null; c = c.getNext()) {
                            if (isLifted(c)) {
                                paragraphs.add(paragraph);
                                break;
                            }
                        }
                        visitChildren(paragraph);
                    }

                    @Override
                    public void visit(CustomBlock customBlock) {
                        if (customBlock instanceof FootnoteDefinition) {
                            footnotes.add((FootnoteDefinition) customBlock);
                        }
                        visitChildren(customBlock);
                    }

                    @Override
                    public void visit(CustomNode customNode) {
                        if (customNode instanceof FootnoteReference) {
                            referenced.add(
                                    FootnoteLinkProcessor.key(
                                            ((FootnoteReference) customNode).getLabel()));
                        }
                        visitChildren(customNode);
                    }
                });
        for (Link link : links) {
            convertLink(link);
        }
        for (FootnoteDefinition d : footnotes) {
            if (!referenced.contains(FootnoteLinkProcessor.key(d.getLabel()))) {
                standalone(d);
            }
        }
        for (Paragraph p : paragraphs) {
            lift(p);
        }
        return document;
    }

    /**
     * Puts each {@link BlockPlaceholder}'s block where a block may stand: in place when its parent
     * is a paragraph or heading; after the outermost inline node around it when that node is
     * wrapped in emphasis, a highlight or link text (so {@code **{{embed [[p]]}}**} renders the
     * embed rather than failing); after the enclosing block otherwise (a table cell).
     */
    private static void placeBlocks(Node document) {
        List<BlockPlaceholder> found = new ArrayList<>();
        document.accept(
                new AbstractVisitor() {
                    @Override
                    public void visit(CustomBlock customBlock) {
                        visitChildren(customBlock);
                    }

                    @Override
                    public void visit(CustomNode customNode) {
                        if (customNode instanceof BlockPlaceholder) {
                            found.add((BlockPlaceholder) customNode);
                        }
                        visitChildren(customNode);
                    }
                });
        // Several blocks lifted past one node keep their order: each goes after the previous one.
        java.util.Map<Node, Node> lastPlaced = new java.util.IdentityHashMap<>();
        for (BlockPlaceholder ph : found) {
            Node outer = ph;
            Node parent = ph.getParent();
            while (parent != null && !(parent instanceof org.commonmark.node.Block)) {
                outer = parent;
                parent = parent.getParent();
            }
            Node anchor;
            if (parent == null) {
                ph.unlink();
                continue;
            } else if (outer == ph) {
                anchor = ph;
            } else if (parent instanceof Paragraph || parent instanceof Heading) {
                anchor = outer;
            } else if (parent.getParent() != null) {
                anchor = parent;
            } else {
                parent.appendChild(ph.block());
                ph.unlink();
                continue;
            }
            Node after = lastPlaced.getOrDefault(anchor, anchor);
            after.insertAfter(ph.block());
            lastPlaced.put(anchor, ph.block());
            ph.unlink();
        }
    }

    private static void convertLink(Link link) {
        String dest = link.getDestination();
        Node replacement;
        if (dest.startsWith(InlineMarker.PAGE_LINK_PREFIX)) {
            String name =
                    URLDecoder.decode(
                            dest.substring(InlineMarker.PAGE_LINK_PREFIX.length()),
                            StandardCharsets.UTF_8);
            replacement = new PageRef(name.strip());
        } else if (dest.startsWith(InlineMarker.BLOCK_LINK_PREFIX)) {
            String id = dest.substring(InlineMarker.BLOCK_LINK_PREFIX.length());
            if (!InlineMarker.isUuid(id)) {
                return;
            }
            replacement = new BlockRef(id.toLowerCase(Locale.ROOT), true);
        } else {
            return;
        }
        Node child = link.getFirstChild();
        while (child != null) {
            Node next = child.getNext();
            replacement.appendChild(child);
            child = next;
        }
        link.insertBefore(replacement);
        link.unlink();
    }

    /**
     * A definition that nothing in its block refers to (commonmark would drop it) becomes a {@link
     * Footnote}, shown where it stands.
     */
    private static void standalone(FootnoteDefinition definition) {
        Footnote footnote = new Footnote(definition.getLabel());
        Node child = definition.getFirstChild();
        while (child != null) {
            Node next = child.getNext();
            footnote.appendChild(child);
            child = next;
        }
        definition.insertBefore(footnote);
        definition.unlink();
    }

    static boolean isLifted(Node n) {
        return n instanceof Embed
                || n instanceof Query
                || n instanceof dev.draehi.render.node.Namespace;
    }

    /** Splits a paragraph around the block-level nodes it holds. */
    private static void lift(Paragraph p) {
        Node anchor = p;
        Paragraph current = new Paragraph();
        Node child = p.getFirstChild();
        while (child != null) {
            Node next = child.getNext();
            if (isLifted(child)) {
                anchor = flush(current, anchor);
                current = new Paragraph();
                child.unlink();
                anchor.insertAfter(child);
                anchor = child;
            } else {
                current.appendChild(child);
            }
            child = next;
        }
        flush(current, anchor);
        p.unlink();
    }

    private static Node flush(Paragraph para, Node anchor) {
        // Trim line breaks and blank text at both ends; drop the paragraph when nothing is left.
        while (para.getFirstChild() != null && isBlank(para.getFirstChild())) {
            para.getFirstChild().unlink();
        }
        while (para.getLastChild() != null && isBlank(para.getLastChild())) {
            para.getLastChild().unlink();
        }
        if (para.getFirstChild() == null) {
            return anchor;
        }
        anchor.insertAfter(para);
        return para;
    }

    private static boolean isBlank(Node n) {
        return n instanceof SoftLineBreak
                || n instanceof org.commonmark.node.HardLineBreak
                || (n instanceof Text && ((Text) n).getLiteral().isBlank());
    }
}
