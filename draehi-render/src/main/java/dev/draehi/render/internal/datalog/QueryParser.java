package dev.draehi.render.internal.datalog;

import dev.draehi.edn.EdnReader.Keyword;
import dev.draehi.edn.EdnReader.Seq;
import dev.draehi.edn.EdnReader.Symbol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Datalog queries and rules, from the EDN forms {@code EdnReader} reads, to their parsed form. */
final class QueryParser {
    private static final Keyword FIND = new Keyword(null, "find");
    private static final Keyword IN = new Keyword(null, "in");
    private static final Keyword WHERE = new Keyword(null, "where");
    private static final Keyword WITH = new Keyword(null, "with");

    private QueryParser() {}

    /** A query in vector form {@code [:find … :where …]} or map form {@code {:find [...] …}}. */
    static DatalogQuery query(Object form) {
        Map<Keyword, List<Object>> sections = new LinkedHashMap<>();
        if (form instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof Keyword k) || !(e.getValue() instanceof List<?> l)) {
                    throw new QueryNotRunException("a query map needs keyword keys and vectors");
                }
                sections.put(k, new ArrayList<>(l));
            }
        } else if (form instanceof List<?> l && !(form instanceof Seq)) {
            List<Object> current = null;
            for (Object o : l) {
                if (o instanceof Keyword k) {
                    current = sections.computeIfAbsent(k, x -> new ArrayList<>());
                } else if (current == null) {
                    throw new QueryNotRunException(
                            "the query does not start with :find: " + brief(o));
                } else {
                    current.add(o);
                }
            }
        } else {
            throw new QueryNotRunException("the query is not a vector or map: " + brief(form));
        }
        for (Keyword k : sections.keySet()) {
            if (!k.equals(FIND) && !k.equals(IN) && !k.equals(WHERE) && !k.equals(WITH)) {
                throw new QueryNotRunException("the query section " + k + " is not supported");
            }
        }
        if (!sections.containsKey(FIND) || sections.get(FIND).isEmpty()) {
            throw new QueryNotRunException("the query has no :find");
        }
        DatalogQuery.Find find = find(sections.get(FIND));
        List<DatalogQuery.In> in = new ArrayList<>();
        for (Object o : sections.getOrDefault(IN, List.of())) {
            in.add(in(o));
        }
        List<String> with = new ArrayList<>();
        for (Object o : sections.getOrDefault(WITH, List.of())) {
            with.add(var(o, ":with"));
        }
        return new DatalogQuery(find, in, clauses(sections.getOrDefault(WHERE, List.of())), with);
    }

    private static DatalogQuery.Find find(List<Object> forms) {
        if (forms.size() == 2 && isSymbol(forms.get(1), ".")) {
            return new DatalogQuery.Find(DatalogQuery.Shape.SCALAR, List.of(element(forms.get(0))));
        }
        if (forms.size() == 1 && forms.get(0) instanceof List<?> l && !(l instanceof Seq)) {
            if (l.size() == 2 && isSymbol(l.get(1), "...")) {
                return new DatalogQuery.Find(
                        DatalogQuery.Shape.COLLECTION, List.of(element(l.get(0))));
            }
            List<DatalogQuery.Element> elements = new ArrayList<>();
            for (Object o : l) {
                elements.add(element(o));
            }
            return new DatalogQuery.Find(DatalogQuery.Shape.TUPLE, elements);
        }
        List<DatalogQuery.Element> elements = new ArrayList<>();
        for (Object o : forms) {
            elements.add(element(o));
        }
        return new DatalogQuery.Find(DatalogQuery.Shape.RELATION, elements);
    }

    private static DatalogQuery.Element element(Object o) {
        if (o instanceof Symbol s && s.ns() == null && s.name().startsWith("?")) {
            return new DatalogQuery.Element.Variable(s.name());
        }
        if (o instanceof Seq l && !l.isEmpty() && l.get(0) instanceof Symbol f) {
            if (f.ns() == null && f.name().equals("pull")) {
                if (l.size() != 3) {
                    throw new QueryNotRunException("pull takes a variable and a pattern");
                }
                if (!(l.get(2) instanceof List<?>)) {
                    throw new QueryNotRunException(
                            "pull patterns from inputs are not supported: " + brief(o));
                }
                return new DatalogQuery.Element.Pull(var(l.get(1), "pull"), l.get(2));
            }
            List<Term> args = new ArrayList<>();
            for (Object a : l.subList(1, l.size())) {
                args.add(term(a));
            }
            return new DatalogQuery.Element.Aggregate(f.toString(), args);
        }
        throw new QueryNotRunException("cannot find " + brief(o));
    }

    private static DatalogQuery.In in(Object o) {
        if (o instanceof Symbol s && s.ns() == null) {
            if (s.name().equals("$")) {
                return new DatalogQuery.In.Source();
            }
            if (s.name().equals("%")) {
                return new DatalogQuery.In.Rules();
            }
            if (s.name().startsWith("$")) {
                throw new QueryNotRunException("only one database ($) can be queried");
            }
        }
        return new DatalogQuery.In.Value(bind(o));
    }

    static Bind bind(Object o) {
        if (o instanceof Symbol s && s.ns() == null) {
            if (s.name().equals("_")) {
                return new Bind.Scalar(new Term.Blank());
            }
            if (s.name().startsWith("?")) {
                return new Bind.Scalar(new Term.Var(s.name()));
            }
        }
        if (o instanceof List<?> l && !(l instanceof Seq) && !l.isEmpty()) {
            if (l.size() == 2 && isSymbol(l.get(1), "...")) {
                return new Bind.Coll(bind(l.get(0)));
            }
            if (l.size() == 1 && l.get(0) instanceof List<?> inner && !(inner instanceof Seq)) {
                return new Bind.Coll(bind(inner));
            }
            List<Bind> items = new ArrayList<>();
            for (Object i : l) {
                items.add(bind(i));
            }
            return new Bind.Tuple(items);
        }
        throw new QueryNotRunException("cannot bind " + brief(o));
    }

    /** The clauses of a {@code :where} or rule body. */
    static List<Clause> clauses(List<?> forms) {
        List<Clause> out = new ArrayList<>();
        for (Object f : forms) {
            out.add(clause(f));
        }
        return out;
    }

    static Clause clause(Object form) {
        if (form instanceof Seq l) {
            return seqClause(l);
        }
        if (!(form instanceof List<?> l) || l.isEmpty()) {
            throw new QueryNotRunException("not a clause: " + brief(form));
        }
        if (l.get(0) instanceof Seq call) {
            if (call.isEmpty() || !(call.get(0) instanceof Symbol f)) {
                throw new QueryNotRunException("not a function call: " + brief(form));
            }
            List<Term> args = new ArrayList<>();
            for (Object a : call.subList(1, call.size())) {
                args.add(term(a));
            }
            String fn = f.toString();
            if (l.size() == 1) {
                return new Clause.Predicate(fn, args);
            }
            if (l.size() == 2) {
                return new Clause.Function(fn, args, bind(l.get(1)));
            }
            throw new QueryNotRunException("a function clause has one binding: " + brief(form));
        }
        List<?> items = l;
        if (items.get(0) instanceof Symbol s && s.ns() == null && s.name().startsWith("$")) {
            if (!s.name().equals("$")) {
                throw new QueryNotRunException("only one database ($) can be queried");
            }
            items = items.subList(1, items.size());
        }
        if (items.isEmpty() || items.size() > 4) {
            throw new QueryNotRunException("a data pattern has 1 to 3 parts: " + brief(form));
        }
        if (items.size() == 4 && !isSymbol(items.get(3), "_")) {
            throw new QueryNotRunException("transaction ids are not kept: " + brief(form));
        }
        Term e = term(items.get(0));
        Term a = items.size() > 1 ? term(items.get(1)) : new Term.Blank();
        Term v = items.size() > 2 ? term(items.get(2)) : new Term.Blank();
        return new Clause.Pattern(e, a, v);
    }

    private static Clause seqClause(Seq l) {
        if (l.isEmpty() || !(l.get(0) instanceof Symbol head)) {
            throw new QueryNotRunException("not a clause: " + brief(l));
        }
        String op = head.ns() == null ? head.name() : head.toString();
        List<Object> rest = new ArrayList<>(l.subList(1, l.size()));
        switch (op) {
            case "not":
                return new Clause.Not(null, clauses(rest));
            case "not-join":
                if (rest.isEmpty()) {
                    throw new QueryNotRunException("not-join needs its variables");
                }
                return new Clause.Not(joinVars(rest.get(0)), clauses(rest.subList(1, rest.size())));
            case "or":
                return new Clause.Or(null, branches(rest));
            case "or-join":
                if (rest.isEmpty()) {
                    throw new QueryNotRunException("or-join needs its variables");
                }
                return new Clause.Or(joinVars(rest.get(0)), branches(rest.subList(1, rest.size())));
            case "and":
                return new Clause.Or(null, List.of(clauses(rest)));
            case "$":
                if (rest.isEmpty() || !(rest.get(0) instanceof Symbol rule)) {
                    throw new QueryNotRunException("not a clause: " + brief(l));
                }
                return ruleCall(rule.toString(), rest.subList(1, rest.size()));
            default:
                return ruleCall(op, rest);
        }
    }

    private static Clause ruleCall(String name, List<Object> forms) {
        List<Term> args = new ArrayList<>();
        for (Object a : forms) {
            args.add(term(a));
        }
        return new Clause.RuleCall(name, args);
    }

    private static List<List<Clause>> branches(List<Object> forms) {
        List<List<Clause>> out = new ArrayList<>();
        for (Object f : forms) {
            if (f instanceof Seq s
                    && !s.isEmpty()
                    && s.get(0) instanceof Symbol h
                    && h.ns() == null
                    && h.name().equals("and")) {
                out.add(clauses(s.subList(1, s.size())));
            } else {
                out.add(List.of(clause(f)));
            }
        }
        return out;
    }

    /** {@code [?a ?b]}, or with required variables {@code [[?a] ?b]}. */
    private static List<String> joinVars(Object o) {
        if (!(o instanceof List<?> l) || o instanceof Seq) {
            throw new QueryNotRunException("join variables go in a vector: " + brief(o));
        }
        List<String> out = new ArrayList<>();
        for (Object v : l) {
            if (v instanceof List<?> required && !(v instanceof Seq)) {
                for (Object r : required) {
                    out.add(var(r, "join"));
                }
            } else {
                out.add(var(v, "join"));
            }
        }
        return out;
    }

    /** Rule definitions: {@code [[(name ?a ?b) clause…] …]}. */
    static List<Rule> rules(Object form) {
        if (!(form instanceof List<?> l) || form instanceof Seq) {
            throw new QueryNotRunException("rules go in a vector: " + brief(form));
        }
        List<Rule> out = new ArrayList<>();
        for (Object r : l) {
            if (!(r instanceof List<?> def)
                    || r instanceof Seq
                    || def.isEmpty()
                    || !(def.get(0) instanceof Seq head)
                    || head.isEmpty()
                    || !(head.get(0) instanceof Symbol name)) {
                throw new QueryNotRunException("not a rule: " + brief(r));
            }
            List<String> params = new ArrayList<>();
            for (Object p : head.subList(1, head.size())) {
                if (p instanceof List<?> required && !(p instanceof Seq)) {
                    for (Object q : required) {
                        params.add(var(q, "rule"));
                    }
                } else {
                    params.add(var(p, "rule"));
                }
            }
            out.add(new Rule(name.toString(), params, clauses(def.subList(1, def.size()))));
        }
        return out;
    }

    /** True for a vector of rule definitions (what a {@code %} input holds). */
    static boolean looksLikeRules(Object o) {
        return o instanceof List<?> l
                && !(o instanceof Seq)
                && !l.isEmpty()
                && l.get(0) instanceof List<?> def
                && !(def instanceof Seq)
                && !def.isEmpty()
                && def.get(0) instanceof Seq;
    }

    static Term term(Object o) {
        if (o instanceof Symbol s && s.ns() == null) {
            if (s.name().equals("_")) {
                return new Term.Blank();
            }
            if (s.name().equals("$")) {
                return new Term.Source();
            }
            if (s.name().startsWith("?")) {
                return new Term.Var(s.name());
            }
        }
        if (o instanceof Keyword k) {
            return new Term.Const(attribute(k));
        }
        return new Term.Const(o);
    }

    /** Logseq's old attribute names: {@code :page/…} is {@code :block/…}, as Logseq reads them. */
    static Keyword attribute(Keyword k) {
        if ("page".equals(k.ns())) {
            return new Keyword("block", k.name());
        }
        if ("block".equals(k.ns())
                && (k.name().equals("ref-pages") || k.name().equals("ref-blocks"))) {
            return Facts.REFS;
        }
        return k;
    }

    private static String var(Object o, String where) {
        if (o instanceof Symbol s && s.ns() == null && s.name().startsWith("?")) {
            return s.name();
        }
        throw new QueryNotRunException(where + " takes variables, not " + brief(o));
    }

    private static boolean isSymbol(Object o, String name) {
        return o instanceof Symbol s && s.ns() == null && s.name().equals(name);
    }

    /** A form for a message, cut short. */
    static String brief(Object o) {
        String s = EdnText.print(o);
        return s.length() > 80 ? s.substring(0, 77) + "…" : s;
    }
}
