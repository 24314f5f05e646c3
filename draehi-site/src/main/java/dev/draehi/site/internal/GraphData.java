package dev.draehi.site.internal;

import dev.draehi.model.Node;
import dev.draehi.model.NodeMetadata.Attributes;
import dev.draehi.model.Workspace;
import dev.draehi.site.SiteResponse;
import dev.draehi.store.Storage;
import dev.draehi.web.SiteUrls;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The graph of a workspace's pages, for {@code graph.js}: every page and the links between them
 * (page references, tags and block references in its blocks and properties, and its {@code
 * tags::}), built once per version from the stored HTML, like the search index, and served as JSON:
 * the whole graph, and each page's local graph (its links and backlinks, two hops).
 *
 * <p>JSON: {@code {"nodes":[[title, path, journal?], …], "links":[[from, to], …]}}, with paths as
 * the page URLs have them and nodes by index; a local graph lists its page first.
 */
public final class GraphData {
    /** The most pages a local graph shows: the page, its neighbours, then theirs. */
    static final int LOCAL_MAX_NODES = 300;

    private static final Pattern HREF = Pattern.compile(" href=\"/([^\"#?]*)");

    private final Storage storage;
    private final Map<Long, Built> built = new ConcurrentHashMap<>();

    public GraphData(Storage storage) {
        this.storage = storage;
    }

    private static final class Built {
        final Object version;
        final List<Node> pages;
        final Map<String, Integer> byPath;
        final int[][] adj;
        final String nodesAndLinks;
        private String json;

        Built(
                Object version,
                List<Node> pages,
                Map<String, Integer> byPath,
                int[][] adj,
                String nodesAndLinks) {
            this.version = version;
            this.pages = pages;
            this.byPath = byPath;
            this.adj = adj;
            this.nodesAndLinks = nodesAndLinks;
        }

        /** The global graph's JSON, laid out on first use: a local graph does without. */
        synchronized String json() {
            if (json == null) {
                int[] xy = GraphLayout.of(adj);
                StringBuilder sb = new StringBuilder(nodesAndLinks.length() + xy.length * 5 + 16);
                sb.append(nodesAndLinks, 0, nodesAndLinks.length() - 1).append(",\n\"xy\":[");
                for (int i = 0; i < xy.length; i++) {
                    sb.append(i == 0 ? "" : ",").append(xy[i]);
                }
                json = sb.append("]}").toString();
            }
            return json;
        }

        Object version() {
            return version;
        }

        List<Node> pages() {
            return pages;
        }

        Map<String, Integer> byPath() {
            return byPath;
        }

        int[][] adj() {
            return adj;
        }
    }

    /** The whole graph of {@code ws} at {@code version}, with where each page is drawn. */
    public SiteResponse global(Workspace ws, Object version) {
        return json(graph(ws, version).json());
    }

    /** The local graph of the page at {@code path}, or {@code null} when there is no such page. */
    public SiteResponse local(Workspace ws, Object version, String path) {
        Built b = graph(ws, version);
        Integer start = b.byPath().get(path);
        if (start == null) {
            return null;
        }
        // breadth first, two hops, the nearest first when there are too many
        Map<Integer, Integer> index = new HashMap<>();
        List<Integer> order = new ArrayList<>();
        ArrayDeque<int[]> queue = new ArrayDeque<>();
        index.put(start, 0);
        order.add(start);
        queue.add(new int[] {start, 0});
        while (!queue.isEmpty() && order.size() < LOCAL_MAX_NODES) {
            int[] at = queue.poll();
            if (at[1] == 2) {
                continue;
            }
            for (int n : b.adj()[at[0]]) {
                if (!index.containsKey(n) && order.size() < LOCAL_MAX_NODES) {
                    index.put(n, order.size());
                    order.add(n);
                    queue.add(new int[] {n, at[1] + 1});
                }
            }
        }
        StringBuilder sb = new StringBuilder("{\"nodes\":[");
        for (int i = 0; i < order.size(); i++) {
            node(sb.append(i == 0 ? "" : ","), b.pages().get(order.get(i)));
        }
        sb.append("],\"links\":[");
        boolean first = true;
        for (int i = 0; i < order.size(); i++) {
            for (int n : b.adj()[order.get(i)]) {
                Integer j = index.get(n);
                if (j != null && i < j) {
                    sb.append(first ? "" : ",")
                            .append('[')
                            .append(i)
                            .append(',')
                            .append(j)
                            .append(']');
                    first = false;
                }
            }
        }
        return json(sb.append("]}").toString());
    }

    /** The URL path of the local graph of the page at {@code path}. */
    public static String localUrl(String workspace, String path) {
        return SiteUrls.siteFile(workspace, "graph/" + path + ".json");
    }

    private Built graph(Workspace ws, Object version) {
        Built b = built.get(ws.id());
        if (b == null || !b.version().equals(version)) {
            b = build(ws, version);
            built.put(ws.id(), b);
        }
        return b;
    }

    private Built build(Workspace ws, Object version) {
        List<Node> pages = List.copyOf(storage.nodes().pages(ws.id()));
        Map<String, Integer> byPath = new HashMap<>();
        for (int i = 0; i < pages.size(); i++) {
            byPath.put(pages.get(i).metadata().attribute(Attributes.PATH).orElse(""), i);
        }
        String home = SiteUrls.home(ws.slug()).substring(1);
        List<Set<Integer>> adj = new ArrayList<>(pages.size());
        for (int i = 0; i < pages.size(); i++) {
            adj.add(new LinkedHashSet<>());
        }
        StringBuilder links = new StringBuilder();
        for (int i = 0; i < pages.size(); i++) {
            Node p = pages.get(i);
            Set<Integer> out = new LinkedHashSet<>();
            String tags = p.metadata().attributes().getOrDefault(Attributes.TAG_LINKS, "");
            for (String line : tags.split("\n")) {
                int tab = line.lastIndexOf('\t');
                if (tab >= 0) {
                    out.add(byPath.getOrDefault(line.substring(tab + 1), -1));
                }
            }
            targets(p.metadata().attributes().get(Attributes.PROPERTIES_HTML), home, byPath, out);
            for (Node block : storage.nodes().blocksOfPage(ws.id(), p.pageName())) {
                targets(block.html(), home, byPath, out);
            }
            out.remove(-1);
            out.remove(i);
            for (int t : out) {
                if (adj.get(i).add(t) && adj.get(t).add(i)) {
                    links.append(links.length() == 0 ? "" : ",")
                            .append('[')
                            .append(i)
                            .append(',')
                            .append(t)
                            .append(']');
                }
            }
        }
        StringBuilder sb = new StringBuilder(pages.size() * 40 + links.length() + 32);
        sb.append("{\"nodes\":[");
        for (int i = 0; i < pages.size(); i++) {
            node(sb.append(i == 0 ? "" : ",\n"), pages.get(i));
        }
        sb.append("],\"links\":[").append(links).append("]}");
        int[][] arrays = new int[pages.size()][];
        for (int i = 0; i < pages.size(); i++) {
            arrays[i] = adj.get(i).stream().mapToInt(Integer::intValue).toArray();
            Arrays.sort(arrays[i]);
        }
        return new Built(version, pages, byPath, arrays, sb.toString());
    }

    /** The pages {@code html} links to, by index, into {@code out}. */
    private static void targets(
            String html, String home, Map<String, Integer> byPath, Set<Integer> out) {
        if (html == null || html.indexOf(" href=\"/") < 0) {
            return;
        }
        Matcher m = HREF.matcher(html);
        while (m.find()) {
            String url = m.group(1);
            if (url.startsWith(home) && !url.startsWith(home + SiteUrls.SITE_FILES + "/")) {
                Integer t = byPath.get(url.substring(home.length()));
                if (t != null) {
                    out.add(t);
                }
            }
        }
    }

    private static void node(StringBuilder sb, Node p) {
        sb.append('[')
                .append(SearchIndex.json(p.title()))
                .append(',')
                .append(SearchIndex.json(p.metadata().attribute(Attributes.PATH).orElse("")));
        if (p.metadata().attribute(Attributes.JOURNAL_DAY).isPresent()) {
            sb.append(",1");
        }
        sb.append(']');
    }

    private static SiteResponse json(String body) {
        return SiteResponse.text(200, "application/json; charset=utf-8", body);
    }
}
