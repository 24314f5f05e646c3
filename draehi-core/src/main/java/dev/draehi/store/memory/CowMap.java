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
 * rather than maps of a million nodes. Not thread-safe; a published map is only read.
 */
final class CowMap<K, V> extends AbstractMap<K, V> {
    private static final int SHARDS = 512;
    private static final HashMap<?, ?> EMPTY_SHARD = new HashMap<>();

    private final HashMap<K, V>[] shards;

    /** Whether shard i belongs to this map alone, so that it may be written in place. */
    private final boolean[] owned;

    private int size;

    @SuppressWarnings("unchecked")
    CowMap() {
        shards = new HashMap[SHARDS];
        Arrays.fill(shards, EMPTY_SHARD);
        owned = new boolean[SHARDS];
    }

    private CowMap(CowMap<K, V> from) {
        shards = from.shards.clone();
        owned = new boolean[SHARDS];
        size = from.size;
    }

    /** A copy sharing this map's shards; from now on neither writes a shared shard in place. */
    CowMap<K, V> copy() {
        Arrays.fill(owned, false);
        return new CowMap<>(this);
    }

    private static int shard(Object key) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & (SHARDS - 1);
    }

    private HashMap<K, V> writable(int i) {
        if (!owned[i]) {
            shards[i] = new HashMap<>(shards[i]);
            owned[i] = true;
        }
        return shards[i];
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
                    private int next;
                    private Iterator<Entry<K, V>> current = shards[0].entrySet().iterator();

                    @Override
                    public boolean hasNext() {
                        while (!current.hasNext()) {
                            if (++next == SHARDS) {
                                return false;
                            }
                            current = shards[next].entrySet().iterator();
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
