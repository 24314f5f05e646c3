package dev.draehi.cli;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * Watches a graph folder and runs {@code onChange} once per burst of changes: an editor that writes
 * a file in several steps, or a save of many files, gives one sync. Hidden folders ({@code .git},
 * {@code .draehi}, Logseq's {@code .recycle}) and {@code logseq/bak} are not watched.
 */
final class GraphWatcher implements AutoCloseable {
    /** How long after the last change of a burst the sync starts. */
    static final long QUIET_MILLIS = 40;

    private final Path root;
    private final WatchService watcher;
    private final Runnable onChange;
    private final Thread thread;

    GraphWatcher(Path root, Runnable onChange) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.watcher = FileSystems.getDefault().newWatchService();
        this.onChange = onChange;
        registerTree(this.root);
        this.thread = new Thread(this::run, "draehi-watch");
        this.thread.setDaemon(true);
    }

    GraphWatcher start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                boolean changed = drain(key);
                // wait for the burst to end: no event for QUIET_MILLIS
                for (WatchKey k;
                        (k = watcher.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null; ) {
                    changed |= drain(k);
                }
                if (changed) {
                    onChange.run();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    /** Takes {@code key}'s events, registers new folders; true when a file that matters moved. */
    private boolean drain(WatchKey key) {
        boolean changed = false;
        Path dir = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                changed = true;
                continue;
            }
            Path child = dir.resolve((Path) event.context());
            if (ignored(root.relativize(child))) {
                continue;
            }
            changed = true;
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE
                    && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    registerTree(child);
                } catch (IOException e) {
                    System.err.println("draehi: cannot watch " + child + ": " + e.getMessage());
                }
            }
        }
        key.reset();
        return changed;
    }

    private void registerTree(Path start) throws IOException {
        Files.walkFileTree(
                start,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs)
                            throws IOException {
                        if (ignored(root.relativize(d))) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        d.register(
                                watcher,
                                StandardWatchEventKinds.ENTRY_CREATE,
                                StandardWatchEventKinds.ENTRY_DELETE,
                                StandardWatchEventKinds.ENTRY_MODIFY);
                        return FileVisitResult.CONTINUE;
                    }
                });
    }

    static boolean ignored(Path rel) {
        String s = rel.toString().replace('\\', '/');
        if (s.equals("logseq/bak") || s.startsWith("logseq/bak/")) {
            return true;
        }
        for (Path part : rel) {
            String name = part.toString();
            if (name.startsWith(".") || name.endsWith("~")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        thread.interrupt();
        watcher.close();
    }
}
