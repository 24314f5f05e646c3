package dev.draehi.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.draehi.model.Block;
import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import dev.draehi.model.Reference;
import dev.draehi.sync.LogseqGraphReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphGeneratorTest {
    @TempDir static Path g1kDir;
    private static Graph g1k;
    private static List<Block> g1kBlocks;

    @TempDir Path tmp;

    @BeforeAll
    static void readG1k() {
        GraphGenerator.of(GraphGenerator.Size.G1K).writeTo(g1kDir);
        g1k = LogseqGraphReader.builder().build().read(g1kDir, "0".repeat(40));
        g1kBlocks = new ArrayList<>();
        for (Page p : g1k.pages()) {
            g1kBlocks.addAll(p.flatBlocks());
        }
    }

    @Test
    void sameSeedWritesTheSameBytes() throws IOException {
        GraphGenerator.builder().pages(300).journals(40).seed(7).build().writeTo(tmp.resolve("a"));
        GraphGenerator.builder().pages(300).journals(40).seed(7).build().writeTo(tmp.resolve("b"));

        Map<String, byte[]> a = files(tmp.resolve("a"));
        Map<String, byte[]> b = files(tmp.resolve("b"));
        assertThat(a).hasSize(1 + 300 + 40);
        assertThat(b.keySet()).isEqualTo(a.keySet());
        for (String f : a.keySet()) {
            assertThat(b.get(f)).as(f).isEqualTo(a.get(f));
        }
    }

    @Test
    void anotherSeedWritesAnotherGraph() throws IOException {
        GraphGenerator.builder().pages(50).journals(5).seed(7).build().writeTo(tmp.resolve("a"));
        GraphGenerator.builder().pages(50).journals(5).seed(8).build().writeTo(tmp.resolve("b"));

        Map<String, byte[]> a = files(tmp.resolve("a"));
        Map<String, byte[]> b = files(tmp.resolve("b"));
        assertThat(b.keySet()).isNotEqualTo(a.keySet());
        assertThat(b.get("journals/2024_01_01.md")).isNotEqualTo(a.get("journals/2024_01_01.md"));
    }

    @Test
    void fingerprintNamesTheVersionAndEverySetting() {
        GraphGenerator g = GraphGenerator.builder().pages(5000).journals(1000).seed(3).build();

        assertThat(g.fingerprint())
                .isEqualTo(
                        "draehi-graph-generator "
                                + GraphGenerator.VERSION
                                + " pages=5000 journals=1000 seed=3");
        assertThat(GraphGenerator.of(GraphGenerator.Size.G5K).fingerprint())
                .isNotEqualTo(g.fingerprint());
    }

    @Test
    void namedSizesAreTheBenchmarksGraphs() {
        assertThat(GraphGenerator.Size.named("g1k")).isEqualTo(GraphGenerator.Size.G1K);
        assertThat(GraphGenerator.Size.G1K.pages()).isEqualTo(1000);
        assertThat(GraphGenerator.Size.G1K.journals()).isEqualTo(365);
        assertThat(GraphGenerator.Size.named("g50k").pages()).isEqualTo(50_000);
        assertThatThrownBy(() -> GraphGenerator.Size.named("g2k"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("g2k");
    }

    @Test
    void refusesAFolderThatHoldsFiles() throws IOException {
        Files.writeString(tmp.resolve("keep.md"), "- mine\n");

        assertThatThrownBy(() -> GraphGenerator.builder().pages(1).build().writeTo(tmp))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an empty directory");
        assertThat(tmp.resolve("pages")).doesNotExist();
    }

    @Test
    void g1kParsesWithoutWarnings() {
        assertThat(g1k.warnings()).isEmpty();
        assertThat(g1k.pages()).allMatch(Page::published);
    }

    @Test
    void g1kHasItsPagesJournalsAndNamespaces() {
        List<Page> files = g1k.pages().stream().filter(p -> !p.isGenerated()).toList();

        assertThat(files.stream().filter(Page::isJournal)).hasSize(365);
        assertThat(files.stream().filter(p -> !p.isJournal())).hasSize(1000);
        assertThat(files.stream().filter(p -> p.name().startsWith("Area"))).hasSize(100);
        assertThat(g1k.page("Area3")).get().matches(Page::isGenerated);
        assertThat(g1k.page("Jan 1st, 2024")).isPresent();
        assertThat(g1k.page("Dec 30th, 2024")).isPresent();
        assertThat(files)
                .filteredOn(p -> !p.isJournal())
                .allSatisfy(
                        p -> {
                            assertThat(p.properties()).containsKeys("tags", "type");
                            // two picked, the same one now and then: tags are a set, as in Logseq
                            assertThat(p.tags()).hasSizeBetween(1, 2);
                        });
    }

    @Test
    void g1kBlocksNestUpToDepthFour() {
        int deepest = 0;
        for (Page p : g1k.pages()) {
            deepest = Math.max(deepest, depth(p.blocks()));
        }
        assertThat(deepest).isEqualTo(5);
        assertThat(g1kBlocks.size()).isBetween(1000 * 8 + 365 * 3, 1000 * 40 + 365 * 15);
    }

    @Test
    void g1kBlocksReferAsOften() {
        assertThat(fraction(refs(Reference.Kind.PAGE))).isCloseTo(0.35, within(0.02));
        assertThat(fraction(refs(Reference.Kind.TAG))).isCloseTo(0.10, within(0.015));
        assertThat(fraction(refs(Reference.Kind.BLOCK))).isCloseTo(0.05, within(0.01));
        assertThat(fraction(refs(Reference.Kind.EMBED))).isCloseTo(0.02, within(0.005));
        assertThat(fraction(b -> "TODO".equals(b.marker()))).isCloseTo(0.03, within(0.01));
        assertThat(fraction(b -> b.id() != null)).isCloseTo(0.15, within(0.015));
        assertThat(fraction(b -> b.content().contains("```python"))).isCloseTo(0.03, within(0.01));
    }

    @Test
    void g1kBlockIdsAreVersionFourUuids() {
        List<String> ids = g1kBlocks.stream().map(Block::id).filter(id -> id != null).toList();

        assertThat(ids).isNotEmpty().doesNotHaveDuplicates();
        assertThat(ids)
                .allMatch(
                        id ->
                                id.matches(
                                        "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
    }

    @Test
    void g1kBlockRefsAndEmbedsAllResolve() {
        List<String> targets =
                g1kBlocks.stream()
                        .flatMap(b -> b.refs().stream())
                        .filter(Block.Ref::toBlock)
                        .map(Block.Ref::target)
                        .toList();

        assertThat(targets).hasSizeGreaterThan(1000);
        assertThat(targets).allMatch(t -> g1k.block(t).isPresent());
    }

    private static Predicate<Block> refs(Reference.Kind kind) {
        return b -> b.refs().stream().anyMatch(r -> r.kind() == kind);
    }

    private static double fraction(Predicate<Block> which) {
        return (double) g1kBlocks.stream().filter(which).count() / g1kBlocks.size();
    }

    private static int depth(List<Block> blocks) {
        int d = 0;
        for (Block b : blocks) {
            d = Math.max(d, 1 + depth(b.children()));
        }
        return d;
    }

    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return out;
    }
}
