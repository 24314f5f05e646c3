package dev.draehi.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The benchmark suite ({@code draehi bench}) under Maven: {@code mvn verify -Pbench -pl
 * draehi-bench -am} writes draehi-bench/target/bench/report.md and report.json, the same report as
 * {@code ./draehi bench} at the repository root. Properties: {@code
 * -Ddraehi.bench.graphs=g1k,g5k,g20k,g50k}, {@code -Ddraehi.bench.storage=memory} (no PostgreSQL),
 * {@code -Ddraehi.bench.repeat=N}, {@code -Ddraehi.bench.httpSeconds=S}. Graphs are cached in the
 * repository's .draehi/bench, shared with the command line.
 */
@Tag("bench")
class BenchSuiteTest {
    @Test
    void benchmarkSuiteWritesItsReport() {
        List<String> args =
                new ArrayList<>(List.of("--out", "target/bench", "--cache", "../.draehi/bench"));
        String graphs = System.getProperty("draehi.bench.graphs");
        if (graphs != null && !graphs.isBlank()) {
            args.add("--graphs=" + graphs);
        }
        if (!System.getProperty("draehi.bench.storage", "memory,postgresql")
                .contains("postgresql")) {
            args.add("--no-postgres");
        }
        String repeat = System.getProperty("draehi.bench.repeat");
        if (repeat != null && !repeat.isBlank()) {
            args.add("--repeat=" + repeat);
        }
        String http = System.getProperty("draehi.bench.httpSeconds");
        if (http != null && !http.isBlank()) {
            args.add("--http-seconds=" + http);
        }
        assertThat(BenchMain.run(args.toArray(String[]::new))).isZero();
        assertThat(Path.of("target", "bench", "report.md")).isRegularFile();
        assertThat(Path.of("target", "bench", "report.json")).isRegularFile();
    }
}
