package dev.draehi.render.internal.datalog;

import dev.draehi.render.node.AdvancedQuery;
import java.util.LinkedHashMap;
import java.util.Map;
import org.commonmark.node.Node;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * The HTML of an evaluated advanced query: {@code div.advanced-query} (or, for {@code :collapsed?
 * true}, {@code details.advanced-query}) with a {@code .query-title}, then notes ({@code
 * p.query-note}), blocks grouped by page ({@code div.query-group} with {@code div.query-page} and
 * {@code ul.query-blocks} of {@code li.query-block}), a {@code table.query-table}, values in {@code
 * pre.query-data}, or {@code p.query-empty}. Text is escaped by {@link HtmlWriter}; a hiccup title
 * is HTML that {@code Hiccup} escaped, sanitized with the rest of the block.
 */
public final class AdvancedQueryHtml {
    private final HtmlNodeRendererContext context;
    private final HtmlWriter html;

    public AdvancedQueryHtml(HtmlNodeRendererContext context) {
        this.context = context;
        this.html = context.getWriter();
    }

    /** True when the query was evaluated (it holds its view). */
    public static boolean isEvaluated(AdvancedQuery query) {
        return query.getFirstChild() instanceof ResultNodes.View;
    }

    public void render(AdvancedQuery query) {
        ResultNodes.View view = (ResultNodes.View) query.getFirstChild();
        String tag = view.collapsed ? "details" : "div";
        html.line();
        html.tag(tag, context.extendAttributes(query, tag, attrs("class", "advanced-query")));
        if (view.collapsed) {
            html.tag("summary", attrs("class", "query-title"));
            title(view, "Query results");
            html.tag("/summary");
        } else if (view.title != null || view.titleHtml != null) {
            html.tag("div", attrs("class", "query-title"));
            title(view, "");
            html.tag("/div");
        }
        for (Node n = view.getFirstChild(); n != null; n = n.getNext()) {
            part(n);
        }
        html.tag("/" + tag);
        html.line();
    }

    private void title(ResultNodes.View view, String otherwise) {
        if (view.titleHtml != null) {
            html.raw(view.titleHtml);
        } else {
            html.text(view.title != null ? view.title : otherwise);
        }
    }

    private void part(Node n) {
        if (n instanceof ResultNodes.Note note) {
            html.tag("p", attrs("class", "query-note " + note.kind));
            html.text(note.text);
            html.tag("/p");
        } else if (n instanceof ResultNodes.Group) {
            html.tag("div", attrs("class", "query-group"));
            for (Node c = n.getFirstChild(); c != null; c = c.getNext()) {
                if (c instanceof ResultNodes.Items) {
                    part(c);
                } else {
                    html.tag("div", attrs("class", "query-page"));
                    context.render(c);
                    html.tag("/div");
                }
            }
            html.tag("/div");
        } else if (n instanceof ResultNodes.Items) {
            html.tag("ul", attrs("class", "query-blocks"));
            for (Node c = n.getFirstChild(); c != null; c = c.getNext()) {
                item(c);
            }
            html.tag("/ul");
        } else if (n instanceof ResultNodes.Table t) {
            table(t);
        } else if (n instanceof ResultNodes.Data d) {
            html.tag("pre", attrs("class", "query-data"));
            html.tag("code");
            html.text(d.text);
            html.tag("/code");
            html.tag("/pre");
        } else if (n instanceof ResultNodes.Empty) {
            html.tag("p", attrs("class", "query-empty"));
            html.text("No results");
            html.tag("/p");
        }
        html.line();
    }

    private void item(Node item) {
        html.tag("li", attrs("class", "query-block"));
        for (Node c = item.getFirstChild(); c != null; c = c.getNext()) {
            if (c instanceof ResultNodes.Crumbs) {
                html.tag("div", attrs("class", "query-breadcrumb"));
                children(c);
                html.tag("/div");
            } else if (c instanceof ResultNodes.Content) {
                html.tag("div", attrs("class", "query-block-content"));
                children(c);
                html.tag("/div");
            } else {
                part(c);
            }
        }
        html.tag("/li");
    }

    private void table(ResultNodes.Table t) {
        html.tag("table", attrs("class", "query-table"));
        html.tag("thead");
        html.tag("tr");
        for (String column : t.columns) {
            html.tag("th");
            html.text(column);
            html.tag("/th");
        }
        html.tag("/tr");
        html.tag("/thead");
        html.tag("tbody");
        for (Node row = t.getFirstChild(); row != null; row = row.getNext()) {
            html.tag("tr");
            for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                html.tag("td");
                children(cell);
                html.tag("/td");
            }
            html.tag("/tr");
        }
        html.tag("/tbody");
        html.tag("/table");
    }

    private void children(Node parent) {
        Node n = parent.getFirstChild();
        while (n != null) {
            Node next = n.getNext();
            context.render(n);
            n = next;
        }
    }

    private static Map<String, String> attrs(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
    }
}
