package dev.draehi.render.internal.datalog;

import dev.draehi.edn.EdnReader;
import dev.draehi.edn.EdnReader.Keyword;
import dev.draehi.model.Block;
import dev.draehi.model.BuiltInProperties;
import dev.draehi.model.Page;
import dev.draehi.render.node.PageRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.Node;
import org.commonmark.node.Text;

/**
 * Puts a query's results under its view as Logseq shows them: blocks grouped by page, each with its
 * children and where it sits; pages, or blocks with {@code query-table:: true}, as a table whose
 * columns {@code query-properties::} chooses and {@code query-sort-by::} sorts.
 */
final class ResultView {
    /** The most blocks shown in one query's results, children included. */
    private static final int MAX_BLOCKS = 300;

    private static final int MAX_CRUMBS = 8;

    private final AdvancedQueries.Options options;
    private final AdvancedQueries.Scope scope;
    private final AdvancedQueries.Content content;
    private final Facts facts;
    private final Map<String, String> blockProperties;
    private int shownBlocks;

    ResultView(
            AdvancedQueries.Options options,
            AdvancedQueries.Scope scope,
            AdvancedQueries.Content content,
            Facts facts) {
        this.options = options;
        this.scope = scope;
        this.content = content;
        this.facts = facts;
        this.blockProperties = scope.block() == null ? Map.of() : scope.block().properties();
    }

    void build(ResultNodes.View view, AdvancedQueries.Outcome o) {
        if (o.data() != null) {
            data(view, o);
            return;
        }
        if (o.pages().isEmpty() && o.blocks().isEmpty()) {
            view.appendChild(new ResultNodes.Empty());
            return;
        }
        String sortBy = property("query-sort-by");
        Boolean desc = null;
        if (sortBy != null) {
            sortBy = sortBy.toLowerCase(Locale.ROOT);
            String d = property("query-sort-desc");
            desc = d == null || !d.equalsIgnoreCase("false");
        } else if (o.sortBy() != null) {
            sortBy = o.sortBy();
            desc = o.sortDesc();
        }
        List<String> columns = queryProperties();
        if (!o.pages().isEmpty()) {
            List<Integer> pages = new ArrayList<>();
            for (int p : o.pages()) {
                if (!properties(p).containsKey("template")) {
                    pages.add(p);
                }
            }
            sort(pages, sortBy == null ? "page" : sortBy, sortBy == null ? false : desc);
            pages = sample(pages, o.sample());
            table(
                    view,
                    cap(view, pages),
                    columns != null ? columns : defaultColumns(pages, "page"));
        }
        if (!o.blocks().isEmpty()) {
            List<Integer> blocks = topLevel(o.blocks());
            blocks.sort(Comparator.comparing(this::groupKey).thenComparing(e -> e));
            if (sortBy != null) {
                sort(blocks, sortBy, desc);
            }
            blocks = sample(blocks, o.sample());
            if ("true".equalsIgnoreCase(property("query-table"))) {
                table(
                        view,
                        cap(view, blocks),
                        columns != null ? columns : defaultColumns(blocks, "block"));
            } else {
                blocks(view, cap(view, blocks));
            }
        }
    }

    private String property(String key) {
        String v = blockProperties.get(key);
        return v == null || v.isBlank() ? null : v.strip();
    }

    // ---------------------------------------------------------------- blocks

    /** Without the blocks whose parent is a result too (they show under it), as Logseq does. */
    private List<Integer> topLevel(List<Integer> blocks) {
        if (!options.removeChildren()) {
            return new ArrayList<>(blocks);
        }
        Set<Integer> all = new HashSet<>(blocks);
        List<Integer> out = new ArrayList<>();
        for (int b : blocks) {
            if (!all.contains(facts.parentOf(b))) {
                out.add(b);
            }
        }
        return out;
    }

    /** Journals newest first, then the other pages by name. */
    private String groupKey(int block) {
        Page p = (Page) facts.thing(facts.pageOf(block));
        if (p.journalDay() != null) {
            return "0" + (99_999_999 - p.journalDay());
        }
        return "1" + p.identity();
    }

    private void blocks(ResultNodes.View view, List<Integer> blocks) {
        if (!options.groupByPage()) {
            ResultNodes.Items items = new ResultNodes.Items();
            for (int b : blocks) {
                items.appendChild(item(b, true));
            }
            view.appendChild(items);
            return;
        }
        Map<Integer, List<Integer>> byPage = new LinkedHashMap<>();
        for (int b : blocks) {
            byPage.computeIfAbsent(facts.pageOf(b), k -> new ArrayList<>()).add(b);
        }
        for (Map.Entry<Integer, List<Integer>> e : byPage.entrySet()) {
            Page page = (Page) facts.thing(e.getKey());
            ResultNodes.Group group = new ResultNodes.Group();
            group.appendChild(pageRef(page.name()));
            ResultNodes.Items items = new ResultNodes.Items();
            for (int b : e.getValue()) {
                items.appendChild(item(b, false));
            }
            group.appendChild(items);
            view.appendChild(group);
        }
    }

    private ResultNodes.Item item(int e, boolean withPage) {
        ResultNodes.Item item = childItem(e);
        if (options.breadcrumbs() || withPage) {
            ResultNodes.Crumbs crumbs = crumbs(e, (Page) facts.thing(facts.pageOf(e)), withPage);
            if (crumbs != null) {
                item.prependChild(crumbs);
            }
        }
        return item;
    }

    /** A block shown: its content and its children, as many as the budget allows. */
    private ResultNodes.Item childItem(int e) {
        ResultNodes.Item item = new ResultNodes.Item();
        shownBlocks++;
        Block block = block(e);
        Page page = (Page) facts.thing(facts.pageOf(e));
        ResultNodes.Content c = new ResultNodes.Content();
        move(content.block(block, page), c);
        item.appendChild(c);
        if (!block.collapsed() && !block.children().isEmpty() && shownBlocks < MAX_BLOCKS) {
            ResultNodes.Items children = new ResultNodes.Items();
            for (Block child : block.children()) {
                if (shownBlocks >= MAX_BLOCKS) {
                    break;
                }
                children.appendChild(childItem(facts.eidOf(child)));
            }
            item.appendChild(children);
        }
        return item;
    }

    /** The block of an entity; a page's properties as a block without text for its pre-block. */
    private Block block(int e) {
        Object t = facts.thing(e);
        if (t instanceof Block b) {
            return b;
        }
        Page p = ((Facts.PreBlock) t).page();
        return Block.of("").withProperties(p.properties()).withLine(1).withFormat(p.format());
    }

    /** The page (when asked) and the parents of a block, each as a link or its first line. */
    private ResultNodes.Crumbs crumbs(int e, Page page, boolean withPage) {
        List<Integer> parents = new ArrayList<>();
        for (int p = facts.parentOf(e); p >= 0 && facts.isBlock(p); p = facts.parentOf(p)) {
            parents.add(0, p);
        }
        if (parents.isEmpty() && !withPage) {
            return null;
        }
        ResultNodes.Crumbs crumbs = new ResultNodes.Crumbs();
        boolean first = true;
        if (withPage) {
            crumbs.appendChild(pageRef(page.name()));
            first = false;
        }
        int from = Math.max(0, parents.size() - MAX_CRUMBS);
        for (int i = from; i < parents.size(); i++) {
            if (!first) {
                crumbs.appendChild(new Text(" \u203a "));
            }
            first = false;
            move(content.inline(firstLine(parents.get(i))), crumbs);
        }
        return crumbs;
    }

    private String firstLine(int e) {
        Object t = facts.thing(e);
        if (!(t instanceof Block b)) {
            return "";
        }
        String text = b.content().strip();
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    // ---------------------------------------------------------------- tables

    private List<String> queryProperties() {
        String raw = property("query-properties");
        if (raw == null) {
            return null;
        }
        try {
            Object form = EdnReader.readFirst(raw);
            if (form instanceof List<?> l && !l.isEmpty()) {
                List<String> out = new ArrayList<>();
                for (Object o : l) {
                    if (o instanceof Keyword k) {
                        out.add(k.name().toLowerCase(Locale.ROOT));
                    }
                }
                return out.isEmpty() ? null : out;
            }
        } catch (EdnReader.EdnException e) {
            // the default columns, as Logseq falls back to
        }
        return null;
    }

    /** The first column, then every shown property the results have, in order of appearance. */
    private List<String> defaultColumns(List<Integer> rows, String first) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        out.add(first);
        for (int e : rows) {
            for (String k : properties(e).keySet()) {
                if (!BuiltInProperties.isHidden(k) && !k.equals("template")) {
                    out.add(k);
                }
            }
        }
        return new ArrayList<>(out);
    }

    private Map<String, String> properties(int e) {
        Object t = facts.thing(e);
        if (t instanceof Page p) {
            return p.properties();
        }
        if (t instanceof Block b) {
            return b.properties();
        }
        if (t instanceof Facts.PreBlock pre) {
            return pre.page().properties();
        }
        return Map.of();
    }

    private void table(ResultNodes.View view, List<Integer> rows, List<String> columns) {
        ResultNodes.Table table = new ResultNodes.Table(columns);
        for (int e : rows) {
            ResultNodes.Row row = new ResultNodes.Row();
            for (String column : columns) {
                ResultNodes.Cell cell = new ResultNodes.Cell();
                cell(e, column, cell);
                row.appendChild(cell);
            }
            table.appendChild(row);
        }
        view.appendChild(table);
    }

    private void cell(int e, String column, ResultNodes.Cell cell) {
        boolean page = facts.isPage(e);
        switch (column) {
            case "page":
                cell.appendChild(pageRef(pageName(e)));
                return;
            case "block":
                if (!page) {
                    move(content.inline(firstLine(e)), cell);
                }
                return;
            default:
                break;
        }
        String raw = properties(e).get(column);
        if (raw == null || raw.isBlank()) {
            return;
        }
        raw = raw.strip();
        if (facts.rules().isSeparatedByCommas(column)) {
            boolean first = true;
            for (String name : dev.draehi.model.PropertyRules.commaSeparatedNames(raw)) {
                if (!first) {
                    cell.appendChild(new Text(", "));
                }
                first = false;
                cell.appendChild(pageRef(name));
            }
            return;
        }
        if (raw.indexOf('[') < 0 && raw.indexOf('#') < 0 && publishedPage(raw)) {
            cell.appendChild(pageRef(raw));
            return;
        }
        move(content.inline(raw), cell);
    }

    private boolean publishedPage(String name) {
        int e = facts.byName(name);
        return e >= 0 && facts.thing(e) instanceof Page;
    }

    /** The name of a page entity (a page or an alias), or of a block's page. */
    private String pageName(int e) {
        Object t = facts.thing(e);
        if (t instanceof Page p) {
            return p.name();
        }
        if (t instanceof Facts.Stub s) {
            return s.name();
        }
        return ((Page) facts.thing(facts.pageOf(e))).name();
    }

    private PageRef pageRef(String name) {
        PageRef ref = new PageRef(name);
        ref.setUrl(content.pageUrl(name));
        return ref;
    }

    // ---------------------------------------------------------------- order and size

    /** Sorts by a column: page name, block text or a property; missing values last. */
    private void sort(List<Integer> rows, String column, Boolean desc) {
        boolean down = desc != null && desc;
        Comparator<Integer> byValue =
                (a, b) -> {
                    String x = sortValue(a, column);
                    String y = sortValue(b, column);
                    if (x == null || y == null) {
                        return x == null ? (y == null ? 0 : 1) : -1;
                    }
                    int c = compareText(x, y);
                    return down ? -c : c;
                };
        rows.sort(byValue);
    }

    private String sortValue(int e, String column) {
        switch (column) {
            case "page":
                return pageName(e).toLowerCase(Locale.ROOT);
            case "block":
                return facts.thing(e) instanceof Block b ? Facts.content(b) : null;
            default:
                String v = properties(e).get(column);
                return v == null || v.isBlank() ? null : v.strip();
        }
    }

    private static int compareText(String x, String y) {
        try {
            return Double.compare(Double.parseDouble(x), Double.parseDouble(y));
        } catch (NumberFormatException e) {
            return x.compareToIgnoreCase(y);
        }
    }

    private static List<Integer> sample(List<Integer> rows, int n) {
        return n > 0 && rows.size() > n ? new ArrayList<>(rows.subList(0, n)) : rows;
    }

    private static List<Integer> cap(ResultNodes.View view, List<Integer> rows) {
        if (rows.size() <= AdvancedQueries.MAX_RESULTS) {
            return rows;
        }
        view.appendChild(more(rows.size()));
        return rows.subList(0, AdvancedQueries.MAX_RESULTS);
    }

    private static ResultNodes.Note more(int total) {
        return new ResultNodes.Note(
                "query-more",
                "Showing the first " + AdvancedQueries.MAX_RESULTS + " of " + total + " results.");
    }

    // ---------------------------------------------------------------- other values

    private void data(ResultNodes.View view, AdvancedQueries.Outcome o) {
        List<List<Object>> rows = o.data();
        if (rows.isEmpty()) {
            view.appendChild(new ResultNodes.Empty());
            return;
        }
        StringBuilder sb = new StringBuilder();
        switch (o.shape()) {
            case SCALAR:
                sb.append(EdnText.str(rows.get(0).get(0)));
                break;
            case TUPLE:
                sb.append(EdnText.print(rows.get(0)));
                break;
            default:
                if (rows.size() > AdvancedQueries.MAX_RESULTS) {
                    view.appendChild(more(rows.size()));
                }
                int n = 0;
                for (List<Object> row : rows) {
                    if (n++ >= AdvancedQueries.MAX_RESULTS) {
                        break;
                    }
                    sb.append(row.size() == 1 ? EdnText.str(row.get(0)) : EdnText.print(row))
                            .append('\n');
                }
                break;
        }
        view.appendChild(new ResultNodes.Data(sb.toString().strip()));
    }

    private static void move(Node from, Node to) {
        if (from == null) {
            return;
        }
        Node c = from.getFirstChild();
        while (c != null) {
            Node next = c.getNext();
            to.appendChild(c);
            c = next;
        }
    }
}
