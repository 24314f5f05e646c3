package dev.draehi.site.internal;

import dev.draehi.model.Node;
import dev.draehi.model.NodeMetadata.Attributes;
import dev.draehi.model.Workspace;
import dev.draehi.site.SiteResponse;
import dev.draehi.store.NodeRepository;
import dev.draehi.store.Storage;
import dev.draehi.web.Html;
import dev.draehi.web.HtmlWriter;
import dev.draehi.web.SiteUrls;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A page's unlinked references, as Logseq shows them under a collapsed heading: the blocks of other
 * pages that mention its title (or an alias) as plain text, whole words, any case, and do not link
 * to it. Found with the store's word index ({@link NodeRepository#search}): one indexed query per
 * name, never a scan of the workspace's blocks, and only when a reader opens the section: a page
 * view writes the section closed and empty.
 */
final class UnlinkedReferences {
    /** How many mentioning blocks a page shows; it counts the rest. */
    static final int MAX_SHOWN = 40;

    /** The most nodes a name's search reads: a common word costs a bounded read. */
    private static final int MAX_READ = 500;

    private final Storage storage;
    private final Layout layout;
    private final NotFoundPage notFound;

    /**
     * @param notFound what {@link #render} answers for a path with no page; may be null if unused
     */
    UnlinkedReferences(Storage storage, Layout layout, NotFoundPage notFound) {
        this.storage = storage;
        this.layout = layout;
        this.notFound = notFound;
    }

    /**
     * The unlinked references of the page at {@code path}, as the fragment its section shows: one
     * word-index query per name of the page and one for the paths of the pages they are on. A page
     * with none answers 404 with a line that says so (a static export writes no file for it).
     */
    SiteResponse render(Workspace ws, String path) {
        NodeRepository nodes = storage.nodes();
        Node page = path.isEmpty() ? null : nodes.findByPath(ws.id(), path).orElse(null);
        if (page == null || !page.isPage()) {
            return notFound.render(ws);
        }
        List<Node> blocks = find(ws, page);
        if (blocks.isEmpty()) {
            return new SiteResponse(
                    404,
                    "text/html; charset=utf-8",
                    "<p class=\"empty-references\">No unlinked references.</p>\n"
                            .getBytes(StandardCharsets.UTF_8),
                    Map.of("X-Robots-Tag", "noindex"));
        }
        Map<String, String> paths = new HashMap<>();
        nodes.findPages(ws.id(), pageNames(blocks))
                .forEach(
                        (name, p) ->
                                p.metadata()
                                        .attribute(Attributes.PATH)
                                        .ifPresent(at -> paths.put(name, at)));
        HtmlWriter w = new HtmlWriter(4096);
        write(ws, blocks, paths, w);
        return new SiteResponse(
                200,
                "text/html; charset=utf-8",
                w.toString().getBytes(StandardCharsets.UTF_8),
                Map.of("X-Robots-Tag", "noindex"));
    }

    /** The names a page is mentioned by: its title and its aliases. */
    private static Set<String> names(Node page) {
        Set<String> names = new LinkedHashSet<>();
        names.add(page.title());
        String alias = page.metadata().properties().get("alias");
        if (alias != null) {
            for (String a : alias.split(",")) {
                String name = a.strip().replaceAll("^#?\\[\\[|\\]\\]$", "").replaceFirst("^#", "");
                if (!name.isBlank()) {
                    names.add(name.strip());
                }
            }
        }
        return names;
    }

    /**
     * The uuids of the pages of {@code ws} that {@link #render} may find unlinked references for,
     * never fewer: one read of every page's blocks, each block's words matched against every page's
     * names at once, with the tests of {@link #find} (another page's block, its text outside links
     * and code, no link to the page). A static export asks for the fragments of these pages only,
     * instead of a word-index query or more for each page.
     */
    Set<String> mentioned(Workspace ws) {
        // the pages by the words of each of their names, and how many words names have
        Map<List<String>, List<Node>> byPhrase = new HashMap<>();
        java.util.TreeSet<Integer> lengths = new java.util.TreeSet<>();
        for (Node p : storage.nodes().pages(ws.id())) {
            for (String name : names(p)) {
                List<String> phrase = words(name);
                if (!phrase.isEmpty()) {
                    byPhrase.computeIfAbsent(phrase, k -> new ArrayList<>(1)).add(p);
                    lengths.add(phrase.size());
                }
            }
        }
        // a phrase can start only at one of these words: the rest of a block's words are passed
        Set<String> firsts = new HashSet<>();
        byPhrase.keySet().forEach(phrase -> firsts.add(phrase.get(0)));
        Set<String> found = new HashSet<>();
        Map<String, List<String>> marks = new HashMap<>();
        storage.nodes()
                .forEachPage(
                        ws.id(),
                        (on, blocks) -> {
                            for (Node b : blocks) {
                                List<String> text = mentionWords(b.html());
                                String lower = null;
                                for (int i = 0; i < text.size(); i++) {
                                    if (!firsts.contains(text.get(i))) {
                                        continue;
                                    }
                                    for (int length : lengths) {
                                        if (i + length > text.size()) {
                                            break;
                                        }
                                        List<Node> named =
                                                byPhrase.get(text.subList(i, i + length));
                                        if (named == null) {
                                            continue;
                                        }
                                        for (Node target : named) {
                                            if (found.contains(target.uuid())
                                                    || target.pageName().equals(on.pageName())) {
                                                continue;
                                            }
                                            if (lower == null) {
                                                lower = b.html().toLowerCase(Locale.ROOT);
                                            }
                                            List<String> m =
                                                    marks.computeIfAbsent(
                                                            target.uuid(),
                                                            k -> linkMarks(names(target)));
                                            if (!links(lower, m)) {
                                                found.add(target.uuid());
                                            }
                                        }
                                    }
                                }
                            }
                        });
        return found;
    }

    /** The blocks that mention {@code page} without linking to it, in page-name order. */
    List<Node> find(Workspace ws, Node page) {
        Set<String> names = names(page);
        Map<String, Node> found = new LinkedHashMap<>();
        List<List<String>> phrases = new ArrayList<>();
        for (String name : names) {
            List<String> phrase = words(name);
            if (!phrase.isEmpty()) {
                phrases.add(phrase);
            }
        }
        List<String> linkMarks = linkMarks(names);
        for (List<String> phrase : phrases) {
            for (Node n : storage.nodes().search(ws.id(), String.join(" ", phrase), MAX_READ)) {
                if (n.isPage()
                        || n.pageName().equals(page.pageName())
                        || found.containsKey(n.uuid())) {
                    continue;
                }
                String lower = n.html() == null ? null : n.html().toLowerCase(Locale.ROOT);
                if (!links(lower, linkMarks) && mentions(n.html(), phrases)) {
                    found.put(n.uuid(), n);
                }
            }
        }
        List<Node> out = new ArrayList<>(found.values());
        if (phrases.size() > 1) {
            out.sort(Comparator.comparing(Node::pageName).thenComparingInt(Node::order));
        }
        return out;
    }

    /** The URL path of the unlinked references of the page at {@code path}. */
    static String url(String workspace, String path) {
        return SiteUrls.siteFile(workspace, "unlinked/" + path + ".html");
    }

    /**
     * The collapsed section of a page's unlinked references, empty until a reader opens it: then
     * {@code unlinked.js} fills it from {@link #url}, so that a page view looks nothing up. Without
     * script it says that it needs one (a page with none has no fragment in a static export, so a
     * link to it could be broken).
     */
    void section(Workspace ws, String path, HtmlWriter out) {
        String src = layout.url(url(ws.slug(), path));
        out.tag("section", "class", "unlinked-references", "data-src", src)
                .tag("details")
                .tag("summary")
                .element("h2", "Unlinked references")
                .end("summary")
                .line()
                .tag("div", "class", "unlinked-body")
                .tag("noscript")
                .text("Unlinked references are looked up by script.")
                .end("noscript")
                .end("div")
                .end("details")
                .end("section")
                .line();
    }

    /** The list of {@code blocks} a section shows when opened: grouped by page, the count first. */
    void write(Workspace ws, List<Node> blocks, Map<String, String> paths, HtmlWriter out) {
        int count = blocks.size();
        out.tag("p", "class", "unlinked-count")
                .text(count)
                .text(count == 1 ? " unlinked reference" : " unlinked references")
                .end("p")
                .line();
        String group = null;
        int shown = 0;
        for (Node b : blocks) {
            if (shown == MAX_SHOWN) {
                break;
            }
            if (!b.pageName().equals(group)) {
                if (group != null) {
                    out.end("ul").end("div").line();
                }
                group = b.pageName();
                String path = paths.get(group);
                out.tag("div", "class", "reference-group").tag("h3");
                if (path != null) {
                    out.tag("a", "href", layout.url(SiteUrls.page(ws.slug(), path)))
                            .text(group)
                            .end("a");
                } else {
                    out.text(group);
                }
                out.end("h3").tag("ul", "class", "blocks").line();
            }
            String path = paths.get(group);
            String id = b.metadata().attribute(Attributes.BLOCK_ID).orElse(b.uuid());
            out.tag("li", "class", "block")
                    .tag("div", "class", "block-content")
                    .raw(layout.relink(b.html()));
            if (path != null) {
                out.text(" ")
                        .tag(
                                "a",
                                "class",
                                "block-context",
                                "href",
                                layout.url(SiteUrls.page(ws.slug(), path) + "#" + id),
                                "aria-label",
                                "Open in context")
                        .charRef(0x2197)
                        .end("a");
            }
            out.end("div").end("li").line();
            shown++;
        }
        out.end("ul").end("div").line();
        if (count > shown) {
            out.tag("p", "class", "more")
                    .charRef(0x2026)
                    .text(" and ")
                    .text(count - shown)
                    .text(" more")
                    .end("p")
                    .line();
        }
    }

    /** The page names of {@code blocks}, each once, in order. */
    static List<String> pageNames(List<Node> blocks) {
        Set<String> names = new LinkedHashSet<>();
        int shown = 0;
        for (Node b : blocks) {
            if (shown++ == MAX_SHOWN) {
                break;
            }
            names.add(b.pageName());
        }
        return new ArrayList<>(names);
    }

    /** Whether stored HTML links to one of {@code names} ({@code data-page} or a tag's). */
    static boolean links(String html, Set<String> names) {
        return links(html == null ? null : html.toLowerCase(Locale.ROOT), linkMarks(names));
    }

    /** The attributes, lower-cased, of a link to one of {@code names}. */
    private static List<String> linkMarks(Set<String> names) {
        List<String> marks = new ArrayList<>(names.size() * 2);
        for (String name : names) {
            String n = Html.escape(name).toLowerCase(Locale.ROOT);
            marks.add("data-page=\"" + n + "\"");
            marks.add("data-tag=\"" + n + "\"");
        }
        return marks;
    }

    private static boolean links(String lowerHtml, List<String> linkMarks) {
        if (lowerHtml == null) {
            return false;
        }
        for (String mark : linkMarks) {
            if (lowerHtml.contains(mark)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the text of {@code html} outside its links holds one of {@code phrases}. */
    static boolean mentions(String html, List<List<String>> phrases) {
        List<String> text = mentionWords(html);
        for (List<String> phrase : phrases) {
            if (java.util.Collections.indexOfSubList(text, phrase) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The elements whose text is no plain mention: links (they name their target) and code. */
    private static final List<String> SKIPPED = List.of("a", "code", "pre");

    /**
     * The {@link #words} a mention is looked for in: those of {@code html}'s text outside its links
     * and code, its character references decoded (those {@link Text#plain} decodes). One pass over
     * {@code html}, as every block of a workspace goes through it once per export.
     */
    static List<String> mentionWords(String html) {
        List<String> out = new ArrayList<>();
        if (html == null) {
            return out;
        }
        StringBuilder w = new StringBuilder();
        int depth = 0;
        int n = html.length();
        int i = 0;
        while (i < n) {
            char c = html.charAt(i);
            if (c == '<') {
                // a tag ends a word; the text inside a skipped element is passed
                depth = Math.max(0, depth + skipped(html, i));
                int close = html.indexOf('>', i);
                i = close < 0 ? n : close + 1;
                word(w, out);
                continue;
            }
            if (depth > 0) {
                i++;
                continue;
            }
            int cp;
            int length;
            int named = c == '&' ? Text.namedReference(html, i) : 0;
            long numeric = c == '&' && named == 0 ? Text.numericReference(html, i) : -1;
            if (named > 0) {
                // &lt; &gt; &quot; &#39; &amp;: no letter, so a word's end
                cp = ' ';
                length = named;
            } else if (numeric >= 0) {
                cp = (int) (numeric >>> 8);
                length = (int) (numeric & 0xFF);
            } else {
                cp = html.codePointAt(i);
                length = Character.charCount(cp);
            }
            if (isWordChar(cp)) {
                w.appendCodePoint(Character.toLowerCase(cp));
            } else {
                word(w, out);
            }
            i += length;
        }
        word(w, out);
        return out;
    }

    private static void word(StringBuilder w, List<String> out) {
        if (w.length() > 0) {
            out.add(w.toString());
            w.setLength(0);
        }
    }

    /** 1 when a skipped element opens at {@code i}, -1 when one closes there, else 0. */
    private static int skipped(String html, int i) {
        boolean closing = html.startsWith("</", i);
        int at = i + (closing ? 2 : 1);
        for (String name : SKIPPED) {
            int end = at + name.length();
            if (html.regionMatches(true, at, name, 0, name.length())
                    && end < html.length()
                    && (html.charAt(end) == '>' || html.charAt(end) == ' ')) {
                return closing ? -1 : 1;
            }
        }
        return 0;
    }

    private static boolean isWordChar(int cp) {
        return Character.isLetterOrDigit(cp)
                || Character.getType(cp) == Character.NON_SPACING_MARK
                || Character.getType(cp) == Character.COMBINING_SPACING_MARK;
    }

    /** The words of {@code text} in order, lower-cased: runs of letters, digits and marks. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        for (int i = 0; i <= text.length(); ) {
            int cp = i < text.length() ? text.codePointAt(i) : ' ';
            if (isWordChar(cp)) {
                w.appendCodePoint(Character.toLowerCase(cp));
            } else {
                word(w, out);
            }
            i += i < text.length() ? Character.charCount(cp) : 1;
        }
        return out;
    }
}
