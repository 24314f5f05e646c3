package dev.draehi.site.internal;

import dev.draehi.model.Node;
import dev.draehi.model.NodeMetadata.Attributes;
import dev.draehi.model.Workspace;
import dev.draehi.site.SiteResponse;
import dev.draehi.store.Storage;
import dev.draehi.web.SiteUrls;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
 * the whole graph, and each page's local graph: as Logseq's page graph, the page, the pages it
 * links and those that link it, and the links between them.
 *
 * <p>JSON: {@code {"nodes":[[title, path, journal?], …], "links":[[from, to], …]}}, with paths as
 * the page URLs have them and nodes by index; a local graph lists its page first.
 */
public final class GraphData {
    /** The most pages a local graph shows: the page and its neighbours. */
    static final int LOCAL_MAX_NODES = 300;

    /**
     * Up to how many pages a page's graph is taken from the whole graph's JSON in the reader's
     * browser (fetched once, about 40 bytes a page gzipped, and then every page's graph is at hand)
     * rather than from a file of its own: a static export of a graph this size writes no file per
     * page for it.
     */
    static final int LOCAL_FROM_WHOLE_MAX_PAGES = 10_000;

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
        final String[] nodes;
        final String nodesAndLinks;
        private String json;

        Built(
                Object version,
                List<Node> pages,
                Map<String, Integer> byPath,
                int[][] adj,
                String[] nodes,
                String nodesAndLinks) {
            this.version = version;
            this.pages = pages;
            this.byPath = byPath;
            this.adj = adj;
            this.nodes = nodes;
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

        /** Each page's node in the JSON, by index. */
        String[] nodes() {
            return nodes;
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
        // the page, then its neighbours (the best linked first when there are too many); a page's
        // place in the local graph is kept, plus one, in a per-thread array over all pages, cleared
        // after
        int[] place = places(b.pages().size());
        int[] order = neighbours(b.adj(), start);
        int size = order.length;
        try {
            for (int i = 0; i < size; i++) {
                place[order[i]] = i + 1;
            }
            StringBuilder sb = new StringBuilder(64 + size * 48);
            sb.append("{\"nodes\":[");
            for (int i = 0; i < size; i++) {
                sb.append(i == 0 ? "" : ",").append(b.nodes()[order[i]]);
            }
            sb.append("],\"links\":[");
            boolean first = true;
            int[] later = new int[size];
            for (int i = 0; i < size; i++) {
                int[] adj = b.adj()[order[i]];
                int count = 0;
                if (adj.length <= 8 * (size - i)) {
                    for (int n : adj) {
                        if (place[n] - 1 > i) {
                            later[count++] = n;
                        }
                    }
                } else {
                    // a page most pages link: the later nodes looked up in its sorted list, then
                    // put in that list's order
                    for (int k = i + 1; k < size; k++) {
                        if (Arrays.binarySearch(adj, order[k]) >= 0) {
                            later[count++] = order[k];
                        }
                    }
                    Arrays.sort(later, 0, count);
                }
                for (int k = 0; k < count; k++) {
                    sb.append(first ? "" : ",")
                            .append('[')
                            .append(i)
                            .append(',')
                            .append(place[later[k]] - 1)
                            .append(']');
                    first = false;
                }
            }
            return json(sb.append("]}").toString());
        } finally {
            for (int i = 0; i < size; i++) {
                place[order[i]] = 0;
            }
        }
    }

    /**
     * {@code start} and the pages it links or is linked from, at most {@link #LOCAL_MAX_NODES} in
     * all: when there are more, those with the most links of their own.
     */
    private static int[] neighbours(int[][] adj, int start) {
        int[] near = adj[start];
        int keep = Math.min(near.length, LOCAL_MAX_NODES - 1);
        int[] order = new int[keep + 1];
        order[0] = start;
        if (keep == near.length) {
            System.arraycopy(near, 0, order, 1, keep);
            return order;
        }
        Integer[] byLinks = new Integer[near.length];
        for (int i = 0; i < near.length; i++) {
            byLinks[i] = near[i];
        }
        Arrays.sort(
                byLinks,
                Comparator.comparingInt((Integer n) -> -adj[n].length).thenComparingInt(n -> n));
        for (int i = 0; i < keep; i++) {
            order[i + 1] = byLinks[i];
        }
        Arrays.sort(order, 1, keep + 1);
        return order;
    }

    // all zero between calls: local() clears what it set
    private static final ThreadLocal<int[]> PLACES = ThreadLocal.withInitial(() -> new int[0]);

    private static int[] places(int pages) {
        int[] p = PLACES.get();
        if (p.length < pages) {
            p = new int[pages];
            PLACES.set(p);
        }
        return p;
    }

    /**
     * Whether a page's graph in a workspace of {@code pages} page routes is taken from the whole
     * graph ({@code graph.json}, with the page's path in {@code data-page}) rather than from {@link
     * #localUrl}.
     */
    static boolean localFromWhole(int pages) {
        return pages > 0 && pages <= LOCAL_FROM_WHOLE_MAX_PAGES;
    }

    /** The URL path of the local graph of the page at {@code path}. */
    public static String localUrl(String workspace, String path) {
        return SiteUrls.siteFile(workspace, "graph/" + path + ".json");
    }

    private Built graph(Workspace ws, Object version) {
        Built b = built.get(ws.id());
        if (b == null || !b.version().equals(version)) {
            // one build, the others asking at once wait for it (a static export asks from several
            // threads)
            b =
                    built.compute(
                            ws.id(),
                            (id, old) ->
                                    old != null && old.version().equals(version)
                                            ? old
                                            : build(ws, version));
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
        // what each page links, from one read of every page's blocks
        Map<String, Integer> byUuid = new HashMap<>();
        for (int i = 0; i < pages.size(); i++) {
            byUuid.put(pages.get(i).uuid(), i);
        }
        List<Set<Integer>> linked = new ArrayList<>(pages.size());
        for (int i = 0; i < pages.size(); i++) {
            linked.add(Set.of());
        }
        storage.nodes()
                .forEachPage(
                        ws.id(),
                        (p, blocks) -> {
                            Integer i = byUuid.get(p.uuid());
                            if (i != null) {
                                linked.set(i, targets(p, blocks, home, byPath, i));
                            }
                        });
        StringBuilder links = new StringBuilder();
        for (int i = 0; i < pages.size(); i++) {
            for (int t : linked.get(i)) {
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
        String[] nodes = new String[pages.size()];
        StringBuilder sb = new StringBuilder(pages.size() * 40 + links.length() + 32);
        sb.append("{\"nodes\":[");
        for (int i = 0; i < pages.size(); i++) {
            nodes[i] = node(pages.get(i));
            sb.append(i == 0 ? "" : ",\n").append(nodes[i]);
        }
        sb.append("],\"links\":[").append(links).append("]}");
        int[][] arrays = new int[pages.size()][];
        for (int i = 0; i < pages.size(); i++) {
            arrays[i] = adj.get(i).stream().mapToInt(Integer::intValue).toArray();
            Arrays.sort(arrays[i]);
        }
        return new Built(version, pages, byPath, arrays, nodes, sb.toString());
    }

    /**
     * The pages that page {@code self} links: its tags, and references in its properties and
     * blocks.
     */
    private static Set<Integer> targets(
            Node p, List<Node> blocks, String home, Map<String, Integer> byPath, int self) {
        Set<Integer> out = new LinkedHashSet<>();
        String tags = p.metadata().attributes().getOrDefault(Attributes.TAG_LINKS, "");
        for (String line : tags.split("\n")) {
            int tab = line.lastIndexOf('\t');
            if (tab >= 0) {
                out.add(byPath.getOrDefault(line.substring(tab + 1), -1));
            }
        }
        targets(p.metadata().attributes().get(Attributes.PROPERTIES_HTML), home, byPath, out);
        for (Node block : blocks) {
            targets(block.html(), home, byPath, out);
        }
        out.remove(-1);
        out.remove(self);
        return out;
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

    /** A page as a node of the JSON: {@code [title, path]} or {@code [title, path, 1]}. */
    private static String node(Node p) {
        StringBuilder sb = new StringBuilder(48);
        sb.append('[')
                .append(SearchIndex.json(p.title()))
                .append(',')
                .append(SearchIndex.json(p.metadata().attribute(Attributes.PATH).orElse("")));
        if (p.metadata().attribute(Attributes.JOURNAL_DAY).isPresent()) {
            sb.append(",1");
        }
        return sb.append(']').toString();
    }

    private static SiteResponse json(String body) {
        return SiteResponse.text(200, "application/json; charset=utf-8", body);
    }
}
