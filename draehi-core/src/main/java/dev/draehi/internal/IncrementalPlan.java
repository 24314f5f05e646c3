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
        Split s0 = Split.of(g0);
        Split s1 = Split.of(g1);
        Map<String, Page> p0 = s0.published();
        Map<String, Page> p1 = s1.published();
        Map<String, Page> u0 = s0.unpublished();
        Map<String, Page> u1 = s1.unpublished();
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
            } else if (old != e.getValue() && !old.equals(e.getValue())) {
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
        // A page is embedded by its name or by any of its aliases, old or new.
        Propagation spread =
                new Propagation(
                        readers,
                        dirty,
                        name -> {
                            Set<String> names = new HashSet<>();
                            names.add(PageNames.identity(name));
                            for (Map<String, Page> p : List.of(p0, p1)) {
                                Page page = p.get(name);
                                if (page != null) {
                                    page.aliases().forEach(a -> names.add(PageNames.identity(a)));
                                }
                            }
                            return names;
                        });
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
        // Refs whose target may resolve differently now: only names, aliases and block ids of
        // pages that changed (published or not) can. And pages that read the whole graph.
        Set<String> targets = new HashSet<>();
        Set<String> blockIds = new HashSet<>();
        for (String name : changed) {
            note(p0.get(name), targets, blockIds);
            note(p1.get(name), targets, blockIds);
        }
        for (String name : removed) {
            note(p0.get(name), targets, blockIds);
        }
        for (Map<String, Page> u : List.of(u0, u1)) {
            for (String name : u.keySet()) {
                if (!Objects.equals(u0.get(name), u1.get(name))) {
                    note(u0.get(name), targets, blockIds);
                    note(u1.get(name), targets, blockIds);
                }
            }
        }
        readers.dynamicSites().forEach(spread::siteChanged);
        Map<String, Boolean> resolvesAlike = new HashMap<>();
        for (String identity : targets) {
            for (Readers.Site site : readers.pageRefs(identity)) {
                if (!resolvesAlike.computeIfAbsent(
                        site.ref.target(), t -> sameTarget(t, g0, paths0, g1, paths1))) {
                    spread.siteChanged(site);
                }
            }
            for (String page : readers.propertyReaders(identity)) {
                if (!dirty.contains(page)
                        && propertyRefsDiffer(
                                p1.get(page), g0, paths0, g1, paths1, resolvesAlike)) {
                    dirty.add(page);
                }
            }
        }
        for (String id : blockIds) {
            for (Readers.Site site : readers.byBlockId.getOrDefault(id, List.of())) {
                if (!sameBlockHome(site.ref.target(), g0, g1)) {
                    spread.siteChanged(site);
                }
            }
        }
        spread.run();
        if (dirty.size() + removed.size() > FULL_SYNC_SHARE * Math.max(1, p1.size())) {
            return full();
        }
        return new Plan(false, dirty, removed, readers);
    }

    /** Notes what names and block ids {@code page} answers to. */
    private static void note(Page page, Set<String> targets, Set<String> blockIds) {
        if (page == null) {
            return;
        }
        targets.add(PageNames.identity(page.name()));
        for (String alias : page.aliases()) {
            targets.add(PageNames.identity(alias));
        }
        blockIds.addAll(byId(page).keySet());
    }

    /** The pages of a graph, published and not, by name. */
    private record Split(Map<String, Page> published, Map<String, Page> unpublished) {
        /** In one pass, into a map sized for every page. */
        static Split of(Graph g) {
            Split s = new Split(new HashMap<>(g.pages().size() * 4 / 3 + 16), new HashMap<>());
            for (Page p : g.pages()) {
                (p.published() ? s.published : s.unpublished).put(p.name(), p);
            }
            return s;
        }
    }

    /** Queries, namespace lists and flashcards read the whole graph: always render them again. */
    private static boolean isDynamic(Block b) {
        String c = b.content();
        return c.contains("{{query")
                || c.contains("{{namespace")
                || c.contains("{{cards")
                || c.contains("{{{query")
                || c.contains("{{{namespace")
                || c.contains("#+BEGIN_QUERY")
                || c.contains("#+begin_query");
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
        if (page == null) {
            return false;
        }
        for (String target : propertyTargets(page)) {
            if (!memo.computeIfAbsent(target, t -> sameTarget(t, g0, paths0, g1, paths1))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The page names a page's property values may link to, as written, and its tags, whose links
     * its page node keeps.
     */
    private static Set<String> propertyTargets(Page page) {
        Set<String> out = new java.util.LinkedHashSet<>(page.tags());
        for (String value : page.properties().values()) {
            Matcher m = PROPERTY_REF.matcher(value);
            while (m.find()) {
                out.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
            if (!value.contains("[[") && !value.contains("#")) {
                for (String item : value.split(",")) {
                    String t = item.strip();
                    if (!t.isEmpty()) {
                        out.add(t);
                    }
                }
            }
        }
        return out;
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

    /** The index of who reads what in a graph, for {@link #compute}. */
    public static Readers readersOf(Graph g) {
        return Readers.of(g.publishedPages());
    }

    /**
     * Who reads what: every ref of every published page, with the block ids above it, and indexes
     * of block refs by target id and of page embeds by target page. The next graph's index is this
     * one with the changed pages' entries swapped in place, so an incremental sync costs what it
     * changed, not the whole graph.
     */
    public static final class Readers {
        record Site(String page, Block.Ref ref, List<String> chain, boolean dynamic) {}

        private final Map<String, List<Site>> byPage;
        final Map<String, List<Site>> byBlockId;
        final Map<String, List<Site>> byPageIdentity;
        // every page ref by target identity; queries and the like by page; pages by the
        // identities their properties name
        private final Map<String, List<Site>> byPageRef;
        private final Map<String, List<Site>> dynamicByPage;
        private final Map<String, Set<String>> propertyReaders;
        private final Map<String, Set<String>> propertyTargetsByPage;

        private Readers(
                Map<String, List<Site>> byPage,
                Map<String, List<Site>> byBlockId,
                Map<String, List<Site>> byPageIdentity,
                Map<String, List<Site>> byPageRef,
                Map<String, List<Site>> dynamicByPage,
                Map<String, Set<String>> propertyReaders,
                Map<String, Set<String>> propertyTargetsByPage) {
            this.byPage = byPage;
            this.byBlockId = byBlockId;
            this.byPageIdentity = byPageIdentity;
            this.byPageRef = byPageRef;
            this.dynamicByPage = dynamicByPage;
            this.propertyReaders = propertyReaders;
            this.propertyTargetsByPage = propertyTargetsByPage;
        }

        static Readers of(java.util.Collection<Page> pages) {
            Readers r =
                    new Readers(
                            new HashMap<>(),
                            new HashMap<>(),
                            new HashMap<>(),
                            new HashMap<>(),
                            new HashMap<>(),
                            new HashMap<>(),
                            new HashMap<>());
            for (Page page : pages) {
                r.add(page);
            }
            return r;
        }

        /** The sites that read the whole graph. */
        Iterable<Site> dynamicSites() {
            return () -> dynamicByPage.values().stream().flatMap(List::stream).iterator();
        }

        /** The page refs (embeds, links, tags) to the page identity {@code identity}. */
        List<Site> pageRefs(String identity) {
            return byPageRef.getOrDefault(identity, List.of());
        }

        /** The pages whose properties name {@code identity}. */
        Set<String> propertyReaders(String identity) {
            return propertyReaders.getOrDefault(identity, Set.of());
        }

        /**
         * This index, changed in place, with {@code changed} pages re-read and {@code removed}
         * pages left out: it costs what changed, not the whole graph. The caller owns the index (a
         * sync takes it out of its snapshot first).
         */
        Readers with(java.util.Collection<Page> changed, java.util.Collection<String> removed) {
            for (Page page : changed) {
                remove(page.name());
            }
            for (String name : removed) {
                remove(name);
            }
            for (Page page : changed) {
                add(page);
            }
            return this;
        }

        private void add(Page page) {
            List<Site> sites = sitesOf(page);
            byPage.put(page.name(), sites);
            List<Site> dynamic = new java.util.ArrayList<>();
            for (Site site : sites) {
                if (site.dynamic()) {
                    dynamic.add(site);
                    continue;
                }
                if (site.ref().toBlock()) {
                    append(byBlockId, site.ref().target().toLowerCase(java.util.Locale.ROOT), site);
                } else {
                    String identity = PageNames.identity(site.ref().target());
                    append(byPageRef, identity, site);
                    if (site.ref().kind() == Reference.Kind.EMBED) {
                        append(byPageIdentity, identity, site);
                    }
                }
            }
            if (!dynamic.isEmpty()) {
                dynamicByPage.put(page.name(), List.copyOf(dynamic));
            }
            Set<String> identities = new HashSet<>();
            for (String t : propertyTargets(page)) {
                identities.add(PageNames.identity(t));
            }
            if (!identities.isEmpty()) {
                propertyTargetsByPage.put(page.name(), identities);
                for (String identity : identities) {
                    propertyReaders
                            .computeIfAbsent(identity, k -> new HashSet<>())
                            .add(page.name());
                }
            }
        }

        private void remove(String page) {
            List<Site> sites = byPage.remove(page);
            if (sites == null) {
                return;
            }
            dynamicByPage.remove(page);
            for (Site site : sites) {
                if (site.dynamic()) {
                    continue;
                }
                if (site.ref().toBlock()) {
                    drop(byBlockId, site.ref().target().toLowerCase(java.util.Locale.ROOT), page);
                } else {
                    String identity = PageNames.identity(site.ref().target());
                    drop(byPageRef, identity, page);
                    if (site.ref().kind() == Reference.Kind.EMBED) {
                        drop(byPageIdentity, identity, page);
                    }
                }
            }
            Set<String> identities = propertyTargetsByPage.remove(page);
            if (identities != null) {
                for (String identity : identities) {
                    Set<String> set = propertyReaders.get(identity);
                    set.remove(page);
                    if (set.isEmpty()) {
                        propertyReaders.remove(identity);
                    } else {
                        propertyReaders.put(identity, set);
                    }
                }
            }
        }

        private static void append(Map<String, List<Site>> index, String key, Site site) {
            index.computeIfAbsent(key, k -> new java.util.ArrayList<>(1)).add(site);
        }

        private static void drop(Map<String, List<Site>> index, String key, String page) {
            List<Site> list = index.get(key);
            if (list != null) {
                list.removeIf(x -> x.page().equals(page));
                if (list.isEmpty()) {
                    index.remove(key);
                } else {
                    index.put(key, list);
                }
            }
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

        private final java.util.function.Function<String, Set<String>> identities;

        Propagation(
                Readers readers,
                Set<String> dirty,
                java.util.function.Function<String, Set<String>> identities) {
            this.readers = readers;
            this.dirty = dirty;
            this.identities = identities;
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
            for (String identity : identities.apply(name)) {
                if (pages.add(identity)) {
                    work.add(
                            () ->
                                    readers.byPageIdentity
                                            .getOrDefault(identity, List.of())
                                            .forEach(this::siteChanged));
                }
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
