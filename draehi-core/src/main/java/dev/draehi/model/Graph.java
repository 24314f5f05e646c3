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
    private final Map<String, Page> byIdentity = new HashMap<>();
    private final Map<String, BlockLocation> byBlockId = new HashMap<>();

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
     * blocks with an id, its block count) is taken from {@code previous} for every page that is the
     * same object there, so that a graph after a small change is built in time proportional to the
     * number of pages, not of blocks.
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
        Derived[] ds = new Derived[this.pages.size()];
        for (int i = 0; i < ds.length; i++) {
            Page p = this.pages.get(i);
            Derived d = previous == null ? null : previous.derived.get(p);
            ds[i] = d != null ? d : Derived.of(p);
            derived.put(p, ds[i]);
            byIdentity.putIfAbsent(ds[i].identities().get(0), p);
        }
        int published = 0;
        for (int i = 0; i < ds.length; i++) {
            Page p = this.pages.get(i);
            Derived d = ds[i];
            for (int a = 1; a < d.identities().size(); a++) {
                byIdentity.putIfAbsent(d.identities().get(a), p);
            }
            for (BlockLocation loc : d.identified()) {
                byBlockId.putIfAbsent(loc.block().id().toLowerCase(Locale.ROOT), loc);
            }
            if (p.published()) {
                published += d.blockCount();
            }
        }
        this.publishedBlocks = published;
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

    // by page object, not by value: a page that is equal but not the same is derived again
    private final Map<Page, Derived> derived = new java.util.IdentityHashMap<>();
    private final int publishedBlocks;

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
        return Optional.ofNullable(byIdentity.get(PageNames.identity(nameAsWritten)));
    }

    /** The block with {@code id:: uuid}, any case. */
    public Optional<BlockLocation> block(String uuid) {
        return Optional.ofNullable(byBlockId.get(uuid.toLowerCase(Locale.ROOT)));
    }

    /** A block and the page it is on. */
    public record BlockLocation(Page page, Block block) {}
}
