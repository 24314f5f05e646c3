package dev.draehi.model;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An unmodifiable map made of a shared base and a few differences from it: the next version of a
 * large map after a small change, made in time proportional to the change. When the differences
 * grow past an eighth of the base, they are folded into a new base.
 */
final class LayeredMap<K, V> extends AbstractMap<K, V> {
    private final Map<K, V> base;
    // keys whose value differs from base's: put here, or taken out (in gone)
    private final Map<K, V> puts;
    private final Set<K> gone;
    private final int size;

    private LayeredMap(Map<K, V> base, Map<K, V> puts, Set<K> gone, int size) {
        this.base = base;
        this.puts = puts;
        this.gone = gone;
        this.size = size;
    }

    /** {@code map} as the base of later versions: shared when it is one already, else copied. */
    static <K, V> LayeredMap<K, V> of(Map<K, V> map) {
        if (map instanceof LayeredMap<K, V> l) {
            return l;
        }
        Map<K, V> base = Map.copyOf(map);
        return new LayeredMap<>(base, Map.of(), Set.of(), base.size());
    }

    /** This map with {@code changes} put and the keys {@code removed} taken out. */
    LayeredMap<K, V> with(Map<K, V> changes, Collection<K> removed) {
        Map<K, V> p = new HashMap<>(puts);
        Set<K> g = new HashSet<>(gone);
        for (K k : removed) {
            p.remove(k);
            if (base.containsKey(k)) {
                g.add(k);
            }
        }
        for (Map.Entry<K, V> e : changes.entrySet()) {
            K k = Objects.requireNonNull(e.getKey(), "key");
            V v = Objects.requireNonNull(e.getValue(), "value");
            g.remove(k);
            if (v.equals(base.get(k))) {
                p.remove(k);
            } else {
                p.put(k, v);
            }
        }
        int n = base.size() - g.size();
        for (K k : p.keySet()) {
            if (!base.containsKey(k)) {
                n++;
            }
        }
        LayeredMap<K, V> next = new LayeredMap<>(base, p, g, n);
        if (p.size() + g.size() > Math.max(64, base.size() / 8)) {
            return new LayeredMap<>(Map.copyOf(new HashMap<>(next)), Map.of(), Set.of(), n);
        }
        return next;
    }

    @Override
    public V get(Object key) {
        V v = puts.get(key);
        if (v != null) {
            return v;
        }
        return gone.contains(key) ? null : base.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Map.Entry<K, V>> iterator() {
                return new Iterator<>() {
                    private final Iterator<Map.Entry<K, V>> fromBase = base.entrySet().iterator();
                    private final Iterator<Map.Entry<K, V>> fromPuts = puts.entrySet().iterator();
                    private Map.Entry<K, V> next = advance();

                    private Map.Entry<K, V> advance() {
                        while (fromBase.hasNext()) {
                            Map.Entry<K, V> e = fromBase.next();
                            if (!gone.contains(e.getKey()) && !puts.containsKey(e.getKey())) {
                                return e;
                            }
                        }
                        if (fromPuts.hasNext()) {
                            Map.Entry<K, V> e = fromPuts.next();
                            return new SimpleImmutableEntry<>(e);
                        }
                        return null;
                    }

                    @Override
                    public boolean hasNext() {
                        return next != null;
                    }

                    @Override
                    public Map.Entry<K, V> next() {
                        if (next == null) {
                            throw new NoSuchElementException();
                        }
                        Map.Entry<K, V> e = next;
                        next = advance();
                        return e;
                    }
                };
            }
        };
    }
}
