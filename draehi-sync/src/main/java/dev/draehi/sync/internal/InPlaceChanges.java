package dev.draehi.sync.internal;

import dev.draehi.SyncException;
import dev.draehi.model.Graph;
import dev.draehi.sync.LogseqGraphReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What changed in graph directories read in place since their last read, as a watcher of each
 * directory reports it, so that a sync hashes and reads only those files. A directory nobody
 * watches is hashed and read in full each time, and so is a watched one until its first read, and
 * after a report that does not say which files changed (an overflowed event queue).
 *
 * <p>A report is kept until a read that began after it succeeds: a change reported while a read
 * runs, or before a read that fails, is read again by the next one.
 */
public final class InPlaceChanges {
    private final Map<Path, State> states = new ConcurrentHashMap<>();

    /** A directory's last read and what changed since. Guarded by itself. */
    private static final class State {
        /** The revision of the last read, or null: none yet, or unknown changes since. */
        String base;

        /** Changed paths since the last read began, relative with {@code /}. */
        final Set<String> pending = new TreeSet<>();

        /** How many reports said "unknown": a read that saw one begin later vouches for nothing. */
        long unknowns;

        /**
         * The modification times of the last read's page files: only changed files are looked at
         * again.
         */
        Map<String, java.time.Instant> times = Map.of();
    }

    /**
     * What a load takes: the revision it reads, and the changed files since the last read (null: a
     * full read).
     */
    public record Taken(String revision, Set<String> paths, long unknowns) {}

    /**
     * Starts tracking {@code dir}: from its next full read on, only reported files are re-read.
     * Call it before the watcher's events can be lost, i.e. once its folders are registered.
     */
    public void watch(Path dir) {
        states.putIfAbsent(key(dir), new State());
    }

    /**
     * Reports changed paths of a watched {@code dir} (relative, with {@code /}; a folder counts as
     * the files under it: report null instead), or null when which files changed is not known.
     */
    public void changed(Path dir, Collection<String> paths) {
        State s = states.computeIfAbsent(key(dir), k -> new State());
        synchronized (s) {
            if (paths == null) {
                s.base = null;
                s.pending.clear();
                s.unknowns++;
            } else {
                s.pending.addAll(paths);
            }
        }
    }

    /** Whether {@code dir} is watched. */
    public boolean watched(Path dir) {
        return states.containsKey(key(dir));
    }

    /**
     * A sync's fetch of {@code dir}: its {@link #revision}, checked to be a directory.
     *
     * @throws SyncException with {@link SyncException.Reason#INVALID_SOURCE} when it is not
     */
    public String revision(Path dir, Consumer<String> log) {
        if (!Files.isDirectory(dir)) {
            throw new SyncException(
                    SyncException.Reason.INVALID_SOURCE, "no graph directory at " + dir);
        }
        log.accept("reading graph directory " + dir);
        return revision(dir);
    }

    /**
     * A sync's load of {@code dir} at {@code revision}: a full read, or a re-read of the files
     * reported changed since the last one; with the page files' modification times (looked at again
     * for the changed files only).
     */
    public Graph read(LogseqGraphReader reader, Path dir, String revision, Consumer<String> log) {
        Taken taken = take(dir, revision);
        try {
            Graph graph;
            if (taken.paths() == null) {
                graph = reader.read(dir, revision);
            } else {
                log.accept("re-reading " + taken.paths().size() + " changed files");
                graph = reader.read(dir, revision, taken.paths());
            }
            State s = states.get(key(dir));
            Map<String, java.time.Instant> known = Map.of();
            if (s != null && taken.paths() != null) {
                synchronized (s) {
                    known = s.times;
                }
            }
            graph = FileHistory.withModifiedTimes(dir, graph, known, taken.paths());
            if (s != null) {
                synchronized (s) {
                    s.times = graph.fileTimes();
                }
            }
            loaded(dir, taken);
            return graph;
        } catch (RuntimeException | Error e) {
            failed(dir, taken);
            throw e;
        }
    }

    /**
     * The revision of {@code dir} now: its last read's revision chained with the contents of the
     * changed files when they are known (no change: the same revision), else a hash of every file.
     */
    public String revision(Path dir) {
        State s = states.get(key(dir));
        if (s == null) {
            return DirectoryHash.of(dir);
        }
        String base;
        Set<String> pending;
        synchronized (s) {
            base = s.base;
            pending = Set.copyOf(s.pending);
        }
        if (base == null) {
            return DirectoryHash.of(dir);
        }
        return pending.isEmpty() ? base : DirectoryHash.chain(dir, base, pending);
    }

    /**
     * Takes what a load of {@code dir} at {@code revision} must re-read: the changed files since
     * the last read, or null for all. Hand it back to {@link #loaded} or {@link #failed}.
     */
    public Taken take(Path dir, String revision) {
        State s = states.get(key(dir));
        if (s == null) {
            return new Taken(revision, null, 0);
        }
        synchronized (s) {
            Set<String> paths = s.base == null ? null : new TreeSet<>(s.pending);
            // a full read covers them; changes from now on are the next read's
            s.pending.clear();
            return new Taken(revision, paths, s.unknowns);
        }
    }

    /** The load of {@code taken} succeeded: later changes are counted from its revision. */
    public void loaded(Path dir, Taken taken) {
        State s = states.get(key(dir));
        if (s == null) {
            return;
        }
        synchronized (s) {
            if (s.unknowns == taken.unknowns()) {
                s.base = taken.revision();
            }
        }
    }

    /** The load of {@code taken} failed: its files stay to be read by the next one. */
    public void failed(Path dir, Taken taken) {
        State s = states.get(key(dir));
        if (s == null) {
            return;
        }
        synchronized (s) {
            if (taken.paths() == null) {
                s.base = null;
            } else {
                s.pending.addAll(taken.paths());
            }
        }
    }

    /** Stops tracking {@code dir}: its next read is in full. */
    public void forget(Path dir) {
        states.remove(key(dir));
    }

    private static Path key(Path dir) {
        return dir.toAbsolutePath().normalize();
    }
}
