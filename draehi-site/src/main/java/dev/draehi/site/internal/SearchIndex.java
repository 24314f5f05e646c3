package dev.draehi.site.internal;

import dev.draehi.model.Node;
import dev.draehi.model.NodeMetadata.Attributes;
import dev.draehi.model.Workspace;
import dev.draehi.site.SiteResponse;
import dev.draehi.store.Storage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The site's search index, the same for the search page served without script and for {@code
 * search.js}: every page (by its title) and every block (by its text) as a document, pages first
 * (shortest titles first), then blocks page by page. The script reads it in parts, so that a query
 * downloads only what it needs:
 *
 * <ul>
 *   <li>{@code -/search-index.json}, the manifest: how many documents and pages, the size of a
 *       chunk of documents and of a range, the keys of the shards split by a third character, and
 *       for each shard key the ranges it has postings in;
 *   <li>{@code -/search/w/KEY-R.json}, a shard: for each word starting with KEY (its first two
 *       characters, or first CJK character; see {@link SearchText}), its documents in range R
 *       ({@code R * range} up to the next range) as ascending differences from the range's start;
 *   <li>{@code -/search/d/N.json}, chunk N of documents: {@code [isPage, title, url, text]},
 *       fetched only to show hits.
 * </ul>
 */
public final class SearchIndex {
    /** Documents per chunk. */
    static final int CHUNK = 32;

    /** A two-character shard larger than this is split by the third character of its words. */
    static final int SPLIT_BYTES = 48 * 1024;

    /** Hits shown for a query. */
    public static final int LIMIT = 30;

    /**
     * Documents per range of a shard: a word's postings are split by ranges of document numbers, so
     * that a query reads the ranges in order and stops at its first hits, and a word found in every
     * other block costs at most a range's worth of postings per range read.
     */
    static final int RANGE = 32 * 1024;

    private static final java.util.regex.Pattern RANGE_NUMBER =
            java.util.regex.Pattern.compile("0|[1-9][0-9]{0,5}");
    private static final java.util.regex.Pattern HEX_UNIT =
            java.util.regex.Pattern.compile("[0-9a-f]{4}");

    private final Storage storage;
    private final Layout layout;
    // by workspace and host: a workspace at its custom domain links from that domain's root
    private final Map<String, Built> built = new ConcurrentHashMap<>();

    public SearchIndex(Storage storage, Layout layout) {
        this.storage = storage;
        this.layout = layout;
    }

    /** A document: a page or a block. */
    public record Doc(boolean page, String title, String url, String text) {}

    /** One hit of a query. */
    public record Hit(Doc doc, List<String> words) {}

    /** The first hits of {@code q}, at most {@link #LIMIT}, and whether there are more. */
    public record Hits(List<Hit> hits, boolean more, List<String> words) {}

    /** Ascending document numbers, without boxing: a large graph has tens of millions. */
    private static final class Ids {
        int[] a = new int[2];
        int n;

        void add(int id) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, n * 2);
            }
            a[n++] = id;
        }

        int size() {
            return n;
        }

        int get(int i) {
            return a[i];
        }
    }

    private static final class Built {
        final Object version;
        final List<Doc> docs = new ArrayList<>();
        int pages;
        TreeMap<String, Ids> postings;

        /** Postings as they are collected: one look-up a word of a document, then sorted once. */
        final Map<String, Ids> collecting = new java.util.HashMap<>();

        /** Shard key → range → postings JSON. */
        final Map<String, TreeMap<Integer, String>> shards = new TreeMap<>();

        final List<String> split = new ArrayList<>();

        Built(Object version) {
            this.version = version;
        }
    }

    private Built index(Workspace ws, Object version) {
        String key = ws.id() + " " + layout.hostKey();
        Built b = built.get(key);
        if (b != null && b.version.equals(version)) {
            return b;
        }
        b = build(ws, version);
        built.put(key, b);
        return b;
    }

    private Built build(Workspace ws, Object version) {
        Built b = new Built(version);
        List<Node> pages = new ArrayList<>(storage.nodes().pages(ws.id()));
        pages.sort(
                Comparator.comparingInt((Node p) -> p.title().length()).thenComparing(Node::title));
        for (Node p : pages) {
            add(b, new Doc(true, p.title(), layout.url(PageView.pageUrl(ws, p)), ""), p.title());
        }
        b.pages = b.docs.size();
        // one read of every page's blocks; their documents are numbered in the pages' order above
        Map<String, List<Doc>> blockDocs = new HashMap<>();
        storage.nodes()
                .forEachPage(
                        ws.id(),
                        (p, blocks) -> {
                            String pageUrl = layout.url(PageView.pageUrl(ws, p));
                            List<Doc> docs = new ArrayList<>();
                            for (Node block : blocks) {
                                String text = Text.plain(block.html());
                                if (!text.isBlank()) {
                                    String anchor =
                                            block.metadata()
                                                    .attribute(Attributes.BLOCK_ID)
                                                    .orElse(block.uuid());
                                    docs.add(
                                            new Doc(
                                                    false,
                                                    p.title(),
                                                    pageUrl + "#" + anchor,
                                                    text));
                                }
                            }
                            blockDocs.put(p.uuid(), docs);
                        });
        for (Node p : pages) {
            for (Doc d : blockDocs.getOrDefault(p.uuid(), List.of())) {
                add(b, d, d.text());
            }
        }
        b.postings = new TreeMap<>(b.collecting);
        b.collecting.clear();
        Map<String, TreeMap<String, Ids>> byKey = new TreeMap<>();
        for (Map.Entry<String, Ids> e : b.postings.entrySet()) {
            byKey.computeIfAbsent(SearchText.shardKey(e.getKey()), k -> new TreeMap<>())
                    .put(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, TreeMap<String, Ids>> e : byKey.entrySet()) {
            String key = e.getKey();
            boolean splittable =
                    key.codePointCount(0, key.length()) == 2
                            && !SearchText.isCjk(key.codePointAt(0));
            if (!splittable || shardChars(e.getValue()) <= SPLIT_BYTES) {
                b.shards.put(key, shardJson(e.getValue()));
                continue;
            }
            b.split.add(key);
            Map<String, TreeMap<String, Ids>> sub = new TreeMap<>();
            for (Map.Entry<String, Ids> w : e.getValue().entrySet()) {
                String word = w.getKey();
                String k =
                        word.length() == key.length()
                                ? key
                                : word.substring(0, word.offsetByCodePoints(0, 3));
                sub.computeIfAbsent(k, x -> new TreeMap<>()).put(word, w.getValue());
            }
            sub.forEach((k, words) -> b.shards.put(k, shardJson(words)));
        }
        return b;
    }

    private static void add(Built b, Doc doc, String text) {
        int id = b.docs.size();
        b.docs.add(doc);
        for (String w : SearchText.words(SearchText.foldText(text))) {
            b.collecting.computeIfAbsent(w, k -> new Ids()).add(id);
        }
    }

    /**
     * The length of {@link #shardJson} of {@code words} per range it has postings in, on average,
     * without writing it: whether a shard is split is known before it is written once.
     */
    private static long shardChars(Map<String, Ids> words) {
        java.util.BitSet ranges = new java.util.BitSet();
        long chars = 0;
        for (Map.Entry<String, Ids> e : words.entrySet()) {
            Ids ids = e.getValue();
            // "word":[…] and the comma or brace before it; words are letters and digits only
            int entry = e.getKey().length() + 2 + 2 + 1 + 1;
            int i = 0;
            while (i < ids.n) {
                int range = ids.a[i] / RANGE;
                ranges.set(range);
                chars += entry - 1;
                int prev = range * RANGE;
                int end = (range + 1) * RANGE;
                for (; i < ids.n && ids.a[i] < end; i++) {
                    chars += digits(ids.a[i] - prev) + 1;
                    prev = ids.a[i];
                }
            }
        }
        // the closing brace of each range
        return (chars + ranges.cardinality()) / Math.max(1, ranges.cardinality());
    }

    private static int digits(int n) {
        int d = 1;
        while (n >= 10) {
            n /= 10;
            d++;
        }
        return d;
    }

    /** The postings of {@code words} as JSON, one object per range of document numbers. */
    private static TreeMap<Integer, String> shardJson(Map<String, Ids> words) {
        TreeMap<Integer, StringBuilder> ranges = new TreeMap<>();
        for (Map.Entry<String, Ids> e : words.entrySet()) {
            Ids ids = e.getValue();
            int i = 0;
            while (i < ids.size()) {
                int range = ids.get(i) / RANGE;
                StringBuilder sb = ranges.computeIfAbsent(range, r -> new StringBuilder("{"));
                if (sb.length() > 1) {
                    sb.append(',');
                }
                appendJson(sb, e.getKey());
                sb.append(":[");
                int prev = range * RANGE;
                boolean first = true;
                int end = (range + 1) * RANGE;
                for (; i < ids.n && ids.a[i] < end; i++) {
                    if (!first) {
                        sb.append(',');
                    }
                    sb.append(ids.a[i] - prev);
                    first = false;
                    prev = ids.a[i];
                }
                sb.append(']');
            }
        }
        TreeMap<Integer, String> out = new TreeMap<>();
        ranges.forEach((r, sb) -> out.put(r, sb.append('}').toString()));
        return out;
    }

    /** The manifest of {@code ws}'s index. */
    public SiteResponse manifest(Workspace ws, Object version) {
        Built b = index(ws, version);
        StringBuilder sb =
                new StringBuilder("{\"docs\":")
                        .append(b.docs.size())
                        .append(",\"pages\":")
                        .append(b.pages)
                        .append(",\"chunk\":")
                        .append(CHUNK)
                        .append(",\"range\":")
                        .append(RANGE)
                        .append(",\"split\":[");
        for (int i = 0; i < b.split.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(json(b.split.get(i)));
        }
        sb.append("],\"keys\":{");
        boolean first = true;
        for (Map.Entry<String, TreeMap<Integer, String>> e : b.shards.entrySet()) {
            sb.append(first ? "\n" : ",\n").append(json(e.getKey())).append(":[");
            first = false;
            boolean firstRange = true;
            for (int r : e.getValue().keySet()) {
                sb.append(firstRange ? "" : ",").append(r);
                firstRange = false;
            }
            sb.append(']');
        }
        return jsonResponse(sb.append("}}\n").toString());
    }

    /** A part of the index by its name below {@code -/search/}, or {@code null} if none. */
    public SiteResponse part(Workspace ws, Object version, String name) {
        Built b = index(ws, version);
        if (name.startsWith("w/") && name.endsWith(".json")) {
            String file = name.substring(2, name.length() - 5);
            int dash = file.indexOf('-');
            if (dash < 0 || !RANGE_NUMBER.matcher(file).region(dash + 1, file.length()).matches()) {
                return null;
            }
            String key = keyOf(file.substring(0, dash));
            TreeMap<Integer, String> ranges = key == null ? null : b.shards.get(key);
            String json =
                    ranges == null ? null : ranges.get(Integer.parseInt(file.substring(dash + 1)));
            return json == null ? null : jsonResponse(json);
        }
        if (name.startsWith("d/") && name.endsWith(".json")) {
            int n;
            try {
                n = Integer.parseInt(name.substring(2, name.length() - 5));
            } catch (NumberFormatException e) {
                return null;
            }
            if (n < 0 || (long) n * CHUNK >= b.docs.size() || !name.equals("d/" + n + ".json")) {
                return null;
            }
            StringBuilder sb = new StringBuilder("[");
            for (int i = n * CHUNK; i < Math.min(b.docs.size(), (n + 1) * CHUNK); i++) {
                Doc d = b.docs.get(i);
                sb.append(i == n * CHUNK ? "\n[" : ",\n[").append(d.page() ? 1 : 0).append(',');
                appendJson(sb, d.title());
                sb.append(',');
                appendJson(sb, d.url());
                sb.append(',');
                appendJson(sb, d.text());
                sb.append(']');
            }
            return jsonResponse(sb.append("\n]\n").toString());
        }
        return null;
    }

    private static String keyOf(String file) {
        if (file.isEmpty() || file.length() % 4 != 0 || file.length() > 16) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < file.length(); i += 4) {
            String hex = file.substring(i, i + 4);
            if (!HEX_UNIT.matcher(hex).matches()) {
                return null;
            }
            sb.append((char) Integer.parseInt(hex, 16));
        }
        return sb.toString();
    }

    /** The paths below {@code -/search/} of every part of the index, for a static export. */
    public List<String> parts(Workspace ws, Object version) {
        Built b = index(ws, version);
        List<String> out = new ArrayList<>();
        b.shards.forEach(
                (key, ranges) -> {
                    for (int r : ranges.keySet()) {
                        out.add("w/" + SearchText.fileName(key) + "-" + r + ".json");
                    }
                });
        for (int n = 0; (long) n * CHUNK < b.docs.size(); n++) {
            out.add("d/" + n + ".json");
        }
        return out;
    }

    /**
     * The hits of {@code q}: documents holding every word of it, each word matching the start of a
     * word of the document (a query's pair of CJK characters matches the same pair).
     */
    public Hits search(Workspace ws, Object version, String q) {
        Built b = index(ws, version);
        List<String> words = SearchText.words(SearchText.fold(q == null ? "" : q).text());
        if (words.isEmpty()) {
            return new Hits(List.of(), false, words);
        }
        java.util.BitSet all = null;
        for (String w : words) {
            java.util.BitSet these = new java.util.BitSet(b.docs.size());
            String key = SearchText.shardKey(w);
            boolean exactOnly = b.split.contains(key) && w.equals(key);
            // The words a query word matches are those of its shard (by the same rule the script
            // follows) that start with it.
            for (Map.Entry<String, Ids> e : wordsStartingWith(b, w, exactOnly)) {
                Ids ids = e.getValue();
                for (int i = 0; i < ids.n; i++) {
                    these.set(ids.a[i]);
                }
            }
            if (all == null) {
                all = these;
            } else {
                all.and(these);
            }
        }
        List<Hit> hits = new ArrayList<>();
        int i = all.nextSetBit(0);
        for (; i >= 0 && hits.size() < LIMIT; i = all.nextSetBit(i + 1)) {
            hits.add(new Hit(b.docs.get(i), words));
        }
        return new Hits(hits, i >= 0, words);
    }

    private static List<Map.Entry<String, Ids>> wordsStartingWith(
            Built b, String w, boolean exactOnly) {
        List<Map.Entry<String, Ids>> out = new ArrayList<>();
        for (Map.Entry<String, Ids> e : b.postings.tailMap(w, true).entrySet()) {
            String word = e.getKey();
            if (!word.startsWith(w)) {
                break;
            }
            if (exactOnly ? word.equals(w) : word.startsWith(w)) {
                if (SearchText.shardKey(word).equals(SearchText.shardKey(w))) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    private static SiteResponse jsonResponse(String body) {
        return SiteResponse.text(200, "application/json; charset=utf-8", body);
    }

    static String json(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        appendJson(sb, s);
        return sb.toString();
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /**
     * {@code s} as a JSON string on {@code sb}: the runs that need no escape copied whole, {@code
     * <} escaped so that the JSON can sit in HTML, and U+2028/U+2029 so that it stays valid script.
     */
    static void appendJson(StringBuilder sb, String s) {
        sb.append('"');
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != 0x2028 && c != 0x2029) {
                continue;
            }
            sb.append(s, from, i);
            from = i + 1;
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default ->
                        sb.append("\\u")
                                .append(HEX[c >> 12])
                                .append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf])
                                .append(HEX[c & 0xf]);
            }
        }
        sb.append(s, from, s.length()).append('"');
    }
}
