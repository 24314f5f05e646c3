package dev.draehi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.draehi.testing.DocsGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive {@code ./draehi} makes beside its jar leaves every method free to be
 * compiled. A dynamic archive written at the exit of a training run keeps, on JDK 17, the mark of
 * the methods then waiting in the JIT's queue; in every later run that maps it those methods look
 * queued and stay in the interpreter (a tenth of the speed: the export's HTML escaping and page
 * sorting were among them). Which methods those are depends on when the training run exits, so such
 * an archive fails this test in some runs, not in all. The JIT's own trace says whether a method
 * was already "in-queue" the first time it became hot.
 */
@Tag("slow")
class ClassDataArchiveTest {
    // -XX:+PrintTieredEvents: "[call level=0 [pkg.Class.method(...)V] @-1 … status=in-queue]"
    private static final Pattern EVENT =
            Pattern.compile("\\[(?:call|loop) level=0 \\[(\\S+)\\].*status=([a-z-]+)\\]");

    @TempDir Path work;

    @Test
    void noMethodOfAPublishIsLeftQueuedByTheArchive() throws Exception {
        Path root = DocsGraph.repositoryRoot();
        Path jar = root.resolve("draehi-cli/target/draehi.jar");
        assumeTrue(Files.isRegularFile(jar), "draehi-cli is not packaged (run mvn verify)");
        // the script, its jar and the docs graph it trains on: nothing it could rebuild from
        Path home = work.resolve("draehi");
        Path target = Files.createDirectories(home.resolve("draehi-cli/target"));
        Files.copy(
                root.resolve("draehi"), home.resolve("draehi"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(jar, target.resolve("draehi.jar"));
        DeployWorkflowTest.copy(DocsGraph.path(), home.resolve("examples/graphs/logseq-docs"));

        String made = run(List.of(home.resolve("draehi").toString(), "--version"));
        Path archive = target.resolve("draehi.jsa");
        assertThat(made).contains("preparing a class-data archive");
        assertThat(archive).isNotEmptyFile();

        String trace =
                run(
                        List.of(
                                "java",
                                "-XX:SharedArchiveFile=" + archive,
                                "-Xshare:on",
                                "-XX:TieredStopAtLevel=1",
                                "-XX:+UnlockDiagnosticVMOptions",
                                "-XX:+PrintTieredEvents",
                                "-cp",
                                target.resolve("draehi.jar").toString(),
                                "dev.draehi.cli.Main",
                                "publish",
                                DocsGraph.path().toString(),
                                "--out",
                                work.resolve("site").toString(),
                                "--checkout-dir",
                                work.resolve("checkouts").toString()));
        Map<String, String> firstStatus = new LinkedHashMap<>();
        Matcher m = EVENT.matcher(trace);
        while (m.find()) {
            firstStatus.putIfAbsent(m.group(1), m.group(2));
        }
        assertThat(firstStatus)
                .as("methods traced by the JIT (is -XX:+PrintTieredEvents's format still known?)")
                .hasSizeGreaterThan(1000);
        List<String> stuck =
                firstStatus.entrySet().stream()
                        .filter(e -> e.getValue().equals("in-queue"))
                        .map(Map.Entry::getKey)
                        .toList();
        assertThat(stuck).as("methods marked queued before they ever ran").isEmpty();
        assertThat(work.resolve("site/index.html")).isRegularFile();
    }

    private String run(List<String> command) throws IOException, InterruptedException {
        return DeployWorkflowTest.run(work, work, Map.of(), command);
    }
}
