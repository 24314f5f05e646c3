package dev.draehi.render.internal.datalog;

import dev.draehi.edn.EdnReader.Keyword;
import dev.draehi.model.Block;
import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import dev.draehi.model.PageNames;
import dev.draehi.model.PropertyRules;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The published part of a graph as Datalog facts in Logseq's file-graph schema: pages (with {@code
 * :block/name}, {@code :block/properties}, {@code :block/tags} …), blocks (with {@code
 * :block/page}, {@code :block/parent}, {@code :block/refs}, {@code :block/path-refs} …), the
 * pre-block that holds a page's properties, and files. Blocks of unpublished pages are not here; a
 * reference to a name no published page answers to is a bare page entity with only that name.
 *
 * <p>The entities and their references are numbered once per graph; each attribute's facts and its
 * value index are computed the first time a query asks for them. Thread-safe.
 */
final class Facts {
    static final Keyword NAME = block("name");
    static final Keyword ORIGINAL_NAME = block("original-name");
    static final Keyword JOURNAL = block("journal?");
    static final Keyword JOURNAL_DAY = block("journal-day");
    static final Keyword PROPERTIES = block("properties");
    static final Keyword TAGS = block("tags");
    static final Keyword ALIAS = block("alias");
    static final Keyword NAMESPACE = block("namespace");
    static final Keyword FILE = block("file");
    static final Keyword FORMAT = block("format");
    static final Keyword UUID_ATTR = block("uuid");
    static final Keyword CONTENT = block("content");
    static final Keyword PAGE = block("page");
    static final Keyword PARENT = block("parent");
    static final Keyword LEFT = block("left");
    static final Keyword MARKER = block("marker");
    static final Keyword PRIORITY = block("priority");
    static final Keyword REFS = block("refs");
    static final Keyword PATH_REFS = block("path-refs");
    static final Keyword SCHEDULED = block("scheduled");
    static final Keyword DEADLINE = block("deadline");
    static final Keyword COLLAPSED = block("collapsed?");
    static final Keyword PRE_BLOCK = block("pre-block?");
    static final Keyword FILE_PATH = new Keyword("file", "path");

    /** Every attribute, in the order {@code (pull ?e [*])} lists them. */
    static final List<Keyword> ATTRIBUTES =
            List.of(
                    UUID_ATTR,
                    NAME,
                    ORIGINAL_NAME,
                    JOURNAL,
                    JOURNAL_DAY,
                    CONTENT,
                    MARKER,
                    PRIORITY,
                    SCHEDULED,
                    DEADLINE,
                    PROPERTIES,
                    PAGE,
                    PARENT,
                    LEFT,
                    REFS,
                    PATH_REFS,
                    TAGS,
                    ALIAS,
                    NAMESPACE,
                    PRE_BLOCK,
                    COLLAPSED,
                    FORMAT,
                    FILE,
                    FILE_PATH);

    /** Attributes whose values are entities. */
    static final Set<Keyword> REF_ATTRIBUTES =
            Set.of(PAGE, PARENT, LEFT, REFS, PATH_REFS, TAGS, ALIAS, NAMESPACE, FILE);

    /** Attributes with many values. */
    static final Set<Keyword> MANY = Set.of(REFS, PATH_REFS, TAGS, ALIAS);

    private static final Keyword MARKDOWN = new Keyword(null, "markdown");
    private static final Keyword ORG = new Keyword(null, "org");
    private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Map<Graph, Facts> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

    /** A page's properties as Logseq keeps them: on a first block of the page. */
    record PreBlock(Page page) {}

    /** A file. */
    record FileEntity(String path) {}

    /**
     * A name no published page answers to; {@code aliasOf} is the page it is an alias of, or -1.
     */
    record Stub(String name, int aliasOf) {}

    private final List<Object> things;
    private final int[] pageOf;
    private final int[] parentOf;
    private final int[] leftOf;
    private final int[] namespaceOf;
    private final int[] fileOf;
    private final int[][] refs;
    private final int[][] tags;
    private final int[][] aliases;
    private final Eid[] eids;
    private final Map<String, Integer> byName;
    private final Map<Object, Integer> eidOf;
    private final Map<Keyword, Column> columns = new ConcurrentHashMap<>();
    private volatile int[][] pathRefs;
    private final PropertyRules rules;

    /** The facts of {@code graph}'s published pages, built once per graph. */
    static Facts of(Graph graph) {
        return CACHE.computeIfAbsent(graph, Facts::new);
    }

    private Facts(Graph graph) {
        Entities b =
                Entities.number(
                        graph.publishedPages(),
                        graph.config().properties(),
                        graph.publishedBlockCount());
        this.rules = graph.config().properties();
        int n = b.things.size();
        this.things = List.copyOf(b.things);
        this.pageOf = b.pageOf.toArray(n);
        this.parentOf = b.parentOf.toArray(n);
        this.leftOf = b.leftOf.toArray(n);
        this.namespaceOf = b.namespaceOf.toArray(n);
        this.fileOf = b.fileOf.toArray(n);
        this.refs = b.refs.toArray(new int[n][]);
        this.tags = b.tags.toArray(new int[n][]);
        this.aliases = b.aliases.toArray(new int[n][]);
        this.byName = b.byName;
        this.eidOf = b.eidOf;
        this.eids = new Eid[n];
        for (int i = 0; i < n; i++) {
            eids[i] = new Eid(i);
        }
    }

    private static Keyword block(String name) {
        return new Keyword("block", name);
    }

    // ---------------------------------------------------------------- entities

    /** How the graph's config reads properties. */
    PropertyRules rules() {
        return rules;
    }

    /** How many entities there are. */
    int size() {
        return things.size();
    }

    Eid eid(int e) {
        return eids[e];
    }

    /** The page, block, {@link PreBlock}, {@link FileEntity} or {@link Stub} an entity is. */
    Object thing(int e) {
        return things.get(e);
    }

    /** The entity of a page or block object of the graph, or -1. */
    int eidOf(Object pageOrBlock) {
        Integer e = eidOf.get(pageOrBlock);
        return e == null ? -1 : e;
    }

    /** The entity a page name answers to (published page, alias or bare name), or -1. */
    int byName(String name) {
        Integer e = byName.get(PageNames.identity(name));
        return e == null ? -1 : e;
    }

    /** The page entity of a block, or -1. */
    int pageOf(int e) {
        return pageOf[e];
    }

    /** The parent entity (block or page) of a block, or -1. */
    int parentOf(int e) {
        return parentOf[e];
    }

    boolean isBlock(int e) {
        Object t = things.get(e);
        return t instanceof Block || t instanceof PreBlock;
    }

    boolean isPage(int e) {
        Object t = things.get(e);
        return t instanceof Page || t instanceof Stub;
    }

    // ---------------------------------------------------------------- facts

    /** The values of attribute {@code a} of entity {@code e}; empty when it has none. */
    List<Object> values(int e, Keyword a) {
        Object v = value(e, a);
        if (v == null) {
            return List.of();
        }
        if (MANY.contains(a)) {
            int[] ids = (int[]) v;
            List<Object> out = new ArrayList<>(ids.length);
            for (int id : ids) {
                out.add(eids[id]);
            }
            return out;
        }
        return List.of(v);
    }

    /** One value, an {@code int[]} of entity ids for a many-valued attribute, or null. */
    private Object value(int e, Keyword a) {
        Object t = things.get(e);
        if (t instanceof Block b) {
            return blockValue(e, b, a);
        }
        if (t instanceof Page p) {
            return pageValue(e, p, a);
        }
        if (t instanceof PreBlock pre) {
            return preBlockValue(e, pre.page(), a);
        }
        if (t instanceof Stub s) {
            if (!"block".equals(a.ns())) {
                return null;
            } else if (a.equals(NAME)) {
                return PageNames.identity(s.name());
            } else if (a.equals(ORIGINAL_NAME)) {
                return s.name();
            } else if (a.equals(JOURNAL)) {
                return Boolean.FALSE;
            } else if (a.equals(UUID_ATTR)) {
                return uuid("page", PageNames.identity(s.name()));
            } else if (a.equals(ALIAS) && s.aliasOf() >= 0) {
                return new int[] {s.aliasOf()};
            }
            return null;
        }
        if (t instanceof FileEntity f && a.equals(FILE_PATH)) {
            return f.path();
        }
        return null;
    }

    private Object pageValue(int e, Page p, Keyword a) {
        if (!"block".equals(a.ns())) {
            return null;
        }
        switch (a.name()) {
            case "name":
                return p.identity();
            case "original-name":
                return p.name();
            case "journal?":
                return p.isJournal();
            case "journal-day":
                return p.journalDay() == null ? null : (Object) p.journalDay().longValue();
            case "properties":
                return p.properties().isEmpty() ? null : PropertyValues.map(p.properties(), rules);
            case "tags":
                return nonEmpty(tags[e]);
            case "alias":
                return nonEmpty(aliases[e]);
            case "namespace":
                return ref(namespaceOf[e]);
            case "file":
                return ref(fileOf[e]);
            case "format":
                return p.format() == Block.Format.ORG ? ORG : MARKDOWN;
            case "uuid":
                return uuid("page", p.identity());
            default:
                return null;
        }
    }

    private Object preBlockValue(int e, Page p, Keyword a) {
        if (!"block".equals(a.ns())) {
            return null;
        }
        switch (a.name()) {
            case "uuid":
                return uuid("pre-block", p.identity());
            case "content":
                StringBuilder sb = new StringBuilder();
                for (Map.Entry<String, String> prop : p.properties().entrySet()) {
                    sb.append(prop.getKey()).append(":: ").append(prop.getValue()).append('\n');
                }
                return sb.toString().strip();
            case "pre-block?":
                return Boolean.TRUE;
            case "properties":
                return PropertyValues.map(p.properties(), rules);
            case "format":
                return p.format() == Block.Format.ORG ? ORG : MARKDOWN;
            default:
                return structural(e, a);
        }
    }

    private Object blockValue(int e, Block b, Keyword a) {
        if (!"block".equals(a.ns())) {
            return null;
        }
        switch (a.name()) {
            case "uuid":
                return b.id() != null
                        ? b.id().toLowerCase(Locale.ROOT)
                        : uuid("block", pageName(e) + "\u0000" + e);
            case "content":
                return content(b);
            case "marker":
                return b.marker() == null ? null : b.marker().toUpperCase(Locale.ROOT);
            case "priority":
                return b.priority() == null ? null : b.priority().toUpperCase(Locale.ROOT);
            case "scheduled":
                return day(b.scheduled());
            case "deadline":
                return day(b.deadline());
            case "properties":
                return b.properties().isEmpty() ? null : PropertyValues.map(b.properties(), rules);
            case "collapsed?":
                return b.collapsed() ? Boolean.TRUE : null;
            case "pre-block?":
                return Boolean.FALSE;
            case "format":
                return b.format() == Block.Format.ORG ? ORG : MARKDOWN;
            default:
                return structural(e, a);
        }
    }

    /** What every block and pre-block has: its page, parent, left sibling, refs and file. */
    private Object structural(int e, Keyword a) {
        switch (a.name()) {
            case "page":
                return ref(pageOf[e]);
            case "parent":
                return ref(parentOf[e]);
            case "left":
                return ref(leftOf[e]);
            case "refs":
                return nonEmpty(refs[e]);
            case "path-refs":
                return pathRefs()[e];
            case "file":
                return ref(fileOf[e]);
            default:
                return null;
        }
    }

    private String pageName(int e) {
        return ((Page) things.get(pageOf[e])).identity();
    }

    private Object ref(int e) {
        return e < 0 ? null : eids[e];
    }

    private static int[] nonEmpty(int[] a) {
        return a == null || a.length == 0 ? null : a;
    }

    private static String uuid(String kind, String key) {
        return UUID.nameUUIDFromBytes((kind + ":" + key).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** A block's text as Logseq keeps it: marker, priority, content, planning and properties. */
    static String content(Block b) {
        StringBuilder sb = new StringBuilder();
        if (b.marker() != null) {
            sb.append(b.marker().toUpperCase(Locale.ROOT)).append(' ');
        }
        if (b.priority() != null) {
            sb.append("[#").append(b.priority().toUpperCase(Locale.ROOT)).append("] ");
        }
        sb.append(b.content());
        if (b.scheduled() != null) {
            sb.append("\nSCHEDULED: ").append(b.scheduled());
        }
        if (b.deadline() != null) {
            sb.append("\nDEADLINE: ").append(b.deadline());
        }
        for (Map.Entry<String, String> p : b.properties().entrySet()) {
            sb.append('\n').append(p.getKey()).append(":: ").append(p.getValue());
        }
        return sb.toString();
    }

    /** {@code yyyyMMdd} of a timestamp such as {@code <2024-01-31 Wed 10:00>}, or null. */
    static Long day(String timestamp) {
        if (timestamp == null) {
            return null;
        }
        Matcher m = DATE.matcher(timestamp);
        if (!m.find()) {
            return null;
        }
        return Long.parseLong(m.group(1) + m.group(2) + m.group(3));
    }

    /**
     * {@code :block/path-refs}: a block's refs, its page, and its parents' path-refs; computed for
     * every block in one pass, parents before children.
     */
    private int[][] pathRefs() {
        int[][] p = pathRefs;
        if (p != null) {
            return p;
        }
        synchronized (this) {
            if (pathRefs != null) {
                return pathRefs;
            }
            int[][] out = new int[things.size()][];
            for (int e = 0; e < out.length; e++) {
                if (!isBlock(e)) {
                    continue;
                }
                LinkedHashSet<Integer> set = new LinkedHashSet<>();
                set.add(pageOf[e]);
                int parent = parentOf[e];
                if (parent >= 0 && out[parent] != null) {
                    for (int r : out[parent]) {
                        set.add(r);
                    }
                }
                if (refs[e] != null) {
                    for (int r : refs[e]) {
                        set.add(r);
                    }
                }
                int[] a = new int[set.size()];
                int i = 0;
                for (int r : set) {
                    a[i++] = r;
                }
                out[e] = a;
            }
            pathRefs = out;
            return out;
        }
    }

    // ---------------------------------------------------------------- indexes

    /** Every fact of one attribute, and the index from value to entities, built on first use. */
    private static final class Column {
        final int[] es;
        final Object[] vs;
        private volatile Map<Object, int[]> byValue;

        Column(int[] es, Object[] vs) {
            this.es = es;
            this.vs = vs;
        }
    }

    private Column column(Keyword a) {
        Column c = columns.get(a);
        if (c == null) {
            c = buildColumn(a);
            Column prev = columns.putIfAbsent(a, c);
            if (prev != null) {
                c = prev;
            }
        }
        return c;
    }

    private Column buildColumn(Keyword a) {
        int n = things.size();
        int[] es = new int[Math.max(16, n / 4)];
        Object[] vs = new Object[es.length];
        int size = 0;
        boolean many = MANY.contains(a);
        for (int e = 0; e < n; e++) {
            Object v = value(e, a);
            if (v == null) {
                continue;
            }
            int[] ids = many ? (int[]) v : null;
            int count = many ? ids.length : 1;
            if (size + count > es.length) {
                int grow = Math.max(es.length * 2, size + count);
                es = java.util.Arrays.copyOf(es, grow);
                vs = java.util.Arrays.copyOf(vs, grow);
            }
            for (int i = 0; i < count; i++) {
                es[size] = e;
                vs[size] = many ? eids[ids[i]] : v;
                size++;
            }
        }
        return new Column(java.util.Arrays.copyOf(es, size), java.util.Arrays.copyOf(vs, size));
    }

    /** Every fact {@code [e a v]} of attribute {@code a}, in entity order. */
    void scan(Keyword a, FactSink sink) {
        Column c = column(a);
        for (int i = 0; i < c.es.length; i++) {
            sink.accept(c.es[i], c.vs[i]);
        }
    }

    /** The entities whose attribute {@code a} has the value {@code v}. */
    int[] entitiesWith(Keyword a, Object v) {
        Column c = column(a);
        Map<Object, int[]> index = c.byValue;
        if (index == null) {
            synchronized (c) {
                index = c.byValue;
                if (index == null) {
                    Map<Object, List<Integer>> build = new HashMap<>();
                    for (int i = 0; i < c.es.length; i++) {
                        build.computeIfAbsent(c.vs[i], k -> new ArrayList<>(2)).add(c.es[i]);
                    }
                    index = new HashMap<>(build.size() * 2);
                    for (Map.Entry<Object, List<Integer>> e : build.entrySet()) {
                        int[] ids = new int[e.getValue().size()];
                        for (int i = 0; i < ids.length; i++) {
                            ids[i] = e.getValue().get(i);
                        }
                        index.put(e.getKey(), ids);
                    }
                    c.byValue = index;
                }
            }
        }
        int[] ids = index.get(v);
        return ids == null ? new int[0] : ids;
    }

    /** Receives facts. */
    interface FactSink {
        void accept(int e, Object v);
    }
}
