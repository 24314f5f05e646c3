package dev.draehi.store.memory;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A hash map in shards that copies cheaply: {@link #copy()} shares every shard, and each side
 * copies a shard the first time it writes to it. Patching a copy then costs the shards it touches,
 * not the whole map: replacing one page of a 50,000-page workspace copies a few dozen small shards
 * rather than maps of a million nodes. Its shards multiply as it grows, to a few hundred entries
 * each. Not thread-safe; a published map is only read.
 */
final class CowMap<K, V> extends AbstractMap<K, V> {
    private static final int FIRST_SHARDS = 16;
    private static final int MAX_SHARDS = 1 << 16;

    /** Entries per shard, on average, beyond which the map takes four times as many shards. */
    private static final int PER_SHARD = 256;

    private static final HashMap<?, ?> EMPTY_SHARD = new HashMap<>();

    private final int perShard;

    // a power of two of them; more as the map grows, so that a write copies a small shard
    private HashMap<K, V>[] shards;

    /** Whether shard i belongs to this map alone, so that it may be written in place. */
    private boolean[] owned;

    private int size;

    CowMap() {
        this(PER_SHARD);
    }

    /** A map that takes more shards when it holds more than {@code perShard} entries a shard. */
    @SuppressWarnings("unchecked")
    CowMap(int perShard) {
        this.perShard = perShard;
        shards = new HashMap[FIRST_SHARDS];
        Arrays.fill(shards, EMPTY_SHARD);
        owned = new boolean[FIRST_SHARDS];
    }

    private CowMap(CowMap<K, V> from) {
        perShard = from.perShard;
        shards = from.shards.clone();
        owned = new boolean[shards.length];
        size = from.size;
    }

    /** A copy sharing this map's shards; from now on neither writes a shared shard in place. */
    CowMap<K, V> copy() {
        Arrays.fill(owned, false);
        return new CowMap<>(this);
    }

    /**
     * The shard of {@code key}: from the top bits of its hash times the golden ratio. A shard's
     * {@code HashMap} picks a bucket from the low bits of the hash; had the shard been picked from
     * them too, the keys of a shard would share them and crowd into a few of its buckets (a map of
     * 64 shards used one bucket in 64, and its lookups walked trees of colliding keys).
     */
    static int shard(Object key, int shards) {
        // the top log2(shards) bits: Fibonacci hashing spreads even consecutive hashes there
        return shards == 1
                ? 0
                : (key.hashCode() * 0x9E3779B9) >>> (Integer.numberOfLeadingZeros(shards) + 1);
    }

    private int shard(Object key) {
        return shard(key, shards.length);
    }

    private HashMap<K, V> writable(int i) {
        if (!owned[i]) {
            shards[i] = new HashMap<>(shards[i]);
            owned[i] = true;
        }
        return shards[i];
    }

    /**
     * Four times as many shards, each this map's own: the entries are rehashed once per growth, so
     * an insert costs O(1) amortized, and a copy's write copies a shard of {@code perShard} entries
     * or fewer whatever the map's size (a page of a 1.2-million-node workspace touched shards of
     * 2,500 nodes each, 512 shards being a fixed number).
     */
    @SuppressWarnings("unchecked")
    private void grow() {
        int n = Math.min(MAX_SHARDS, shards.length * 4);
        HashMap<K, V>[] next = new HashMap[n];
        for (int i = 0; i < n; i++) {
            next[i] = new HashMap<>();
        }
        for (HashMap<K, V> s : shards) {
            for (Entry<K, V> e : s.entrySet()) {
                next[shard(e.getKey(), n)].put(e.getKey(), e.getValue());
            }
        }
        shards = next;
        owned = new boolean[n];
        Arrays.fill(owned, true);
    }

    @Override
    public V get(Object key) {
        return shards[shard(key)].get(key);
    }

    @Override
    public V getOrDefault(Object key, V defaultValue) {
        return shards[shard(key)].getOrDefault(key, defaultValue);
    }

    @Override
    public boolean containsKey(Object key) {
        return shards[shard(key)].containsKey(key);
    }

    @Override
    public V put(K key, V value) {
        HashMap<K, V> s = writable(shard(key));
        int before = s.size();
        V old = s.put(key, value);
        size += s.size() - before;
        if (size > (long) shards.length * perShard && shards.length < MAX_SHARDS) {
            grow();
        }
        return old;
    }

    @Override
    public V remove(Object key) {
        int i = shard(key);
        if (!shards[i].containsKey(key)) {
            return null;
        }
        size--;
        return writable(i).remove(key);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<K, V>> iterator() {
                return new Iterator<>() {
                    private final HashMap<K, V>[] over = shards;
                    private int next;
                    private Iterator<Entry<K, V>> current = over[0].entrySet().iterator();

                    @Override
                    public boolean hasNext() {
                        while (!current.hasNext()) {
                            if (++next == over.length) {
                                return false;
                            }
                            current = over[next].entrySet().iterator();
                        }
                        return true;
                    }

                    @Override
                    public Entry<K, V> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        // read-only: a shard may be shared with another map
                        return new SimpleImmutableEntry<>(current.next());
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
