package dev.draehi.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JDK Flight Recorder recording of execution samples around some work, summarized as the methods
 * most often on top of the stack (self) and on the stack at all (total). The recording is kept, for
 * {@code jfr print --events jdk.ExecutionSample FILE}.
 */
final class BenchProfile implements AutoCloseable {
    // named through the class, so that moving the method cannot leave this name behind
    private static final String HARNESS = BenchRun.class.getName() + ".commit";

    private final Recording recording = new Recording();
    private final Path file;

    BenchProfile(Path file) {
        this.file = file;
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(5));
        recording.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(20));
        recording.setName("draehi-bench");
        recording.start();
    }

    @Override
    public void close() throws IOException {
        recording.stop();
        recording.dump(file);
        recording.close();
    }

    /**
     * A markdown summary of the samples in the recording: the top {@code n} frames. Samples taken
     * while the benchmark itself was working (its own git commits, {@code BenchRun.commit}) are
     * counted apart and left out of the tables.
     */
    List<String> summary(int n) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        Map<String, Integer> draehiTop = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int samples = 0;
        int nativeSamples = 0;
        int harness = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            boolean isNative = type.equals("jdk.NativeMethodSample");
            if (!(isNative || type.equals("jdk.ExecutionSample")) || e.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            if (frames.stream().anyMatch(f -> name(f.getMethod()).equals(HARNESS))) {
                harness++;
                continue;
            }
            samples++;
            nativeSamples += isNative ? 1 : 0;
            String thread =
                    e.getThread("sampledThread") == null
                            ? "?"
                            : e.getThread("sampledThread").getJavaName().replaceAll("\\d+", "N");
            threads.merge(thread, 1, Integer::sum);
            self.merge(
                    name(frames.get(0).getMethod()) + (isNative ? " (native)" : ""),
                    1,
                    Integer::sum);
            Set<String> seen = new HashSet<>();
            boolean draehiSeen = false;
            for (RecordedFrame f : frames) {
                String m = name(f.getMethod());
                boolean draehi =
                        m.startsWith("dev.draehi.")
                                && !m.startsWith("dev.draehi.cli.")
                                && !m.contains("$$Lambda")
                                && !m.contains(".lambda$");
                if (draehi && seen.add(m)) {
                    total.merge(m, 1, Integer::sum);
                }
                if (!draehiSeen && draehi) {
                    draehiSeen = true;
                    draehiTop.merge(m, 1, Integer::sum);
                }
            }
        }
        List<String> out = new ArrayList<>();
        out.add(
                String.format(
                        Locale.ROOT,
                        "%d samples (%d of running Java code every 5 ms per thread, %d in native code"
                                + " every 20 ms, e.g. waiting on a socket), not counting %d taken in the"
                                + " benchmark's own git commits. Kept in `%s`: `jfr print --events"
                                + " jdk.ExecutionSample %s`, or `jfr summary`.",
                        samples,
                        samples - nativeSamples,
                        nativeSamples,
                        harness,
                        file.getFileName(),
                        file.getFileName()));
        out.add("");
        table(out, "thread", threads, samples, 6);
        table(out, "top frame (self)", self, samples, n);
        table(out, "nearest draehi frame", draehiTop, samples, n);
        table(out, "draehi method on the stack (total)", total, samples, n);
        return out;
    }

    private static void table(
            List<String> out, String title, Map<String, Integer> counts, int samples, int n) {
        out.add("| " + title + " | samples | share |");
        out.add("|---|---:|---:|");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(n)
                .forEach(
                        e ->
                                out.add(
                                        String.format(
                                                Locale.ROOT,
                                                "| `%s` | %d | %.1f%% |",
                                                e.getKey(),
                                                e.getValue(),
                                                100.0 * e.getValue() / Math.max(1, samples))));
        out.add("");
    }

    private static String name(RecordedMethod m) {
        if (m == null) {
            return "?";
        }
        String type = m.getType() == null ? "?" : m.getType().getName();
        return type + "." + m.getName();
    }
}
