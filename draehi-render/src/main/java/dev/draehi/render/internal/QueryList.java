package dev.draehi.render.internal;

import dev.draehi.render.node.PageRef;
import dev.draehi.render.node.Query;
import dev.draehi.render.node.TaskMarker;
import java.util.Locale;
import java.util.function.Consumer;
import org.commonmark.node.BulletList;
import org.commonmark.node.Heading;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/** The result list of a simple query ({@code {{query …}}}). */
final class QueryList {
    static final int MAX_RESULTS = 100;

    private QueryList() {}

    /**
     * Fills a simple query with its results, at most {@value #MAX_RESULTS}: each hit's page, and
     * the block's content parsed with {@code parser} and resolved by {@code resolve}.
     */
    static void fill(Query q, RenderSession s, Parser parser, Consumer<Node> resolve) {
        // A query reads the whole graph: graph() records as much.
        QueryEngine.Result result = QueryEngine.run(q.getText(), s.context.graph());
        q.setResultCount(result.hits().size());
        if (result.hits().isEmpty()) {
            return;
        }
        BulletList list = new BulletList();
        list.setTight(true);
        int shown = 0;
        for (QueryEngine.Hit hit : result.hits()) {
            if (shown++ >= MAX_RESULTS) {
                break;
            }
            ListItem item = new ListItem();
            Paragraph para = new Paragraph();
            PageRef page = new PageRef(hit.page().name());
            page.setUrl(s.pageUrl(hit.page().name()));
            para.appendChild(page);
            if (hit.block() != null) {
                para.appendChild(new Text(": "));
                Paragraph content = new Paragraph();
                if (hit.block().marker() != null) {
                    content.appendChild(
                            new TaskMarker(hit.block().marker().toUpperCase(Locale.ROOT)));
                    content.appendChild(new Text(" "));
                }
                Node doc = parser.parse(RenderEngine.markdownOf(hit.block()));
                Node first = doc.getFirstChild();
                if (first instanceof Paragraph || first instanceof Heading) {
                    Node c = first.getFirstChild();
                    while (c != null) {
                        Node next = c.getNext();
                        content.appendChild(c);
                        c = next;
                    }
                }
                resolve.accept(content);
                Node c = content.getFirstChild();
                while (c != null) {
                    Node next = c.getNext();
                    para.appendChild(c);
                    c = next;
                }
            }
            item.appendChild(para);
            list.appendChild(item);
        }
        q.appendChild(list);
    }
}
