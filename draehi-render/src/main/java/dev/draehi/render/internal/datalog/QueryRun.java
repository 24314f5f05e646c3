package dev.draehi.render.internal.datalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Runs one parsed Datalog query: binds its inputs, solves its clauses, computes its {@code :find}.
 */
final class QueryRun {
    private QueryRun() {}

    /**
     * What a query found.
     *
     * @param rows the result tuples, in a stable order (entities in graph order)
     * @param shape how {@code :find} shapes them
     * @param entities the entities, when {@code :find} is one pull; else null
     */
    record Found(List<List<Object>> rows, DatalogQuery.Shape shape, List<Eid> entities) {}

    static Found run(
            DatalogQuery q,
            List<Object> inputs,
            List<Rule> queryRules,
            Facts facts,
            Budget budget) {
        Map<String, List<Rule>> rules = new HashMap<>();
        List<Object> values = new ArrayList<>();
        int next = 0;
        List<DatalogQuery.In> positions = new ArrayList<>();
        for (DatalogQuery.In in : q.in()) {
            if (in instanceof DatalogQuery.In.Source) {
                continue;
            }
            if (in instanceof DatalogQuery.In.Rules) {
                if (next < inputs.size() && QueryParser.looksLikeRules(inputs.get(next))) {
                    addRules(rules, QueryParser.rules(inputs.get(next)));
                    next++;
                }
                continue;
            }
            if (next >= inputs.size()) {
                throw new QueryNotRunException(
                        "the query's :in names more inputs than its :inputs gives");
            }
            positions.add(in);
            values.add(inputs.get(next++));
        }
        addRules(rules, queryRules);
        Evaluator evaluator = new Evaluator(facts, rules, budget);
        List<Binding> rel = new ArrayList<>();
        rel.add(Binding.EMPTY);
        for (int i = 0; i < positions.size(); i++) {
            Bind bind = ((DatalogQuery.In.Value) positions.get(i)).bind();
            rel = evaluator.bindInput(bind, values.get(i), rel);
        }
        rel = evaluator.solve(q.where(), rel);
        return find(q, rel, evaluator, facts, budget);
    }

    private static void addRules(Map<String, List<Rule>> rules, List<Rule> more) {
        for (Rule r : more) {
            List<Rule> defs = rules.computeIfAbsent(r.name(), k -> new ArrayList<>());
            if (!defs.contains(r)) {
                defs.add(r);
            }
        }
    }

    private static Found find(
            DatalogQuery q, List<Binding> rel, Evaluator ev, Facts facts, Budget budget) {
        List<DatalogQuery.Element> elements = q.find().elements();
        boolean aggregate = false;
        for (DatalogQuery.Element el : elements) {
            if (el instanceof DatalogQuery.Element.Aggregate) {
                aggregate = true;
            }
        }
        // Set semantics over the find and :with variables, as Datascript returns a set.
        LinkedHashSet<List<Object>> distinct = new LinkedHashSet<>();
        for (Binding b : rel) {
            budget.step();
            List<Object> row = new ArrayList<>();
            for (DatalogQuery.Element el : elements) {
                if (el instanceof DatalogQuery.Element.Variable v) {
                    row.add(lookup(ev, b, v.name()));
                } else if (el instanceof DatalogQuery.Element.Pull p) {
                    row.add(lookup(ev, b, p.var()));
                } else {
                    List<Object> args = new ArrayList<>();
                    for (Term t : ((DatalogQuery.Element.Aggregate) el).args()) {
                        args.add(t instanceof Term.Var v ? lookup(ev, b, v.name()) : t);
                    }
                    row.add(args);
                }
            }
            for (String w : q.with()) {
                row.add(lookup(ev, b, w));
            }
            distinct.add(row);
        }
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> r : distinct) {
            rows.add(r.subList(0, elements.size()));
        }
        if (aggregate) {
            rows = Aggregates.apply(elements, rows);
        } else {
            rows = new ArrayList<>(new LinkedHashSet<>(rows));
        }
        rows.sort(QueryRun::compareRows);
        if ((q.find().shape() == DatalogQuery.Shape.SCALAR
                        || q.find().shape() == DatalogQuery.Shape.TUPLE)
                && rows.size() > 1) {
            rows = new ArrayList<>(rows.subList(0, 1));
        }
        List<Eid> entities = null;
        if (elements.size() == 1
                && elements.get(0) instanceof DatalogQuery.Element.Pull
                && q.find().shape() != DatalogQuery.Shape.TUPLE) {
            entities = new ArrayList<>();
            for (List<Object> r : rows) {
                if (r.get(0) instanceof Eid e) {
                    entities.add(e);
                }
            }
        }
        Pull pull = new Pull(facts, budget);
        List<List<Object>> pulled = new ArrayList<>();
        for (List<Object> r : rows) {
            List<Object> out = new ArrayList<>(r.size());
            for (int i = 0; i < r.size(); i++) {
                if (elements.get(i) instanceof DatalogQuery.Element.Pull p) {
                    if (!(r.get(i) instanceof Eid e)) {
                        throw new QueryNotRunException(
                                p.var() + " is not an entity, cannot pull it");
                    }
                    // entities are rendered from the graph; pull maps only when printed
                    out.add(entities != null ? e : pull.pull(e.id(), p.pattern()));
                } else {
                    out.add(r.get(i));
                }
            }
            pulled.add(Collections.unmodifiableList(out));
        }
        return new Found(pulled, q.find().shape(), entities);
    }

    private static Object lookup(Evaluator ev, Binding b, String var) {
        Object v = ev.value(b, var);
        if (v == null) {
            throw new QueryNotRunException(var + " in :find is not bound by :where");
        }
        return v;
    }

    /** Entities by id (graph order), then values by {@code compare} when they can be compared. */
    private static int compareRows(List<Object> a, List<Object> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = compareValues(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareValues(Object x, Object y) {
        try {
            return Functions.compare(x, y);
        } catch (QueryNotRunException e) {
            String tx = x == null ? "" : x.getClass().getSimpleName();
            String ty = y == null ? "" : y.getClass().getSimpleName();
            int c = tx.compareTo(ty);
            return c != 0 ? c : EdnText.print(x).compareTo(EdnText.print(y));
        }
    }

    /** Datascript's aggregates over the rows grouped by the other find elements. */
    private static final class Aggregates {
        static List<List<Object>> apply(
                List<DatalogQuery.Element> elements, List<List<Object>> rows) {
            Map<List<Object>, List<List<Object>>> groups = new LinkedHashMap<>();
            for (List<Object> r : rows) {
                List<Object> key = new ArrayList<>();
                for (int i = 0; i < elements.size(); i++) {
                    if (!(elements.get(i) instanceof DatalogQuery.Element.Aggregate)) {
                        key.add(r.get(i));
                    }
                }
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
            }
            List<List<Object>> out = new ArrayList<>();
            for (List<List<Object>> group : groups.values()) {
                List<Object> row = new ArrayList<>();
                for (int i = 0; i < elements.size(); i++) {
                    if (elements.get(i) instanceof DatalogQuery.Element.Aggregate a) {
                        row.add(aggregate(a, i, group));
                    } else {
                        row.add(group.get(0).get(i));
                    }
                }
                out.add(row);
            }
            return out;
        }

        @SuppressWarnings("unchecked")
        private static Object aggregate(
                DatalogQuery.Element.Aggregate a, int column, List<List<Object>> group) {
            List<Object> args = (List<Object>) group.get(0).get(column);
            Object n = null;
            int varIndex = args.size() - 1;
            if (args.size() == 2) {
                n = args.get(0) instanceof Term.Const c ? c.value() : args.get(0);
            } else if (args.size() != 1) {
                throw new QueryNotRunException("wrong number of arguments to " + a.fn());
            }
            List<Object> values = new ArrayList<>();
            for (List<Object> r : group) {
                values.add(((List<Object>) r.get(column)).get(varIndex));
            }
            switch (a.fn()) {
                case "count":
                    return (long) values.size();
                case "count-distinct":
                    return (long) new LinkedHashSet<>(values).size();
                case "distinct":
                    return Collections.unmodifiableSet(new LinkedHashSet<>(values));
                case "sum":
                    return values.isEmpty() ? 0L : Functions.call("+", values, null, null);
                case "avg":
                    {
                        Object sum = Functions.call("+", values, null, null);
                        return ((Number) sum).doubleValue() / values.size();
                    }
                case "min":
                case "max":
                    {
                        List<Object> sorted = new ArrayList<>(values);
                        sorted.sort(QueryRun::compareValues);
                        if (a.fn().equals("max")) {
                            Collections.reverse(sorted);
                        }
                        if (n == null) {
                            return sorted.get(0);
                        }
                        int k = (int) Math.min(sorted.size(), Functions.integer(n));
                        return Collections.unmodifiableList(new ArrayList<>(sorted.subList(0, k)));
                    }
                case "median":
                    {
                        List<Object> sorted = new ArrayList<>(values);
                        sorted.sort(QueryRun::compareValues);
                        return sorted.get(sorted.size() / 2);
                    }
                default:
                    throw new QueryNotRunException(
                            "the aggregate " + a.fn() + " is not available in published queries");
            }
        }
    }
}
