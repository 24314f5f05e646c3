package dev.draehi.render.internal.datalog;

import dev.draehi.edn.EdnReader;
import dev.draehi.edn.EdnReader.Keyword;
import dev.draehi.edn.EdnReader.Seq;
import dev.draehi.model.Block;
import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import dev.draehi.render.internal.Hiccup;
import dev.draehi.render.node.AdvancedQuery;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.Node;

/**
 * Logseq's advanced queries ({@code #+BEGIN_QUERY {:title … :query [:find …]} #+END_QUERY}),
 * evaluated when the page is rendered: the query map is read as EDN, a Datalog {@code :query} runs
 * on the graph's {@link Facts} (a simple-query {@code :query} is turned into Datalog first), and
 * the results are put under the {@link AdvancedQuery} node: blocks grouped by page, or a table of
 * pages. A query that cannot run, or runs out of its budget, shows why instead; its custom {@code
 * :view} and {@code :result-transform} are code and are not run.
 */
public final class AdvancedQueries {
    /** The most results shown; as many as a simple query shows. */
    static final int MAX_RESULTS = 100;

    static final long MAX_STEPS = 1_000_000;
    static final long MAX_MILLIS = 5_000;

    private AdvancedQueries() {}

    /**
     * Where a query is rendered.
     *
     * @param page the page that holds the query
     * @param block the block that holds it, or null
     * @param now the moment of the sync, in the zone that decides what "today" is
     */
    public record Scope(Graph graph, Page page, Block block, ZonedDateTime now) {}

    /** What showing results needs from the renderer. */
    public interface Content {
        /** A block's rendered content, as a node whose children are taken. */
        Node block(Block block, Page page);

        /**
         * Inline Markdown, rendered with its references resolved, as a node whose children are
         * taken.
         */
        Node inline(String markdown);

        /** A page's URL, or null. */
        String pageUrl(String name);
    }

    /** Runs the query of {@code node} and puts what it shows under it. Never throws. */
    public static void render(AdvancedQuery node, Scope scope, Content content) {
        Options options;
        try {
            options = Options.read(node.getLiteral());
        } catch (QueryNotRunException e) {
            ResultNodes.View view = new ResultNodes.View(null, null, false);
            view.appendChild(
                    new ResultNodes.Note("query-not-run", "query not run: " + e.getMessage()));
            node.appendChild(view);
            return;
        }
        ResultNodes.View view = options.view();
        node.appendChild(view);
        if (options.hasCode()) {
            view.appendChild(
                    new ResultNodes.Note(
                            "query-custom-view",
                            "The custom view of this query (:view or :result-transform) is code and"
                                    + " is not shown; these are its results."));
        }
        Outcome outcome;
        try {
            outcome = evaluate(options, scope);
        } catch (QueryStoppedException e) {
            view.appendChild(
                    new ResultNodes.Note("query-stopped", "query stopped: " + e.getMessage()));
            return;
        } catch (QueryNotRunException e) {
            view.appendChild(
                    new ResultNodes.Note("query-not-run", "query not run: " + e.getMessage()));
            return;
        } catch (RuntimeException | StackOverflowError e) {
            view.appendChild(
                    new ResultNodes.Note(
                            "query-not-run",
                            "query not run: it failed (" + e.getClass().getSimpleName() + ")"));
            return;
        }
        new ResultView(options, scope, content, outcome.facts()).build(view, outcome);
    }

    /** A query map read from EDN (as config.edn's {@code :default-queries}), printed back. */
    public static String literal(Object queryMap) {
        return EdnText.print(queryMap);
    }

    /** A query inside the results of another query: not run, so that queries cannot nest. */
    public static void renderNested(AdvancedQuery node) {
        ResultNodes.View view = new ResultNodes.View(null, null, false);
        view.appendChild(
                new ResultNodes.Note(
                        "query-nested", "A query inside the results of a query is not run."));
        node.appendChild(view);
    }

    /**
     * What a query found: entities (pages and blocks, published, in graph order) or other values.
     */
    record Outcome(
            Facts facts,
            List<Integer> pages,
            List<Integer> blocks,
            List<List<Object>> data,
            DatalogQuery.Shape shape,
            String sortBy,
            Boolean sortDesc,
            int sample) {}

    static Outcome evaluate(Options options, Scope scope) {
        Facts facts = Facts.of(scope.graph());
        Budget budget = new Budget(MAX_STEPS, MAX_MILLIS);
        int blockEid = scope.block() == null ? -1 : facts.eidOf(scope.block());
        if (isDatalog(options.query())) {
            Inputs.Place place = new Inputs.Place(facts.eidOf(scope.page()), blockEid, scope.now());
            List<Object> inputs = new ArrayList<>();
            for (Object in : options.inputs()) {
                inputs.add(Inputs.resolve(in, place, facts));
            }
            List<Rule> rules =
                    options.rules() == null ? List.of() : QueryParser.rules(options.rules());
            QueryRun.Found found =
                    QueryRun.run(QueryParser.query(options.query()), inputs, rules, facts, budget);
            return outcome(found, facts, blockEid, null);
        }
        DslQuery.Translation t =
                DslQuery.translate(simpleQuery(options.query()), facts, scope.now().toLocalDate());
        DatalogQuery pullAll =
                new DatalogQuery(
                        new DatalogQuery.Find(
                                DatalogQuery.Shape.RELATION,
                                List.of(
                                        new DatalogQuery.Element.Pull(
                                                t.pages() ? "?p" : "?b",
                                                List.of(new EdnReader.Symbol(null, "*"))))),
                        List.of(),
                        t.where(),
                        List.of());
        return outcome(
                QueryRun.run(pullAll, List.of(), List.of(), facts, budget), facts, blockEid, t);
    }

    /** A simple query's form: a list, a page ref, or text (read as a query when it is one). */
    private static Object simpleQuery(Object q) {
        if (!(q instanceof String s)) {
            return q;
        }
        String text = s.strip();
        if (text.isEmpty()) {
            throw new QueryNotRunException("the query is empty");
        }
        return text.startsWith("(") || text.startsWith("[[") ? DslQuery.read(text) : text;
    }

    /** The pages and blocks found, published, without the query's own block; or the values. */
    private static Outcome outcome(
            QueryRun.Found found, Facts facts, int blockEid, DslQuery.Translation simple) {
        if (found.entities() == null) {
            return new Outcome(
                    facts, List.of(), List.of(), found.rows(), found.shape(), null, null, 0);
        }
        Set<Integer> pages = new LinkedHashSet<>();
        List<Integer> blocks = new ArrayList<>();
        for (Eid e : found.entities()) {
            int id = e.id();
            if (id == blockEid) {
                continue; // a query does not find itself, as in Logseq
            }
            Object thing = facts.thing(id);
            if (thing instanceof Facts.Stub s) {
                if (s.aliasOf() >= 0) {
                    pages.add(id); // an alias of a published page: shown by its own name
                }
                // else: a name no published page answers to; nothing of it is shown
            } else if (thing instanceof Page) {
                pages.add(id);
            } else if (facts.isBlock(id)) {
                blocks.add(id);
            }
        }
        String sortBy = simple == null ? null : simple.sortBy();
        return new Outcome(
                facts,
                new ArrayList<>(pages),
                blocks,
                null,
                found.shape(),
                sortBy,
                sortBy == null ? null : simple.sortDesc(),
                simple == null ? 0 : simple.sample());
    }

    private static boolean isDatalog(Object q) {
        if (q instanceof Map<?, ?> m) {
            return m.containsKey(new Keyword(null, "find"));
        }
        return q instanceof List<?> l
                && !(q instanceof Seq)
                && !l.isEmpty()
                && new Keyword(null, "find").equals(l.get(0));
    }

    /** The query map's keys, and the query block's {@code query-…} properties. */
    record Options(
            Object query,
            List<Object> inputs,
            Object rules,
            Object title,
            boolean collapsed,
            boolean hasCode,
            boolean groupByPage,
            boolean removeChildren,
            boolean breadcrumbs) {

        static Options read(String literal) {
            Object form;
            try {
                form = EdnReader.readFirst(literal);
            } catch (EdnReader.EdnException e) {
                throw new QueryNotRunException("the query cannot be read: " + e.getMessage());
            }
            if (!(form instanceof Map<?, ?> m)) {
                throw new QueryNotRunException(
                        form == null
                                ? "the query block is empty"
                                : "an advanced query is a map such as {:query [:find …]}");
            }
            Object query = m.get(kw("query"));
            if (query == null) {
                throw new QueryNotRunException("the query map has no :query");
            }
            Object inputs = m.get(kw("inputs"));
            if (inputs != null && !(inputs instanceof List<?>)) {
                throw new QueryNotRunException(":inputs is a vector");
            }
            return new Options(
                    query,
                    inputs == null ? List.of() : new ArrayList<>((List<?>) inputs),
                    m.get(kw("rules")),
                    m.get(kw("title")),
                    Functions.truthy(m.get(kw("collapsed?"))),
                    m.containsKey(kw("view")) || m.containsKey(kw("result-transform")),
                    flag(m, "group-by-page?"),
                    flag(m, "remove-block-children?"),
                    flag(m, "breadcrumb-show?"));
        }

        private static boolean flag(Map<?, ?> m, String key) {
            Object v = m.get(kw(key));
            return v == null || Functions.truthy(v);
        }

        private static Keyword kw(String name) {
            return new Keyword(null, name);
        }

        ResultNodes.View view() {
            String text = null;
            String html = null;
            if (title instanceof String s) {
                text = s;
            } else if (title instanceof List<?> l && !(title instanceof Seq)) {
                String edn = EdnText.print(l);
                html = Hiccup.toHtml(edn).orElse(null);
                if (html == null) {
                    text = edn;
                }
            } else if (title != null) {
                text = EdnText.str(title);
            }
            return new ResultNodes.View(text, html, collapsed);
        }
    }
}
