package dev.draehi.render.internal;

import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import dev.draehi.model.Whiteboard;
import dev.draehi.model.Whiteboard.Shape;
import dev.draehi.web.HtmlWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A whiteboard drawn as a static SVG, written through the escaping {@link HtmlWriter}: every name
 * and value from the file is escaped, colours are one of Logseq's names or a hex colour, images are
 * the graph's assets or http(s) URLs, portals are cards that link to the page or block they show.
 * {@code whiteboard.js} makes it pannable and zoomable; without it the whole board shows.
 */
final class WhiteboardSvg {
    private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{3,8}");
    private static final List<String> NAMED =
            List.of("yellow", "green", "blue", "purple", "pink", "red", "gray", "grey", "orange");
    private static final double MARGIN = 40;
    private static final double LIMIT = 1e7;

    private WhiteboardSvg() {}

    /** The figure of the whiteboard in {@code text} (a whiteboard file). */
    static String html(String text, RenderSession s) {
        Whiteboard wb;
        try {
            wb = Whiteboard.read(text);
        } catch (RuntimeException e) {
            wb = new Whiteboard(null, List.of(), java.util.Map.of());
        }
        double[] box = bounds(wb);
        HtmlWriter w = new HtmlWriter(4096 + text.length() / 4);
        String label = "Whiteboard " + (wb.title() == null ? s.page.name() : wb.title());
        w.tag("figure", "class", "whiteboard", "data-shapes", String.valueOf(wb.shapes().size()));
        w.tag(
                "svg",
                "xmlns",
                "http://www.w3.org/2000/svg",
                "viewBox",
                num(box[0]) + " " + num(box[1]) + " " + num(box[2]) + " " + num(box[3]),
                "role",
                "img",
                "aria-label",
                label);
        w.element("title", label);
        for (Shape shape : wb.shapes()) {
            shape(shape, wb, s, w);
        }
        w.end("svg");
        if (wb.shapes().isEmpty()) {
            w.element("figcaption", "This whiteboard is empty.");
        }
        w.end("figure");
        return w.toString();
    }

    /** x, y, width and height of everything drawn, with a margin. */
    static double[] bounds(Whiteboard wb) {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (Shape sh : wb.shapes()) {
            double[] p = point(sh);
            double[][] corners;
            switch (sh.type()) {
                case "line" ->
                        corners = new double[][] {sh.handle("start", 0), sh.handle("end", 0)};
                case "pencil", "highlighter" -> corners = sh.points().toArray(new double[0][]);
                default -> corners = new double[][] {{0, 0}, size(sh)};
            }
            for (double[] c : corners) {
                minX = Math.min(minX, p[0] + c[0]);
                minY = Math.min(minY, p[1] + c[1]);
                maxX = Math.max(maxX, p[0] + c[0]);
                maxY = Math.max(maxY, p[1] + c[1]);
            }
        }
        if (minX > maxX) {
            return new double[] {0, 0, 400, 200};
        }
        return new double[] {
            minX - MARGIN, minY - MARGIN, maxX - minX + 2 * MARGIN, maxY - minY + 2 * MARGIN
        };
    }

    private static void shape(Shape sh, Whiteboard wb, RenderSession s, HtmlWriter w) {
        double[] p = point(sh);
        double[] size = size(sh);
        double rotation = clamp(sh.number("rotation", 0));
        String transform = "translate(" + num(p[0]) + " " + num(p[1]) + ")";
        if (rotation != 0) {
            transform +=
                    " rotate("
                            + num(Math.toDegrees(rotation))
                            + " "
                            + num(size[0] / 2)
                            + " "
                            + num(size[1] / 2)
                            + ")";
        }
        double opacity = Math.max(0, Math.min(1, sh.number("opacity", 1)));
        w.tag(
                "g",
                "class",
                "wb-shape wb-" + kind(sh.type()),
                "transform",
                transform,
                "opacity",
                opacity < 1 ? num(opacity) : null);
        double sw = Math.max(1, Math.min(200, sh.number("strokeWidth", 2)));
        switch (sh.type()) {
            case "box" -> {
                double r = Math.max(0, Math.min(1000, sh.number("borderRadius", 2)));
                w.emptyTag(
                        "rect",
                        "width",
                        num(size[0]),
                        "height",
                        num(size[1]),
                        "rx",
                        num(r),
                        "stroke-width",
                        num(sw),
                        "stroke-dasharray",
                        dashed(sh),
                        "class",
                        paint(sh));
                label(sh.string("label"), size[0] / 2, size[1] / 2, fit(sh, size, 18), sh, w);
            }
            case "ellipse" -> {
                w.emptyTag(
                        "ellipse",
                        "cx",
                        num(size[0] / 2),
                        "cy",
                        num(size[1] / 2),
                        "rx",
                        num(size[0] / 2),
                        "ry",
                        num(size[1] / 2),
                        "stroke-width",
                        num(sw),
                        "stroke-dasharray",
                        dashed(sh),
                        "class",
                        paint(sh));
                label(sh.string("label"), size[0] / 2, size[1] / 2, fit(sh, size, 18), sh, w);
            }
            case "text" -> text(sh, w);
            case "line" -> line(sh, sw, w);
            case "pencil", "highlighter" -> path(sh, w);
            case "image" -> image(sh, wb, size, s, w);
            case "logseq-portal" -> WhiteboardCards.portal(sh, size, s, w);
            case "group" -> {
                // its shapes are drawn on their own
            }
            default -> WhiteboardCards.embed(sh, size, w);
        }
        w.end("g");
    }

    private static void text(Shape sh, HtmlWriter w) {
        String t = sh.string("text");
        if (t == null || t.isEmpty()) {
            return;
        }
        double fs = Math.max(4, Math.min(400, sh.number("fontSize", 20)));
        double pad = Math.max(0, Math.min(100, sh.number("padding", 4)));
        w.tag(
                "text",
                "x",
                num(pad),
                "y",
                num(pad),
                "font-size",
                num(fs),
                "font-weight",
                sh.number("fontWeight", 400) >= 600 ? "bold" : null,
                "font-style",
                sh.flag("italic") ? "italic" : null,
                "class",
                "wb-text " + colour("wb-color-", sh.string("stroke")),
                "fill",
                hex(sh.string("stroke")));
        lines(t, num(pad), fs, w);
        w.end("text");
    }

    /** A label's font size: 18, smaller (to half) when its longest line is wider than the shape. */
    private static double fit(Shape sh, double[] size, double fs) {
        String t = sh.string("label");
        if (t == null) {
            return fs;
        }
        int longest = 1;
        for (String line : t.split("\n", 50)) {
            longest = Math.max(longest, line.length());
        }
        double scale = (size[0] - 8) / (longest * fs * 0.58);
        return fs * Math.max(0.5, Math.min(1, scale));
    }

    /** A label centred at cx, cy, one tspan a line. */
    static void label(String t, double cx, double cy, double fs, Shape sh, HtmlWriter w) {
        label(t, cx, cy, fs, "wb-label", sh, w);
    }

    private static void label(
            String t, double cx, double cy, double fs, String cls, Shape sh, HtmlWriter w) {
        if (t == null || t.isBlank()) {
            return;
        }
        String[] ls = t.split("\n", 50);
        w.tag(
                "text",
                "x",
                num(cx),
                "y",
                num(cy - (ls.length - 1) * fs * 0.6),
                "font-size",
                num(fs),
                "text-anchor",
                "middle",
                "dominant-baseline",
                "middle",
                "class",
                cls + " " + colour("wb-color-", sh.string("stroke")),
                "fill",
                hex(sh.string("stroke")));
        for (int i = 0; i < ls.length; i++) {
            w.tag("tspan", "x", num(cx), "dy", i == 0 ? null : "1.2em").text(ls[i]).end("tspan");
        }
        w.end("text");
    }

    private static void lines(String t, String x, double fs, HtmlWriter w) {
        String[] ls = t.split("\n", 200);
        for (int i = 0; i < ls.length; i++) {
            w.tag("tspan", "x", x, "dy", i == 0 ? "1em" : "1.2em").text(ls[i]).end("tspan");
        }
    }

    private static void line(Shape sh, double sw, HtmlWriter w) {
        double[] a = sh.handle("start", 0);
        double[] b = sh.handle("end", 0);
        String cls = "wb-stroke " + colour("wb-stroke-", sh.string("stroke"));
        StringBuilder d = new StringBuilder();
        d.append('M').append(num(a[0])).append(' ').append(num(a[1]));
        d.append(" L").append(num(b[0])).append(' ').append(num(b[1]));
        if ("arrow".equals(sh.decoration("end"))) {
            arrowHead(b, a, sw, d);
        }
        if ("arrow".equals(sh.decoration("start"))) {
            arrowHead(a, b, sw, d);
        }
        w.emptyTag(
                "path",
                "d",
                d.toString(),
                "fill",
                "none",
                "stroke-width",
                num(sw),
                "stroke-dasharray",
                dashed(sh),
                "stroke-linecap",
                "round",
                "class",
                cls,
                "stroke",
                hex(sh.string("stroke")));
        String lbl = sh.string("label");
        if (lbl != null && !lbl.isBlank()) {
            label(lbl, (a[0] + b[0]) / 2, (a[1] + b[1]) / 2, 20, "wb-label wb-halo", sh, w);
        }
    }

    /** Two strokes from {@code tip}, back towards {@code from}. */
    private static void arrowHead(double[] tip, double[] from, double sw, StringBuilder d) {
        double ang = Math.atan2(tip[1] - from[1], tip[0] - from[0]);
        double len = 10 + sw * 3;
        for (double side : new double[] {-0.5, 0.5}) {
            double x = tip[0] - len * Math.cos(ang + side);
            double y = tip[1] - len * Math.sin(ang + side);
            d.append(" M").append(num(tip[0])).append(' ').append(num(tip[1]));
            d.append(" L").append(num(x)).append(' ').append(num(y));
        }
    }

    private static void path(Shape sh, HtmlWriter w) {
        List<double[]> pts = sh.points();
        if (pts.isEmpty()) {
            return;
        }
        boolean hl = sh.type().equals("highlighter");
        StringBuilder d = new StringBuilder();
        for (int i = 0; i < pts.size(); i++) {
            d.append(i == 0 ? "M" : " L")
                    .append(num(pts.get(i)[0]))
                    .append(' ')
                    .append(num(pts.get(i)[1]));
        }
        if (pts.size() == 1) {
            d.append(" l0.01 0");
        }
        double sw = Math.max(1, Math.min(200, sh.number("strokeWidth", hl ? 20 : 2)));
        w.emptyTag(
                "path",
                "d",
                d.toString(),
                "fill",
                "none",
                "stroke-width",
                num(sw),
                "stroke-linecap",
                "round",
                "stroke-linejoin",
                "round",
                "stroke-opacity",
                hl ? "0.45" : null,
                "class",
                "wb-stroke " + colour("wb-stroke-", sh.string("stroke")),
                "stroke",
                hex(sh.string("stroke")));
    }

    private static void image(
            Shape sh, Whiteboard wb, double[] size, RenderSession s, HtmlWriter w) {
        String id = sh.string("assetId");
        String src = id == null ? null : wb.assets().get(id);
        String url = imageUrl(src, s);
        if (url == null) {
            WhiteboardCards.missing("image not shown", size, w);
            return;
        }
        w.emptyTag(
                "image",
                "href",
                url,
                "width",
                num(size[0]),
                "height",
                num(size[1]),
                "preserveAspectRatio",
                "none");
    }

    /** A graph asset's URL (so it is published), or an http(s) URL; anything else is null. */
    static String imageUrl(String src, RenderSession s) {
        if (src == null) {
            return null;
        }
        String path = AssetPaths.assetPath(src);
        if (path != null) {
            Optional<String> url = s.links.assetUrl(path);
            return url.filter(HtmlPolicy::isSafeUrl).orElse(null);
        }
        return httpUrl(src);
    }

    /** {@code url} when it is an absolute http(s) URL without spaces or controls, else null. */
    static String httpUrl(String url) {
        if (url == null) {
            return null;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("https://") || lower.startsWith("http://"))) {
            return null;
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '"' || c == '<' || c == '>' || c == '\\') {
                return null;
            }
        }
        return url.length() > 2000 ? null : url;
    }

    private static String kind(String type) {
        return switch (type) {
            case "box",
                    "ellipse",
                    "text",
                    "line",
                    "pencil",
                    "highlighter",
                    "image",
                    "logseq-portal",
                    "group" ->
                    type;
            default -> "embed";
        };
    }

    /** The classes of a filled shape's stroke and fill. */
    private static String paint(Shape sh) {
        String fill = sh.flag("noFill") ? "wb-nofill" : colour("wb-fill-", sh.string("fill"));
        return colour("wb-stroke-", sh.string("stroke")) + " " + fill;
    }

    /** A class for one of Logseq's colour names (the default for anything else). */
    static String colour(String prefix, String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (n.equals("grey")) {
            n = "gray";
        }
        return prefix + (NAMED.contains(n) ? n : "default");
    }

    /** A hex colour as written, or null (the class gives the colour). */
    static String hex(String c) {
        return c != null && HEX.matcher(c.strip()).matches() ? c.strip() : null;
    }

    private static String dashed(Shape sh) {
        return "dashed".equals(sh.string("strokeType")) ? "8 4" : null;
    }

    static double[] point(Shape sh) {
        double[] p = sh.pair("point", 0);
        return new double[] {clamp(p[0]), clamp(p[1])};
    }

    static double[] size(Shape sh) {
        double[] z = sh.pair("size", 100);
        return new double[] {Math.max(1, clamp(z[0])), Math.max(1, clamp(z[1]))};
    }

    private static double clamp(double v) {
        return Math.max(-LIMIT, Math.min(LIMIT, v));
    }

    /** A number as SVG writes it: at most two decimals. */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "0";
        }
        double r = Math.round(v * 100) / 100.0;
        if (r == Math.rint(r)) {
            return Long.toString((long) r);
        }
        return Double.toString(r);
    }

    /** Whether the page a portal names is published (the link says so), and its name. */
    static Optional<Page> publishedPage(String name, RenderSession s) {
        if (s.links.pageUrl(name).isEmpty()) {
            return Optional.empty();
        }
        return s.context.page(name).filter(Page::published);
    }

    /** The published block with {@code id}, or empty. */
    static Optional<Graph.BlockLocation> publishedBlock(String id, RenderSession s) {
        if (s.links.blockUrl(id).isEmpty()) {
            return Optional.empty();
        }
        return s.context.block(id).filter(l -> l.page().published());
    }
}
