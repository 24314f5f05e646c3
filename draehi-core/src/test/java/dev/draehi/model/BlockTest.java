package dev.draehi.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BlockTest {

    /** A block with every component set to something other than its default. */
    private static final Block FULL =
            new Block(
                    "6453a7a2-1111-2222-3333-444455556666",
                    "text",
                    Map.of("k", "v"),
                    "TODO",
                    "A",
                    "<2024-01-02 Tue>",
                    "<2024-01-03 Wed>",
                    2,
                    true,
                    List.of(Block.Ref.page("Beta")),
                    List.of(Block.of("child")),
                    7,
                    Block.Format.ORG);

    static List<Arguments> withers() {
        return List.of(
                wither("id", b -> b.withId("other"), "other"),
                wither("id", b -> b.withId(null), null),
                wither("properties", b -> b.withProperties(Map.of("x", "y")), Map.of("x", "y")),
                wither("marker", b -> b.withMarker("DONE"), "DONE"),
                wither("marker", b -> b.withMarker(null), null),
                wither(
                        "refs",
                        b -> b.withRefs(List.of(Block.Ref.tag("t"))),
                        List.of(Block.Ref.tag("t"))),
                wither("children", b -> b.withChildren(List.of()), List.of()),
                wither("line", b -> b.withLine(3), 3),
                wither("format", b -> b.withFormat(Block.Format.MARKDOWN), Block.Format.MARKDOWN));
    }

    private static Arguments wither(String component, UnaryOperator<Block> with, Object value) {
        return Arguments.of(component, with, value);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("withers")
    void eachWitherChangesItsComponentOnly(
            String component, UnaryOperator<Block> with, Object value) {
        Block changed = with.apply(FULL);

        assertThat(changed).extracting(component).isEqualTo(value);
        assertThat(changed).usingRecursiveComparison().ignoringFields(component).isEqualTo(FULL);
    }

    @Test
    void withersNormaliseLikeTheConstructor() {
        Block b = FULL.withProperties(null).withRefs(null).withChildren(null).withFormat(null);

        assertThat(b.properties()).isEmpty();
        assertThat(b.refs()).isEmpty();
        assertThat(b.children()).isEmpty();
        assertThat(b.format()).isEqualTo(Block.Format.MARKDOWN);
    }

    @Test
    void withersCopyWhatTheyAreGiven() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("b", "2");
        props.put("a", "1");
        List<Block> children = new ArrayList<>(List.of(Block.of("one")));
        Block b = Block.of("x").withProperties(props).withChildren(children);
        props.put("c", "3");
        children.add(Block.of("two"));

        assertThat(b.properties()).containsExactly(Map.entry("b", "2"), Map.entry("a", "1"));
        assertThat(b.children()).extracting(Block::content).containsExactly("one");
        assertThatThrownBy(() -> b.properties().put("d", "4"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void contentIsStillRequired() {
        assertThatThrownBy(() -> Block.of(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("content");
    }
}
