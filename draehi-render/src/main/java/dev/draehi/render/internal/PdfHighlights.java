package dev.draehi.render.internal;

import dev.draehi.model.Block;
import dev.draehi.model.Page;
import dev.draehi.web.HtmlWriter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PDF highlights as Logseq keeps them: an {@code hls__} page whose {@code file-path::} names the
 * PDF asset, and one block per highlight with {@code ls-type:: annotation}, {@code hl-page::},
 * {@code hl-color::} and, for an area, {@code hl-type:: area} and {@code hl-stamp::} (its image is
 * {@code assets/<name without hls__>/<page>_<id>_<stamp>.png}). A highlight shows its page number
 * as a link into the PDF ({@code #page=N}) and its colour; a ref to one does too.
 */
final class PdfHighlights {
    private static final Pattern LINK = Pattern.compile("^\\[([^\\]]+)\\]\\(([^)]+)\\)$");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,6}");
    private static final Pattern COLOUR = Pattern.compile("[a-z]{1,12}");
    private static final Pattern STAMP = Pattern.compile("\\d{1,20}");

    private PdfHighlights() {}

    /** True for a highlight block. */
    static boolean isHighlight(Block b) {
        return "annotation".equalsIgnoreCase(b.properties().getOrDefault("ls-type", "").strip());
    }

    /** The highlight's page number, or null. */
    static String pageNumber(Block b) {
        String p = b.properties().getOrDefault("hl-page", "").strip();
        return DIGITS.matcher(p).matches() ? p : null;
    }

    /** The PDF's URL at the highlight's page, or null when the PDF is not a published asset. */
    static String pageUrl(Block b, Page page, RenderSession s) {
        String pdf = pdfUrl(page, s);
        String n = pageNumber(b);
        return pdf == null || n == null ? null : pdf + "#page=" + n;
    }

    /** The URL of the PDF an {@code hls__} page (or any page with {@code file-path::}) names. */
    static String pdfUrl(Page page, RenderSession s) {
        String path = page.properties().get("file-path");
        if (path == null) {
            Matcher m = LINK.matcher(page.properties().getOrDefault("file", "").strip());
            path = m.matches() ? m.group(2) : null;
        }
        String asset = AssetPaths.assetPath(path);
        if (asset == null) {
            return null;
        }
        return s.links.assetUrl(asset).filter(HtmlPolicy::isSafeUrl).orElse(null);
    }

    /** The highlight block's HTML with its page link, colour and (for an area) its image. */
    static String decorate(Block b, RenderSession s, String html) {
        String colour =
                b.properties().getOrDefault("hl-color", "").strip().toLowerCase(Locale.ROOT);
        colour = COLOUR.matcher(colour).matches() ? colour : "yellow";
        String n = pageNumber(b);
        String url = pageUrl(b, s.page, s);
        HtmlWriter w = new HtmlWriter(html.length() + 300);
        w.tag("div", "class", "pdf-highlight hl-" + colour);
        pageLink(n, url, w);
        String image = area(b, s);
        if (image != null) {
            w.tag(
                    "img",
                    "class",
                    "hl-area",
                    "src",
                    image,
                    "alt",
                    "Area highlight" + (n == null ? "" : " on page " + n));
        } else {
            w.tag("div", "class", "hl-text").raw(html.strip()).end("div");
        }
        w.end("div");
        return HtmlPolicy.sanitize(w.toString());
    }

    /** {@code P3}, a link to the PDF at that page when it is published. */
    static void pageLink(String n, String url, HtmlWriter w) {
        String label = "P" + (n == null ? "?" : n);
        if (url != null) {
            w.tag("a", "class", "hl-page", "href", url, "title", "Open the PDF at page " + n)
                    .text(label)
                    .end("a");
        } else {
            w.element("span", label, "class", "hl-page");
        }
        w.text(" ");
    }

    /** An area highlight's image URL, or null. */
    private static String area(Block b, RenderSession s) {
        if (!"area".equalsIgnoreCase(b.properties().getOrDefault("hl-type", "").strip())) {
            return null;
        }
        String stamp = b.properties().getOrDefault("hl-stamp", "").strip();
        String n = pageNumber(b);
        String name = s.page.name();
        if (b.id() == null || n == null || !STAMP.matcher(stamp).matches()) {
            return null;
        }
        if (name.regionMatches(true, 0, "hls__", 0, 5)) {
            name = name.substring(5);
        }
        String path = "assets/" + name + "/" + n + "_" + b.id() + "_" + stamp + ".png";
        if (path.contains("..")) {
            return null;
        }
        return s.links.assetUrl(path).filter(HtmlPolicy::isSafeUrl).orElse(null);
    }

    /**
     * Above an {@code hls__} page's properties: the PDF's title as a link to it, and how many
     * highlights the page has. Empty for other pages.
     */
    static String header(Page page, RenderSession s) {
        if (!page.name().regionMatches(true, 0, "hls__", 0, 5)) {
            return "";
        }
        String title = null;
        Matcher m = LINK.matcher(page.properties().getOrDefault("file", "").strip());
        if (m.matches()) {
            title = m.group(1).strip();
        }
        if (title == null || title.isEmpty()) {
            title = page.name().substring(5).replaceFirst("_\\d{10,}_\\d+$", "");
        }
        long count =
                Block.preOrder(page.blocks()).stream().filter(PdfHighlights::isHighlight).count();
        String url = pdfUrl(page, s);
        HtmlWriter w = new HtmlWriter();
        w.tag("div", "class", "pdf-source").text("Highlights of ");
        if (url != null) {
            w.tag("a", "class", "pdf-link", "href", url).text(title).end("a");
        } else {
            w.element("span", title, "class", "pdf-link");
        }
        w.text(" · " + count + (count == 1 ? " highlight" : " highlights")).end("div");
        return HtmlPolicy.sanitize(w.toString());
    }
}
