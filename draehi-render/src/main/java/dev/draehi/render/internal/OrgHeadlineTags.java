package dev.draehi.render.internal;

import dev.draehi.model.Block;
import dev.draehi.model.LogseqTags;
import dev.draehi.render.node.Tag;
import java.util.List;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;

/**
 * An Org headline's tags ({@code * Heading :a:b:}): cut from its title, and shown at the end of the
 * title's line as tags, the way Logseq shows them.
 */
final class OrgHeadlineTags {
    private OrgHeadlineTags() {}

    /**
     * The tags of the headline that starts Org block {@code b}: those its first line ends with,
     * when the graph reader recorded them as the block's tags (it does for headlines, not for the
     * text before a page's first headline, whose {@code :a:} is text).
     */
    static List<String> of(Block b) {
        if (b.format() != Block.Format.ORG) {
            return List.of();
        }
        List<String> tags = LogseqTags.orgHeadlineTags(firstLine(b.content()));
        for (String t : tags) {
            if (!b.refs().contains(Block.Ref.tag(t))) {
                return List.of();
            }
        }
        return tags;
    }

    /** The content of Org block {@code b} with its headline's tags cut off. */
    static String strip(Block b, String content) {
        if (of(b).isEmpty()) {
            return content;
        }
        String first = firstLine(content);
        int start = LogseqTags.orgHeadlineTagsStart(first);
        return start < 0 ? content : first.substring(0, start) + content.substring(first.length());
    }

    /** Appends {@code tags} to the first line of {@code doc}'s first paragraph or heading. */
    static void show(Node doc, List<String> tags) {
        Node first = doc.getFirstChild();
        Node line;
        if (first instanceof Paragraph || first instanceof Heading) {
            line = first;
        } else {
            line = new Paragraph();
            doc.prependChild(line);
        }
        Node before = line.getFirstChild();
        while (before != null
                && !(before instanceof SoftLineBreak || before instanceof HardLineBreak)) {
            before = before.getNext();
        }
        boolean space = line.getFirstChild() != null && line.getFirstChild() != before;
        for (String tag : tags) {
            if (space) {
                insert(line, before, new Text(" "));
            }
            insert(line, before, new Tag(tag));
            space = true;
        }
    }

    private static void insert(Node parent, Node before, Node node) {
        if (before == null) {
            parent.appendChild(node);
        } else {
            before.insertBefore(node);
        }
    }

    private static String firstLine(String content) {
        int nl = content.indexOf('\n');
        return nl < 0 ? content : content.substring(0, nl);
    }
}
