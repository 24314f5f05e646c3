package dev.draehi.internal;

import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import dev.draehi.spi.LinkResolver;
import dev.draehi.web.SiteUrls;
import java.util.Map;
import java.util.Optional;

/**
 * Links of one workspace's published site: {@code /{workspace}/{path}} for pages, {@code #id} for
 * blocks, {@code /{workspace}/-/assets/…} for assets. Unpublished and unknown targets resolve to
 * nothing.
 */
public final class GraphLinks implements LinkResolver {
    private final Graph graph;
    private final String workspaceSlug;
    private final Map<String, String> pathsByName;

    public GraphLinks(Graph graph, String workspaceSlug, Map<String, String> pathsByName) {
        this.graph = graph;
        this.workspaceSlug = workspaceSlug;
        this.pathsByName = pathsByName;
    }

    @Override
    public Optional<String> pageUrl(String pageNameAsWritten) {
        return graph.page(pageNameAsWritten).flatMap(this::url);
    }

    /** The URL of a page of the graph, if it is published. */
    public Optional<String> url(Page page) {
        if (!page.published()) {
            return Optional.empty();
        }
        String path = pathsByName.get(page.name());
        return path == null ? Optional.empty() : Optional.of(SiteUrls.page(workspaceSlug, path));
    }

    @Override
    public Optional<String> blockUrl(String blockId) {
        return graph.block(blockId)
                .flatMap(loc -> url(loc.page()).map(u -> u + "#" + loc.block().id()));
    }

    @Override
    public Optional<String> assetUrl(String assetPath) {
        String path = normalizeAssetPath(assetPath);
        if (path == null || !graph.assets().containsKey(path)) {
            return Optional.empty();
        }
        return Optional.of(SiteUrls.asset(workspaceSlug, path));
    }

    /**
     * {@code ../assets/a.png}, {@code ./assets/a.png}, {@code /assets/a.png} → {@code
     * assets/a.png}; {@code null} for anything that climbs out of the graph or is not under {@code
     * assets/}.
     */
    public static String normalizeAssetPath(String raw) {
        String p = raw.replace('\\', '/');
        int q = indexOfAny(p, '?', '#');
        if (q >= 0) {
            p = p.substring(0, q);
        }
        try {
            p =
                    java.net.URLDecoder.decode(
                            p.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // not percent-encoded: keep it as written
        }
        while (p.startsWith("../") || p.startsWith("./") || p.startsWith("/")) {
            p = p.substring(p.indexOf('/') + 1);
        }
        if (!p.startsWith("assets/")) {
            return null;
        }
        for (String seg : p.split("/")) {
            if (seg.equals("..") || seg.equals(".") || seg.isEmpty() || seg.indexOf('\0') >= 0) {
                return null;
            }
        }
        return p;
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
