package dev.draehi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How to start {@code draehi}: a new JVM on this process's class path (the bench jar shades the
 * CLI) with the CLI's main class. Not the {@code ./draehi} script: it may rebuild the jar first (a
 * build inside the timing), and {@code java -jar} on the bench jar would start the bench. The
 * class-data archive that {@code ./draehi} makes beside the jar ({@code draehi-bench.jsa}) is used
 * when it is there and not older than the jar, as the script would.
 */
record Child(List<String> base) {
    /**
     * A finished child: wall seconds, peak RSS, exit code, and its user + system CPU seconds and
     * the system part of them (-1 when {@code /usr/bin/time} is missing).
     */
    record Run(double seconds, long peakRssKb, int exit, double cpuSeconds, double systemSeconds) {}

    static final String CLI_MAIN = "dev.draehi.cli.Main";

    /**
     * The JVM options {@code ./draehi} gives a publish: C1 alone, and the parallel collector
     * promoting what survives one collection into an old generation with room to spare.
     */
    static final List<String> PUBLISH_JVM =
            List.of(
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseParallelGC",
                    "-XX:MaxTenuringThreshold=0",
                    "-Xms1g",
                    "-Xmn120m");

    static Child locate() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        List<String> base = new ArrayList<>(List.of(java));
        base.addAll(archiveOptions(cp));
        base.addAll(List.of("-cp", cp));
        return new Child(List.copyOf(base));
    }

    /** The options that use the class-data archive beside a one-jar class path, if usable. */
    static List<String> archiveOptions(String classPath) {
        if (classPath == null || !classPath.endsWith(".jar") || classPath.contains(":")) {
            return List.of();
        }
        Path jar = Path.of(classPath);
        Path jsa = Path.of(classPath.substring(0, classPath.length() - 4) + ".jsa");
        try {
            if (!Files.isRegularFile(jsa)
                    || Files.size(jsa) == 0
                    || Files.getLastModifiedTime(jsa).compareTo(Files.getLastModifiedTime(jar))
                            < 0) {
                return List.of();
            }
        } catch (IOException e) {
            return List.of();
        }
        return List.of(
                "-XX:SharedArchiveFile=" + jsa,
                "-Xshare:auto",
                "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off",
                "-Xlog:class+path=off");
    }

    /** Whether the children start with a class-data archive. */
    boolean sharesClasses() {
        return base.stream().anyMatch(a -> a.startsWith("-XX:SharedArchiveFile="));
    }

    Run run(List<String> args, Path logFile) throws Exception {
        return run(args, logFile, List.of());
    }

    /** Runs draehi in a JVM started with {@code jvmOptions} (such as {@code -Xmx2048m}). */
    Run run(List<String> args, Path logFile, List<String> jvmOptions) throws Exception {
        Path time = Path.of("/usr/bin/time");
        Path timeOut = logFile.resolveSibling(logFile.getFileName() + ".time");
        List<String> cmd = new ArrayList<>();
        boolean timed = Files.isExecutable(time);
        if (timed) {
            cmd.addAll(List.of(time.toString(), "-f", "%M\ncpu %U %S", "-o", timeOut.toString()));
        }
        cmd.add(base.get(0));
        cmd.addAll(jvmOptions);
        cmd.addAll(base.subList(1, base.size()));
        cmd.add(CLI_MAIN);
        cmd.addAll(args);
        long t0 = System.nanoTime();
        ProcessBuilder pb =
                new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logFile.toFile());
        Process p = pb.start();
        long hwm = 0;
        while (!p.waitFor(20, TimeUnit.MILLISECONDS)) {
            if (!timed) {
                hwm = Math.max(hwm, vmHwmKb(p.pid()));
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpu = -1;
        double sys = -1;
        if (timed && Files.isRegularFile(timeOut)) {
            for (String line : Files.readAllLines(timeOut)) {
                String t = line.trim();
                if (t.matches("\\d+")) {
                    hwm = Long.parseLong(t);
                } else if (t.matches("cpu [0-9.]+ [0-9.]+")) {
                    String[] f = t.split(" ");
                    sys = Double.parseDouble(f[2]);
                    cpu = Double.parseDouble(f[1]) + sys;
                }
            }
        }
        return new Run(secs, hwm, p.exitValue(), cpu, sys);
    }

    /** Starts draehi with {@code args}, its output to {@code logFile}, and returns at once. */
    Process start(List<String> args, Path logFile) throws IOException {
        List<String> cmd = new ArrayList<>(base);
        cmd.add(CLI_MAIN);
        cmd.addAll(args);
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
    }

    static long vmHwmKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone, or this is not Linux
        }
        return 0;
    }
}
