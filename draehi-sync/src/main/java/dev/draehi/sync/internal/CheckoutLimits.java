package dev.draehi.sync.internal;

import dev.draehi.SyncException;
import dev.draehi.SyncException.Reason;
import java.io.IOException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
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
    /**
     * Fails, before anything of the commit is written, when its files are over a limit: their
     * number, their sum or the largest. Sizes come from the object headers, so a file of gigabytes
     * of zeros, a few kilobytes packed, is counted at its real size.
     */
    public void require(Repository r, String commit) throws IOException {
        long files = 0;
        long bytes = 0;
        try (RevWalk walk = new RevWalk(r);
                TreeWalk tw = new TreeWalk(r)) {
            tw.addTree(walk.parseCommit(ObjectId.fromString(commit)).getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                if (tw.getFileMode(0) == FileMode.GITLINK) {
                    continue; // submodules are never checked out
                }
                long size =
                        tw.getObjectReader().getObjectSize(tw.getObjectId(0), Constants.OBJ_BLOB);
                if (size > maxFileBytes) {
                    throw tooLarge(
                            commit,
                            "its file "
                                    + tw.getPathString()
                                    + " is "
                                    + humanBytes(size)
                                    + ", over the limit of "
                                    + humanBytes(maxFileBytes)
                                    + " for one file (--max-checkout-file-bytes)");
                }
                files++;
                bytes += size;
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
