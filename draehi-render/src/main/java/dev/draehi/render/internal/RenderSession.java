package dev.draehi.render.internal;

import dev.draehi.model.Block;
import dev.draehi.model.Page;
import dev.draehi.model.SyncWarning;
import dev.draehi.render.node.FootnoteLink;
import dev.draehi.spi.LinkResolver;
import dev.draehi.spi.RenderContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The state of one render call: never shared between threads. */
final class RenderSession {
    final RenderContext context;
    final LinkResolver links;
    final Page page;
    final int maxEmbedDepth;
    final List<SyncWarning> warnings = new ArrayList<>();
    final Set<String> warnedAssets = new HashSet<>();
    final List<String> embedStack = new ArrayList<>();
    final Set<String> refStack = new HashSet<>();
    Block currentBlock;
    int budget;
    int macroDepth;
    boolean inQueryResults;
    Block queryHolder;
    Map<String, String> footnotes; // the labels the page defines, read on first need

    RenderSession(RenderContext context, LinkResolver links, Page page) {
        this.context = context;
        this.links = links;
        this.page = page;
        this.maxEmbedDepth = Math.min(context.workspace().embedDepth(), 20);
    }

    /** The safe URL of page {@code name}, or null. */
    String pageUrl(String name) {
        if (name.isBlank()) {
            return null;
        }
        String url = links.pageUrl(name).orElse(null);
        return HtmlPolicy.isSafeUrl(url) ? url : null;
    }

    /** Links a footnote reference to its definition when that is on the page. */
    void footnoteLink(FootnoteLink link) {
        if (footnotes == null) {
            footnotes = FootnoteLinkProcessor.defined(page.flatBlocks());
        }
        String label = footnotes.get(FootnoteLinkProcessor.key(link.getLabel()));
        String id = label == null ? null : HtmlPolicy.footnoteId(label);
        if (id != null) {
            link.setUrl("#" + id);
        }
    }
}
