package dev.draehi.spi;

import dev.draehi.model.Graph;

/**
 * Where graphs come from: fetches a repository and parses one commit of it. draehi-sync's {@code
 * GitGraphSource} is the implementation for git remotes and graph directories; a host application
 * may supply its own.
 *
 * <p>Failures to fetch throw {@link dev.draehi.SyncException} with a {@link
 * dev.draehi.SyncException.Reason}; a broken file never fails a load, it becomes a {@link
 * dev.draehi.model.SyncWarning} of the graph.
 */
public interface GraphSource {
    /**
     * Brings the source up to date and says which commit to publish. Cheap when nothing changed.
     */
    Revision fetch(SourceRequest request);

    /** Parses the graph at {@code revision}, which {@link #fetch} returned. */
    Graph load(SourceRequest request, Revision revision);

    /**
     * About how many bytes of memory this source keeps for a workspace between loads (a checkout's
     * state, the last parse) to make its next load cheap. Default: none.
     */
    default long retainedBytes(long workspaceId) {
        return 0;
    }

    /**
     * Drops what this source keeps in memory for a workspace: its next load of it is a full one. A
     * publisher calls this when it drops its own state of the workspace to stay within its bound
     * (see {@code Publisher.Builder#stateBytes}). Default: nothing to drop.
     */
    default void forget(long workspaceId) {}
}
