package dev.draehi.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A fresh PostgreSQL schema per test class, child JVMs running the CLI, and file helpers. */
final class Pg implements AutoCloseable {
    static final String BASE =
            System.getenv()
                    .getOrDefault(
                            "DRAEHI_TEST_JDBC_URL",
                            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    final String schema;
    final String url;

    Pg(String prefix) throws SQLException {
        schema = prefix + "_" + System.nanoTime();
        exec("CREATE SCHEMA " + schema);
        url = withParam(BASE, "currentSchema=" + schema);
    }

    static String withParam(String url, String param) {
        return url + (url.contains("?") ? "&" : "?") + param;
    }

    static void exec(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(BASE)) {
            c.createStatement().execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    /**
     * A child JVM running {@code dev.draehi.cli.Main} with {@code args}, output into {@code log}.
     */
    static Process cli(Path log, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd =
                new ArrayList<>(List.of(java, "-cp", classPath(), "dev.draehi.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return pb.start();
    }

    private static String classPath;

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
            for (String e : cp.split(java.io.File.pathSeparator)) {
                Path p = Path.of(e);
                if (e.endsWith(".jar") && p.getFileName().toString().startsWith("draehi-")) {
                    Path copy = dir.resolve(p.getFileName());
                    Files.copy(p, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    out.add(copy.toString());
                } else {
                    out.add(e);
                }
            }
            classPath = String.join(java.io.File.pathSeparator, out);
        }
        return classPath;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
