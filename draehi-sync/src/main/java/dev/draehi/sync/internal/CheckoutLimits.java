package dev.draehi.sync.internal;

import dev.draehi.SyncException;
import dev.draehi.SyncException.Reason;
import java.io.IOException;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The size limits of a checkout: how many files, how many bytes in all, how large one file.
 *
 * @param maxCheckoutFiles the most files a commit may have
 * @param maxCheckoutBytes the most its files may add up to
 * @param maxFileBytes the largest one file may be
 */
public record CheckoutLimits(long maxCheckoutFiles, long maxCheckoutBytes, long maxFileBytes) {
    /** How many files a checked-out commit has and what they add up to. */
    public record Totals(long files, long bytes) {}

    /**
     * Fails, before anything of the commit is written, when its files are over a limit: their
     * number, their sum or the largest. Sizes come from the object headers, so a file of gigabytes
     * of zeros, a few kilobytes packed, is counted at its real size. Returns the commit's totals.
     */
    public Totals require(Repository r, String commit) throws IOException {
        long files = 0;
        long bytes = 0;
        try (RevWalk walk = new RevWalk(r);
                TreeWalk tw = new TreeWalk(r)) {
            tw.addTree(walk.parseCommit(ObjectId.fromString(commit)).getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                if (!counts(tw.getRawMode(0))) {
                    continue;
                }
                long size =
                        tw.getObjectReader().getObjectSize(tw.getObjectId(0), Constants.OBJ_BLOB);
                if (size > maxFileBytes) {
                    throw tooLarge(commit, oneFile(tw.getPathString(), size));
                }
                files++;
                bytes += size;
                // the walk stops as soon as it is over
                over(commit, files, bytes);
            }
        }
        return new Totals(files, bytes);
    }

    /**
     * As {@link #require(Repository, String)}, counting from {@code base}, a commit whose totals
     * are known: only the files that differ between the two are looked at, so a push of one page
     * costs one file's header, not the whole tree's. {@code base} null: every file.
     */
    public Totals require(Repository r, String commit, String base, Totals baseTotals)
            throws IOException {
        return check(r, commit, base, baseTotals).totals();
    }

    /**
     * What {@link #require(Repository, String, String, Totals)} found: the commit's totals, and the
     * files it differs in from {@code base} (null without a base), for the checkout to write.
     */
    public record Checked(Totals totals, List<GitTrees.Change> diff) {}

    /** {@link #require(Repository, String, String, Totals)}, with the diff it read. */
    public Checked check(Repository r, String commit, String base, Totals baseTotals)
            throws IOException {
        if (base == null || baseTotals == null) {
            return new Checked(require(r, commit), null);
        }
        List<GitTrees.Change> diff = GitTrees.diff(r, base, commit);
        return new Checked(require(r, commit, diff, baseTotals), diff);
    }

    /**
     * As {@link #require(Repository, String, String, Totals)}, from the {@link GitTrees#diff} of
     * the base commit (whose totals are {@code baseTotals}) and {@code commit}: no tree is walked.
     */
    public Totals require(
            Repository r, String commit, List<GitTrees.Change> diff, Totals baseTotals)
            throws IOException {
        long files = baseTotals.files();
        long bytes = baseTotals.bytes();
        try (ObjectReader reader = r.newObjectReader()) {
            for (GitTrees.Change c : diff) {
                if (counts(c.oldMode())) {
                    files--;
                    bytes -= reader.getObjectSize(c.oldId(), Constants.OBJ_BLOB);
                }
                if (counts(c.newMode())) {
                    long size = reader.getObjectSize(c.newId(), Constants.OBJ_BLOB);
                    if (size > maxFileBytes) {
                        throw tooLarge(commit, oneFile(c.path(), size));
                    }
                    files++;
                    bytes += size;
                }
            }
        }
        over(commit, files, bytes);
        return new Totals(files, bytes);
    }

    private String oneFile(String path, long size) {
        return "its file "
                + path
                + " is "
                + humanBytes(size)
                + ", over the limit of "
                + humanBytes(maxFileBytes)
                + " for one file (--max-checkout-file-bytes)";
    }

    /** Whether a file of this raw mode is one that a checkout writes. */
    private static boolean counts(int mode) {
        // submodules are never checked out
        return mode != 0
                && !FileMode.GITLINK.equals(mode)
                && (mode & FileMode.TYPE_MASK) != FileMode.TYPE_TREE;
    }

    private void over(String commit, long files, long bytes) {
        if (files > maxCheckoutFiles) {
            throw tooLarge(
                    commit,
                    "it has more than "
                            + String.format(java.util.Locale.ROOT, "%,d", maxCheckoutFiles)
                            + " files, the limit (--max-checkout-files)");
        }
        if (bytes > maxCheckoutBytes) {
            throw tooLarge(
                    commit,
                    "its files add up to more than "
                            + humanBytes(maxCheckoutBytes)
                            + ", the limit (--max-checkout-bytes)");
        }
    }

    private static SyncException tooLarge(String commit, String why) {
        return new SyncException(
                Reason.TOO_LARGE,
                "commit "
                        + commit.substring(0, Math.min(12, commit.length()))
                        + " is too large for this server: "
                        + why
                        + "; the site stays as it was");
    }

    /** 1536 → "1.5 KiB". */
    public static String humanBytes(long n) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0
                ? n + " bytes"
                : (v == Math.rint(v)
                                ? String.valueOf((long) v)
                                : String.format(java.util.Locale.ROOT, "%.1f", v))
                        + " "
                        + units[u];
    }
}
