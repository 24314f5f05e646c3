package dev.draehi.sync.mldoc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Logseq's own parser, mldoc, run by Node on the script kept in {@code src/test/mldoc}: what Logseq
 * makes of each page file of a graph, as JSON (see {@code oracle.js}).
 */
final class MldocOracle {
    /** The script's directory, from the module's working directory. */
    static final Path DIR = Path.of("src", "test", "mldoc");

    private static final Pattern TRIPLE_LOWBAR =
            Pattern.compile("(?m)^[^;\\n]*:file/name-format\\s+:triple-lowbar");

    private static final ObjectMapper JSON = new ObjectMapper();

    private MldocOracle() {}

    /** Why the oracle cannot run here, or null when node and npm are both on the path. */
    static String unavailable() {
        for (String tool : List.of("node", "npm")) {
            try {
                Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    return tool + " --version failed";
                }
            } catch (IOException e) {
                return tool + " is not installed";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
        return null;
    }

    /** Installs mldoc as {@code package-lock.json} pins it, once. */
    static void install() {
        if (Files.isDirectory(DIR.resolve("node_modules").resolve("mldoc"))) {
            return;
        }
        run(List.of("npm", "ci", "--no-audit", "--no-fund"), null, 600);
    }

    /** What Logseq makes of each of {@code files} (paths relative to {@code root}), by path. */
    static Map<String, JsonNode> parse(Path root, List<String> files) {
        String format = nameFormat(root);
        String out =
                run(
                        List.of("node", "oracle.js", root.toAbsolutePath().toString(), format),
                        String.join("\n", files) + "\n",
                        600);
        Map<String, JsonNode> pages = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode page = JSON.readTree(line);
                if (page.has("error")) {
                    throw new IllegalStateException(
                            "mldoc failed on " + page.get("path") + ": " + page.get("error"));
                }
                pages.put(page.get("path").asText(), page);
            } catch (IOException e) {
                throw new IllegalStateException("unreadable oracle output: " + line, e);
            }
        }
        return pages;
    }

    /** The graph's {@code :file/name-format}, read from its config.edn text. */
    static String nameFormat(Path root) {
        Path config = root.resolve("logseq").resolve("config.edn");
        try {
            if (Files.isRegularFile(config)
                    && TRIPLE_LOWBAR
                            .matcher(Files.readString(config, StandardCharsets.UTF_8))
                            .find()) {
                return "triple-lowbar";
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + config, e);
        }
        return "legacy";
    }

    private static String run(List<String> command, String stdin, int seconds) {
        List<String> cmd = new ArrayList<>(command);
        try {
            Process p =
                    new ProcessBuilder(cmd)
                            .directory(DIR.toFile())
                            .redirectError(ProcessBuilder.Redirect.INHERIT)
                            .start();
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            byte[] out;
            try (InputStream o = p.getInputStream()) {
                out = o.readAllBytes();
            }
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(cmd + " did not finish in " + seconds + " s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(cmd + " exited with " + p.exitValue());
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + cmd, e);
        }
    }
}
