package dev.draehi.internal;

import dev.draehi.model.Block;
import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import dev.draehi.model.PageNames;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which pages a new commit changes, given the graph last published and what each stored page read
 * when it was rendered and built ({@link ReadIndex}): the pages whose own text, path or home status
 * changed, and every page that read a page, block or namespace that changed. Rendering and storing
 * just those pages gives the same site as a full sync, whatever the renderer reads, as long as it
 * records its reads.
 */
public final class IncrementalPlan {
    /** Beyond this share of pages, a full sync is as cheap and simpler. */
    private static final double FULL_SYNC_SHARE = 0.5;

    /** The pages to render and store again, and the pages to delete, by name. */
    public record Plan(boolean full, Set<String> dirty, Set<String> removed) {}

    private IncrementalPlan() {}

    /** A plan that re-renders everything. */
    public static Plan full() {
        return new Plan(true, Set.of(), Set.of());
    }

    /**
     * @param paths0 the published pages' paths in the old graph
     * @param home0 the old home page's name, or null
     * @param reads what each page stored from the old graph read
     * @param changes the pages of {@code g0} that {@code g1} swapped for pages of the same names
     *     ({@code paths1} is then {@code paths0}), or null when not known
     */
    static Plan compute(
            Graph g0,
            Map<String, String> paths0,
            String home0,
            ReadIndex reads,
            Graph g1,
            Map<String, String> paths1,
            String home1,
            PageChanges changes) {
        if (!g0.config().equals(g1.config())
                || !g0.assets().keySet().equals(g1.assets().keySet())) {
            return full();
        }
        if (changes != null && paths0 == paths1) {
            return swapped(g0, paths0, home0, reads, g1, home1, changes);
        }
        Split s0 = Split.of(g0);
        Split s1 = Split.of(g1);
        Map<String, Page> p1 = s1.published();
        Set<String> removed = new LinkedHashSet<>();
        for (String name : s0.published().keySet()) {
            if (!p1.containsKey(name)) {
                removed.add(name);
            }
        }
        // Every page, published or not, whose text or path differs; the published ones are
        // stored again whatever read them.
        Set<String> touched = new LinkedHashSet<>(removed);
        Set<String> dirty = new LinkedHashSet<>();
        for (Map.Entry<String, Page> e : p1.entrySet()) {
            String name = e.getKey();
            Page old = s0.published().get(name);
            if (old == null
                    || !Objects.equals(paths0.get(name), paths1.get(name))
                    || (old != e.getValue() && !old.equals(e.getValue()))) {
                touched.add(name);
                dirty.add(name);
            }
        }
        for (Map<String, Page> u : List.of(s0.unpublished(), s1.unpublished())) {
            for (String name : u.keySet()) {
                if (!Objects.equals(s0.unpublished().get(name), s1.unpublished().get(name))) {
                    touched.add(name);
                }
            }
        }
        if (!Objects.equals(home0, home1)) {
            for (String h : new String[] {home0, home1}) {
                if (h != null && p1.containsKey(h)) {
                    dirty.add(h);
                }
            }
        }
        if (!touched.isEmpty()) {
            new Inversion(g0, paths0, s0, reads, g1, paths1, s1).readersOf(touched, dirty);
        }
        dirty.removeIf(name -> !p1.containsKey(name));
        if (dirty.size() + removed.size() > FULL_SYNC_SHARE * Math.max(1, p1.size())) {
            return full();
        }
        return new Plan(false, dirty, removed);
    }

    /**
     * The plan when {@code g1} is {@code g0} with the pages at {@code changes} swapped for pages of
     * the same names, publication and kind: no page is removed, the paths are the same, and only
     * the swapped pages are looked at, not every page of the graph.
     */
    private static Plan swapped(
            Graph g0,
            Map<String, String> paths,
            String home0,
            ReadIndex reads,
            Graph g1,
            String home1,
            PageChanges changes) {
        Split s0 = new Split(new HashMap<>(), new HashMap<>());
        Split s1 = new Split(new HashMap<>(), new HashMap<>());
        Set<String> touched = new LinkedHashSet<>();
        Set<String> dirty = new LinkedHashSet<>();
        for (int k = 0; k < changes.size(); k++) {
            Page was = changes.was(k);
            Page is = changes.is(k);
            s0.add(was);
            s1.add(is);
            if (!was.equals(is)) {
                touched.add(is.name());
                if (is.published()) {
                    dirty.add(is.name());
                }
            }
        }
        if (!Objects.equals(home0, home1)) {
            for (String h : new String[] {home0, home1}) {
                if (h != null) {
                    dirty.add(h);
                }
            }
        }
        if (!touched.isEmpty()) {
            new Inversion(g0, paths, s0, reads, g1, paths, s1).readersOf(touched, dirty);
        }
        dirty.removeIf(name -> published(g1, name) == null);
        if (dirty.size() > FULL_SYNC_SHARE * Math.max(1, paths.size())) {
            return full();
        }
        return new Plan(false, dirty, Set.of());
    }

    /** The published page of {@code g} named {@code name} (exactly, not by an alias), or null. */
    private static Page published(Graph g, String name) {
        Page p = g.page(name).orElse(null);
        return p != null && p.published() && p.name().equals(name) ? p : null;
    }

    /**
     * The pages that read something {@code touched} pages changed: the keys those pages answer to
     * (names, aliases, block ids, namespaces above them), looked up in the index, each checked for
     * a real difference between the graphs before its readers are marked.
     */
    private record Inversion(
            Graph g0,
            Map<String, String> paths0,
            Split s0,
            ReadIndex reads,
            Graph g1,
            Map<String, String> paths1,
            Split s1) {

        void readersOf(Set<String> touched, Set<String> dirty) {
            dirty.addAll(reads.everythingReaders());
            Set<String> identities = new HashSet<>();
            Set<String> ids = new HashSet<>();
            Set<String> namespaces = new HashSet<>();
            for (String name : touched) {
                Page before = s0.page(name);
                Page after = s1.page(name);
                for (Page p : new Page[] {before, after}) {
                    if (p != null) {
                        identities.add(p.identity());
                        p.aliases().forEach(a -> identities.add(PageNames.identity(a)));
                        for (Block b : p.flatBlocks()) {
                            if (b.id() != null) {
                                ids.add(b.id().toLowerCase(Locale.ROOT));
                            }
                        }
                    }
                }
                // A namespace list shows its pages' names and links, not their text.
                if (!linkOf(before, paths0).equals(linkOf(after, paths1))) {
                    String identity = PageNames.identity(name);
                    for (int i = identity.indexOf('/'); i > 0; i = identity.indexOf('/', i + 1)) {
                        namespaces.add(identity.substring(0, i));
                    }
                }
            }
            for (String identity : identities) {
                Collection<String> whole = reads.pageReaders(identity);
                Collection<String> linked = reads.pageLinkers(identity);
                if (whole.isEmpty() && linked.isEmpty()) {
                    continue;
                }
                Page before = g0.page(identity).orElse(null);
                Page after = g1.page(identity).orElse(null);
                if (!linkOf(before, paths0).equals(linkOf(after, paths1))) {
                    dirty.addAll(whole);
                    dirty.addAll(linked);
                } else if (before != after && !Objects.equals(before, after)) {
                    dirty.addAll(whole);
                }
            }
            for (String id : ids) {
                Collection<String> whole = reads.blockReaders(id);
                Collection<String> linked = reads.blockLinkers(id);
                if (whole.isEmpty() && linked.isEmpty()) {
                    continue;
                }
                Graph.BlockLocation before = g0.block(id).orElse(null);
                Graph.BlockLocation after = g1.block(id).orElse(null);
                String where0 =
                        before == null
                                ? ""
                                : before.block().id() + "\0" + linkOf(before.page(), paths0);
                String where1 =
                        after == null
                                ? ""
                                : after.block().id() + "\0" + linkOf(after.page(), paths1);
                if (!where0.equals(where1)) {
                    dirty.addAll(whole);
                    dirty.addAll(linked);
                } else if (before != null
                        && before.block() != after.block()
                        && !before.block().equals(after.block())) {
                    dirty.addAll(whole);
                }
            }
            for (String ns : namespaces) {
                dirty.addAll(reads.namespaceReaders(ns));
            }
        }
    }

    /**
     * What a link to {@code page} shows: its name, whether it is published, its path; and whether
     * it is a journal, which namespace lists leave out.
     */
    private static String linkOf(Page page, Map<String, String> paths) {
        return page == null
                ? ""
                : page.name()
                        + "\0"
                        + page.published()
                        + "\0"
                        + paths.get(page.name())
                        + "\0"
                        + page.isJournal();
    }

    /** The pages of a graph, published and not, by name. */
    private record Split(Map<String, Page> published, Map<String, Page> unpublished) {
        /** In one pass, into a map sized for every page. */
        static Split of(Graph g) {
            Split s = new Split(new HashMap<>(g.pages().size() * 4 / 3 + 16), new HashMap<>());
            for (Page p : g.pages()) {
                s.add(p);
            }
            return s;
        }

        void add(Page p) {
            (p.published() ? published : unpublished).put(p.name(), p);
        }

        Page page(String name) {
            Page p = published.get(name);
            return p != null ? p : unpublished.get(name);
        }
    }

    /** The published pages of {@code g} named in {@code names}, looked up by name. */
    static List<Page> select(Graph g, Set<String> names) {
        List<Page> out = new java.util.ArrayList<>(names.size());
        for (String name : names) {
            Page p = published(g, name);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }
}
