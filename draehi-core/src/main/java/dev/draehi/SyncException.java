package dev.draehi;

/**
 * Loading a graph failed: the remote is down, the token is wrong, the branch or commit is missing,
 * the repository is empty. {@link Reason} says which, so a caller can act on it.
 */
public class SyncException extends DraehiException {
    private static final long serialVersionUID = 1L;

    /** Why a sync could not load its graph. */
    public enum Reason {
        /** The remote could not be reached (host down, DNS, refused). */
        UNREACHABLE,
        /** The remote refused the credentials, or needs some. */
        AUTHENTICATION,
        /** Neither the requested branch nor the remote's default branch exists. */
        BRANCH_NOT_FOUND,
        /** The requested commit is not in the branch's history. */
        COMMIT_NOT_FOUND,
        /** The repository has no commits. */
        EMPTY_REPOSITORY,
        /** The source is not a git URL, a file URL or a graph directory. */
        INVALID_SOURCE,
        /**
         * The graph's {@code logseq/config.edn} cannot be read as Logseq reads it; the message
         * names its line.
         */
        INVALID_CONFIG,
        /**
         * The server's network policy refused the repository's host: it is, or resolves to, an
         * address of the server's own networks, or its transport cannot be checked (ssh, git,
         * file).
         */
        REFUSED_HOST,
        /**
         * The commit is over one of the server's limits (files, bytes, largest file); the message
         * says which.
         */
        TOO_LARGE,
        /** Anything else, described by the message. */
        OTHER;

        /**
         * True when the same sync run again may succeed. False for a commit that is itself over a
         * limit or whose config cannot be read: only a new commit changes that, and a push of one
         * queues a sync of its own.
         */
        public boolean retryable() {
            return this != TOO_LARGE && this != INVALID_CONFIG;
        }

        /**
         * How a failed deployment's error log begins when this is its reason: {@code "too_large: "}
         * for {@link #TOO_LARGE}.
         */
        public String logPrefix() {
            return name().toLowerCase(java.util.Locale.ROOT) + ": ";
        }

        /**
         * The reason a failed {@linkplain dev.draehi.model.Deployment#errorLog() deployment's error
         * log} names, if it begins with one.
         */
        public static java.util.Optional<Reason> ofErrorLog(String errorLog) {
            if (errorLog != null) {
                for (Reason r : values()) {
                    if (errorLog.startsWith(r.logPrefix())) {
                        return java.util.Optional.of(r);
                    }
                }
            }
            return java.util.Optional.empty();
        }
    }

    private final Reason reason;

    public SyncException(Reason reason, String message) {
        super(message);
        this.reason = java.util.Objects.requireNonNull(reason, "reason");
    }

    public SyncException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = java.util.Objects.requireNonNull(reason, "reason");
    }

    /** Which kind of failure this is. */
    public Reason reason() {
        return reason;
    }
}
