package dev.draehi.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/** Heap and RSS of the largest sync, watched while it runs. */
final class MemoryBench {
    private final BenchRun run;

    MemoryBench(BenchRun run) {
        this.run = run;
    }

    /** Heap and RSS while it is open: GC notifications and a sampler, RSS peak reset first. */
    static final class MemoryWatch {
        final List<MemoryPoolMXBean> heapPools =
                ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(p -> p.getType() == MemoryType.HEAP)
                        .toList();
        final List<String> heapNames = heapPools.stream().map(MemoryPoolMXBean::getName).toList();
        volatile long maxUsed;
        volatile long maxBeforeGc;
        volatile long maxAfterGc;
        final long liveAtStart;
        final boolean rssReset;
        final Thread sampler;
        final NotificationListener listener;
        volatile boolean running = true;

        MemoryWatch() {
            System.gc();
            liveAtStart = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
            boolean reset;
            try {
                Files.writeString(Path.of("/proc/self/clear_refs"), "5");
                reset = true;
            } catch (IOException | RuntimeException e) {
                reset = false;
            }
            rssReset = reset;
            listener =
                    (n, handback) -> {
                        if (!n.getType().equals("com.sun.management.gc.notification")) {
                            return;
                        }
                        var info =
                                com.sun.management.GarbageCollectionNotificationInfo.from(
                                        (CompositeData) n.getUserData());
                        long before = 0;
                        long after = 0;
                        for (String pool : heapNames) {
                            var b = info.getGcInfo().getMemoryUsageBeforeGc().get(pool);
                            var a = info.getGcInfo().getMemoryUsageAfterGc().get(pool);
                            before += b == null ? 0 : b.getUsed();
                            after += a == null ? 0 : a.getUsed();
                        }
                        maxBeforeGc = Math.max(maxBeforeGc, before);
                        maxAfterGc = Math.max(maxAfterGc, after);
                    };
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter e) {
                    e.addNotificationListener(listener, null, null);
                }
            }
            sampler =
                    new Thread(
                            () -> {
                                while (running) {
                                    maxUsed =
                                            Math.max(
                                                    maxUsed,
                                                    ManagementFactory.getMemoryMXBean()
                                                            .getHeapMemoryUsage()
                                                            .getUsed());
                                    try {
                                        Thread.sleep(10);
                                    } catch (InterruptedException e) {
                                        return;
                                    }
                                }
                            },
                            "bench-memory");
            sampler.setDaemon(true);
            sampler.start();
        }

        long rssPeakKb;

        void stop() throws InterruptedException {
            running = false;
            sampler.join();
            rssPeakKb = Child.vmHwmKb(ProcessHandle.current().pid());
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter e) {
                    try {
                        e.removeNotificationListener(listener);
                    } catch (Exception ignored) {
                        // not registered
                    }
                }
            }
        }
    }

    void memory(String g, String backend, MemoryWatch w, BenchRun.SyncResult r) {
        double mb = 1 << 20;
        double used = Math.max(w.maxUsed, w.maxBeforeGc) / mb;
        run.report
                .figure("memory." + g + ".heap_peak", "peak heap used, full sync " + g, "MB")
                .add(used);
        BenchReport.Figure live =
                run.report
                        .figure(
                                "memory." + g + ".heap_live",
                                "max heap live after GC, full sync " + g,
                                "MB")
                        .add(w.maxAfterGc / mb);
        if (g.equals("g50k") && !backend.equals("memory")) {
            // What the sync needs; the peak used also counts garbage a large heap lets lie.
            // (In memory, the storage itself holds the whole graph's HTML.)
            live.below("< 2 GiB", 2048);
        }
        run.report
                .figure("memory." + g + ".rss_peak", "peak RSS, full sync " + g, "MB")
                .add(w.rssPeakKb / 1024.0)
                .note(w.rssReset ? "VmHWM reset before the sync" : "VmHWM since JVM start");
        List<String> s = run.report.section("Memory of the largest sync (in process)");
        s.add(
                String.format(
                        Locale.ROOT,
                        "Full sync of %s (%,d pages, %,d blocks) into %s, %.1f s; the JVM's max heap"
                                + " is %,d MB.",
                        g,
                        r.pages(),
                        r.blocks(),
                        backend.equals("memory") ? "memory" : "PostgreSQL",
                        r.millis() / 1000,
                        Runtime.getRuntime().maxMemory() >> 20));
        s.add("");
        s.add("| figure | MB |");
        s.add("|---|---:|");
        s.add(
                String.format(
                        Locale.ROOT,
                        "| heap live before the sync (after GC) | %.0f |",
                        w.liveAtStart / mb));
        s.add(
                String.format(
                        Locale.ROOT,
                        "| peak heap used (sampled every 10 ms and before each GC) | %.0f |",
                        used));
        s.add(String.format(Locale.ROOT, "| max heap live after a GC | %.0f |", w.maxAfterGc / mb));
        s.add(
                String.format(
                        Locale.ROOT,
                        "| peak RSS of this JVM (%s) | %.0f |",
                        w.rssReset ? "VmHWM, reset before the sync" : "VmHWM since JVM start",
                        w.rssPeakKb / 1024.0));
    }
}
