package dev.draehi.site.internal;

import dev.draehi.model.Node;
import dev.draehi.store.Storage;
import java.time.Instant;
import java.util.List;

/**
 * Per-version facts of a workspace, kept by the site for each workspace's current version: when its
 * content was published and whether it has journals; its journals (newest first), favorites and
 * look (icon, custom.css), read when first asked for by a request whose snapshot is of this
 * version. {@code cacheable} is false while no deployment is recorded (content written directly),
 * whose changes a version cannot see.
 */
public final class Facts {
    /**
     * What a workspace's responses depend on besides the path: the workspace row and the deployment
     * that wrote its content. Responses are cached under it, and a new deployment or a renamed
     * workspace makes a new one.
     */
    public record Version(long workspaceId, Instant workspaceUpdatedAt, long deploymentId) {}

    private final Version version;
    private final Instant publishedAt;
    private final boolean journalsShown;
    private final boolean cacheable;
    private volatile List<Node> journals;
    private volatile Newest newest;
    private volatile Layout.Look look;
    private volatile List<Node> favorites;
    private volatile int pages = -1;

    public Facts(Version version, Instant publishedAt, boolean journalsShown, boolean cacheable) {
        this.version = version;
        this.publishedAt = publishedAt;
        this.journalsShown = journalsShown;
        this.cacheable = cacheable;
    }

    public Version version() {
        return version;
    }

    public Instant publishedAt() {
        return publishedAt;
    }

    public boolean cacheable() {
        return cacheable;
    }

    public Layout.Look look(Storage storage) {
        Layout.Look l = look;
        if (l == null) {
            l = Layout.Look.of(storage.assets().paths(version.workspaceId()));
            look = l;
        }
        return l;
    }

    public List<Node> journals(Storage storage) {
        List<Node> j = journals;
        if (j == null) {
            j =
                    journalsShown
                            ? List.copyOf(storage.nodes().journals(version.workspaceId()))
                            : List.of();
            journals = j;
        }
        return j;
    }

    /**
     * The first {@code limit} of {@link #journals}, read without the rest unless they were read
     * already: every page's sidebar shows the newest few, a graph may hold thousands.
     */
    public List<Node> newestJournals(Storage storage, int limit) {
        if (journals != null || !journalsShown) {
            List<Node> all = journals(storage);
            return all.subList(0, Math.min(limit, all.size()));
        }
        Newest n = newest;
        if (n == null || n.limit() < limit) {
            n =
                    new Newest(
                            limit,
                            List.copyOf(storage.nodes().journals(version.workspaceId(), limit)));
            newest = n;
        }
        return n.nodes().subList(0, Math.min(limit, n.nodes().size()));
    }

    /** The newest journals read alone, and how many were asked for. */
    private record Newest(int limit, List<Node> nodes) {}

    public List<Node> favorites(Storage storage) {
        List<Node> f = favorites;
        if (f == null) {
            f = Sidebar.favorites(storage.nodes().favorites(version.workspaceId()));
            favorites = f;
        }
        return f;
    }

    /**
     * How many page routes the workspace has, counted up to one more than a graph whose pages take
     * their page graph from the whole graph's data may have: what decides where it is read from.
     */
    public int pages(Storage storage) {
        int n = pages;
        if (n < 0) {
            n =
                    storage.nodes()
                            .routeCount(
                                    version.workspaceId(),
                                    GraphData.LOCAL_FROM_WHOLE_MAX_PAGES + 1);
            pages = n;
        }
        return n;
    }

    public boolean journalsShown() {
        return journalsShown;
    }
}
