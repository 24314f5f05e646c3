package dev.draehi.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Block;
import dev.draehi.model.Graph;
import dev.draehi.model.GraphConfig;
import dev.draehi.model.Page;
import dev.draehi.spi.RenderContext;
import dev.draehi.spi.RenderedPage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders a generated graph of 5,000 pages and 1,000 journals (g5k) single-threaded and on all
 * cores. Run with {@code mvn -pl draehi-render test -Dsurefire.excludedGroups= -Dgroups=bench}.
 */
@Tag("bench")
class RenderBenchmarkTest {
    @TempDir Path dir;

    @Test
    void rendersG5k() throws Exception {
        Path script =
                Path.of(System.getProperty("draehi.genGraph", "/work/shared/bench/gen-graph.py"));
        Process p =
                new ProcessBuilder("python3", script.toString(), dir.toString(), "5000", "1000")
                        .inheritIO()
                        .start();
        assertThat(p.waitFor()).isZero();
        List<Page> pages = new ArrayList<>();
        long[] bytes = {0};
        for (String folder : List.of("journals", "pages")) {
            try (Stream<Path> files = Files.list(dir.resolve(folder))) {
                for (Path f : files.sorted().toList()) {
                    String text = Files.readString(f, StandardCharsets.UTF_8);
                    bytes[0] += text.getBytes(StandardCharsets.UTF_8).length;
                    pages.add(parse(folder, f, text));
                }
            }
        }
        Graph graph = new Graph("0".repeat(40), GraphConfig.DEFAULTS, pages, Map.of(), List.of());
        RenderContext ctx =
                new RenderContext(graph, TestGraph.workspace(), TestGraph.resolver(graph));
        HtmlPageRenderer renderer = HtmlPageRenderer.create();
        long blocks = pages.stream().mapToLong(pg -> pg.flatBlocks().size()).sum();

        // warm-up: one full pass on all cores, so that the timed passes run compiled code
        pages.parallelStream().forEach(pg -> renderer.render(pg, ctx));
        long t0 = System.nanoTime();
        long html = 0;
        for (Page pg : pages) {
            RenderedPage r = renderer.render(pg, ctx);
            for (String h : r.blockHtml()) {
                html += h.length();
            }
        }
        double single = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        long parallelHtml =
                pages.parallelStream()
                        .mapToLong(
                                pg ->
                                        renderer.render(pg, ctx).blockHtml().stream()
                                                .mapToLong(String::length)
                                                .sum())
                        .sum();
        double parallel = (System.nanoTime() - t0) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(
                Locale.ROOT,
                "g5k: %d pages, %d blocks, %.1f MB markdown, %.1f MB html%n"
                        + "  single thread: %.2f s, %.0f blocks/s, %.2f MB/s%n"
                        + "  %d cores:       %.2f s, %.0f blocks/s, %.2f MB/s%n",
                pages.size(),
                blocks,
                bytes[0] / 1e6,
                html / 1e6,
                single,
                blocks / single,
                bytes[0] / 1e6 / single,
                cores,
                parallel,
                blocks / parallel,
                bytes[0] / 1e6 / parallel);
        assertThat(parallelHtml).isEqualTo(html);
    }

    /**
     * A crude outline reader: bullets by tab depth, continuation lines, {@code id::} and markers.
     */
    static Page parse(String folder, Path file, String text) throws IOException {
        String base = file.getFileName().toString().replaceFirst("\\.md$", "");
        String name;
        Integer day = null;
        if (folder.equals("journals")) {
            LocalDate d = LocalDate.parse(base, DateTimeFormatter.ofPattern("yyyy_MM_dd"));
            int dom = d.getDayOfMonth();
            String suffix =
                    (dom % 10 == 1 && dom != 11)
                            ? "st"
                            : (dom % 10 == 2 && dom != 12)
                                    ? "nd"
                                    : (dom % 10 == 3 && dom != 13) ? "rd" : "th";
            name =
                    d.format(DateTimeFormatter.ofPattern("MMM", Locale.ENGLISH))
                            + " "
                            + dom
                            + suffix
                            + ", "
                            + d.getYear();
            day = Integer.parseInt(d.format(DateTimeFormatter.BASIC_ISO_DATE));
        } else {
            name = base.replace("___", "/");
        }
        Map<String, String> pageProps = new LinkedHashMap<>();
        List<List<String>> raw = new ArrayList<>();
        List<Integer> depths = new ArrayList<>();
        for (String line : text.split("\n")) {
            int tabs = 0;
            while (tabs < line.length() && line.charAt(tabs) == '\t') {
                tabs++;
            }
            String rest = line.substring(tabs);
            if (rest.startsWith("- ") || rest.equals("-")) {
                raw.add(new ArrayList<>(List.of(rest.length() > 2 ? rest.substring(2) : "")));
                depths.add(tabs);
            } else if (raw.isEmpty()) {
                int sep = rest.indexOf(":: ");
                if (sep > 0) {
                    pageProps.put(rest.substring(0, sep), rest.substring(sep + 3));
                }
            } else if (!rest.isBlank()) {
                raw.get(raw.size() - 1)
                        .add(rest.startsWith("  ") ? rest.substring(2) : rest.strip());
            }
        }
        List<Block> flat = new ArrayList<>();
        for (List<String> lines : raw) {
            flat.add(TestBlocks.md(String.join("\n", lines)));
        }
        List<Block> roots = nest(flat, depths, 0, flat.size(), 0);
        List<String> tags =
                pageProps.containsKey("tags")
                        ? List.of(pageProps.get("tags").split(",\\s*"))
                        : List.of();
        return new Page(
                name,
                folder + "/" + file.getFileName(),
                null,
                day,
                true,
                pageProps,
                tags,
                List.of(),
                roots);
    }

    private static List<Block> nest(
            List<Block> flat, List<Integer> depths, int from, int to, int level) {
        List<Block> out = new ArrayList<>();
        int i = from;
        while (i < to) {
            int j = i + 1;
            while (j < to && depths.get(j) > depths.get(i)) {
                j++;
            }
            Block b = flat.get(i);
            List<Block> children = nest(flat, depths, i + 1, j, level + 1);
            out.add(
                    new Block(
                            b.id(),
                            b.content(),
                            b.properties(),
                            b.marker(),
                            b.priority(),
                            b.scheduled(),
                            b.deadline(),
                            b.headingLevel(),
                            b.collapsed(),
                            b.refs(),
                            children,
                            b.line(),
                            b.format()));
            i = j;
        }
        return out;
    }
}
