package dev.draehi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Block;
import dev.draehi.model.Deployment;
import dev.draehi.model.Graph;
import dev.draehi.model.GraphConfig;
import dev.draehi.model.Node;
import dev.draehi.model.Page;
import dev.draehi.model.PageRoute;
import dev.draehi.model.Workspace;
import dev.draehi.spi.LinkResolver;
import dev.draehi.spi.PageRenderer;
import dev.draehi.spi.RenderedPage;
import dev.draehi.store.memory.InMemoryStorage;
import dev.draehi.testing.FakeGraphSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * An incremental sync stores exactly what a full sync of the same commit stores: checked after each
 * of a sequence of random edits (text, refs, block refs, embeds, namespaces, privacy, new and
 * deleted pages), against a fresh publisher that syncs everything.
 */
class IncrementalSyncTest {
    static final int PAGES = 40;

    /**
     * A renderer whose output reads every dependency a real one does, through its context, as a
     * real one does: the URL of each page ref, the URL and text of each block ref, the blocks of
     * each embedded page.
     */
    static final PageRenderer DEPENDENT_RENDERER =
            (page, ctx) -> {
                List<String> html = new ArrayList<>();
                LinkResolver links = ctx.links();
                for (Block b : page.flatBlocks()) {
                    StringBuilder sb = new StringBuilder("<p>").append(b.content());
                    for (Block.Ref r : b.refs()) {
                        sb.append(" |").append(r.kind()).append(':');
                        if (r.toBlock()) {
                            sb.append(links.blockUrl(r.target()).orElse("private"));
                            ctx.block(r.target())
                                    .filter(l -> l.page().published())
                                    .ifPresent(
                                            l -> {
                                                sb.append('=').append(l.block().content());
                                                if (r.kind()
                                                        == dev.draehi.model.Reference.Kind.EMBED) {
                                                    appendSubtree(sb, l.block(), ctx);
                                                }
                                            });
                        } else {
                            sb.append(links.pageUrl(r.target()).orElse("none"));
                            if (r.kind() == dev.draehi.model.Reference.Kind.EMBED) {
                                ctx.page(r.target())
                                        .filter(Page::published)
                                        .ifPresent(
                                                p ->
                                                        p.flatBlocks()
                                                                .forEach(
                                                                        e ->
                                                                                sb.append('[')
                                                                                        .append(
                                                                                                e
                                                                                                        .content())
                                                                                        .append(
                                                                                                ']')));
                            }
                        }
                    }
                    html.add(sb.append("</p>").toString());
                }
                // page properties show their links, as the real renderer's do
                StringBuilder props = new StringBuilder();
                for (Map.Entry<String, String> e : page.properties().entrySet()) {
                    String t = e.getValue().replace("[[", "").replace("]]", "");
                    props.append(e.getKey())
                            .append('=')
                            .append(links.pageUrl(t).orElse("none"))
                            .append(';');
                }
                return new RenderedPage(html, List.of(), props.toString());
            };

    /** An embedded subtree as a real renderer shows it: each block with its refs resolved. */
    static void appendSubtree(StringBuilder sb, Block b, dev.draehi.spi.RenderContext ctx) {
        for (Block c : b.children()) {
            sb.append('{').append(c.content());
            for (Block.Ref r : c.refs()) {
                if (r.toBlock()) {
                    ctx.block(r.target())
                            .filter(l -> l.page().published())
                            .ifPresent(l -> sb.append('=').append(l.block().content()));
                } else {
                    sb.append('>').append(ctx.links().pageUrl(r.target()).orElse("none"));
                }
            }
            appendSubtree(sb, c, ctx);
            sb.append('}');
        }
    }

    @Test
    void incrementalSyncsEqualFullSyncsAfterRandomEdits() {
        for (long seed = 1; seed <= Long.getLong("draehi.seeds", 10); seed++) {
            checkSequence(seed);
        }
    }

    private void checkSequence(long seed) {
        Random rnd = new Random(seed);
        World world = new World(rnd);
        // on odd seeds a page that did not change is the same object in the next graph, as the
        // reader hands it over: the plan then looks only at the pages that are not
        world.shareUnchanged = seed % 2 == 1;
        InMemoryStorage incremental = new InMemoryStorage();
        FakeGraphSource source = new FakeGraphSource(world.graph(0));
        Publisher publisher =
                Publisher.builder()
                        .storage(incremental)
                        .source(source)
                        .renderer(DEPENDENT_RENDERER)
                        .build();
        Workspace ws = workspace(incremental);
        assertThat(publisher.sync(ws.id()).succeeded()).isTrue();

        int incrementalRuns = 0;
        for (int step = 1; step <= 25; step++) {
            world.edit();
            Graph g = world.graph(step);
            source.set(g);
            Deployment d = publisher.sync(ws.id());
            assertThat(d.succeeded()).as(d.errorLog()).isTrue();
            if (d.buildLog().stream().anyMatch(l -> l.contains("incremental:"))) {
                incrementalRuns++;
            }

            InMemoryStorage full = new InMemoryStorage();
            Workspace fws = workspace(full);
            Publisher fresh =
                    Publisher.builder()
                            .storage(full)
                            .source(new FakeGraphSource(g))
                            .renderer(DEPENDENT_RENDERER)
                            .build();
            assertThat(fresh.sync(fws.id()).succeeded()).isTrue();
            Map<String, String> a = dump(incremental, ws);
            Map<String, String> b = dump(full, fws);
            List<String> diff = new ArrayList<>();
            for (String k : new java.util.TreeSet<>(union(a.keySet(), b.keySet()))) {
                if (!java.util.Objects.equals(a.get(k), b.get(k))) {
                    diff.add(k + "\n  incremental: " + a.get(k) + "\n  full:        " + b.get(k));
                }
            }
            assertThat(diff).as("seed %d step %d", seed, step).isEmpty();
        }
        assertThat(incrementalRuns)
                .as("seed %d: most syncs were incremental", seed)
                .isGreaterThan(12);
    }

    static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.Set<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        return u;
    }

    static Workspace workspace(InMemoryStorage s) {
        Workspace w = s.workspaces().create(s.users().create("ada", "h").id(), "Ada");
        s.repositories().create(w.id(), "file:///graph", "main", null);
        return w;
    }

    /** Every stored row that a reader can see, without timestamps. */
    static Map<String, String> dump(InMemoryStorage s, Workspace ws) {
        Map<String, String> out = new TreeMap<>();
        for (PageRoute r : s.nodes().routes(ws.id())) {
            out.put(
                    "route " + r.path(),
                    s.nodes().findByUuid(r.pageUuid()).map(Node::pageName).orElse("?"));
        }
        for (Node p : s.nodes().pages(ws.id())) {
            out.put(
                    "page " + p.pageName(),
                    row(p) + " backlinks=" + names(s.nodes().backlinks(ws.id(), p.uuid())));
            for (Node b : s.nodes().blocksOfPage(ws.id(), p.pageName())) {
                out.put(
                        "block " + p.pageName() + " " + b.order(),
                        row(b) + " backlinks=" + names(s.nodes().backlinks(ws.id(), b.uuid())));
            }
        }
        return out;
    }

    static String row(Node n) {
        return n.uuid()
                + " "
                + n.parentUuid()
                + " "
                + n.order()
                + " "
                + n.slug()
                + " "
                + n.title()
                + " "
                + n.html()
                + " "
                + n.metadata();
    }

    static List<String> names(List<Node> nodes) {
        return nodes.stream().map(Node::uuid).toList();
    }

    /** A random graph that edits itself. */
    static final class World {
        boolean shareUnchanged;
        private Graph last;

        final Random rnd;
        final List<String> names = new ArrayList<>();
        final Map<String, List<String[]>> blocks =
                new TreeMap<>(); // page → [content, id, refKind, target]
        final Map<String, Boolean> published = new TreeMap<>();
        final Map<String, String> aliases = new TreeMap<>();
        final Map<String, String> links =
                new TreeMap<>(); // page → target of its related:: property
        final Map<String, List<String>> tags = new TreeMap<>(); // page → its tags::
        int counter;

        World(Random rnd) {
            this.rnd = rnd;
            for (int i = 0; i < PAGES; i++) {
                addPage();
            }
        }

        String newName() {
            counter++;
            return switch (rnd.nextInt(4)) {
                case 0 -> "NS/Sub " + counter;
                case 1 -> "NS/Sub " + (counter / 2) + "/Leaf " + counter;
                default -> "Page " + counter;
            };
        }

        void addPage() {
            String name = newName();
            names.add(name);
            published.put(name, rnd.nextInt(8) != 0);
            List<String[]> bs = new ArrayList<>();
            int n = 1 + rnd.nextInt(4);
            for (int i = 0; i < n; i++) {
                bs.add(randomBlock());
            }
            blocks.put(name, bs);
            if (rnd.nextInt(3) == 0) {
                tags.put(name, randomTags());
            }
        }

        /** Two tags, as Logseq allows them mixed: one written bracketed, one bare. */
        List<String> randomTags() {
            return List.of(pick(), rnd.nextBoolean() ? pick() : "Tag Missing");
        }

        String[] randomBlock() {
            String id = rnd.nextInt(2) == 0 ? uuid() : null;
            String kind =
                    switch (rnd.nextInt(6)) {
                        case 0 -> "PAGE";
                        case 1 -> "BLOCK";
                        case 2 -> "EMBED";
                        case 3 -> "BEMBED";
                        default -> "NONE";
                    };
            String target =
                    switch (kind) {
                        case "PAGE", "EMBED" ->
                                rnd.nextInt(6) == 0
                                        ? "Missing " + rnd.nextInt(3)
                                        : pick().toLowerCase();
                        case "BLOCK", "BEMBED" -> anyBlockId();
                        default -> null;
                    };
            return new String[] {"text " + rnd.nextInt(1000), id, kind, target};
        }

        String uuid() {
            byte[] b = new byte[16];
            rnd.nextBytes(b);
            String h = HexFormat.of().formatHex(b);
            return h.substring(0, 8)
                    + "-"
                    + h.substring(8, 12)
                    + "-"
                    + h.substring(12, 16)
                    + "-"
                    + h.substring(16, 20)
                    + "-"
                    + h.substring(20);
        }

        String pick() {
            return names.isEmpty() ? "Nothing" : names.get(rnd.nextInt(names.size()));
        }

        String anyBlockId() {
            for (int tries = 0; tries < 10; tries++) {
                List<String[]> bs = blocks.get(pick());
                if (bs != null) {
                    for (String[] b : bs) {
                        if (b[1] != null) {
                            return b[1];
                        }
                    }
                }
            }
            return uuid();
        }

        void edit() {
            int what = rnd.nextInt(8);
            String name = pick();
            List<String[]> bs = blocks.get(name);
            switch (what) {
                case 0 -> addPage();
                case 1 -> {
                    if (names.size() > 5) {
                        names.remove(name);
                        blocks.remove(name);
                        published.remove(name);
                        aliases.remove(name);
                        links.remove(name);
                        tags.remove(name);
                    }
                }
                case 2 -> {
                    switch (rnd.nextInt(4)) {
                        case 0 -> published.put(name, !published.get(name));
                        case 3 -> {
                            if (tags.remove(name) == null) {
                                tags.put(name, randomTags());
                            }
                        }
                        // an alias: new, gone, or the name of a missing page that refs name
                        case 1 -> {
                            if (aliases.remove(name) == null) {
                                aliases.put(
                                        name,
                                        rnd.nextBoolean()
                                                ? "Missing " + rnd.nextInt(3)
                                                : "Alias " + rnd.nextInt(5));
                            }
                        }
                        default -> {
                            if (links.remove(name) == null) {
                                links.put(
                                        name,
                                        rnd.nextBoolean() ? pick() : "Alias " + rnd.nextInt(5));
                            }
                        }
                    }
                }
                case 3 -> bs.add(randomBlock());
                case 4 -> {
                    if (bs.size() > 1) {
                        bs.remove(rnd.nextInt(bs.size()));
                    }
                }
                default -> {
                    int i = rnd.nextInt(bs.size());
                    String[] b = bs.get(i);
                    bs.set(i, new String[] {"text " + rnd.nextInt(1000), b[1], b[2], b[3]});
                }
            }
        }

        Map<String, String> properties(String name) {
            Map<String, String> props = new TreeMap<>();
            if (links.containsKey(name)) {
                props.put("related", "[[" + links.get(name) + "]]");
            }
            List<String> t = tags.get(name);
            if (t != null) {
                props.put("tags", "[[" + t.get(0) + "]], " + t.get(1));
            }
            return props;
        }

        static Block block(String[] b, List<Block> children) {
            List<Block.Ref> refs =
                    switch (b[2]) {
                        case "PAGE" -> List.of(Block.Ref.page(b[3]));
                        case "BLOCK" -> List.of(Block.Ref.block(b[3]));
                        case "EMBED" -> List.of(Block.Ref.embed(b[3], false));
                        case "BEMBED" -> List.of(Block.Ref.embed(b[3], true));
                        default -> List.of();
                    };
            return Block.of(b[0]).withId(b[1]).withRefs(refs).withChildren(children).withLine(1);
        }

        Graph graph(int step) {
            List<Page> pages = new ArrayList<>();
            List<String> seen = new ArrayList<>();
            for (String name : names) {
                // Every second block is the child of the one before it, so that embeds of a block
                // show a subtree.
                List<String[]> raw = blocks.get(name);
                List<Block> bs = new ArrayList<>();
                for (int i = 0; i < raw.size(); i += 2) {
                    List<Block> kids =
                            i + 1 < raw.size()
                                    ? List.of(block(raw.get(i + 1), List.of()))
                                    : List.of();
                    bs.add(block(raw.get(i), kids));
                }
                pages.add(
                        new Page(
                                name,
                                "pages/" + name + ".md",
                                null,
                                null,
                                published.get(name),
                                properties(name),
                                tags.getOrDefault(name, List.of()),
                                aliases.containsKey(name) ? List.of(aliases.get(name)) : List.of(),
                                bs));
                seen.add(name.toLowerCase());
            }
            for (String name : names) {
                if (aliases.containsKey(name)) {
                    seen.add(aliases.get(name).toLowerCase());
                }
            }
            // Generated pages, as the reader makes them: namespace parents and missing ref targets.
            List<String> generated = new ArrayList<>();
            for (String name : names) {
                for (String a = dev.draehi.model.PageNames.namespaceParent(name);
                        a != null;
                        a = dev.draehi.model.PageNames.namespaceParent(a)) {
                    if (!seen.contains(a.toLowerCase()) && !generated.contains(a)) {
                        generated.add(a);
                        seen.add(a.toLowerCase());
                    }
                }
                for (String[] b : blocks.get(name)) {
                    if ((b[2].equals("PAGE") || b[2].equals("EMBED"))
                            && !seen.contains(b[3].toLowerCase())
                            && published.get(name)) {
                        generated.add(b[3]);
                        seen.add(b[3].toLowerCase());
                    }
                }
            }
            for (String g : generated) {
                pages.add(Page.generated(g));
            }
            if (shareUnchanged && last != null) {
                Map<String, Page> before = new java.util.HashMap<>();
                for (Page p : last.pages()) {
                    before.put(p.name(), p);
                }
                pages.replaceAll(p -> p.equals(before.get(p.name())) ? before.get(p.name()) : p);
            }
            String sha = String.format("%040x", step + 1);
            last = new Graph(sha, GraphConfig.DEFAULTS, pages, Map.of(), List.of());
            return last;
        }
    }
}
