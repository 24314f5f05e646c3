package dev.draehi.site.internal;

import dev.draehi.web.SiteUrls;

/**
 * What a request's decoded path asks for, parsed once: the URL layout of {@link SiteUrls} read
 * back. A path at the root is one of the root's routes; any other names a workspace by its first
 * segment, and {@link #inWorkspace} parses the rest.
 */
public sealed interface Route {
    /** {@code /}: the list of workspaces, or a redirect to the only one. */
    record Root() implements Route {}

    /** {@code /sitemap.xml}. */
    record Sitemap() implements Route {}

    /** {@code /robots.txt}. */
    record Robots() implements Route {}

    /** {@code /-/static/{name}}: a built-in file at the root. */
    record RootStatic(String name) implements Route {}

    /** A path the root has nothing at ({@code /favicon.ico}). */
    record Nothing() implements Route {}

    /** {@code /{slug}/…}: below a workspace, to be parsed with {@link #inWorkspace}. */
    record Workspace(String slug, String sub) implements Route {}

    /** The home page, or the journals or the page list of a graph without one. */
    record Home() implements Route {}

    /** The page at {@code path}. */
    record Page(String path) implements Route {}

    /** The list of every page, in an order ({@code ""}, {@code blocks}, {@code updated}). */
    record AllPages(String order) implements Route {}

    /** Page {@code pageNo} of the journals, whose canonical URL's name is {@code name}. */
    record Journals(int pageNo, String name) implements Route {}

    /** The search page. */
    record Search() implements Route {}

    /** The search page's JSON index. */
    record SearchIndex() implements Route {}

    /** A part of the search index: a shard of words or a chunk of documents. */
    record SearchPart(String name) implements Route {}

    /** The Atom feed. */
    record Feed() implements Route {}

    /** A built-in file below a workspace. */
    record StaticFile(String name) implements Route {}

    /** The graph's own style sheet, its {@code logseq/custom.css}. */
    record CustomCss() implements Route {}

    /** An asset, by its path in the graph ({@code assets/…}). */
    record Asset(String path) implements Route {}

    /** The unlinked references of the page at {@code path}: {@code unlinked/{path}.html}. */
    record Unlinked(String path) implements Route {}

    /** The page of the whole graph: {@code graph}. */
    record GraphPage() implements Route {}

    /** The whole graph's pages and links as JSON: {@code graph.json}. */
    record GraphData() implements Route {}

    /** The local graph of the page at {@code path}, as JSON: {@code graph/{path}.json}. */
    record LocalGraph(String path) implements Route {}

    /** A path below a workspace where it has nothing. */
    record Missing() implements Route {}

    /** The route of a decoded path that starts with {@code /}. */
    static Route parse(String path) {
        switch (path) {
            case SiteUrls.ROOT:
            case "/index.html":
                return new Root();
            case SiteUrls.SITEMAP:
                return new Sitemap();
            case SiteUrls.ROBOTS:
                return new Robots();
            case "/favicon.ico":
                return new Nothing();
            case "/favicon.svg":
                return new RootStatic("favicon.svg");
            default:
                break;
        }
        String rootStatic = SiteUrls.rootStatic("");
        if (path.startsWith(rootStatic)) {
            return new RootStatic(path.substring(rootStatic.length()));
        }
        int slash = path.indexOf('/', 1);
        return slash < 0
                ? new Workspace(path.substring(1), "")
                : new Workspace(path.substring(1, slash), path.substring(slash + 1));
    }

    /** The route of {@code sub}, a path below a workspace (without the slug). */
    static Route inWorkspace(String sub) {
        if (sub.endsWith("/") && !sub.isEmpty()) {
            sub = sub.substring(0, sub.length() - 1);
        }
        if (sub.isEmpty() || sub.equals("index.html")) {
            return new Home();
        }
        if (sub.equals(SiteUrls.SITE_FILES)) {
            return new Missing();
        }
        if (!sub.startsWith(SiteUrls.SITE_FILES + "/")) {
            return new Page(sub);
        }
        String name = sub.substring(SiteUrls.SITE_FILES.length() + 1);
        switch (name) {
            case "all-pages":
                return new AllPages("");
            case "all-pages/blocks":
                return new AllPages("blocks");
            case "all-pages/updated":
                return new AllPages("updated");
            case "journals":
                return new Journals(1, name);
            case "search":
                return new Search();
            case "search-index.json":
                return new SearchIndex();
            case "feed.xml":
                return new Feed();
            case "custom.css":
                return new CustomCss();
            case "graph":
                return new GraphPage();
            case "graph.json":
                return new GraphData();
            default:
                break;
        }
        if (name.startsWith("unlinked/") && name.endsWith(".html") && name.length() > 14) {
            return new Unlinked(name.substring(9, name.length() - 5));
        }
        if (name.startsWith("graph/") && name.endsWith(".json") && name.length() > 11) {
            return new LocalGraph(name.substring(6, name.length() - 5));
        }
        if (name.startsWith("search/")) {
            return new SearchPart(name.substring("search/".length()));
        }
        if (name.startsWith("journals/")) {
            try {
                int n = Integer.parseInt(name.substring("journals/".length()));
                return n >= 1 ? new Journals(n, name) : new Missing();
            } catch (NumberFormatException e) {
                return new Missing();
            }
        }
        if (name.startsWith(SiteUrls.STATIC)) {
            return new StaticFile(name.substring(SiteUrls.STATIC.length()));
        }
        if (name.startsWith(SiteUrls.ASSETS)) {
            return new Asset(name);
        }
        return new Missing();
    }
}
