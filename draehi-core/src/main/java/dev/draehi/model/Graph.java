package dev.draehi.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every page and block of one commit of a Logseq graph, with the lookups rendering needs: a page by
 * any name it answers to (case-insensitive, aliases included) and a block by its {@code id::}.
 * Immutable and safe to share between rendering threads.
 */
public final class Graph {
    private final String commitSha;
    private final GraphConfig config;
    private final List<Page> pages;
    private final Map<String, Asset> assets;
    private final List<SyncWarning> warnings;
    // The lookups: of the whole graph; or, when base is set, only the entries that differ from
    // base's, which has the same keys (see Index.overlay).
    private final Graph base;
    private final Map<String, Page> byIdentity;
    private final Map<String, BlockLocation> byBlockId;
    // by page object, not by value: a page that is equal but not the same is derived again
    private final Map<Page, Derived> derived;
    private final int publishedBlocks;
    private final Map<String, java.time.Instant> fileTimes;

    /**
     * @param commitSha the commit these pages come from (40 hex), or a content hash for a plain
     *     directory
     * @param pages every page, in the order in which identity collisions were settled
     * @param assets the graph's asset files by path relative to the graph root
     * @param warnings what the parser skipped or repaired
     */
    public Graph(
            String commitSha,
            GraphConfig config,
            List<Page> pages,
            Map<String, Asset> assets,
            List<SyncWarning> warnings) {
        this(commitSha, config, pages, assets, warnings, null);
    }

    /**
     * A graph that shares pages with {@code previous}: what this graph derives from a page (its
     * names, its blocks with an id, its block count) is taken from {@code previous} for every page
     * that is the same object there. When the pages are those of {@code previous}, in the same
     * order, but for a few that answer to the same names and ids as the ones they replace, the
     * graph keeps only its differences from {@code previous}'s lookups: it is built in time
     * proportional to what changed.
     *
     * @param previous an earlier graph, or null
     */
    public Graph(
            String commitSha,
            GraphConfig config,
            List<Page> pages,
            Map<String, Asset> assets,
            List<SyncWarning> warnings,
            Graph previous) {
        this.commitSha = Objects.requireNonNull(commitSha, "commitSha");
        this.config = Objects.requireNonNull(config, "config");
        this.pages = List.copyOf(pages);
        this.assets = Map.copyOf(assets);
        this.warnings = List.copyOf(warnings);
        Index index = previous == null ? null : Index.overlay(previous, this.pages);
        if (index == null) {
            index = Index.full(this.pages, previous);
        }
        this.base = index.base();
        this.byIdentity = index.byIdentity();
        this.byBlockId = index.byBlockId();
        this.derived = index.derived();
        this.publishedBlocks = index.publishedBlocks();
        this.fileTimes = Map.of();
    }

    /** {@code g} with {@code fileTimes}, an unmodifiable map: shares all else. */
    private Graph(Graph g, LayeredMap<String, java.time.Instant> fileTimes) {
        this.commitSha = g.commitSha;
        this.config = g.config;
        this.pages = g.pages;
        this.assets = g.assets;
        this.warnings = g.warnings;
        this.base = g.base;
        this.byIdentity = g.byIdentity;
        this.byBlockId = g.byBlockId;
        this.derived = g.derived;
        this.publishedBlocks = g.publishedBlocks;
        this.fileTimes = fileTimes;
    }

    /**
     * This graph, with the time each file last changed in its history ({@link #fileTimes}); a graph
     * source that knows a file's history gives it, so that a page's "updated" is when its file last
     * changed, not when it was published.
     */
    public Graph withFileTimes(Map<String, java.time.Instant> fileTimes) {
        return new Graph(this, LayeredMap.of(Objects.requireNonNull(fileTimes, "fileTimes")));
    }

    /**
     * This graph with the file times of {@code earlier} but for the files {@code changed}, which
     * get the times given, and those {@code removed}, which get none. When {@code earlier} is
     * another graph's {@link #fileTimes()}, its times are shared, not copied: after a push that
     * changed a few files of a large graph this takes time in proportion to those files.
     *
     * @param earlier the times to start from, usually the last graph's {@link #fileTimes()}
     * @param changed times to set, by path
     * @param removed paths that have no time any more
     */
    public Graph withFileTimes(
            Map<String, java.time.Instant> earlier,
            Map<String, java.time.Instant> changed,
            java.util.Collection<String> removed) {
        return new Graph(
                this,
                LayeredMap.of(Objects.requireNonNull(earlier, "earlier"))
                        .with(
                                Objects.requireNonNull(changed, "changed"),
                                Objects.requireNonNull(removed, "removed")));
    }

    /**
     * When each file (by path relative to the graph root) last changed, as far as the source knows:
     * the commit time of the last commit that changed it; empty when the source does not know.
     */
    public Map<String, java.time.Instant> fileTimes() {
        return fileTimes;
    }

    private record Index(
            Graph base,
            Map<String, Page> byIdentity,
            Map<String, BlockLocation> byBlockId,
            Map<Page, Derived> derived,
            int publishedBlocks) {

        static Index full(List<Page> pages, Graph previous) {
            Map<String, Page> byIdentity = new HashMap<>();
            Map<String, BlockLocation> byBlockId = new HashMap<>();
            Map<Page, Derived> derived = new java.util.IdentityHashMap<>();
            Derived[] ds = new Derived[pages.size()];
            for (int i = 0; i < ds.length; i++) {
                Page p = pages.get(i);
                Derived d = previous == null ? null : previous.derivedOf(p);
                ds[i] = d != null ? d : Derived.of(p);
                derived.put(p, ds[i]);
                byIdentity.putIfAbsent(ds[i].identities().get(0), p);
            }
            int published = 0;
            for (int i = 0; i < ds.length; i++) {
                Page p = pages.get(i);
                Derived d = ds[i];
                for (int a = 1; a < d.identities().size(); a++) {
                    byIdentity.putIfAbsent(d.identities().get(a), p);
                }
                for (BlockLocation loc : d.identified()) {
                    byBlockId.putIfAbsent(key(loc), loc);
                }
                if (p.published()) {
                    published += d.blockCount();
                }
            }
            return new Index(null, byIdentity, byBlockId, derived, published);
        }

        /**
         * The differences from {@code previous}, when the pages are its pages but for some that
         * answer to the same names and block ids, in the same places; else null. Null too when the
         * differences have grown past an eighth of the graph: then a full index is cheaper to keep.
         */
        static Index overlay(Graph previous, List<Page> pages) {
            if (pages.size() != previous.pages.size()) {
                return null;
            }
            boolean chained = previous.base != null;
            Graph full = chained ? previous.base : previous;
            Map<String, Page> byIdentity =
                    chained ? new HashMap<>(previous.byIdentity) : new HashMap<>();
            Map<String, BlockLocation> byBlockId =
                    chained ? new HashMap<>(previous.byBlockId) : new HashMap<>();
            Map<Page, Derived> derived =
                    chained
                            ? new java.util.IdentityHashMap<>(previous.derived)
                            : new java.util.IdentityHashMap<>();
            int published = previous.publishedBlocks;
            for (int i = 0; i < pages.size(); i++) {
                Page p = pages.get(i);
                Page old = previous.pages.get(i);
                if (p == old) {
                    continue;
                }
                Derived before = previous.derivedOf(old);
                Derived after = Derived.of(p);
                if (!before.identities().equals(after.identities())
                        || !keys(before).equals(keys(after))) {
                    return null;
                }
                for (String k : after.identities()) {
                    if (previous.lookupPage(k) == old) {
                        byIdentity.put(k, p);
                    }
                }
                for (BlockLocation loc : after.identified()) {
                    BlockLocation was = previous.lookupBlock(key(loc));
                    if (was != null && was.page() == old) {
                        byBlockId.put(key(loc), loc);
                    }
                }
                derived.put(p, after);
                published +=
                        (p.published() ? after.blockCount() : 0)
                                - (old.published() ? before.blockCount() : 0);
                if (derived.size() > Math.max(16, pages.size() / 8)) {
                    return null;
                }
            }
            return new Index(full, byIdentity, byBlockId, derived, published);
        }

        private static String key(BlockLocation loc) {
            return loc.block().id().toLowerCase(Locale.ROOT);
        }

        private static List<String> keys(Derived d) {
            List<String> out = new ArrayList<>(d.identified().size());
            for (BlockLocation loc : d.identified()) {
                out.add(key(loc));
            }
            return out;
        }
    }

    private Derived derivedOf(Page p) {
        Derived d = derived.get(p);
        return d == null && base != null ? base.derived.get(p) : d;
    }

    private Page lookupPage(String identity) {
        Page p = byIdentity.get(identity);
        return p == null && base != null ? base.byIdentity.get(identity) : p;
    }

    private BlockLocation lookupBlock(String key) {
        BlockLocation b = byBlockId.get(key);
        return b == null && base != null ? base.byBlockId.get(key) : b;
    }

    /**
     * What a graph derives from one page object: the page's identity then its aliases', its blocks
     * with an id, its block count.
     */
    private record Derived(
            List<String> identities, List<BlockLocation> identified, int blockCount) {
        static Derived of(Page p) {
            List<String> names = new ArrayList<>();
            names.add(p.identity());
            for (String alias : p.aliases()) {
                names.add(PageNames.identity(alias));
            }
            List<BlockLocation> ids = new ArrayList<>();
            List<Block> flat = p.flatBlocks();
            for (Block b : flat) {
                if (b.id() != null) {
                    ids.add(new BlockLocation(p, b));
                }
            }
            return new Derived(List.copyOf(names), List.copyOf(ids), flat.size());
        }
    }

    /** How many blocks the published pages have, at every depth. */
    public int publishedBlockCount() {
        return publishedBlocks;
    }

    /** The commit sha. */
    public String commitSha() {
        return commitSha;
    }

    /** The graph's configuration. */
    public GraphConfig config() {
        return config;
    }

    /** Every page, published or not. */
    public List<Page> pages() {
        return pages;
    }

    /** Only the pages that are published. */
    public List<Page> publishedPages() {
        List<Page> out = new ArrayList<>();
        for (Page p : pages) {
            if (p.published()) {
                out.add(p);
            }
        }
        return out;
    }

    /** Asset files by path relative to the graph root. */
    public Map<String, Asset> assets() {
        return assets;
    }

    /** What the parser skipped or repaired. */
    public List<SyncWarning> warnings() {
        return warnings;
    }

    /** The page a name refers to, case-insensitively, following aliases. */
    public Optional<Page> page(String nameAsWritten) {
        return Optional.ofNullable(lookupPage(PageNames.identity(nameAsWritten)));
    }

    /** The block with {@code id:: uuid}, any case. */
    public Optional<BlockLocation> block(String uuid) {
        return Optional.ofNullable(lookupBlock(uuid.toLowerCase(Locale.ROOT)));
    }

    /** A block and the page it is on. */
    public record BlockLocation(Page page, Block block) {}
}
