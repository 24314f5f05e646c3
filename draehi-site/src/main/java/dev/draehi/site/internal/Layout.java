package dev.draehi.site.internal;

import dev.draehi.model.Workspace;
import dev.draehi.web.HtmlWriter;
import dev.draehi.web.SiteUrls;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The frame of every HTML page: head with title, description, canonical and Open Graph; header;
 * main.
 */
public final class Layout {
    /** The middle dot between a page's title and its workspace's name. */
    private static final int MIDDLE_DOT = 0xB7;

    private static final char ELLIPSIS = '\u2026';

    /** The default icon at the site's root, for every page of a graph without its own. */
    public static final String FAVICON = "/favicon.svg";

    /** The name of a workspace's own style sheet, the graph's {@code logseq/custom.css}. */
    public static final String CUSTOM_CSS = "custom.css";

    /**
     * What a workspace's graph brings to the frame of its pages.
     *
     * @param faviconAsset the path of the graph's own icon among its assets, or {@code null}
     * @param customCss whether the graph has a {@code logseq/custom.css}
     */
    public record Look(String faviconAsset, boolean customCss) {
        /** Nothing of the graph's own. */
        public static final Look NONE = new Look(null, false);

        /** Where a graph keeps its own style sheet, served as a file of the site's own. */
        public static final String GRAPH_CSS = "logseq/custom.css";

        /** The asset paths a graph's own icon may have; the first found wins. */
        public static final List<String> GRAPH_ICONS =
                List.of("assets/favicon.svg", "assets/favicon.png", "assets/favicon.ico");

        /** What a workspace's stored assets ({@code assetPaths}) bring to its pages. */
        public static Look of(List<String> assetPaths) {
            String icon = null;
            for (String candidate : GRAPH_ICONS) {
                if (assetPaths.contains(candidate)) {
                    icon = candidate;
                    break;
                }
            }
            return new Look(icon, assetPaths.contains(GRAPH_CSS));
        }
    }

    private static final Pattern ROOT_RELATIVE = Pattern.compile(" (href|src)=\"(/[^\"]*)\"");

    /**
     * A workspace served at the root of a host of its own (a custom domain), for one request.
     *
     * @param slug the workspace's slug
     * @param origin the host's origin, {@code https://notes.example}
     */
    public record Root(String slug, String origin) {}

    private final String siteName;
    private final String prefix;
    private final String absoluteBase;
    private final Function<Workspace, Look> looks;
    private WorkspaceFacts facts;
    private final ThreadLocal<Root> root = new ThreadLocal<>();

    /**
     * @param prefix the path prefix every root-relative URL gets ({@code ""} or {@code /notes})
     * @param absoluteBase scheme and host plus prefix for canonical URLs, or {@code ""}
     */
    public Layout(String siteName, String prefix, String absoluteBase) {
        this(siteName, prefix, absoluteBase, ws -> Look.NONE);
    }

    /**
     * @param looks what each workspace's graph brings to the frame (its icon, its style sheet)
     */
    public Layout(
            String siteName, String prefix, String absoluteBase, Function<Workspace, Look> looks) {
        this.siteName = siteName;
        this.prefix = prefix;
        this.absoluteBase = absoluteBase;
        this.looks = looks;
    }

    /** Whether {@link #absolute} gives absolute URLs: a base URL with a scheme was given. */
    public boolean hasAbsoluteBase() {
        return root.get() != null || absoluteBase.contains("://");
    }

    /** Where the sidebar reads a workspace's favorites and journals; set once, before use. */
    public void sidebar(WorkspaceFacts facts) {
        this.facts = facts;
    }

    /**
     * Runs {@code work} with the URLs of {@code r}'s workspace at the root of its own host: what
     * this thread's {@link #url} and {@link #absolute} give meanwhile. {@code null}: the main host.
     */
    public <T> T at(Root r, Supplier<T> work) {
        Root before = root.get();
        root.set(r);
        try {
            return work.get();
        } finally {
            root.set(before);
        }
    }

    /** The host this thread's URLs are for: {@code ""} for the main one, else its origin. */
    public String hostKey() {
        Root r = root.get();
        return r == null ? "" : r.origin();
    }

    /**
     * A link to a root-relative URL: with the prefix on the main host; on a workspace's own host,
     * its pages from that host's root and everything else absolute on the main host.
     */
    public String url(String rootRelative) {
        Root r = root.get();
        if (r == null) {
            return prefix + rootRelative;
        }
        String own = own(r, rootRelative);
        return own != null ? own : mainBase() + rootRelative;
    }

    /** The absolute URL of a root-relative one, when a base URL is known; else as {@link #url}. */
    public String absolute(String rootRelative) {
        Root r = root.get();
        String own = r == null ? null : own(r, rootRelative);
        return own != null ? r.origin() + own : mainBase() + rootRelative;
    }

    /** The path of a workspace's URL on its own host ({@code /ada/x} is {@code /x}), or null. */
    private static String own(Root r, String rootRelative) {
        String home = SiteUrls.home(r.slug());
        if (rootRelative.startsWith(home)) {
            return "/" + rootRelative.substring(home.length());
        }
        return rootRelative.equals("/" + r.slug()) ? "/" : null;
    }

    private String mainBase() {
        return absoluteBase.isEmpty() ? prefix : absoluteBase;
    }

    /** The root-relative links of stored HTML ({@code href} and {@code src}) as {@link #url}. */
    public String relink(String html) {
        if (html == null || (prefix.isEmpty() && root.get() == null)) {
            return html;
        }
        Matcher m = ROOT_RELATIVE.matcher(html);
        StringBuilder out = new StringBuilder(html.length() + 64);
        while (m.find()) {
            String target = m.group(2);
            String link = target.startsWith("//") ? target : url(target);
            m.appendReplacement(
                    out, Matcher.quoteReplacement(" " + m.group(1) + "=\"" + link + "\""));
        }
        return m.appendTail(out).toString();
    }

    /**
     * A whole page.
     *
     * @param ws the workspace, or {@code null} for site-wide pages
     * @param canonical the page's root-relative canonical URL
     * @param main writes the content of {@code main}
     */
    public String page(
            Workspace ws,
            String title,
            String description,
            String canonical,
            Consumer<HtmlWriter> main) {
        return page(ws, true, title, description, canonical, main);
    }

    /**
     * A whole page.
     *
     * @param ws the workspace, or {@code null} for site-wide pages
     * @param journals whether the navigation links to the journals
     * @param canonical the page's root-relative canonical URL
     * @param main writes the content of {@code main}
     */
    public String page(
            Workspace ws,
            boolean journals,
            String title,
            String description,
            String canonical,
            Consumer<HtmlWriter> main) {
        return page(ws, journals, title, description, canonical, null, main);
    }

    /**
     * A whole page, whose sidebar shows the namespace of {@code current}.
     *
     * @param current the page shown, or {@code null} for site pages
     */
    public String page(
            Workspace ws,
            boolean journals,
            String title,
            String description,
            String canonical,
            dev.draehi.model.Node current,
            Consumer<HtmlWriter> main) {
        String wsName = ws == null ? siteName : ws.name();
        // The content first: the head links the math and code files only when it has math or code.
        HtmlWriter content = new HtmlWriter(16 * 1024);
        main.accept(content);
        String mainHtml = content.toString();
        // Sized for a typical page, so it seldom grows; our own markup is ASCII (entities for the
        // rest), so that a page of Latin-1 text stays one byte a character.
        HtmlWriter w = new HtmlWriter(20 * 1024);
        w.raw("<!DOCTYPE html>\n").tag("html", "lang", "en").line().tag("head").line();
        w.tag("meta", "charset", "utf-8").line();
        w.tag("meta", "name", "viewport", "content", "width=device-width, initial-scale=1").line();
        w.tag("meta", "name", "color-scheme", "content", "light dark").line();
        Look look = ws == null ? Look.NONE : looks.apply(ws);
        // Before anything is drawn: the reader's saved choice of light or dark (no flash).
        w.tag("script", "src", url(staticFile(ws, "theme.js"))).end("script").line();
        if (look.faviconAsset() != null) {
            w.tag(
                            "link",
                            "rel",
                            "icon",
                            "href",
                            url(SiteUrls.asset(ws.slug(), look.faviconAsset())))
                    .line();
        } else {
            // a workspace's own copy, so that a custom domain's pages link nothing of the main host
            String icon = ws == null ? FAVICON : SiteUrls.staticFile(ws.slug(), "favicon.svg");
            w.tag("link", "rel", "icon", "type", "image/svg+xml", "href", url(icon)).line();
        }
        w.tag("title").text(title);
        if (ws != null && !title.equals(wsName)) {
            w.raw(" ").charRef(MIDDLE_DOT).raw(" ").text(wsName);
        }
        w.end("title").line();
        w.raw("<meta name=\"description\" content=\"");
        description(w, description);
        w.raw("\">").line();
        w.tag("link", "rel", "canonical", "href", absolute(canonical)).line();
        w.tag("meta", "property", "og:title", "content", title).line();
        w.raw("<meta property=\"og:description\" content=\"");
        description(w, description);
        w.raw("\">").line();
        w.tag("meta", "property", "og:type", "content", "article").line();
        w.tag("meta", "property", "og:url", "content", absolute(canonical)).line();
        w.tag("meta", "property", "og:site_name", "content", wsName).line();
        if (ws != null) {
            w.tag(
                            "link",
                            "rel",
                            "stylesheet",
                            "href",
                            url(SiteUrls.staticFile(ws.slug(), "draehi.css")))
                    .line();
            w.tag(
                            "link",
                            "rel",
                            "alternate",
                            "type",
                            "application/atom+xml",
                            "title",
                            wsName,
                            "href",
                            url(SiteUrls.feed(ws.slug())))
                    .line();
            features(ws, mainHtml, w);
            if (look.customCss()) {
                // the graph's own, after the site's: it wins, as in Logseq
                w.tag(
                                "link",
                                "rel",
                                "stylesheet",
                                "href",
                                url(SiteUrls.siteFile(ws.slug(), CUSTOM_CSS)))
                        .line();
            }
        } else {
            w.tag("link", "rel", "stylesheet", "href", url(SiteUrls.rootStatic("draehi.css")))
                    .line();
        }
        w.end("head").line();
        if (ws != null) {
            w.tag("body", "class", "has-sidebar").line();
        } else {
            w.tag("body").line();
        }
        w.tag("a", "class", "skip-link", "href", "#content")
                .text("Skip to content")
                .end("a")
                .line();
        w.tag("header", "class", "site-header").line();
        if (ws != null) {
            sidebarToggle(w);
            w.tag("a", "class", "site-name", "href", url(SiteUrls.home(ws.slug())))
                    .text(wsName)
                    .end("a")
                    .line();
            w.tag("nav", "class", "site-nav");
            w.tag("a", "href", url(SiteUrls.allPages(ws.slug()))).text("All pages").end("a");
            w.text(" ");
            if (journals) {
                w.tag("a", "href", url(SiteUrls.journals(ws.slug(), 1)))
                        .text("Journals")
                        .end("a")
                        .text(" ");
            }
            w.tag("a", "class", "nav-search", "href", url(SiteUrls.search(ws.slug())))
                    .text("Search")
                    .end("a");
            w.end("nav").line();
            searchBox(w, ws);
        } else {
            w.tag("a", "class", "site-name", "href", url(SiteUrls.ROOT))
                    .text(siteName)
                    .end("a")
                    .line();
        }
        themeToggle(w);
        w.end("header").line();
        w.tag("main", "class", "content", "id", "content", "tabindex", "-1").line();
        w.raw(mainHtml);
        w.line().end("main").line();
        if (ws != null) {
            Sidebar.write(this, facts, w, ws, journals, current);
        }
        w.element("footer", "Published with draehi", "class", "site-footer").line();
        if (ws != null) {
            w.tag("script", "src", url(SiteUrls.staticFile(ws.slug(), "search.js")), "defer", true)
                    .end("script")
                    .line();
            script(ws, SiteFiles.SIDEBAR_JS, w);
        }
        w.end("body").line().end("html").line();
        return w.toString();
    }

    /** A built-in file of a workspace, or of the root for site-wide pages. */
    private static String staticFile(Workspace ws, String name) {
        return ws == null ? SiteUrls.rootStatic(name) : SiteUrls.staticFile(ws.slug(), name);
    }

    /**
     * The light/dark switch: hidden until {@code theme.js} shows it (without script, the page
     * follows the system setting).
     */
    private static void themeToggle(HtmlWriter w) {
        w.tag(
                        "button",
                        "type",
                        "button",
                        "class",
                        "theme-toggle",
                        "aria-label",
                        "Dark mode",
                        "aria-pressed",
                        "false",
                        "title",
                        "Dark mode",
                        "hidden",
                        true)
                .charRef(0x25D0)
                .end("button")
                .line();
    }

    /**
     * The header's button that opens and closes the sidebar; {@code sidebar.js} shows it, so that a
     * reader without script never sees a button that does nothing.
     */
    private static void sidebarToggle(HtmlWriter w) {
        w.tag(
                        "button",
                        "type",
                        "button",
                        "class",
                        "sidebar-toggle",
                        "aria-controls",
                        "sidebar",
                        "aria-expanded",
                        "false",
                        "aria-label",
                        "Sidebar",
                        "hidden",
                        true)
                .charRef(0x2630)
                .end("button")
                .line();
    }

    /**
     * The style sheets and scripts of a page's math (KaTeX with mhchem) and code blocks
     * (highlight.js, a language label and a copy button) and whiteboards (pan and zoom), linked
     * only when the page has them.
     */
    private void features(Workspace ws, String mainHtml, HtmlWriter w) {
        int found = PageFeatures.of(mainHtml);
        if (PageFeatures.has(found, PageFeatures.MATH)) {
            stylesheet(ws, SiteFiles.KATEX_CSS, w);
            script(ws, SiteFiles.KATEX_JS, w);
            script(ws, SiteFiles.MHCHEM_JS, w);
            script(ws, SiteFiles.MATH_JS, w);
        }
        if (PageFeatures.has(found, PageFeatures.REFERENCES)) {
            w.tag(
                            "script",
                            "src",
                            url(SiteUrls.staticFile(ws.slug(), SiteFiles.PREVIEW_JS)),
                            "defer",
                            true,
                            "data-base",
                            url(SiteUrls.home(ws.slug())))
                    .end("script")
                    .line();
        }
        if (PageFeatures.has(found, PageFeatures.GRAPH)) {
            script(ws, SiteFiles.GRAPH_JS, w);
        }
        if (PageFeatures.has(found, PageFeatures.UNLINKED)) {
            script(ws, SiteFiles.UNLINKED_JS, w);
        }
        if (PageFeatures.has(found, PageFeatures.CODE)) {
            stylesheet(ws, SiteFiles.CODE_CSS, w);
            script(ws, SiteFiles.HIGHLIGHT_JS, w);
            script(ws, SiteFiles.CODE_JS, w);
        }
        if (PageFeatures.has(found, PageFeatures.CLOZE)) {
            script(ws, SiteFiles.CLOZE_JS, w);
        }
        if (PageFeatures.has(found, PageFeatures.WHITEBOARD)) {
            stylesheet(ws, SiteFiles.WHITEBOARD_CSS, w);
            script(ws, SiteFiles.WHITEBOARD_JS, w);
        }
    }

    private void stylesheet(Workspace ws, String name, HtmlWriter w) {
        w.tag("link", "rel", "stylesheet", "href", url(SiteUrls.staticFile(ws.slug(), name)))
                .line();
    }

    private void script(Workspace ws, String name, HtmlWriter w) {
        // Deferred scripts run in document order, after the page is parsed.
        w.tag("script", "defer", true, "src", url(SiteUrls.staticFile(ws.slug(), name)))
                .end("script")
                .line();
    }

    /**
     * The header's search box: a form to the search page (that works without script) that {@code
     * search.js} turns into results as one types, from the index parts under {@code data-parts}.
     */
    private void searchBox(HtmlWriter w, Workspace ws) {
        w.tag(
                "form",
                "class",
                "site-search",
                "role",
                "search",
                "action",
                url(SiteUrls.search(ws.slug())),
                "method",
                "get",
                "data-index",
                url(SiteUrls.searchIndex(ws.slug())),
                "data-parts",
                url(SiteUrls.siteFile(ws.slug(), "search/")));
        w.tag(
                "input",
                "type",
                "search",
                "name",
                "q",
                "placeholder",
                "Search (/)",
                "aria-label",
                "Search",
                "autocomplete",
                "off");
        w.end("form").line();
    }

    /**
     * A page's description as an attribute value, the ellipsis of an abbreviated one as an entity
     * (the frame's own characters beyond ASCII are entities: an ASCII page then encodes as it is).
     */
    private static void description(HtmlWriter w, String description) {
        int from = 0;
        for (int i = description.indexOf(ELLIPSIS);
                i >= 0;
                i = description.indexOf(ELLIPSIS, from)) {
            w.text(description.substring(from, i)).charRef(ELLIPSIS);
            from = i + 1;
        }
        w.text(description.substring(from));
    }
}
