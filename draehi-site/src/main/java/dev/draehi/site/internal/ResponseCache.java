package dev.draehi.site.internal;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * A map bounded by the total weight (bytes) of its values, that gives up what was used least of
 * late when it is over: a value read since the last sweep gets a second chance ("clock" eviction,
 * close to least-recently-used). Thread-safe; a read takes no lock, as every page view over HTTP is
 * one (a lock and a linked list kept in access order made 64 clients queue on each hit).
 */
public final class ResponseCache<K, V> {
    private final long maxWeight;
    private final ToLongFunction<V> weigher;
    private final ConcurrentHashMap<K, Entry<K, V>> map = new ConcurrentHashMap<>(256);
    // guarded by this: entries in the order of their last chance, and the weight of those in map
    private final ArrayDeque<Entry<K, V>> clock = new ArrayDeque<>();
    private long weight;

    private static final class Entry<K, V> {
        final K key;
        final V value;
        final long weight;
        volatile boolean used;

        Entry(K key, V value, long weight) {
            this.key = key;
            this.value = value;
            this.weight = weight;
        }
    }

    public ResponseCache(long maxWeight, ToLongFunction<V> weigher) {
        this.maxWeight = maxWeight;
        this.weigher = weigher;
    }

    /** The cached value, or {@code null}. */
    public V get(K key) {
        Entry<K, V> e = map.get(key);
        if (e == null) {
            return null;
        }
        if (!e.used) {
            e.used = true; // written only when it changes: a hit dirties no cache line
        }
        return e.value;
    }

    /**
     * Caches {@code value} unless it alone outweighs an eighth of the cache; gives up values used
     * least of late while the whole is over.
     */
    public synchronized void put(K key, V value) {
        long w = weigher.applyAsLong(value);
        if (w > maxWeight / 8) {
            return;
        }
        Entry<K, V> e = new Entry<>(key, value, w);
        Entry<K, V> old = map.put(key, e);
        if (old != null) {
            weight -= old.weight; // its place in the clock is dropped when the hand reaches it
        }
        weight += w;
        clock.addLast(e);
        while (weight > maxWeight && !clock.isEmpty()) {
            Entry<K, V> hand = clock.pollFirst();
            if (map.get(hand.key) != hand) {
                continue; // replaced since: already not counted
            }
            if (hand.used) {
                hand.used = false;
                clock.addLast(hand);
            } else {
                map.remove(hand.key, hand);
                weight -= hand.weight;
            }
        }
    }

    /** How many values are cached. */
    public int size() {
        return map.size();
    }
}
