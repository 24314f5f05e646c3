package dev.draehi.spi;

import dev.draehi.model.Graph;
import dev.draehi.model.GraphConfig;
import dev.draehi.model.Page;
import dev.draehi.model.PageNames;
import dev.draehi.model.Workspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a {@link PageRenderer} may look at besides the page: the rest of the graph (for block
 * refs, embeds and queries), the workspace (for {@code embed_depth}) and how to link.
 *
 * <p>What a renderer reads through it is recorded in its {@link RenderReads}, so that an
 * incremental sync renders the page again when, and only when, something it read has changed. Read
 * other pages through {@link #page}, {@link #block} and {@link #namespace}, and link through {@link
 * #links()}: each records exactly what it looked up. {@link #graph()} hands out the whole graph,
 * and so records that the page read everything: such a page is rendered again after any change.
 *
 * <pre>{@code
 * // shows the first block of the page "Index" after each page's first block
 * PageRenderer renderer = (page, ctx) -> {
 *     String index = ctx.page("Index")   // recorded: a push that changes Index renders this again
 *             .map(p -> p.blocks().isEmpty() ? "" : p.blocks().get(0).content())
 *             .orElse("");
 *     List<String> html = new ArrayList<>();
 *     for (Block b : page.flatBlocks()) {
 *         html.add(escape(b.content()) + (html.isEmpty() ? escape(index) : ""));
 *     }
 *     return new RenderedPage(html, List.of());
 * };
 * }</pre>
 */
public final class RenderContext {
    private final Graph graph;
    private final Workspace workspace;
    private final LinkResolver links;
    private final RenderReads reads;

    /** A context that records nothing. */
    public RenderContext(Graph graph, Workspace workspace, LinkResolver links) {
        this(graph, workspace, links, RenderReads.NONE);
    }

    /** A context that records what is read through it in {@code reads}. */
    public RenderContext(Graph graph, Workspace workspace, LinkResolver links, RenderReads reads) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(links, "links");
        this.reads = Objects.requireNonNull(reads, "reads");
        this.links = reads == RenderReads.NONE ? links : new RecordingLinks(links, reads);
    }

    /**
     * The whole graph. What is read through it cannot be told apart, so this records that the page
     * read everything; prefer {@link #page}, {@link #block} and {@link #namespace}.
     */
    public Graph graph() {
        reads.everything();
        return graph;
    }

    /** The graph's configuration (a change of it renders every page again). */
    public GraphConfig config() {
        return graph.config();
    }

    /** The workspace being published. */
    public Workspace workspace() {
        return workspace;
    }

    /** How to link; every lookup is recorded as a link to its target. */
    public LinkResolver links() {
        return links;
    }

    /** Where reads are recorded, for a renderer that reads the graph some other way. */
    public RenderReads reads() {
        return reads;
    }

    /** The page a name refers to (any case, aliases followed), published or not; recorded. */
    public Optional<Page> page(String nameAsWritten) {
        Objects.requireNonNull(nameAsWritten, "nameAsWritten");
        reads.page(nameAsWritten);
        return graph.page(nameAsWritten);
    }

    /** The block with {@code id::} {@code id} (any case) and its page; recorded. */
    public Optional<Graph.BlockLocation> block(String id) {
        Objects.requireNonNull(id, "id");
        reads.block(id);
        return graph.block(id);
    }

    /**
     * The published pages under a namespace ({@code name/…} at any depth), in the graph's order;
     * recorded.
     */
    public List<Page> namespace(String name) {
        Objects.requireNonNull(name, "name");
        reads.namespace(name);
        String prefix = PageNames.identity(name) + "/";
        List<Page> out = new ArrayList<>();
        for (Page p : graph.pages()) {
            if (p.published() && p.identity().startsWith(prefix)) {
                out.add(p);
            }
        }
        return out;
    }

    /** This context with another way to link, recording into the same {@link #reads()}. */
    public RenderContext withLinks(LinkResolver links) {
        return new RenderContext(graph, workspace, links, reads);
    }

    /** Passes lookups through, recording each. */
    private record RecordingLinks(LinkResolver links, RenderReads reads) implements LinkResolver {
        @Override
        public Optional<String> pageUrl(String pageNameAsWritten) {
            reads.pageLink(pageNameAsWritten);
            return links.pageUrl(pageNameAsWritten);
        }

        @Override
        public Optional<String> blockUrl(String blockId) {
            reads.blockLink(blockId);
            return links.blockUrl(blockId);
        }

        @Override
        public Optional<String> assetUrl(String assetPath) {
            Optional<String> url = links.assetUrl(assetPath);
            if (url.isPresent()) {
                reads.asset(assetPath);
            }
            return url;
        }
    }
}
