package dev.draehi.sync.internal;

import dev.draehi.SyncException;
import dev.draehi.SyncException.Reason;
import dev.draehi.model.Redaction;
import dev.draehi.net.RefusedHostException;
import java.util.Locale;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;

/** Turns JGit's failures into a {@link SyncException} that says which kind of failure it was. */
public final class GitErrors {
    private GitErrors() {}

    /** An exception's message with URL credentials and {@code secret} (when given) masked. */
    public static String message(Exception e, String secret) {
        String m = Redaction.url(String.valueOf(e.getMessage()));
        return secret == null || secret.isBlank() ? m : m.replace(secret, "***");
    }

    /**
     * @param safeUrl the remote URL with credentials masked
     * @param secret the deploy key, masked out of every message, or {@code null}
     */
    public static SyncException translate(Exception e, String safeUrl, String secret) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RefusedHostException refused) {
                return new SyncException(
                        Reason.REFUSED_HOST, refused.getMessage() + ": " + safeUrl, refused);
            }
            all.append(t.getMessage()).append(' ');
        }
        String text = all.toString().toLowerCase(Locale.ROOT);
        Reason reason;
        String what;
        if (text.contains("not authorized")
                || text.contains("authentication")
                || text.contains("auth fail")
                || text.contains("401")
                || text.contains("403")
                || text.contains("credentials")) {
            reason = Reason.AUTHENTICATION;
            what = "the remote refused the credentials (check the access token)";
        } else if (e instanceof InvalidRemoteException
                || text.contains("not found")
                || text.contains("does not appear to be a git repository")
                || text.contains("repository not found")) {
            reason = Reason.UNREACHABLE;
            what = "no git repository at this URL";
        } else if (e instanceof TransportException
                || text.contains("connection")
                || text.contains("unknownhost")
                || text.contains("unknown host")
                || text.contains("timed out")
                || text.contains("refused")) {
            reason = Reason.UNREACHABLE;
            what = "the remote could not be reached";
        } else {
            reason = Reason.OTHER;
            what = "git failed";
        }
        String detail = Redaction.url(String.valueOf(e.getMessage()));
        if (secret != null && !secret.isBlank()) {
            detail = detail.replace(secret, "***");
        }
        return new SyncException(reason, what + ": " + safeUrl + " (" + detail + ")");
    }
}
