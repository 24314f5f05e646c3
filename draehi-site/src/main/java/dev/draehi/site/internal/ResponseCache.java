package dev.draehi.site.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A least-recently-used map bounded by the total weight (bytes) of its values. Thread-safe; every
 * call takes one short lock.
 */
public final class ResponseCache<K, V> {
    private final long maxWeight;
    private final ToLongFunction<V> weigher;
    private final LinkedHashMap<K, V> map = new LinkedHashMap<>(256, 0.75f, true);
    private long weight;

    public ResponseCache(long maxWeight, ToLongFunction<V> weigher) {
        this.maxWeight = maxWeight;
        this.weigher = weigher;
    }

    /** The cached value, or {@code null}. */
    public synchronized V get(K key) {
        return map.get(key);
    }

    /** Caches {@code value} unless it alone outweighs the cache; evicts the least recently used. */
    public synchronized void put(K key, V value) {
        long w = weigher.applyAsLong(value);
        if (w > maxWeight / 8) {
            return;
        }
        V old = map.put(key, value);
        if (old != null) {
            weight -= weigher.applyAsLong(old);
        }
        weight += w;
        Iterator<Map.Entry<K, V>> it = map.entrySet().iterator();
        while (weight > maxWeight && it.hasNext()) {
            weight -= weigher.applyAsLong(it.next().getValue());
            it.remove();
        }
    }

    /** How many values are cached. */
    public synchronized int size() {
        return map.size();
    }
}
