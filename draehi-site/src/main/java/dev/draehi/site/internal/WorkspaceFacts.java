package dev.draehi.site.internal;

import dev.draehi.model.Node;
import dev.draehi.model.Workspace;
import java.util.List;

/** What the pages of a workspace need to know of its current version, read once per version. */
public interface WorkspaceFacts {
    /** Whether the workspace has journals to show (none when the graph turns them off). */
    boolean journalsShown(Workspace ws);

    /** The workspace's journals, newest first. */
    List<Node> journals(Workspace ws);

    /** The first {@code limit} of {@link #journals}. */
    default List<Node> newestJournals(Workspace ws, int limit) {
        List<Node> all = journals(ws);
        return all.subList(0, Math.min(limit, all.size()));
    }

    /**
     * How many page routes the workspace has, as {@link Facts#pages} counts them; 0 when not known.
     */
    default int pages(Workspace ws) {
        return 0;
    }

    /** The pages of the graph's {@code :favorites}, in its order. */
    default List<Node> favorites(Workspace ws) {
        return List.of();
    }
}
