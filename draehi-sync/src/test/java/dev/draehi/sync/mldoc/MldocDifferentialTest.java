package dev.draehi.sync.mldoc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.draehi.model.Graph;
import dev.draehi.sync.LogseqGraphReader;
import dev.draehi.testing.DocsGraph;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Logseq's own parser as the oracle: every page of the docs graph, of the synthetic graphs in
 * {@code src/test/resources/mldoc/graphs} and of any graph named by {@code
 * -Ddraehi.mldoc.graph=DIR} (several joined by the path separator) is read by mldoc (see {@code
 * src/test/mldoc/oracle.js}) and by draehi, and the two compared. Prints a table of the differences
 * by class, and fails on any that {@code mldoc/allow-list.txt} does not list.
 */
@Tag("slow")
class MldocDifferentialTest {
    private static final Path SYNTHETIC = Path.of("src", "test", "resources", "mldoc", "graphs");
    private static final Path ALLOW_LIST =
            Path.of("src", "test", "resources", "mldoc", "allow-list.txt");

    private static String unavailable;

    @BeforeAll
    static void installMldoc() {
        unavailable = MldocOracle.unavailable();
        if (unavailable == null) {
            MldocOracle.install();
        } else {
            System.out.println("mldoc differential skipped: " + unavailable);
        }
    }

    static Stream<Arguments> graphs() throws IOException {
        List<Arguments> out = new ArrayList<>();
        out.add(Arguments.of("docs", DocsGraph.path()));
        try (Stream<Path> dirs = Files.list(SYNTHETIC)) {
            dirs.filter(Files::isDirectory)
                    .sorted()
                    .forEach(d -> out.add(Arguments.of(d.getFileName().toString(), d)));
        }
        String extra = System.getProperty("draehi.mldoc.graph", "");
        for (String dir : extra.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                Path p = Path.of(dir).toAbsolutePath();
                out.add(Arguments.of(p.getFileName().toString(), p));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("graphs")
    void draehiReadsEveryPageAsLogseqDoes(String name, Path root) throws IOException {
        assumeTrue(unavailable == null, () -> "node and npm are needed: " + unavailable);
        List<String> files = pageFiles(root);
        Map<String, JsonNode> oracle = MldocOracle.parse(root, files);
        Graph graph = LogseqGraphReader.builder().build().read(root, "0".repeat(40));
        List<Differential.Difference> all = Differential.compare(graph, oracle);

        Map<String, String> allowed = allowList(name);
        List<Differential.Difference> unlisted = new ArrayList<>();
        for (Differential.Difference d : all) {
            if (!allowed.containsKey(d.kind() + " | " + d.page())) {
                unlisted.add(d);
            }
        }
        String table = table(name, files.size(), all, allowed);
        System.out.println(table);
        Files.writeString(
                Path.of("target", "mldoc-differential-" + name + ".md"),
                table,
                StandardCharsets.UTF_8);
        assertThat(unlisted)
                .as("differences from Logseq in graph %s not in %s%s", name, ALLOW_LIST, table)
                .isEmpty();
    }

    /** The Markdown and Org files of pages/ and journals/ (sub-folders too), not dot-paths. */
    private static List<String> pageFiles(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        for (String dir : List.of("pages", "journals")) {
            Path d = root.resolve(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(d)) {
                walk.filter(Files::isRegularFile)
                        .map(p -> root.relativize(p).toString().replace(File.separatorChar, '/'))
                        .filter(p -> !p.contains("/."))
                        .filter(
                                p -> {
                                    String l = p.toLowerCase(Locale.ROOT);
                                    return l.endsWith(".md")
                                            || l.endsWith(".markdown")
                                            || l.endsWith(".org");
                                })
                        .sorted()
                        .forEach(out::add);
            }
        }
        return out;
    }

    /**
     * The reviewed differences of one graph: lines {@code class | graph:path | why}, blank lines
     * and {@code #} comments skipped.
     */
    private static Map<String, String> allowList(String graph) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(ALLOW_LIST, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s*\\|\\s*", 3);
                if (parts.length != 3 || parts[2].isBlank()) {
                    throw new IllegalStateException(
                            ALLOW_LIST + ": an entry needs a class, a page and a reason: " + line);
                }
                String prefix = graph + ":";
                if (parts[1].startsWith(prefix)) {
                    out.put(
                            parts[0].strip() + " | " + parts[1].substring(prefix.length()),
                            parts[2]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String table(
            String graph,
            int pages,
            List<Differential.Difference> all,
            Map<String, String> allowed) {
        Map<String, List<Differential.Difference>> byKind = new TreeMap<>();
        for (Differential.Difference d : all) {
            byKind.computeIfAbsent(d.kind(), k -> new ArrayList<>()).add(d);
        }
        StringBuilder sb = new StringBuilder();
        sb.append("\nmldoc differential, graph ")
                .append(graph)
                .append(": ")
                .append(pages)
                .append(" page files\n");
        sb.append("| class | pages | allowed | example |\n|---|---|---|---|\n");
        for (Map.Entry<String, List<Differential.Difference>> e : byKind.entrySet()) {
            long distinct =
                    e.getValue().stream().map(Differential.Difference::page).distinct().count();
            long ok =
                    e.getValue().stream()
                            .map(Differential.Difference::page)
                            .distinct()
                            .filter(p -> allowed.containsKey(e.getKey() + " | " + p))
                            .count();
            Differential.Difference first = e.getValue().get(0);
            String detail = first.detail().replace('\n', ' ').replace("|", "\\|");
            if (detail.length() > 160) {
                detail = detail.substring(0, 160) + "…";
            }
            sb.append("| ")
                    .append(e.getKey())
                    .append(" | ")
                    .append(distinct)
                    .append(" | ")
                    .append(ok)
                    .append(" | ")
                    .append(first.page())
                    .append(": ")
                    .append(detail)
                    .append(" |\n");
        }
        if (byKind.isEmpty()) {
            sb.append("| (none) | 0 | 0 | |\n");
        }
        if (Boolean.getBoolean("draehi.mldoc.verbose")) {
            for (Differential.Difference d : all) {
                sb.append(d.kind()).append(" | ").append(d.page()).append(" | ").append(d.detail());
                sb.append('\n');
            }
        }
        return sb.toString();
    }
}
