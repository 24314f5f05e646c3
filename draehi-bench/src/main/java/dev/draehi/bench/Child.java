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
 * build inside the timing), and {@code java -jar} on the bench jar would start the bench.
 */
record Child(List<String> base) {
    record Run(double seconds, long peakRssKb, int exit) {}

    static final String CLI_MAIN = "dev.draehi.cli.Main";

    static Child locate() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new Child(List.of(java, "-cp", System.getProperty("java.class.path")));
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
            cmd.addAll(List.of(time.toString(), "-f", "%M", "-o", timeOut.toString()));
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
        if (timed && Files.isRegularFile(timeOut)) {
            for (String line : Files.readAllLines(timeOut)) {
                if (line.trim().matches("\\d+")) {
                    hwm = Long.parseLong(line.trim());
                }
            }
        }
        return new Run(secs, hwm, p.exitValue());
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
