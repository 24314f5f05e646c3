package dev.draehi.sync.internal;

import dev.draehi.SyncException;
import dev.draehi.SyncException.Reason;
import dev.draehi.model.Redaction;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.TrackingRefUpdate;

/**
 * The git plumbing of {@code GitGraphSource}: repository URLs that name a directory on this
 * machine, clones that share such a repository's objects, writing only the files two commits' trees
 * differ in, and the checks a fetch and a requested commit must pass.
 */
public final class GitTrees {
    private GitTrees() {}

    /**
     * A file that differs between two commits' trees: its path, and its raw mode and object in each
     * (mode 0 and a zero id where it is absent).
     */
    public record Change(String path, int oldMode, ObjectId oldId, int newMode, ObjectId newId) {}

    /**
     * The files two commits' trees differ in, read once (see {@link TreeDiff}): a folder of 50,000
     * pages is a tree of megabytes in each commit, so a sync reads it once and hands the result to
     * the size limits and to the writing of the files.
     */
    public static List<Change> diff(Repository r, String from, String to) throws IOException {
        return TreeDiff.of(r, from, to);
    }

    /**
     * Writes the files of {@code diff} into a checkout that holds its first commit (as this source
     * left it); the paths it wrote or deleted, or null when only a full checkout will do (a
     * symlink, submodule or folder in the way, an unsafe path, a missing object). The index is left
     * as it was: the next full checkout resets it.
     */
    public static List<String> apply(Repository r, List<Change> diff, Path checkout)
            throws IOException {
        try {
            return write(r, diff, checkout.toAbsolutePath().normalize());
        } catch (org.eclipse.jgit.errors.MissingObjectException | IllegalArgumentException e) {
            return null; // a path this file system cannot name, or an object not here
        }
    }

    private static List<String> write(Repository r, List<Change> diff, Path root)
            throws IOException {
        List<String> changed = new ArrayList<>(diff.size());
        for (Change c : diff) {
            String path = c.path();
            Path file = root.resolve(path).normalize();
            FileMode mode = FileMode.fromBits(c.newMode());
            boolean regular = mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
            if (!file.startsWith(root)
                    || file.equals(root)
                    || path.startsWith(".git/")
                    || path.equals(".git")
                    || (mode != FileMode.MISSING && !regular)
                    || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)
                    || Files.isSymbolicLink(file)) {
                return null;
            }
            changed.add(path);
        }
        // Now that every path is known to be a plain file: write.
        try (ObjectReader reader = r.newObjectReader()) {
            for (Change c : diff) {
                Path file = root.resolve(c.path()).normalize();
                if (c.newMode() == 0) {
                    Files.deleteIfExists(file);
                } else {
                    writeBlob(reader, c.newId(), file);
                }
            }
        }
        return changed;
    }

    /** Writes the blob {@code id} into {@code file}, making its folder; the blob's size. */
    static long writeBlob(ObjectReader reader, ObjectId id, Path file) throws IOException {
        ObjectLoader blob = reader.open(id, Constants.OBJ_BLOB);
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            blob.copyTo(out);
        }
        return blob.getSize();
    }

    /**
     * Fails the sync when a fetch could not move a ref (a lock held by a process that still runs, a
     * ref the remote no longer has the objects of): JGit reports that as a successful fetch, and
     * the sync would publish the old commit as if it were the new one.
     */
    public static void requireRefsUpdated(FetchResult result) {
        for (TrackingRefUpdate u : result.getTrackingRefUpdates()) {
            requireUpdated(u.getLocalName(), u.getResult());
        }
    }

    /** Fails the sync when the update of {@code ref} ended in {@code result}, a failure. */
    static void requireUpdated(String ref, RefUpdate.Result result) {
        switch (result) {
            case LOCK_FAILURE,
                    IO_FAILURE,
                    REJECTED,
                    REJECTED_CURRENT_BRANCH,
                    REJECTED_MISSING_OBJECT,
                    REJECTED_OTHER_REASON ->
                    throw new SyncException(
                            Reason.OTHER,
                            "fetch could not update "
                                    + ref
                                    + " ("
                                    + result.name().toLowerCase(java.util.Locale.ROOT)
                                    + "); the site stays as it was");
            default -> {}
        }
    }

    /**
     * Has JGit's automatic gc after a fetch run in the fetching thread. Detached, it locks and
     * unlocks a file in the clone on a thread of its own after every fetch, which races with the
     * move of a new clone into place and with deleting a checkout.
     */
    public static void foregroundGc(StoredConfig config) throws IOException {
        if (config.getBoolean(
                ConfigConstants.CONFIG_GC_SECTION, ConfigConstants.CONFIG_KEY_AUTODETACH, true)) {
            config.setBoolean(
                    ConfigConstants.CONFIG_GC_SECTION,
                    null,
                    ConfigConstants.CONFIG_KEY_AUTODETACH,
                    false);
            config.save();
        }
    }

    public static String requireCommitInBranch(
            Repository r, String commit, ObjectId head, String branch) throws IOException {
        try (RevWalk walk = new RevWalk(r)) {
            ObjectId id = r.resolve(commit + "^{commit}");
            if (id == null) {
                throw new SyncException(Reason.COMMIT_NOT_FOUND, "commit " + commit + " not found");
            }
            RevCommit c = walk.parseCommit(id);
            if (!walk.isMergedInto(c, walk.parseCommit(head))) {
                throw new SyncException(
                        Reason.COMMIT_NOT_FOUND,
                        "commit " + commit + " is not in the history of branch '" + branch + "'");
            }
            return c.name();
        } catch (org.eclipse.jgit.errors.MissingObjectException
                | org.eclipse.jgit.errors.IncorrectObjectTypeException
                | org.eclipse.jgit.errors.RevisionSyntaxException
                | org.eclipse.jgit.errors.AmbiguousObjectException e) {
            throw new SyncException(Reason.COMMIT_NOT_FOUND, "commit " + commit + " not found", e);
        }
    }

    /**
     * The local directory a repository URL names ({@code /x}, {@code ./x}, {@code file:///x}), else
     * null.
     */
    public static Path localDirectory(String url) {
        if (url.startsWith("file:")) {
            try {
                return Path.of(URI.create(url));
            } catch (IllegalArgumentException e) {
                throw new SyncException(
                        Reason.INVALID_SOURCE, "not a valid file URL: " + Redaction.url(url));
            }
        }
        if (url.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || url.matches("^[^/]+@[^/]+:.*")) {
            return null;
        }
        return Path.of(url).toAbsolutePath().normalize();
    }

    /**
     * The object directory of the git repository in {@code dir} (a local URL's directory), or null
     * for a remote ({@code dir} null) or a repository whose objects are not in a directory of its
     * own.
     */
    public static Path localObjects(Path dir) {
        if (dir == null) {
            return null;
        }
        Path objects =
                Files.isDirectory(dir.resolve(".git"))
                        ? dir.resolve(".git").resolve("objects")
                        : dir.resolve("objects");
        return Files.isDirectory(objects) ? objects : null;
    }

    /**
     * Lets the clone at {@code checkout} read the objects of the repository on this machine that it
     * fetches from, as {@code git clone --shared} does: a fetch then copies no objects, only refs
     * (a one-page push to a folder of 50,000 pages packed, sent and indexed a tree of megabytes in
     * about 200 ms). Should that repository lose objects the clone needs (its history rewritten,
     * then pruned), the next checkout of the clone's old commit fails over to a full one.
     */
    public static void shareObjects(Path checkout, Path localObjects) throws IOException {
        if (localObjects == null) {
            return;
        }
        Path alternates = checkout.resolve(".git/objects/info/alternates");
        String line = localObjects.toAbsolutePath().normalize() + "\n";
        if (Files.isRegularFile(alternates) && Files.readString(alternates).equals(line)) {
            return;
        }
        Files.createDirectories(alternates.getParent());
        Files.writeString(alternates, line);
    }

    /**
     * What a fetch from the repository in {@code localDir} does for a clone that reads its objects
     * (see {@link #shareObjects}), without the fetch: each {@code refs/remotes/origin/B} set to the
     * repository's {@code refs/heads/B}, and those of branches it no longer has deleted. JGit's
     * fetch first walks the trees of the new commits and of those the clone has, to learn whether
     * it already holds every object: with the objects shared it always does, and the walk was most
     * of a one-page push's fetch (it reads the tree of a folder of 50,000 pages twice).
     */
    public static void takeLocalRefs(Repository clone, Path localDir) throws IOException {
        Path gitDir =
                Files.isDirectory(localDir.resolve(Constants.DOT_GIT))
                        ? localDir.resolve(Constants.DOT_GIT)
                        : localDir;
        String remotes = Constants.R_REMOTES + "origin/";
        java.util.Set<String> kept = new java.util.HashSet<>();
        try (Repository source =
                new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
                        .setGitDir(gitDir.toFile())
                        .setMustExist(true)
                        .build()) {
            for (Ref head : source.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
                ObjectId id = head.getObjectId();
                if (id == null) {
                    continue;
                }
                String name = remotes + head.getName().substring(Constants.R_HEADS.length());
                kept.add(name);
                RefUpdate u = clone.updateRef(name);
                u.setNewObjectId(id);
                u.setForceUpdate(true);
                requireUpdated(name, u.update());
            }
        }
        for (Ref ref : clone.getRefDatabase().getRefsByPrefix(remotes)) {
            if (!kept.contains(ref.getName()) && !ref.isSymbolic()) {
                RefUpdate u = clone.getRefDatabase().newUpdate(ref.getName(), true);
                u.setForceUpdate(true);
                requireUpdated(ref.getName(), u.delete());
            }
        }
    }

    /**
     * Deletes the refs of a clone that shares a local repository's objects whose commits that
     * repository no longer has; whether there were any. A ref to a missing object cannot be
     * updated, and the checkout of such a commit cannot be diffed against.
     */
    public static boolean dropRefsToLostObjects(Repository r) throws IOException {
        boolean dropped = false;
        for (Ref ref : r.getRefDatabase().getRefs()) {
            if (ref.isSymbolic() || ref.getObjectId() == null) {
                continue;
            }
            if (!r.getObjectDatabase().has(ref.getObjectId())) {
                RefUpdate u = r.getRefDatabase().newUpdate(ref.getName(), true);
                u.setForceUpdate(true);
                u.delete();
                dropped = true;
            }
        }
        return dropped;
    }

    public static boolean isGitRepository(Path dir) {
        return Files.exists(dir.resolve(".git"))
                || (Files.isDirectory(dir.resolve("objects"))
                        && Files.isRegularFile(dir.resolve("HEAD")));
    }

    public static String remoteUrl(String url) {
        Path dir = localDirectory(url);
        return dir == null ? url : dir.toUri().toString();
    }
}
