package dev.draehi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.draehi.testing.DocsGraph;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CI workflows in {@code deploy/} that users copy into their graph's repository: their shell
 * commands are read from the files and run, as the CI runner would, in a git repository of the docs
 * graph. The clone of draehi comes from this checkout instead of GitHub, and gets the jar this
 * build made (so {@code ./draehi} does not build again); every other word is the workflow's own.
 */
@Tag("slow")
class DeployWorkflowTest {
    static final String UPSTREAM = "https://github.com/draehi/draehi.git";
    static final String BASE_URL = "https://ada.example.io/notes";

    @TempDir Path work;

    @ParameterizedTest
    @ValueSource(strings = {"github-pages.yml", "gitlab-pages.yml"})
    void theWorkflowsCommandsPublishTheGraph(String file) throws Exception {
        Path root = DocsGraph.repositoryRoot();
        Path jar = root.resolve("draehi-cli/target/draehi.jar");
        assumeTrue(Files.isRegularFile(jar), "draehi-cli is not packaged (run mvn verify)");
        assumeTrue(Files.exists(root.resolve(".git")), "not a git checkout");
        List<String> commands = commands(Files.readString(root.resolve("deploy").resolve(file)));
        assertThat(commands).hasSize(2);
        assertThat(commands.get(0)).startsWith("git clone --depth 1 " + UPSTREAM + " ");

        Path graph = work.resolve("notes");
        copy(DocsGraph.path(), graph);
        run(
                graph,
                Map.of(),
                "git init -q -b main && git add -A && git -c user.name=Ada"
                        + " -c user.email=ada@example.org commit -q -m notes");

        Map<String, String> env =
                Map.of(
                        "RUNNER_TEMP", work.toString(),
                        "CI_BUILDS_DIR", work.toString(),
                        "CI_PAGES_URL", BASE_URL);
        run(graph, env, commands.get(0).replace(UPSTREAM, root.toUri().toString()));
        Path target = Files.createDirectories(work.resolve("draehi/draehi-cli/target"));
        Files.copy(jar, target.resolve("draehi.jar"), StandardCopyOption.REPLACE_EXISTING);
        String log =
                run(
                        graph,
                        env,
                        commands.get(1).replace("${{ steps.pages.outputs.base_url }}", BASE_URL));

        assertThat(log).doesNotContain("building", "rebuilding");
        Path site = graph.resolve("public");
        assertThat(site.resolve("index.html")).isRegularFile();
        assertThat(Files.readString(site.resolve("sitemap.xml")))
                .contains("<loc>" + BASE_URL + "/");
        try (Stream<Path> files = Files.walk(site)) {
            assertThat(files.filter(p -> p.toString().endsWith(".html")).count())
                    .isGreaterThan(500);
        }
    }

    /**
     * The shell commands of the step that runs draehi: GitHub's {@code run: |} block of the step
     * "Build the site with draehi", or GitLab's {@code script:} list.
     */
    static List<String> commands(String yaml) {
        List<String> out = new ArrayList<>();
        String[] lines = yaml.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].strip();
            boolean githubBlock =
                    t.equals("run: |")
                            && lines[i - 1].strip().equals("- name: Build the site with draehi");
            boolean gitlabList = t.equals("script:");
            if (!githubBlock && !gitlabList) {
                continue;
            }
            int indent = indent(lines[i]);
            for (int j = i + 1; j < lines.length && indent(lines[j]) > indent; j++) {
                String c = lines[j].strip();
                if (gitlabList) {
                    c = c.substring(2).strip();
                    if (c.startsWith("'") && c.endsWith("'")) {
                        c = c.substring(1, c.length() - 1).replace("''", "'");
                    }
                }
                out.add(c);
            }
        }
        return out;
    }

    static int indent(String line) {
        return line.isBlank() ? Integer.MAX_VALUE : line.length() - line.stripLeading().length();
    }

    String run(Path dir, Map<String, String> env, String command) throws Exception {
        return run(work, dir, env, List.of("bash", "-euo", "pipefail", "-c", command));
    }

    /**
     * The output of {@code command} run in {@code dir} with {@code env} added, its log kept in
     * {@code logs}; fails unless it exits with 0 within five minutes.
     */
    static String run(Path logs, Path dir, Map<String, String> env, List<String> command)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.directory(dir.toFile());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Path log = Files.createTempFile(logs, "cmd", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        String out = Files.readString(log, StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done && p.exitValue() == 0).as("%s failed:%n%s", command, out).isTrue();
        return out;
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
