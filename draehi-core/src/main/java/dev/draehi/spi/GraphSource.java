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
}
