package dev.draehi.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parses the synthetic g5k graph (5000 pages, 1000 journals) from bench/gen-graph.py and prints
 * files/s and MB/s, single-threaded and on all cores. Not part of {@code mvn verify}: run with
 * {@code mvn -o -q -pl draehi-sync test -Dsurefire.excludedGroups= -Dgroups=bench}.
 */
@Tag("bench")
class GraphReaderBenchmarkTest {
    @TempDir Path dir;

    @Test
    void parsesG5kQuickly() throws Exception {
        Path script =
                dev.draehi.testing.DocsGraph.path()
                        .getParent()
                        .getParent()
                        .resolve("bench/gen-graph.py");
        Path g5k = dir.resolve("g5k");
        Process gen =
                new ProcessBuilder("python3", script.toString(), g5k.toString(), "5000", "1000")
                        .inheritIO()
                        .start();
        assertThat(gen.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(gen.exitValue()).isZero();
        long bytes = totalBytes(g5k);

        int cores = Runtime.getRuntime().availableProcessors();
        for (int threads : List.of(1, cores)) {
            LogseqGraphReader reader = LogseqGraphReader.builder().parallelism(threads).build();
            Graph g = null;
            long best = Long.MAX_VALUE;
            for (int run = 0; run < 5; run++) { // the first runs warm the JIT up
                long t0 = System.nanoTime();
                g = reader.read(g5k, "0".repeat(40));
                best = Math.min(best, System.nanoTime() - t0);
            }
            long files = g.pages().stream().filter(p -> !p.isGenerated()).count();
            long blocks = g.pages().stream().mapToLong(p -> p.flatBlocks().size()).sum();
            double secs = best / 1e9;
            System.out.printf(
                    "g5k threads=%d: %d files, %d pages, %d blocks, %.1f MB in %.3f s = %.0f files/s,"
                            + " %.1f MB/s%n",
                    threads,
                    files,
                    g.pages().size(),
                    blocks,
                    bytes / 1e6,
                    secs,
                    files / secs,
                    bytes / 1e6 / secs);
            assertThat(files).isEqualTo(6000);
            assertThat(g.pages()).anyMatch(Page::isGenerated);
        }
    }

    private static long totalBytes(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .mapToLong(
                            p -> {
                                try {
                                    return Files.size(p);
                                } catch (IOException e) {
                                    return 0;
                                }
                            })
                    .sum();
        }
    }
}
