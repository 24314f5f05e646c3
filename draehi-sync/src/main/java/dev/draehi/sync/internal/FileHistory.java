package dev.draehi.sync.internal;

import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * When each file of a commit last changed: one walk of the history from that commit, newest first,
 * diffing each commit with its first parent, until every file asked for is found. A page's
 * "updated" is then its file's last change, not the day it was published.
 */
public final class FileHistory {
    /**
     * The most commits one walk reads; files not found by then get the time of the oldest commit
     * read (they changed no later than that).
     */
    public static final int MAX_COMMITS = 20_000;

    private FileHistory() {}

    /**
     * {@code graph} with the times its page files last changed before {@code head}; says on {@code
     * log} how long the walk took.
     */
    public static Graph withTimes(
            Repository repo, String head, Graph graph, java.util.function.Consumer<String> log)
            throws IOException {
        return withTimes(repo, head, graph, log, null, null, null);
    }

    /**
     * As {@link #withTimes(Repository, String, Graph, java.util.function.Consumer)}, with the times
     * of the files not in {@code changed} taken from {@code known} (the last sync's, of the commit
     * {@code last}, which {@code head} descends from): the walk looks only for the changed files
     * and the page files {@code known} lacks, which the newest commits hold; when {@code head} is
     * one commit on top of {@code last}, the changed files changed in it, and there is no walk.
     * {@code changed} null: every file.
     */
    public static Graph withTimes(
            Repository repo,
            String head,
            Graph graph,
            java.util.function.Consumer<String> log,
            Map<String, Instant> known,
            String last,
            java.util.Collection<String> changed)
            throws IOException {
        long t0 = System.nanoTime();
        Graph out;
        int looked;
        Look look = known == null || changed == null ? null : look(graph, known, changed);
        if (look != null) {
            looked = look.files().size();
            Map<String, Instant> times = new HashMap<>();
            Set<String> rest = new HashSet<>(look.files());
            Instant oneCommit = last == null ? null : timeIfChild(repo, head, last);
            if (oneCommit != null) {
                for (String file : changed) {
                    if (rest.remove(file)) {
                        times.put(file, oneCommit);
                    }
                }
            }
            times.putAll(lastChanged(repo, head, rest, MAX_COMMITS));
            out = graph.withFileTimes(known, times, look.removed());
        } else {
            Set<String> files = pageFiles(graph);
            looked = files.size();
            out = graph.withFileTimes(lastChanged(repo, head, files, MAX_COMMITS));
        }
        log.accept(
                "read when "
                        + looked
                        + " files last changed in "
                        + (System.nanoTime() - t0) / 1_000_000
                        + " ms");
        return out;
    }

    /**
     * The page files to look at after a change of {@code changed}: the changed ones and those
     * {@code known} lacks; and the changed files that are no page file any more, whose times go.
     */
    private record Look(Set<String> files, Set<String> removed) {}

    /**
     * The files to look at, or null when a full look is needed: when the config changed, a page
     * file can join the graph without changing itself (a {@code :hidden} folder shown again), so
     * every page file is asked whether {@code known} has it; otherwise only a changed file can be
     * new, and a push of one page does not ask about the tens of thousands of others.
     */
    private static Look look(
            Graph graph, Map<String, Instant> known, java.util.Collection<String> changed) {
        Set<String> removed = new HashSet<>(changed);
        Set<String> files = new HashSet<>();
        boolean config = removed.contains(ConfigReader.PATH);
        for (Page p : graph.pages()) {
            if (removed.isEmpty() && !config) {
                break; // every changed file found: after a push of one page, half the pages
            }
            String file = p.file();
            if (file != null && (removed.remove(file) || config && !known.containsKey(file))) {
                files.add(file);
            }
        }
        return new Look(files, removed);
    }

    /** {@code head}'s commit time when its only parent is {@code last}; else null. */
    private static Instant timeIfChild(Repository repo, String head, String last)
            throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit c = walk.parseCommit(ObjectId.fromString(head));
            return c.getParentCount() == 1 && c.getParent(0).name().equals(last)
                    ? Instant.ofEpochSecond(c.getCommitTime())
                    : null;
        }
    }

    /**
     * {@code graph} with its page files' modification times: for a folder that is not a git
     * repository, the nearest thing to a history. A file that cannot be read is left out.
     */
    public static Graph withModifiedTimes(java.nio.file.Path root, Graph graph) {
        return withModifiedTimes(root, graph, Map.of(), null);
    }

    /**
     * {@code graph} with its page files' modification times, taking those of files not in {@code
     * changed} from {@code known} (the last read's): only the changed files, and page files {@code
     * known} lacks, are looked at. {@code changed} null looks at every page file.
     */
    public static Graph withModifiedTimes(
            java.nio.file.Path root, Graph graph, Map<String, Instant> known, Set<String> changed) {
        if (known != null && changed != null) {
            Look look = look(graph, known, changed);
            Map<String, Instant> times = modifiedTimes(root, look.files());
            Set<String> removed = new HashSet<>(look.removed());
            for (String file : look.files()) {
                if (!times.containsKey(file)) {
                    removed.add(file);
                }
            }
            return graph.withFileTimes(known, times, removed);
        }
        return graph.withFileTimes(modifiedTimes(root, pageFiles(graph)));
    }

    /** The modification times of {@code files} under {@code root}, but for those unreadable. */
    private static Map<String, Instant> modifiedTimes(java.nio.file.Path root, Set<String> files) {
        Map<String, Instant> times = new HashMap<>();
        for (String file : files) {
            try {
                times.put(
                        file,
                        java.nio.file.Files.getLastModifiedTime(
                                        root.resolve(file), java.nio.file.LinkOption.NOFOLLOW_LINKS)
                                .toInstant()
                                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            } catch (IOException | RuntimeException e) {
                // gone or unreadable since the read: no time of its own
            }
        }
        return times;
    }

    /** Every page file of {@code graph}: what a look with nothing known looks at. */
    private static Set<String> pageFiles(Graph graph) {
        Set<String> files = new HashSet<>();
        for (Page p : graph.pages()) {
            if (p.file() != null) {
                files.add(p.file());
            }
        }
        return files;
    }

    /**
     * The commit time of the last commit before (and including) {@code head} that changed each of
     * {@code paths}, by path; paths are relative to the repository's root, with {@code /}.
     */
    public static Map<String, Instant> lastChanged(
            Repository repo, String head, Set<String> paths, int maxCommits) throws IOException {
        Map<String, Instant> out = new HashMap<>();
        Set<String> remaining = new HashSet<>(paths);
        if (remaining.isEmpty()) {
            return out;
        }
        Instant oldest = null;
        try (RevWalk walk = new RevWalk(repo);
                TreeWalk tree = new TreeWalk(repo)) {
            walk.markStart(walk.parseCommit(ObjectId.fromString(head)));
            tree.setRecursive(true);
            int n = 0;
            for (RevCommit c : walk) {
                if (remaining.isEmpty() || n++ == maxCommits) {
                    break;
                }
                Instant when = Instant.ofEpochSecond(c.getCommitTime());
                oldest = when;
                tree.reset();
                if (c.getParentCount() == 0) {
                    tree.addTree(c.getTree());
                    tree.setFilter(TreeFilter.ALL);
                } else {
                    tree.addTree(walk.parseCommit(c.getParent(0)).getTree());
                    tree.addTree(c.getTree());
                    tree.setFilter(TreeFilter.ANY_DIFF);
                }
                while (tree.next()) {
                    String path = tree.getPathString();
                    if (remaining.remove(path)) {
                        out.put(path, when);
                    }
                }
            }
        }
        if (oldest != null) {
            for (String path : remaining) {
                out.put(path, oldest);
            }
        }
        return out;
    }
}
