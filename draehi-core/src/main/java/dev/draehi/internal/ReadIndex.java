package dev.draehi.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who read what: the {@link PageReads} of every stored page, and their inverse (the pages that read
 * a page identity, a block id, a namespace), for {@link IncrementalPlan}. Changed in place as pages
 * are rendered again: a page that is not keeps its records. Owned by one sync at a time.
 */
final class ReadIndex {
    private final Map<String, PageReads> byPage = new HashMap<>();
    private final Inverse pages = new Inverse();
    private final Inverse pageLinks = new Inverse();
    private final Inverse blocks = new Inverse();
    private final Inverse blockLinks = new Inverse();
    private final Inverse namespaces = new Inverse();
    private final Inverse assets = new Inverse();
    private final Set<String> everything = new HashSet<>();
    private long keys;

    /** Sets the records of {@code page}, replacing what it had. */
    void put(String page, PageReads reads) {
        remove(page);
        byPage.put(page, reads);
        pages.add(reads.pages(), page);
        pageLinks.add(reads.pageLinks(), page);
        blocks.add(reads.blocks(), page);
        blockLinks.add(reads.blockLinks(), page);
        namespaces.add(reads.namespaces(), page);
        assets.add(reads.assets(), page);
        if (reads.everything()) {
            everything.add(page);
        }
        keys += reads.keys();
    }

    /** Forgets the records of {@code page}. */
    void remove(String page) {
        PageReads reads = byPage.remove(page);
        if (reads == null) {
            return;
        }
        pages.remove(reads.pages(), page);
        pageLinks.remove(reads.pageLinks(), page);
        blocks.remove(reads.blocks(), page);
        blockLinks.remove(reads.blockLinks(), page);
        namespaces.remove(reads.namespaces(), page);
        assets.remove(reads.assets(), page);
        everything.remove(page);
        keys -= reads.keys();
    }

    /** The pages that read the page with this identity whole. */
    Collection<String> pageReaders(String identity) {
        return pages.get(identity);
    }

    /** The pages that link to the page with this identity. */
    Collection<String> pageLinkers(String identity) {
        return pageLinks.get(identity);
    }

    /** The pages that read the block with this id (lower case) whole. */
    Collection<String> blockReaders(String id) {
        return blocks.get(id);
    }

    /** The pages that link to the block with this id (lower case). */
    Collection<String> blockLinkers(String id) {
        return blockLinks.get(id);
    }

    /** The pages that listed the namespace with this identity. */
    Collection<String> namespaceReaders(String identity) {
        return namespaces.get(identity);
    }

    /** The pages that read everything. */
    Set<String> everythingReaders() {
        return everything;
    }

    /** Every asset a stored page links to, sorted. */
    Set<String> assets() {
        return new TreeSet<>(assets.map.keySet());
    }

    /** A rough size in bytes, in constant time. */
    long estimatedBytes() {
        // a record and its map entry per page; per key, a string and its share of two maps
        return byPage.size() * 200L + keys * 120L;
    }

    /**
     * Keys to the pages that read them. One reader, the common case, is kept as the name itself.
     */
    private static final class Inverse {
        private final Map<String, Object> map = new HashMap<>();

        void add(List<String> keys, String page) {
            for (String key : keys) {
                Object v = map.get(key);
                if (v == null) {
                    map.put(key, page);
                } else if (v instanceof String s) {
                    if (!s.equals(page)) {
                        Set<String> set = new HashSet<>(4);
                        set.add(s);
                        set.add(page);
                        map.put(key, set);
                    }
                } else {
                    readers(v).add(page);
                }
            }
        }

        void remove(List<String> keys, String page) {
            for (String key : keys) {
                Object v = map.get(key);
                if (v instanceof String s) {
                    if (s.equals(page)) {
                        map.remove(key);
                    }
                } else if (v != null) {
                    Set<String> set = readers(v);
                    set.remove(page);
                    if (set.size() == 1) {
                        map.put(key, set.iterator().next());
                    }
                }
            }
        }

        Collection<String> get(String key) {
            Object v = map.get(key);
            return v == null ? List.of() : v instanceof String s ? List.of(s) : readers(v);
        }

        @SuppressWarnings("unchecked")
        private static Set<String> readers(Object v) {
            return (Set<String>) v;
        }
    }
}
