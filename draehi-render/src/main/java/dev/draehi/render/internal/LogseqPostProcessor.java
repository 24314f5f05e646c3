package dev.draehi.render.internal;

import dev.draehi.render.BlockRef;
import dev.draehi.render.Embed;
import dev.draehi.render.PageRef;
import dev.draehi.render.Query;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.PostProcessor;

/**
 * Structural fixes after parsing: labelled references written as links become {@link PageRef} and
 * {@link BlockRef}; embeds, queries and namespace lists are lifted out of paragraphs.
 */
public final class LogseqPostProcessor implements PostProcessor {

    @Override
    public Node process(Node document) {
        List<Link> links = new ArrayList<>();
        List<Paragraph> paragraphs = new ArrayList<>();
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
                        visitChildren(customBlock);
                    }

                    @Override
                    public void visit(CustomNode customNode) {
                        visitChildren(customNode);
                    }
                });
        for (Link link : links) {
            convertLink(link);
        }
        for (Paragraph p : paragraphs) {
            lift(p);
        }
        return document;
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

    static boolean isLifted(Node n) {
        return n instanceof Embed || n instanceof Query || n instanceof dev.draehi.render.Namespace;
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
