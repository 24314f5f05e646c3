package dev.draehi.render.internal.datalog;

import dev.draehi.edn.EdnReader.Keyword;
import dev.draehi.edn.EdnReader.Seq;
import dev.draehi.edn.EdnReader.Symbol;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Datascript's pull: an entity as a map of the attributes a pattern names ({@code [*]}, {@code
 * [:block/content {:block/page [:block/name]}]}, reverse {@code :block/_parent}, {@code :db/id},
 * {@code (:attr :limit n)}).
 */
final class Pull {
    private static final Keyword DB_ID = new Keyword("db", "id");
    private static final int MAX_DEPTH = 8;
    private static final int DEFAULT_LIMIT = 1000;

    private final Facts facts;
    private final Budget budget;

    Pull(Facts facts, Budget budget) {
        this.facts = facts;
        this.budget = budget;
    }

    Map<Object, Object> pull(int e, Object pattern) {
        return pull(e, pattern, 0);
    }

    private Map<Object, Object> pull(int e, Object pattern, int depth) {
        if (!(pattern instanceof List<?> items) || pattern instanceof Seq) {
            throw new QueryNotRunException(
                    "a pull pattern is a vector: " + QueryParser.brief(pattern));
        }
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Object item : items) {
            budget.step();
            if (item instanceof Symbol s && s.ns() == null && s.name().equals("*")) {
                out.put(DB_ID, (long) e);
                for (Keyword a : Facts.ATTRIBUTES) {
                    Object v = value(e, a, null, DEFAULT_LIMIT, depth);
                    if (v != null) {
                        out.put(a, v);
                    }
                }
            } else if (item instanceof String s && s.equals("*")) {
                throw new QueryNotRunException("pull takes the symbol *, not the string \"*\"");
            } else if (item instanceof Keyword k) {
                attribute(e, k, null, k, DEFAULT_LIMIT, null, depth, out);
            } else if (item instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> sub : m.entrySet()) {
                    if (!(sub.getKey() instanceof Keyword k)) {
                        throw new QueryNotRunException("pull joins on an attribute keyword");
                    }
                    attribute(e, k, sub.getValue(), k, DEFAULT_LIMIT, null, depth, out);
                }
            } else if (item instanceof List<?> spec && !spec.isEmpty()) {
                withOptions(e, spec, depth, out);
            } else {
                throw new QueryNotRunException("cannot pull " + QueryParser.brief(item));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** {@code (:attr :as "name" :limit n :default x)}, or the vector form. */
    private void withOptions(int e, List<?> spec, int depth, Map<Object, Object> out) {
        Object head = spec.get(0);
        if (head instanceof Symbol s && (s.name().equals("limit") || s.name().equals("default"))) {
            if (spec.size() != 3 || !(spec.get(1) instanceof Keyword k)) {
                throw new QueryNotRunException("cannot pull " + QueryParser.brief(spec));
            }
            if (s.name().equals("limit")) {
                attribute(e, k, null, k, limit(spec.get(2)), null, depth, out);
            } else {
                attribute(e, k, null, k, DEFAULT_LIMIT, spec.get(2), depth, out);
            }
            return;
        }
        if (!(head instanceof Keyword k) || spec.size() % 2 != 1) {
            throw new QueryNotRunException("cannot pull " + QueryParser.brief(spec));
        }
        Object as = k;
        int limit = DEFAULT_LIMIT;
        Object otherwise = null;
        for (int i = 1; i < spec.size(); i += 2) {
            Object option = spec.get(i);
            Object value = spec.get(i + 1);
            if (option instanceof Keyword o && o.ns() == null) {
                switch (o.name()) {
                    case "as" -> as = value;
                    case "limit" -> limit = limit(value);
                    case "default" -> otherwise = value;
                    default -> throw new QueryNotRunException("pull option " + o + " is unknown");
                }
            } else {
                throw new QueryNotRunException("cannot pull " + QueryParser.brief(spec));
            }
        }
        attribute(e, k, null, as, limit, otherwise, depth, out);
    }

    private static int limit(Object v) {
        if (v == null) {
            return Integer.MAX_VALUE;
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, Functions.integer(v)));
    }

    private void attribute(
            int e,
            Keyword k,
            Object sub,
            Object as,
            int limit,
            Object otherwise,
            int depth,
            Map<Object, Object> out) {
        Object v;
        if (k.equals(DB_ID)) {
            v = (long) e;
        } else if (k.name().startsWith("_")) {
            Keyword forward = QueryParser.attribute(new Keyword(k.ns(), k.name().substring(1)));
            List<Object> found = new ArrayList<>();
            for (int id : facts.entitiesWith(forward, facts.eid(e))) {
                if (found.size() >= limit) {
                    break;
                }
                found.add(ref(id, sub, depth));
            }
            v = found.isEmpty() ? null : Collections.unmodifiableList(found);
        } else {
            v = value(e, QueryParser.attribute(k), sub, limit, depth);
        }
        if (v == null) {
            v = otherwise;
        }
        if (v != null) {
            out.put(as, v);
        }
    }

    private Object value(int e, Keyword a, Object sub, int limit, int depth) {
        List<Object> vs = facts.values(e, a);
        if (vs.isEmpty()) {
            return null;
        }
        boolean ref = Facts.REF_ATTRIBUTES.contains(a);
        if (!Facts.MANY.contains(a)) {
            Object v = vs.get(0);
            return ref ? ref(((Eid) v).id(), sub, depth) : v;
        }
        List<Object> out = new ArrayList<>();
        for (Object v : vs) {
            if (out.size() >= limit) {
                break;
            }
            out.add(ref ? ref(((Eid) v).id(), sub, depth) : v);
        }
        return Collections.unmodifiableList(out);
    }

    private Object ref(int id, Object sub, int depth) {
        if (sub == null || depth >= MAX_DEPTH) {
            return Map.of(DB_ID, (long) id);
        }
        return pull(id, sub, depth + 1);
    }
}
