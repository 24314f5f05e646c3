package dev.draehi.sync.mldoc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.draehi.model.Block;
import dev.draehi.model.BuiltInProperties;
import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import dev.draehi.model.Workspace;
import dev.draehi.render.HtmlPageRenderer;
import dev.draehi.spi.LinkResolver;
import dev.draehi.spi.RenderContext;
import dev.draehi.spi.RenderedPage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Compares draehi's reading of a graph with Logseq's (the {@link MldocOracle}): for each page file
 * its name, page properties and tags, block tree, block properties, refs and block refs, and of
 * what is shown (draehi's rendered HTML, read through the page markup): tags, math and the words of
 * the text.
 */
final class Differential {
    /** One way in which draehi and Logseq differ on one page. */
    record Difference(String kind, String page, String detail) {}

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private static final HtmlPageRenderer RENDERER = HtmlPageRenderer.create();

    private final Graph graph;
    private final RenderContext context;
    private final List<Difference> out = new ArrayList<>();

    private Differential(Graph graph) {
        this.graph = graph;
        Workspace ws =
                new Workspace(
                        1,
                        1,
                        "ws",
                        "Workspace",
                        null,
                        Workspace.DEFAULT_EMBED_DEPTH,
                        Instant.EPOCH,
                        Instant.EPOCH);
        this.context = new RenderContext(graph, ws, new EveryPage());
    }

    /** Every difference between {@code graph} and what Logseq makes of its files. */
    static List<Difference> compare(Graph graph, Map<String, JsonNode> oracle) {
        Differential d = new Differential(graph);
        Map<String, Page> byFile = new java.util.HashMap<>();
        for (Page p : graph.pages()) {
            if (p.file() != null) {
                byFile.put(p.file(), p);
            }
        }
        for (Map.Entry<String, JsonNode> e : oracle.entrySet()) {
            Page page = byFile.get(e.getKey());
            if (page == null) {
                d.add("page missing", e.getKey(), "draehi has no page for this file");
            } else {
                d.page(page, e.getValue());
            }
        }
        return d.out;
    }

    private void add(String kind, String page, String detail) {
        out.add(new Difference(kind, page, detail));
    }

    private void page(Page page, JsonNode logseq) {
        String file = page.file();
        Integer day = logseq.get("journalDay").isNull() ? null : logseq.get("journalDay").asInt();
        if (day != null && page.journalDay() != null) {
            if (!day.equals(page.journalDay())) {
                add("page name", file, "journal day " + day + ", draehi " + page.journalDay());
            }
        } else if (!nfc(logseq.get("name").asText()).equals(nfc(page.name()))) {
            add(
                    "page name",
                    file,
                    "Logseq \""
                            + logseq.get("name").asText()
                            + "\", draehi \""
                            + page.name()
                            + "\"");
        }

        Map<String, String> props = strings(logseq.get("pageProperties"));
        if (!props.equals(trimmed(page.properties()))) {
            add("page properties", file, "Logseq " + props + ", draehi " + page.properties());
        }
        TreeSet<String> tags = new TreeSet<>();
        if (props.containsKey("tags")) {
            for (String t : dev.draehi.sync.internal.Properties.pageList(props.get("tags"))) {
                tags.add(lower(t));
            }
        }
        TreeSet<String> draehiTags = lowerSet(page.tags());
        if (!tags.equals(draehiTags)) {
            add("page tags", file, "Logseq " + tags + ", draehi " + draehiTags);
        }

        List<JsonNode> blocks = new ArrayList<>();
        logseq.get("blocks").forEach(blocks::add);
        List<Block> flat = page.flatBlocks();
        List<Integer> depths = new ArrayList<>();
        blocks.forEach(b -> depths.add(b.get("depth").asInt()));
        List<Integer> draehiDepths = draehiDepths(page);
        boolean aligned = depths.equals(draehiDepths);
        if (!aligned) {
            add(
                    "outline",
                    file,
                    blocks.size()
                            + " blocks, draehi "
                            + flat.size()
                            + firstDifference(depths, draehiDepths, blocks, flat));
        }

        RenderedPage html = RENDERER.render(page, context);
        TreeSet<String> refs = new TreeSet<>();
        TreeSet<String> blockRefs = new TreeSet<>();
        for (JsonNode r : logseq.get("pagePropertyRefs")) {
            if (!BuiltInProperties.valueIsPlain(r.get("key").asText())) {
                refs.add(lower(r.get("target").asText()));
            }
        }
        if (props.containsKey("tags")) {
            refs.addAll(tags);
        }
        // graph-parser (not mldoc) makes each key with a property page a ref of its block, when
        // the property has a value
        dev.draehi.model.PropertyRules rules = graph.config().properties();
        props.forEach(
                (key, value) -> {
                    if (rules.keyHasPage(key) && !value.isBlank()) {
                        refs.add(lower(rules.keyPage(key)));
                    }
                });
        if (props.containsKey("alias")) {
            for (String a : dev.draehi.sync.internal.Properties.pageList(props.get("alias"))) {
                refs.add(lower(a));
            }
        }
        List<String> math = new ArrayList<>();
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < blocks.size(); i++) {
            JsonNode b = blocks.get(i);
            addAll(refs, b.get("refs"));
            addAll(refs, b.get("searchRefs"));
            addAll(refs, b.get("tags"));
            b.get("properties")
                    .fields()
                    .forEachRemaining(
                            e -> {
                                if (rules.keyHasPage(e.getKey())
                                        && !e.getValue().asText().isBlank()) {
                                    refs.add(lower(rules.keyPage(e.getKey())));
                                }
                            });
            for (JsonNode r : b.get("propertyRefs")) {
                if (!BuiltInProperties.valueIsPlain(r.get("key").asText())) {
                    refs.add(lower(r.get("target").asText()));
                }
            }
            b.get("blockRefs").forEach(r -> blockRefs.add(r.asText().toLowerCase(Locale.ROOT)));
            b.get("math").forEach(m -> math.add(tex(m.get("tex").asText())));
            words.append(' ').append(b.get("words").asText());
            if (aligned) {
                block(file, i, b, flat.get(i), html.blockHtml().get(i));
            }
        }

        TreeSet<String> draehiRefs = new TreeSet<>();
        TreeSet<String> draehiBlockRefs = new TreeSet<>();
        for (Block b : flat) {
            for (Block.Ref r : b.refs()) {
                if (r.toBlock()) {
                    draehiBlockRefs.add(r.target().toLowerCase(Locale.ROOT));
                } else {
                    draehiRefs.add(lower(r.target()));
                }
            }
        }
        page.tags().forEach(t -> draehiRefs.add(lower(t)));
        page.aliases().forEach(a -> draehiRefs.add(lower(a)));
        for (Map.Entry<String, String> e : page.properties().entrySet()) {
            if (!BuiltInProperties.valueIsPlain(e.getKey())
                    && !e.getKey().equals("tags")
                    && !e.getKey().equals("alias")) {
                for (Block.Ref r :
                        dev.draehi.sync.internal.Properties.refs(
                                e.getKey(), e.getValue(), page.file().endsWith(".org"))) {
                    draehiRefs.add(lower(r.target()));
                }
            }
        }
        diffSets("refs", file, refs, draehiRefs);
        diffSets("block refs", file, blockRefs, draehiBlockRefs);

        List<String> draehiMath = new ArrayList<>();
        StringBuilder shown = new StringBuilder();
        for (String h : html.blockHtml()) {
            Document doc = shown(h);
            for (Element m : doc.select(".math.inline, .math.display")) {
                if (m.parents().stream().anyMatch(Differential::elsewhere)) {
                    continue;
                }
                draehiMath.add(tex(unwrapMath(m.wholeText())));
            }

            shown.append(' ').append(doc.text());
        }
        shown.append(' ').append(Jsoup.parseBodyFragment(html.propertiesHtml()).text());
        List<String> sortedMath = new ArrayList<>(math);
        sortedMath.sort(null);
        draehiMath.sort(null);
        if (!sortedMath.equals(draehiMath)) {
            add("math", file, "Logseq " + sortedMath + ", draehi " + draehiMath);
        }
        if (!aligned) {
            lostWords(file, "", words.toString(), shown.toString());
        }
    }

    private void block(String file, int index, JsonNode logseq, Block block, String html) {
        String where = "block " + (index + 1) + " (line " + block.line() + ")";
        Map<String, String> props = strings(logseq.get("properties"));
        if (!props.equals(trimmed(block.properties()))) {
            add(
                    "block properties",
                    file,
                    where + ": Logseq " + props + ", draehi " + block.properties());
        }
        if ((file + ":" + block.line()).equals(System.getProperty("draehi.mldoc.show"))) {
            System.out.println("SHOW " + logseq + "\n" + block + "\n" + html);
        }
        Document doc = shown(html);
        TreeSet<String> tags = new TreeSet<>();
        logseq.get("tags").forEach(t -> tags.add(lower(t.asText())));
        TreeSet<String> shownTags = new TreeSet<>();
        for (Element a : doc.select(".hashtag-link")) {
            if (a.parents().stream().noneMatch(Differential::elsewhere)) {
                // a tag of an unpublished page is shown too, without data-tag
                shownTags.add(
                        lower(a.hasAttr("data-tag") ? a.attr("data-tag") : a.text().substring(1)));
            }
        }
        if (!tags.equals(shownTags)) {
            add("tags shown", file, where + ": Logseq " + tags + ", draehi " + shownTags);
        }
        lostWords(file, where + ": ", logseq.get("words").asText(), doc.text());
    }

    /** A block's HTML, with the numbers an ordered list shows though they are not its text. */
    private static Document shown(String html) {
        Document doc = Jsoup.parseBodyFragment(html);
        for (Element ol : doc.select("ol")) {
            int start = ol.hasAttr("start") ? Integer.parseInt(ol.attr("start")) : 1;
            for (Element li : ol.children()) {
                li.prependText(start++ + ". ");
            }
        }
        return doc;
    }

    /** Shown inside a block, but coming from elsewhere: properties, embeds, queries. */
    private static boolean elsewhere(Element e) {
        for (String c :
                List.of(
                        "block-properties",
                        "embed",
                        "embed-blocks",
                        "block-reference",
                        "query",
                        "advanced-query",
                        "namespace")) {
            if (e.hasClass(c)) {
                return true;
            }
        }
        return false;
    }

    private void lostWords(String file, String where, String logseq, String shown) {
        String haystack = letters(shown);
        List<String> lost = new ArrayList<>();
        Matcher m = WORD.matcher(logseq);
        while (m.find()) {
            String w = m.group().toLowerCase(Locale.ROOT);
            if (!haystack.contains(w)) {
                lost.add(w);
            }
        }
        if (!lost.isEmpty()) {
            add("text lost", file, where + lost);
        }
    }

    private static String letters(String s) {
        StringBuilder sb = new StringBuilder();
        Matcher m = WORD.matcher(s);
        while (m.find()) {
            sb.append(m.group().toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }

    private void diffSets(
            String kind, String file, TreeSet<String> logseq, TreeSet<String> draehi) {
        // graph-parser drops blank refs
        logseq.remove("");
        draehi.remove("");
        if (logseq.equals(draehi)) {
            return;
        }
        TreeSet<String> missing = new TreeSet<>(logseq);
        missing.removeAll(draehi);
        TreeSet<String> extra = new TreeSet<>(draehi);
        extra.removeAll(logseq);
        add(kind, file, "only Logseq " + quoted(missing) + ", only draehi " + quoted(extra));
    }

    private static List<String> quoted(Collection<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            out.add(
                    n.codePoints().allMatch(c -> c >= 0x20 && c < 0x7f || Character.isLetter(c))
                            ? n
                            : "\""
                                    + n.codePoints()
                                            .mapToObj(c -> String.format("U+%04X", c))
                                            .toList()
                                    + "\"");
        }
        return out;
    }

    private static List<Integer> draehiDepths(Page page) {
        List<Integer> out = new ArrayList<>();
        walk(page.blocks(), 1, out);
        return out;
    }

    private static void walk(List<Block> blocks, int depth, List<Integer> out) {
        for (Block b : blocks) {
            out.add(depth);
            walk(b.children(), depth + 1, out);
        }
    }

    private static String firstDifference(
            List<Integer> depths, List<Integer> draehi, List<JsonNode> blocks, List<Block> flat) {
        int n = Math.min(depths.size(), draehi.size());
        for (int i = 0; i < n; i++) {
            if (!depths.get(i).equals(draehi.get(i))) {
                return "; block "
                        + (i + 1)
                        + " at depth "
                        + depths.get(i)
                        + ", draehi "
                        + draehi.get(i)
                        + " (line "
                        + flat.get(i).line()
                        + ")";
            }
        }
        if (flat.size() > n) {
            return "; draehi's extra block at line " + flat.get(n).line();
        }
        return n < blocks.size() ? "; Logseq's block " + (n + 1) + " missing" : "";
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = object.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asText().strip());
        }
        return out;
    }

    private static Map<String, String> trimmed(Map<String, String> props) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        props.forEach((k, v) -> out.put(k, v.strip()));
        return out;
    }

    private static void addAll(Collection<String> into, JsonNode array) {
        array.forEach(n -> into.add(lower(n.asText())));
    }

    private static TreeSet<String> lowerSet(Collection<String> names) {
        TreeSet<String> out = new TreeSet<>();
        names.forEach(n -> out.add(lower(n)));
        return out;
    }

    private static String lower(String name) {
        return nfc(name.strip()).toLowerCase(Locale.ROOT);
    }

    private static String nfc(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /** draehi writes math with the delimiters KaTeX's auto-render looks for. */
    private static String unwrapMath(String text) {
        String t = text.strip();
        if (t.length() >= 4
                && ((t.startsWith("\\(") && t.endsWith("\\)"))
                        || (t.startsWith("\\[") && t.endsWith("\\]")))) {
            return t.substring(2, t.length() - 2);
        }
        return t;
    }

    private static String tex(String tex) {
        return tex.replaceAll("\\s+", "");
    }

    /** Links every page, block and asset, so that every ref is shown as a link. */
    private static final class EveryPage implements LinkResolver {
        @Override
        public Optional<String> pageUrl(String pageNameAsWritten) {
            return Optional.of(
                    "/ws/" + URLEncoder.encode(pageNameAsWritten, StandardCharsets.UTF_8));
        }

        @Override
        public Optional<String> blockUrl(String blockId) {
            return Optional.of("/ws/block#" + blockId);
        }

        @Override
        public Optional<String> assetUrl(String assetPath) {
            return Optional.of("/ws/-/" + assetPath);
        }
    }
}
