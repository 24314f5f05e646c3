package dev.draehi.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Block;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random outlines survive parse → print → parse, whatever the indentation style. */
class OutlineRoundTripPropertyTest {
    record Node(String content, List<Node> children) {}

    record Item(int depthStep, List<String> lines) {}

    @Property(tries = 300)
    void parsePrintParseGivesTheSameTree(
            @ForAll("outlines") List<Item> items, @ForAll("indents") String indent) {
        List<Node> tree = build(items);
        String text = print(tree, indent);
        List<Node> parsed = nodes(new MarkdownParser("p.md", 100).parse(text).blocks());
        assertThat(parsed).isEqualTo(tree);
        String again = print(parsed, indent);
        assertThat(nodes(new MarkdownParser("p.md", 100).parse(again).blocks())).isEqualTo(parsed);
    }

    @Provide
    Arbitrary<String> indents() {
        return Arbitraries.of("\t", "  ", "    ");
    }

    @Provide
    Arbitrary<List<Item>> outlines() {
        Arbitrary<String> word =
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6);
        Arbitrary<String> line =
                Combinators.combine(
                                Arbitraries.of("", "", "", "  ", "[[", "#", "`"),
                                word.list().ofMinSize(1).ofMaxSize(5))
                        .as((prefix, words) -> prefix + String.join(" ", words));
        Arbitrary<Item> item =
                Combinators.combine(
                                Arbitraries.integers().between(-3, 1),
                                line.list().ofMinSize(1).ofMaxSize(3))
                        .as(Item::new);
        return item.list().ofMinSize(1).ofMaxSize(30);
    }

    /** Turns depth steps into a tree: each item nests at most one level deeper than the last. */
    private static List<Node> build(List<Item> items) {
        List<Node> roots = new ArrayList<>();
        List<Node> path = new ArrayList<>();
        for (Item it : items) {
            int depth =
                    Math.max(
                            0,
                            Math.min(
                                    path.size(),
                                    (path.isEmpty() ? 0 : path.size() - 1) + it.depthStep()));
            while (path.size() > depth) {
                path.remove(path.size() - 1);
            }
            Node n = new Node(String.join("\n", it.lines()), new ArrayList<>());
            (path.isEmpty() ? roots : path.get(path.size() - 1).children()).add(n);
            path.add(n);
        }
        return roots;
    }

    private static String print(List<Node> nodes, String indent) {
        StringBuilder sb = new StringBuilder();
        print(nodes, indent, 0, sb);
        return sb.toString();
    }

    private static void print(List<Node> nodes, String indent, int depth, StringBuilder sb) {
        for (Node n : nodes) {
            String[] lines = n.content().split("\n", -1);
            sb.append(indent.repeat(depth)).append("- ").append(lines[0]).append('\n');
            for (int i = 1; i < lines.length; i++) {
                sb.append(indent.repeat(depth)).append("  ").append(lines[i]).append('\n');
            }
            print(n.children(), indent, depth + 1, sb);
        }
    }

    private static List<Node> nodes(List<Block> blocks) {
        List<Node> out = new ArrayList<>();
        for (Block b : blocks) {
            out.add(new Node(b.content(), nodes(b.children())));
        }
        return out;
    }
}
