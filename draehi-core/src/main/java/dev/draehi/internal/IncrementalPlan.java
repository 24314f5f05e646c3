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
     */
    public static Plan compute(
            Graph g0,
            Map<String, String> paths0,
            String home0,
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
        // Refs whose target resolves differently now.
        Map<String, Boolean> resolvesAlike = new HashMap<>();
        for (Page page : p1.values()) {
            if (dirty.contains(page.name())) {
                continue;
            }
            if (isDynamic(page)
                    || propertyRefsDiffer(page, g0, paths0, g1, paths1, resolvesAlike)) {
                dirty.add(page.name());
                continue;
            }
            outer:
            for (Block b : page.flatBlocks()) {
                for (Block.Ref r : b.refs()) {
                    if (!r.toBlock()
                            && !resolvesAlike.computeIfAbsent(
                                    r.target(), t -> sameTarget(t, g0, paths0, g1, paths1))) {
                        dirty.add(page.name());
                        break outer;
                    }
                    if (r.toBlock() && !sameBlockHome(r.target(), g0, g1)) {
                        dirty.add(page.name());
                        break outer;
                    }
                }
            }
        }
        // Embeds and block refs show their target's content: spread changes to the pages that
        // show them, and on to the pages that show those.
        Map<String, Set<String>> readers = contentReaders(g1, p1);
        Deque<String> queue = new ArrayDeque<>(changed);
        queue.addAll(removed);
        Set<String> seen = new HashSet<>(queue);
        while (!queue.isEmpty()) {
            String name = queue.poll();
            for (String reader : readers.getOrDefault(PageNames.identity(name), Set.of())) {
                dirty.add(reader);
                if (seen.add(reader)) {
                    queue.add(reader);
                }
            }
        }
        if (dirty.size() + removed.size() > FULL_SYNC_SHARE * Math.max(1, p1.size())) {
            return full();
        }
        return new Plan(false, dirty, removed);
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
    private static boolean isDynamic(Page page) {
        for (Block b : page.flatBlocks()) {
            String c = b.content();
            if (c.contains("{{query")
                    || c.contains("{{namespace")
                    || c.contains("{{cards")
                    || c.contains("{{{query")
                    || c.contains("{{{namespace")) {
                return true;
            }
        }
        return false;
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

    /** Page identity → the published pages that show its content (embeds, block refs). */
    private static Map<String, Set<String>> contentReaders(Graph g1, Map<String, Page> p1) {
        Map<String, Set<String>> out = new HashMap<>();
        for (Page page : p1.values()) {
            for (Block b : page.flatBlocks()) {
                for (Block.Ref r : b.refs()) {
                    String target = null;
                    if (r.toBlock()) {
                        target = g1.block(r.target()).map(l -> l.page().identity()).orElse(null);
                    } else if (r.kind() == Reference.Kind.EMBED) {
                        target =
                                g1.page(r.target())
                                        .map(Page::identity)
                                        .orElse(PageNames.identity(r.target()));
                    }
                    if (target != null) {
                        out.computeIfAbsent(target, k -> new HashSet<>()).add(page.name());
                    }
                }
            }
        }
        return out;
    }

    /** The names of {@code plan}'s pages that exist in {@code pages}. */
    static List<Page> select(List<Page> pages, Set<String> names) {
        return pages.stream().filter(p -> names.contains(p.name())).toList();
    }
}
