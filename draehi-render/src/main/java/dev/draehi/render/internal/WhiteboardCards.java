package dev.draehi.render.internal;

import static dev.draehi.render.internal.WhiteboardSvg.num;

import dev.draehi.model.Block;
import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import dev.draehi.model.Whiteboard.Shape;
import dev.draehi.web.HtmlWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cards of a whiteboard: portals to a page or a block (a card with its name or text that links
 * to it; nothing of a page that is not published), and embeds of the web (a card with a link).
 */
final class WhiteboardCards {
    private static final double TITLE = 20;
    private static final double BODY = 16;

    private WhiteboardCards() {}

    static void portal(Shape sh, double[] size, RenderSession s, HtmlWriter w) {
        String target = sh.string("pageId");
        target = target == null ? "" : target.strip();
        boolean page = "P".equals(sh.string("blockType"));
        String url = null;
        String title;
        String body = null;
        if (page) {
            Optional<Page> p = WhiteboardSvg.publishedPage(target, s);
            if (p.isPresent()) {
                url = s.links.pageUrl(target).orElse(null);
                title = p.get().name();
                body = preview(p.get().blocks());
            } else {
                title = "A page that is not published";
            }
        } else {
            Optional<Graph.BlockLocation> b = WhiteboardSvg.publishedBlock(target, s);
            if (b.isPresent()) {
                url = s.links.blockUrl(target).orElse(null);
                title = b.get().page().name();
                body = plain(b.get().block().content());
            } else {
                title = "A block that is not published";
            }
        }
        url = url != null && HtmlPolicy.isSafeUrl(url) ? url : null;
        if (url != null) {
            w.tag("a", "href", url, "class", "wb-link");
        }
        w.emptyTag(
                "rect",
                "width",
                num(size[0]),
                "height",
                num(size[1]),
                "rx",
                "8",
                "class",
                "wb-card" + (page ? " wb-card-page" : " wb-card-block"));
        double y = 12;
        w.tag("text", "x", "12", "y", num(y), "font-size", num(TITLE), "class", "wb-card-title");
        for (String line : wrap(title, size[0], TITLE, 2)) {
            w.tag("tspan", "x", "12", "dy", "1em").text(line).end("tspan");
            y += TITLE * 1.2;
        }
        w.end("text");
        if (body != null && !body.isBlank()) {
            int max = (int) Math.max(0, (size[1] - y - 12) / (BODY * 1.3));
            List<String> lines = wrap(body, size[0], BODY, max);
            if (!lines.isEmpty()) {
                w.tag(
                        "text",
                        "x",
                        "12",
                        "y",
                        num(y + 8),
                        "font-size",
                        num(BODY),
                        "class",
                        "wb-card-body");
                for (String line : lines) {
                    w.tag("tspan", "x", "12", "dy", "1.3em").text(line).end("tspan");
                }
                w.end("text");
            }
        }
        if (url != null) {
            w.end("a");
        }
    }

    /** youtube, iframe, tweet, video, html …: a card with the kind and a link to the URL. */
    static void embed(Shape sh, double[] size, HtmlWriter w) {
        String url = WhiteboardSvg.httpUrl(sh.string("url"));
        if (url != null) {
            w.tag("a", "href", url, "class", "wb-link", "rel", "nofollow noopener");
        }
        missing(sh.type() + (url == null ? "" : ": " + url), size, w);
        if (url != null) {
            w.end("a");
        }
    }

    /** A dashed card saying what is not drawn. */
    static void missing(String what, double[] size, HtmlWriter w) {
        w.emptyTag(
                "rect",
                "width",
                num(size[0]),
                "height",
                num(size[1]),
                "rx",
                "8",
                "class",
                "wb-card wb-card-missing",
                "stroke-dasharray",
                "6 4");
        w.tag("text", "x", "12", "y", "12", "font-size", num(BODY), "class", "wb-card-body");
        for (String line : wrap(what, size[0], BODY, 3)) {
            w.tag("tspan", "x", "12", "dy", "1.3em").text(line).end("tspan");
        }
        w.end("text");
    }

    /** The text of a page's first blocks. */
    private static String preview(List<Block> blocks) {
        StringBuilder sb = new StringBuilder();
        for (Block b : Block.preOrder(blocks)) {
            if (sb.length() > 400) {
                break;
            }
            String t = plain(b.content());
            if (!t.isBlank()) {
                sb.append(sb.length() == 0 ? "" : " · ").append(t);
            }
        }
        return sb.toString();
    }

    /** Block content as plain text: no property lines, no ref brackets, one line. */
    static String plain(String content) {
        StringBuilder sb = new StringBuilder();
        for (String line : content.split("\n")) {
            if (line.matches("\\s*[A-Za-z0-9_.-]+::.*")) {
                continue;
            }
            sb.append(sb.length() == 0 ? "" : " ").append(line.strip());
            if (sb.length() > 600) {
                break;
            }
        }
        return sb.toString().replace("[[", "").replace("]]", "").replace("**", "").strip();
    }

    /** Words wrapped to the card's width, at most {@code max} lines (the last cut with …). */
    static List<String> wrap(String text, double width, double fontSize, int max) {
        int per = (int) Math.max(6, (width - 24) / (fontSize * 0.55));
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            if (out.size() >= max) {
                break;
            }
            while (word.length() > per) {
                if (line.length() > 0) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                out.add(word.substring(0, per));
                word = word.substring(per);
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > per) {
                out.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        if (line.length() > 0) {
            out.add(line.toString());
        }
        if (out.size() > max) {
            List<String> cut = new ArrayList<>(out.subList(0, max));
            if (max > 0) {
                cut.set(max - 1, cut.get(max - 1) + " …");
            }
            return cut;
        }
        return out;
    }
}
