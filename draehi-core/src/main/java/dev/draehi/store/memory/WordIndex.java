package dev.draehi.store.memory;

import dev.draehi.internal.NodeOrder;
import dev.draehi.model.Node;
import dev.draehi.store.SearchWords;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which nodes of one version of a workspace's content have each word ({@link SearchWords}). The
 * nodes are numbered in the order search lists them (pages by name, then blocks by page name and
 * position, in {@link NodeOrder}), so that a search is an intersection of sorted lists that stops
 * at its first results.
 */
final class WordIndex {
    private final Node[] nodes;
    private final int pages;
    private final Map<String, int[]> postings;

    private WordIndex(Node[] nodes, int pages, Map<String, int[]> postings) {
        this.nodes = nodes;
        this.pages = pages;
        this.postings = postings;
    }

    /** Indexes {@code pages} and the blocks of each page name, listed in order. */
    static WordIndex of(Collection<Node> pages, Map<String, List<Node>> blocksByPage) {
        List<Node> ordered = new ArrayList<>(pages);
        ordered.sort(NodeOrder.PAGES.thenComparing(Node::uuid));
        int pageCount = ordered.size();
        List<String> names = new ArrayList<>(blocksByPage.keySet());
        names.sort(NodeOrder.NAMES);
        for (String name : names) {
            ordered.addAll(blocksByPage.get(name));
        }
        final class Growing {
            int[] ids = new int[2];
            int size;
        }
        Map<String, Growing> growing = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            for (String w : SearchWords.of(ordered.get(i))) {
                Growing g = growing.computeIfAbsent(w, k -> new Growing());
                if (g.size == g.ids.length) {
                    g.ids = Arrays.copyOf(g.ids, g.size * 2);
                }
                g.ids[g.size++] = i;
            }
        }
        Map<String, int[]> lists = new HashMap<>(growing.size() * 2);
        growing.forEach((w, g) -> lists.put(w, Arrays.copyOf(g.ids, g.size)));
        return new WordIndex(ordered.toArray(Node[]::new), pageCount, lists);
    }

    /**
     * The first {@code limit} nodes that have every one of {@code words}, in order, of at most
     * {@code maxPages} matching pages and {@code maxBlocks} matching blocks.
     */
    List<Node> search(List<String> words, int limit, int maxPages, int maxBlocks) {
        int[][] lists = new int[words.size()][];
        for (int i = 0; i < lists.length; i++) {
            lists[i] = postings.get(words.get(i));
            if (lists[i] == null) {
                return List.of();
            }
        }
        Arrays.sort(lists, Comparator.comparingInt(l -> l.length));
        List<Node> hits = new ArrayList<>(Math.min(limit, lists[0].length));
        int[] from = new int[lists.length];
        int matchedPages = 0;
        int matchedBlocks = 0;
        candidates:
        for (int node : lists[0]) {
            for (int j = 1; j < lists.length; j++) {
                int at = Arrays.binarySearch(lists[j], from[j], lists[j].length, node);
                if (at < 0) {
                    from[j] = -at - 1;
                    continue candidates;
                }
                from[j] = at + 1;
            }
            if (node < pages ? matchedPages++ >= maxPages : matchedBlocks++ >= maxBlocks) {
                continue;
            }
            hits.add(nodes[node]);
            if (hits.size() == limit) {
                break;
            }
        }
        return hits;
    }
}
