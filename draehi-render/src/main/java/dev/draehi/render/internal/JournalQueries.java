package dev.draehi.render.internal;

import dev.draehi.model.Block;
import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import dev.draehi.render.internal.datalog.AdvancedQueries;
import dev.draehi.spi.RenderContext;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * The graph's {@code :default-queries :journals}: Logseq shows them under today's journal on the
 * journals page; draehi runs them at sync time with the newest published journal as the current
 * page, and the journals page shows them above the journals.
 */
final class JournalQueries {
    private static final Map<Graph, Integer> NEWEST =
            Collections.synchronizedMap(new WeakHashMap<>());

    private JournalQueries() {}

    /**
     * The queries' HTML when {@code page} is the newest published journal and the graph has default
     * queries; else empty. Finding the newest journal reads the whole graph, so only journals of a
     * graph with default queries are rendered again after any change.
     */
    static String html(Page page, RenderContext ctx, Function<Block, String> render) {
        List<Object> queries = ctx.config().journalQueries();
        if (queries.isEmpty() || !page.isJournal() || !ctx.config().journalsEnabled()) {
            return "";
        }
        Graph graph = ctx.graph();
        int newest = NEWEST.computeIfAbsent(graph, JournalQueries::newestJournal);
        if (page.journalDay() != newest) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (Object q : queries) {
            String literal = "#+BEGIN_QUERY\n" + AdvancedQueries.literal(q) + "\n#+END_QUERY";
            Block holder = Block.of(literal).withLine(1);
            sb.append(render.apply(holder));
        }
        return sb.toString();
    }

    private static int newestJournal(Graph graph) {
        int newest = Integer.MIN_VALUE;
        for (Page p : graph.publishedPages()) {
            if (p.isJournal()) {
                newest = Math.max(newest, p.journalDay());
            }
        }
        return newest;
    }
}
