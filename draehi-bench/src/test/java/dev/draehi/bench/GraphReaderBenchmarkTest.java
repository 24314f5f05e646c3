package dev.draehi.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import dev.draehi.sync.LogseqGraphReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parses the generated g5k graph (5,000 pages, 1,000 journals) and prints files/s and MB/s,
 * single-threaded and on all cores. Not part of {@code mvn verify}: run with {@code mvn -o -q test
 * -Pbench -pl draehi-bench -am -Dtest=GraphReaderBenchmarkTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("bench")
class GraphReaderBenchmarkTest {
    @TempDir Path dir;

    @Test
    void parsesG5kQuickly() {
        Path g5k = dir.resolve("g5k");
        GraphGenerator.of(GraphGenerator.Size.G5K).writeTo(g5k);
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
            long blocks = g.pages().stream().mapToLong(Page::blockCount).sum();
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

    /** The bytes of every file under {@code root}. */
    static long totalBytes(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            long sum = 0;
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                sum += Files.size(p);
            }
            return sum;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
