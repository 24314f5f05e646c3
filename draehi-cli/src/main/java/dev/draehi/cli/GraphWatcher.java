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
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches a graph folder and hands {@code onChange} the files changed in each burst of changes: an
 * editor that writes a file in several steps, or a save of many files, gives one sync of just those
 * files. When which files changed is not known, it hands null: after an overflow of the event
 * queue, or when a folder appeared, went or moved (the files under it send no events of their own).
 * Hidden folders ({@code .git}, {@code .draehi}, Logseq's {@code .recycle}) and {@code logseq/bak}
 * are not watched.
 */
final class GraphWatcher implements AutoCloseable {
    /** How long after the last change of a burst the sync starts. */
    static final long QUIET_MILLIS = 40;

    private final Path root;
    private final WatchService watcher;
    private volatile Consumer<Set<String>> onChange;
    private final Thread thread;
    // the folders registered, so that a deleted one is told from a deleted file
    private final Map<Path, WatchKey> folders = new ConcurrentHashMap<>();

    /**
     * Registers the folders at once: changes from here on are seen, though handed on only after
     * {@link #start}.
     */
    GraphWatcher(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.watcher = FileSystems.getDefault().newWatchService();
        registerTree(this.root);
        this.thread = new Thread(this::run, "draehi-watch");
        this.thread.setDaemon(true);
    }

    /**
     * Starts handing changes to {@code onChange}, those since the constructor first.
     *
     * @param onChange takes the paths changed (relative, with {@code /}), or null for unknown
     */
    GraphWatcher start(Consumer<Set<String>> onChange) {
        this.onChange = onChange;
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                Changes changes = new Changes();
                drain(key, changes);
                // wait for the burst to end: no event for QUIET_MILLIS
                for (WatchKey k;
                        (k = watcher.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null; ) {
                    drain(k, changes);
                }
                if (changes.unknown) {
                    onChange.accept(null);
                } else if (!changes.paths.isEmpty()) {
                    onChange.accept(Set.copyOf(changes.paths));
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    /** What a burst changed: files by relative path, or unknown. */
    private static final class Changes {
        final Set<String> paths = new TreeSet<>();
        boolean unknown;
    }

    /** Takes {@code key}'s events into {@code changes}, registers new folders. */
    private void drain(WatchKey key, Changes changes) {
        Path dir = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                changes.unknown = true;
                continue;
            }
            Path child = dir.resolve((Path) event.context());
            Path rel = root.relativize(child);
            if (ignored(rel)) {
                continue;
            }
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE
                    && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                // a folder made or moved in: its files may be there already, unseen
                changes.unknown = true;
                try {
                    registerTree(child);
                } catch (IOException e) {
                    System.err.println("draehi: cannot watch " + child + ": " + e.getMessage());
                }
            } else if (event.kind() == StandardWatchEventKinds.ENTRY_DELETE
                    && folders.containsKey(child)) {
                changes.unknown = true; // a folder gone or moved away, with its files
                forget(child);
            } else if (!folders.containsKey(child)) {
                changes.paths.add(rel.toString().replace('\\', '/'));
            }
        }
        if (!key.reset()) {
            folders.remove(dir);
        }
    }

    /** Stops watching {@code gone} and the folders under it (moved away, they would still send). */
    private void forget(Path gone) {
        folders.entrySet()
                .removeIf(
                        e -> {
                            if (e.getKey().startsWith(gone)) {
                                e.getValue().cancel();
                                return true;
                            }
                            return false;
                        });
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
                        folders.put(
                                d,
                                d.register(
                                        watcher,
                                        StandardWatchEventKinds.ENTRY_CREATE,
                                        StandardWatchEventKinds.ENTRY_DELETE,
                                        StandardWatchEventKinds.ENTRY_MODIFY));
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
