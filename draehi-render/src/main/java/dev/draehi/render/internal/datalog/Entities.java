package dev.draehi.render.internal.datalog;

import dev.draehi.model.Block;
import dev.draehi.model.Page;
import dev.draehi.model.PageNames;
import dev.draehi.model.PropertyRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The numbering of a graph's entities that {@link Facts} is built on: published pages and their
 * files, each page's pre-block and blocks in document order with their page, parent and left
 * sibling, and every reference resolved to the entity it names (a bare name entity when no
 * published page answers to it).
 */
final class Entities {
    /** A growable int array that pads with -1. */
    static final class Ints {
        private int[] a = new int[1024];
        private int size;

        void set(int i, int v) {
            while (i >= a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            for (int k = size; k < i; k++) {
                a[k] = -1;
            }
            a[i] = v;
            size = Math.max(size, i + 1);
        }

        int[] toArray(int n) {
            int[] out = Arrays.copyOf(a, n);
            for (int k = size; k < n; k++) {
                out[k] = -1;
            }
            return out;
        }
    }

    final PropertyRules rules;
    final List<Object> things = new ArrayList<>();
    final Ints pageOf = new Ints();
    final Ints parentOf = new Ints();
    final Ints leftOf = new Ints();
    final Ints namespaceOf = new Ints();
    final Ints fileOf = new Ints();
    final List<int[]> refs = new ArrayList<>();
    final List<int[]> tags = new ArrayList<>();
    final List<int[]> aliases = new ArrayList<>();
    final Map<String, Integer> byName = new HashMap<>();
    final Map<String, Integer> byBlockId = new HashMap<>();
    final Map<Object, Integer> eidOf;
    final Map<String, Integer> files = new HashMap<>();
    // a name as written, resolved: most references repeat a few names
    final Map<String, Integer> resolved = new HashMap<>();

    private Entities(PropertyRules rules, int blocks) {
        this.rules = rules;
        this.eidOf = new IdentityHashMap<>(blocks * 2);
    }

    private int add(Object thing) {
        things.add(thing);
        refs.add(null);
        tags.add(null);
        aliases.add(null);
        return things.size() - 1;
    }

    /** Numbers the pages of {@code pages}, their blocks and pre-blocks, files and names. */
    static Entities number(List<Page> pages, PropertyRules rules, int blocks) {
        Entities e = new Entities(rules, blocks);
        e.build(pages);
        return e;
    }

    private void build(List<Page> pages) {
        int[] pageEids = new int[pages.size()];
        for (int i = 0; i < pages.size(); i++) {
            Page p = pages.get(i);
            int e = add(p);
            pageEids[i] = e;
            eidOf.put(p, e);
            byName.putIfAbsent(p.identity(), e);
            if (p.file() != null) {
                fileOf.set(e, files.computeIfAbsent(p.file(), f -> add(new Facts.FileEntity(f))));
            }
        }
        for (int i = 0; i < pages.size(); i++) {
            Page p = pages.get(i);
            List<Integer> as = new ArrayList<>();
            for (String alias : p.aliases()) {
                String id = PageNames.identity(alias);
                Integer a = byName.get(id);
                if (a == null) {
                    a = add(new Facts.Stub(PageNames.normalize(alias), pageEids[i]));
                    byName.put(id, a);
                }
                if (a != pageEids[i]) {
                    as.add(a);
                }
            }
            aliases.set(pageEids[i], ints(as));
        }
        List<int[]> blockRanges = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            blockRanges.add(blocks(pages.get(i), pageEids[i]));
        }
        for (int i = 0; i < pages.size(); i++) {
            Page p = pages.get(i);
            int e = pageEids[i];
            List<Integer> ts = new ArrayList<>();
            for (String t : p.tags()) {
                ts.add(resolve(t));
            }
            tags.set(e, ints(ts));
            String parent = PageNames.namespaceParent(p.name());
            if (parent != null) {
                namespaceOf.set(e, resolve(parent));
            }
            int[] range = blockRanges.get(i);
            for (int b = range[0]; b < range[1]; b++) {
                refs.set(b, blockRefs(things.get(b)));
            }
        }
    }

    /** Numbers the pre-block and blocks of {@code p}; returns their range of entity ids. */
    private int[] blocks(Page p, int pageEid) {
        int first = things.size();
        int left = pageEid;
        if (!p.properties().isEmpty()) {
            int pre = add(new Facts.PreBlock(p));
            pageOf.set(pre, pageEid);
            parentOf.set(pre, pageEid);
            leftOf.set(pre, pageEid);
            fileOf.set(pre, fileEid(pageEid));
            left = pre;
        }
        number(p.blocks(), pageEid, left);
        return new int[] {first, things.size()};
    }

    private int fileEid(int pageEid) {
        Page p = (Page) things.get(pageEid);
        return p.file() == null ? -1 : files.get(p.file());
    }

    /**
     * Numbers blocks in pre-order, without recursion (a deep outline cannot overflow the stack). A
     * block's {@code :block/left} is its previous sibling, or its parent for the first child; the
     * first top-level block's is {@code firstLeft}.
     */
    private void number(List<Block> roots, int pageEid, int firstLeft) {
        record Pending(Block block, int parent) {}
        java.util.ArrayDeque<Pending> stack = new java.util.ArrayDeque<>();
        for (int i = roots.size() - 1; i >= 0; i--) {
            stack.push(new Pending(roots.get(i), pageEid));
        }
        int file = fileEid(pageEid);
        Map<Integer, Integer> lastChild = new HashMap<>();
        lastChild.put(pageEid, firstLeft);
        while (!stack.isEmpty()) {
            Pending pd = stack.pop();
            int e = add(pd.block());
            eidOf.put(pd.block(), e);
            pageOf.set(e, pageEid);
            parentOf.set(e, pd.parent());
            fileOf.set(e, file);
            Integer prev = lastChild.put(pd.parent(), e);
            leftOf.set(e, prev == null ? pd.parent() : prev);
            if (pd.block().id() != null) {
                byBlockId.putIfAbsent(pd.block().id().toLowerCase(Locale.ROOT), e);
            }
            List<Block> children = pd.block().children();
            for (int i = children.size() - 1; i >= 0; i--) {
                stack.push(new Pending(children.get(i), e));
            }
        }
    }

    private int[] blockRefs(Object thing) {
        LinkedHashSet<Integer> out = new LinkedHashSet<>();
        Map<String, String> props;
        if (thing instanceof Facts.PreBlock pre) {
            props = pre.page().properties();
            for (Map.Entry<String, String> e : props.entrySet()) {
                Object v = PropertyValues.value(e.getKey(), e.getValue(), rules);
                if (v instanceof Set<?> names) {
                    for (Object name : names) {
                        out.add(resolve((String) name));
                    }
                }
            }
        } else {
            Block b = (Block) thing;
            props = b.properties();
            for (Block.Ref r : b.refs()) {
                if (r.toBlock()) {
                    Integer target = byBlockId.get(r.target().toLowerCase(Locale.ROOT));
                    if (target != null) {
                        out.add(target);
                    }
                } else if (!r.target().isBlank()) {
                    out.add(resolve(r.target()));
                }
            }
        }
        // a key's page is a ref of who has the property (the graph reader puts it in a block's
        // refs)
        for (Map.Entry<String, String> e : props.entrySet()) {
            String key = e.getKey();
            String page = rules.keyPage(key);
            if (page != null && e.getValue() != null && !e.getValue().isBlank()) {
                out.add(resolve(page));
            }
        }
        int[] a = new int[out.size()];
        int i = 0;
        for (int r : out) {
            a[i++] = r;
        }
        return a;
    }

    /** The page a name answers to; a bare name entity when no published page does. */
    private int resolve(String name) {
        Integer known = resolved.get(name);
        if (known != null) {
            return known;
        }
        String id = PageNames.identity(name);
        Integer e = byName.get(id);
        if (e == null) {
            e = add(new Facts.Stub(PageNames.normalize(name), -1));
            byName.put(id, e);
        }
        resolved.put(name, e);
        return e;
    }

    private static int[] ints(List<Integer> list) {
        int[] a = new int[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }
}
