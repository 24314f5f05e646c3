package dev.draehi.reliability;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Child JVMs running draehi's command line, as a user's processes would. */
final class ChildJvm {
    private static String classPath;

    private ChildJvm() {}

    /**
     * A child JVM running {@code dev.draehi.cli.Main} with {@code args}, output into {@code log}.
     */
    static Process cli(Path log, String... args) throws IOException {
        return cli(Map.of(), log, args);
    }

    /** {@link #cli(Path, String...)} with {@code env} added to the child's environment. */
    static Process cli(Map<String, String> env, Path log, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd =
                new ArrayList<>(List.of(java, "-cp", classPath(), "dev.draehi.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return pb.start();
    }

    /**
     * The test class path, with draehi's own jars copied to {@code target/reliability-cp}: another
     * build installing them into the local repository while a child starts must not break it.
     */
    static synchronized String classPath() throws IOException {
        if (classPath == null) {
            String cp =
                    System.getProperty(
                            "surefire.test.class.path", System.getProperty("java.class.path"));
            Path dir =
                    Files.createDirectories(Path.of("target", "reliability-cp").toAbsolutePath());
            List<String> out = new ArrayList<>();
            for (String e : cp.split(File.pathSeparator)) {
                Path p = Path.of(e);
                if (e.endsWith(".jar") && p.getFileName().toString().startsWith("draehi-")) {
                    Path copy = dir.resolve(p.getFileName());
                    Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING);
                    out.add(copy.toString());
                } else {
                    out.add(e);
                }
            }
            classPath = String.join(File.pathSeparator, out);
        }
        return classPath;
    }
}
