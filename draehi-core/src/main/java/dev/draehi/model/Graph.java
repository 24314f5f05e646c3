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
        this.commitSha = Objects.requireNonNull(commitSha, "commitSha");
        this.config = Objects.requireNonNull(config, "config");
        this.pages = List.copyOf(pages);
        this.assets = Map.copyOf(assets);
        this.warnings = List.copyOf(warnings);
        for (Page p : this.pages) {
            byIdentity.putIfAbsent(p.identity(), p);
        }
        for (Page p : this.pages) {
            for (String alias : p.aliases()) {
                byIdentity.putIfAbsent(PageNames.identity(alias), p);
            }
            for (Block b : p.flatBlocks()) {
                if (b.id() != null) {
                    byBlockId.putIfAbsent(b.id().toLowerCase(Locale.ROOT), new BlockLocation(p, b));
                }
            }
        }
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
