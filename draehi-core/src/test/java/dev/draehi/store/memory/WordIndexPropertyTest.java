package dev.draehi.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.internal.NodeOrder;
import dev.draehi.model.Node;
import dev.draehi.store.SearchWords;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The index finds what a scan of every node finds, in search's order, with its caps. */
class WordIndexPropertyTest {
    private static final String[] VOCABULARY = {"alpha", "beta", "gamma", "delta", "x1"};
    private static final String[] PREFIXES = {"P1", "P2", "\uff5a", "\ud835\udc9c", "\u00e9"};

    @Property(tries = 300)
    void findsWhatAScanFinds(
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 12) int pageCount,
            @ForAll @IntRange(min = 1, max = 40) int limit,
            @ForAll @IntRange(min = 1, max = 8) int cap) {
        Random r = new Random(seed);
        List<Node> pages = new ArrayList<>();
        Map<String, List<Node>> blocksByPage = new LinkedHashMap<>();
        for (int p = 0; p < pageCount; p++) {
            // names beyond U+FFFF and in U+E000..U+FFFF, which UTF-16 and code points order apart
            String name = PREFIXES[r.nextInt(PREFIXES.length)] + " " + words(r) + " " + p;
            Node page = Node.page("p" + p, 1, name, "p" + p, name, null);
            pages.add(page);
            List<Node> blocks = new ArrayList<>();
            for (int b = 0; b < r.nextInt(6); b++) {
                blocks.add(
                        Node.block(
                                "b" + p + "-" + b,
                                page,
                                page.uuid(),
                                b,
                                "<p>" + words(r) + " <b>" + words(r) + "</b></p>",
                                null));
            }
            blocksByPage.put(name, blocks);
        }
        WordIndex index = WordIndex.of(pages, blocksByPage);
        List<String> query = SearchWords.ofQuery(words(r));
        if (query.isEmpty()) {
            return;
        }

        List<Node> ordered = new ArrayList<>(pages);
        ordered.sort(NodeOrder.PAGES.thenComparing(Node::uuid));
        blocksByPage.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(NodeOrder.NAMES))
                .forEach(e -> ordered.addAll(e.getValue()));
        List<Node> expected = new ArrayList<>();
        int matchedPages = 0;
        int matchedBlocks = 0;
        for (Node n : ordered) {
            if (new HashSet<>(SearchWords.of(n)).containsAll(query)) {
                if (n.isPage() ? matchedPages++ < cap : matchedBlocks++ < cap) {
                    expected.add(n);
                }
            }
        }
        assertThat(index.search(query, limit, cap, cap))
                .containsExactlyElementsOf(expected.subList(0, Math.min(limit, expected.size())));
    }

    private static String words(Random r) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 1 + r.nextInt(3); i++) {
            b.append(VOCABULARY[r.nextInt(VOCABULARY.length)]).append(r.nextBoolean() ? " " : "-");
        }
        return b.toString();
    }
}
