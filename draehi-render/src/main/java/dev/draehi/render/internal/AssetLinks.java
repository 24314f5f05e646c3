package dev.draehi.render.internal;

import dev.draehi.model.SyncWarning;
import dev.draehi.render.node.MissingAsset;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;

/**
 * Links and images of a block: an asset's path becomes its URL, or a {@link MissingAsset} with a
 * warning; a URL with a forbidden scheme becomes its text.
 */
final class AssetLinks {
    private AssetLinks() {}

    static String safe(String url) {
        return HtmlPolicy.isSafeUrl(url) ? url : null;
    }

    static void image(Image img, RenderSession s, int depth) {
        String path = AssetPaths.assetPath(img.getDestination());
        if (path == null) {
            if (!HtmlPolicy.isSafeUrl(img.getDestination())) {
                unwrap(img);
            }
            return;
        }
        String url = s.links.assetUrl(path).orElse(null);
        if (url != null && HtmlPolicy.isSafeUrl(url)) {
            img.setDestination(url);
            return;
        }
        missing(img, path, s, depth);
    }

    /** Replaces a link or image by its text: used for URLs with a forbidden scheme. */
    static void unwrap(Node node) {
        Node c = node.getFirstChild();
        while (c != null) {
            Node next = c.getNext();
            node.insertBefore(c);
            c = next;
        }
        node.unlink();
    }

    static void link(Link link, RenderSession s, int depth, boolean inLink) {
        String path = AssetPaths.assetPath(link.getDestination());
        if (path == null) {
            if (!HtmlPolicy.isSafeUrl(link.getDestination())) {
                unwrap(link);
            } else if (inLink) {
                unwrap(link);
            }
            return;
        }
        String url = s.links.assetUrl(path).orElse(null);
        if (url != null && HtmlPolicy.isSafeUrl(url)) {
            link.setDestination(url);
            return;
        }
        missing(link, path, s, depth);
    }

    static void missing(Node node, String path, RenderSession s, int depth) {
        node.insertBefore(new MissingAsset(path));
        node.unlink();
        if (depth == 0 && s.warnedAssets.add(path)) {
            s.warnings.add(
                    new SyncWarning(
                            s.page.file(),
                            s.currentBlock == null ? 0 : s.currentBlock.line(),
                            "missing asset " + path + " on page " + s.page.name()));
        }
    }
}
