package dev.draehi.internal;

import dev.draehi.model.Block;
import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import dev.draehi.model.PageNames;
import dev.draehi.model.Reference;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which pages a new commit changes, given the graph last published: the pages whose own text
 * changed, and every page whose rendering reads them (embeds and block refs of changed content,
 * refs whose target appeared, vanished, moved or changed visibility, namespace lists, queries).
 * Rendering and storing just those pages gives the same site as a full sync.
 */
public final class IncrementalPlan {
    /** Beyond this share of pages, a full sync is as cheap and simpler. */
    private static final double FULL_SYNC_SHARE = 0.5;

    private static final Pattern PROPERTY_REF =
            Pattern.compile("\\[\\[([^\\[\\]]+)]]|#([^\\s,#\\[\\]]+)");

    /**
     * The pages to render and store again, and the pages to delete, by name; and the index of who
     * reads what in the new graph, for the next plan ({@code null} when the plan is full).
     */
    public record Plan(boolean full, Set<String> dirty, Set<String> removed, Readers readers) {}

    private IncrementalPlan() {}

    /** A plan that re-renders everything. */
    public static Plan full() {
        return new Plan(true, Set.of(), Set.of(), null);
    }

    /**
     * @param paths0 the published pages' paths in the old graph
     * @param home0 the old home page's name, or null
     * @param readers0 the old graph's index of who reads what, or null to build it anew
     */
    public static Plan compute(
            Graph g0,
            Map<String, String> paths0,
            String home0,
            Readers readers0,
            Graph g1,
            Map<String, String> paths1,
            String home1) {
        if (!g0.config().equals(g1.config())
                || !g0.assets().keySet().equals(g1.assets().keySet())) {
            return full();
        }
        Map<String, Page> p0 = published(g0);
        Map<String, Page> p1 = published(g1);
        Set<String> removed = new LinkedHashSet<>();
        for (String name : p0.keySet()) {
            if (!p1.containsKey(name)) {
                removed.add(name);
            }
        }
        // Pages whose own rows change, and pages whose URL or existence changed.
        Set<String> changed = new LinkedHashSet<>();
        Set<String> moved = new HashSet<>(removed);
        for (Map.Entry<String, Page> e : p1.entrySet()) {
            String name = e.getKey();
            Page old = p0.get(name);
            if (old == null || !Objects.equals(paths0.get(name), paths1.get(name))) {
                changed.add(name);
                moved.add(name);
            } else if (!old.equals(e.getValue())) {
                changed.add(name);
            }
        }
        if (!Objects.equals(home0, home1)) {
            for (String h : new String[] {home0, home1}) {
                if (h != null && p1.containsKey(h)) {
                    changed.add(h);
                }
            }
        }
        Set<String> dirty = new LinkedHashSet<>(changed);
        // Namespace lists and breadcrumbs name their relatives' paths.
        for (String name : moved) {
            for (String a = PageNames.namespaceParent(name);
                    a != null;
                    a = PageNames.namespaceParent(a)) {
                g1.page(a)
                        .filter(p -> p1.containsKey(p.name()))
                        .ifPresent(p -> dirty.add(p.name()));
            }
            String prefix = PageNames.identity(name) + "/";
            for (String other : p1.keySet()) {
                if (PageNames.identity(other).startsWith(prefix)) {
                    dirty.add(other);
                }
            }
        }
        Readers readers =
                readers0 == null
                        ? Readers.of(p1.values())
                        : readers0.with(changed.stream().map(p1::get).toList(), removed);
        Propagation spread = new Propagation(readers, dirty);
        // The blocks whose own rendering changed, on pages whose text changed; and those pages,
        // for the pages that embed them whole.
        for (String name : changed) {
            spread.pageChanged(name);
            Page old = p0.get(name);
            Map<String, Block> before = old == null ? Map.of() : byId(old);
            for (Map.Entry<String, Block> e : byId(p1.get(name)).entrySet()) {
                if (!e.getValue().equals(before.get(e.getKey()))) {
                    spread.blockChanged(e.getKey());
                }
            }
            for (String id : before.keySet()) {
                spread.blockChanged(id);
            }
        }
        for (String name : removed) {
            spread.pageChanged(name);
            byId(p0.get(name)).keySet().forEach(spread::blockChanged);
        }
        // Refs whose target resolves differently now, and pages that read the whole graph.
        Map<String, Boolean> resolvesAlike = new HashMap<>();
        for (Readers.Site site : readers.sites()) {
            if (site.dynamic
                    || (!site.ref.toBlock()
                            && !resolvesAlike.computeIfAbsent(
                                    site.ref.target(), t -> sameTarget(t, g0, paths0, g1, paths1)))
                    || (site.ref.toBlock() && !sameBlockHome(site.ref.target(), g0, g1))) {
                spread.siteChanged(site);
            }
        }
        for (Page page : p1.values()) {
            if (!dirty.contains(page.name())
                    && propertyRefsDiffer(page, g0, paths0, g1, paths1, resolvesAlike)) {
                dirty.add(page.name());
            }
        }
        spread.run();
        if (dirty.size() + removed.size() > FULL_SYNC_SHARE * Math.max(1, p1.size())) {
            return full();
        }
        return new Plan(false, dirty, removed, readers);
    }

    private static Map<String, Page> published(Graph g) {
        Map<String, Page> out = new HashMap<>();
        for (Page p : g.pages()) {
            if (p.published()) {
                out.put(p.name(), p);
            }
        }
        return out;
    }

    /** Queries, namespace lists and flashcards read the whole graph: always render them again. */
    private static boolean isDynamic(Block b) {
        String c = b.content();
        return c.contains("{{query")
                || c.contains("{{namespace")
                || c.contains("{{cards")
                || c.contains("{{{query")
                || c.contains("{{{namespace")
                || c.contains("#+BEGIN_QUERY");
    }

    private static boolean sameTarget(
            String name,
            Graph g0,
            Map<String, String> paths0,
            Graph g1,
            Map<String, String> paths1) {
        return signature(name, g0, paths0).equals(signature(name, g1, paths1));
    }

    private static String signature(String name, Graph g, Map<String, String> paths) {
        return g.page(name)
                .map(p -> p.name() + "\0" + p.published() + "\0" + paths.get(p.name()))
                .orElse("");
    }

    private static boolean sameBlockHome(String id, Graph g0, Graph g1) {
        String a = g0.block(id).map(l -> l.page().name() + "\0" + l.page().published()).orElse("");
        String b = g1.block(id).map(l -> l.page().name() + "\0" + l.page().published()).orElse("");
        return a.equals(b);
    }

    private static boolean propertyRefsDiffer(
            Page page,
            Graph g0,
            Map<String, String> paths0,
            Graph g1,
            Map<String, String> paths1,
            Map<String, Boolean> memo) {
        for (String value : page.properties().values()) {
            Matcher m = PROPERTY_REF.matcher(value);
            while (m.find()) {
                String target = m.group(1) != null ? m.group(1) : m.group(2);
                if (!memo.computeIfAbsent(target, t -> sameTarget(t, g0, paths0, g1, paths1))) {
                    return true;
                }
            }
            if (!value.contains("[[") && !value.contains("#")) {
                for (String item : value.split(",")) {
                    String t = item.strip();
                    if (!t.isEmpty()
                            && !memo.computeIfAbsent(
                                    t, x -> sameTarget(x, g0, paths0, g1, paths1))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The blocks of a page that have an {@code id::}, by id, lower case. */
    private static Map<String, Block> byId(Page page) {
        Map<String, Block> out = new HashMap<>();
        for (Block b : page.flatBlocks()) {
            if (b.id() != null) {
                out.put(b.id().toLowerCase(java.util.Locale.ROOT), b);
            }
        }
        return out;
    }

    /**
     * Every place a published page reads something: each ref of each block, with the ids of the
     * block and its ancestors (whose embeds show it), indexed by what it reads.
     */
    /** The index of who reads what in a graph, for {@link #compute}. */
    public static Readers readersOf(Graph g) {
        return Readers.of(published(g).values());
    }

    /**
     * Who reads what: every ref of every published page, with the block ids above it, and indexes
     * of block refs by target id and of page embeds by target page. Immutable: the next graph's
     * index is this one with the changed pages' entries swapped, so an incremental sync costs what
     * it changed, not the whole graph.
     */
    public static final class Readers {
        record Site(String page, Block.Ref ref, List<String> chain, boolean dynamic) {}

        private final Map<String, List<Site>> byPage;
        final Map<String, List<Site>> byBlockId;
        final Map<String, List<Site>> byPageIdentity;

        private Readers(
                Map<String, List<Site>> byPage,
                Map<String, List<Site>> byBlockId,
                Map<String, List<Site>> byPageIdentity) {
            this.byPage = byPage;
            this.byBlockId = byBlockId;
            this.byPageIdentity = byPageIdentity;
        }

        static Readers of(java.util.Collection<Page> pages) {
            Readers r = new Readers(new HashMap<>(), new HashMap<>(), new HashMap<>());
            for (Page page : pages) {
                r.add(page.name(), sitesOf(page));
            }
            return r;
        }

        /** This index with {@code changed} pages re-read and {@code removed} pages left out. */
        Readers with(java.util.Collection<Page> changed, java.util.Collection<String> removed) {
            Readers r =
                    new Readers(
                            new HashMap<>(byPage),
                            new HashMap<>(byBlockId),
                            new HashMap<>(byPageIdentity));
            for (Page page : changed) {
                r.remove(page.name());
            }
            for (String name : removed) {
                r.remove(name);
            }
            for (Page page : changed) {
                r.add(page.name(), sitesOf(page));
            }
            return r;
        }

        Iterable<Site> sites() {
            return () -> byPage.values().stream().flatMap(List::stream).iterator();
        }

        private void add(String page, List<Site> sites) {
            byPage.put(page, sites);
            for (Site site : sites) {
                String key = key(site);
                if (key != null) {
                    Map<String, List<Site>> index = index(site);
                    List<Site> old = index.get(key);
                    List<Site> list = new java.util.ArrayList<>(old == null ? 1 : old.size() + 1);
                    if (old != null) {
                        list.addAll(old);
                    }
                    list.add(site);
                    index.put(key, list);
                }
            }
        }

        private void remove(String page) {
            List<Site> sites = byPage.remove(page);
            if (sites == null) {
                return;
            }
            for (Site site : sites) {
                String key = key(site);
                if (key != null) {
                    Map<String, List<Site>> index = index(site);
                    List<Site> old = index.get(key);
                    if (old != null) {
                        List<Site> list = new java.util.ArrayList<>(old);
                        list.removeIf(x -> x.page().equals(page));
                        if (list.isEmpty()) {
                            index.remove(key);
                        } else {
                            index.put(key, list);
                        }
                    }
                }
            }
        }

        /** The index key of a site: a block ref's target id, an embed's target page; else none. */
        private static String key(Site site) {
            if (site.dynamic()) {
                return null;
            }
            if (site.ref().toBlock()) {
                return site.ref().target().toLowerCase(java.util.Locale.ROOT);
            }
            return site.ref().kind() == Reference.Kind.EMBED
                    ? PageNames.identity(site.ref().target())
                    : null;
        }

        private Map<String, List<Site>> index(Site site) {
            return site.ref().toBlock() ? byBlockId : byPageIdentity;
        }

        private static List<Site> sitesOf(Page page) {
            List<Site> sites = new java.util.ArrayList<>();
            record Item(Block block, List<String> chain) {}
            Deque<Item> stack = new ArrayDeque<>();
            for (Block b : page.blocks()) {
                stack.push(new Item(b, List.of()));
            }
            while (!stack.isEmpty()) {
                Item it = stack.pop();
                Block b = it.block();
                List<String> chain = it.chain();
                if (b.id() != null) {
                    chain = new java.util.ArrayList<>(chain);
                    chain.add(b.id().toLowerCase(java.util.Locale.ROOT));
                }
                if (isDynamic(b)) {
                    sites.add(new Site(page.name(), Block.Ref.page(page.name()), chain, true));
                }
                for (Block.Ref r : b.refs()) {
                    sites.add(new Site(page.name(), r, chain, false));
                }
                for (Block c : b.children()) {
                    stack.push(new Item(c, chain));
                }
            }
            return List.copyOf(sites);
        }
    }

    /**
     * Spreads changes along what reads them: a changed block changes every block that refs or
     * embeds it (and their ancestors, whose embeds show them), a changed page every block that
     * embeds it, and so on, marking the pages they are on.
     */
    private static final class Propagation {
        private final Readers readers;
        private final Set<String> dirty;
        private final Set<String> ids = new HashSet<>();
        private final Set<String> pages = new HashSet<>();
        private final Deque<Runnable> work = new ArrayDeque<>();

        Propagation(Readers readers, Set<String> dirty) {
            this.readers = readers;
            this.dirty = dirty;
        }

        void blockChanged(String id) {
            if (ids.add(id)) {
                work.add(
                        () ->
                                readers.byBlockId
                                        .getOrDefault(id, List.of())
                                        .forEach(this::siteChanged));
            }
        }

        void pageChanged(String name) {
            String identity = PageNames.identity(name);
            if (pages.add(identity)) {
                work.add(
                        () ->
                                readers.byPageIdentity
                                        .getOrDefault(identity, List.of())
                                        .forEach(this::siteChanged));
            }
        }

        /** The block at {@code site} renders differently now. */
        void siteChanged(Readers.Site site) {
            dirty.add(site.page());
            pageChanged(site.page());
            site.chain().forEach(this::blockChanged);
        }

        void run() {
            while (!work.isEmpty()) {
                work.poll().run();
            }
        }
    }

    /** The names of {@code plan}'s pages that exist in {@code pages}. */
    static List<Page> select(List<Page> pages, Set<String> names) {
        return pages.stream().filter(p -> names.contains(p.name())).toList();
    }
}
