package dev.draehi.site;

import static dev.draehi.site.internal.Text.esc;

import dev.draehi.model.Deployment;
import dev.draehi.model.MediaTypes;
import dev.draehi.model.Node;
import dev.draehi.model.NodeMetadata.Attributes;
import dev.draehi.model.PageRoute;
import dev.draehi.model.Workspace;
import dev.draehi.site.internal.Gzip;
import dev.draehi.site.internal.Layout;
import dev.draehi.site.internal.PageView;
import dev.draehi.site.internal.ResponseCache;
import dev.draehi.site.internal.Text;
import dev.draehi.store.PageContent;
import dev.draehi.store.Storage;
import dev.draehi.store.WorkspaceContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The published website of every workspace in a {@link Storage}, as responses to URL paths. An HTTP
 * server and a static export are thin adapters over it and produce the same HTML; a host
 * application serves full pages from its own web framework with one call.
 *
 * <pre>{@code
 * Site site = Site.builder(storage).baseUrl("https://notes.example.com").build();
 * SiteResponse r = site.get("/ada/projects/draehi");
 * response.setStatus(r.status());
 * response.getOutputStream().write(r.body());
 * }</pre>
 *
 * <p>URL layout: {@code /{workspace}/{path}} pages, {@code /{workspace}/} the home page, site pages
 * under {@code /{workspace}/-/} ({@code all-pages}, {@code journals}, {@code search}, {@code
 * feed.xml}, {@code search-index.json}, {@code assets/…}, {@code static/…}), and {@code /}, {@code
 * /sitemap.xml}, {@code /robots.txt} at the root.
 */
public final class Site {
    private static final int JOURNALS_PER_PAGE = 10;
    private static final java.util.regex.Pattern RUNNABLE =
            java.util.regex.Pattern.compile(
                    "(?i)\\.(html?|xhtml|shtml|svgz?|m?js|xml|xsl|xslt|xht)$");
    private static final int MAX_CACHED_PATH = 1024;
    private static final int FEED_ENTRIES = 20;
    private static final int SEARCH_TEXT_CHARS = 2000;

    /** The default size of the response cache: 64 MiB. */
    public static final long DEFAULT_CACHE_BYTES = 64L << 20;

    private final Storage storage;
    private final String siteName;
    private final Layout layout;
    private final PageView pageView;
    private final AssetSource assets;
    private final ResponseCache<CacheKey, SiteResponse> cache;
    private final Map<Long, Facts> facts = new ConcurrentHashMap<>();

    /** The facts of the workspace the current request is for. */
    private final ThreadLocal<Facts> current = new ThreadLocal<>();

    private final long recheckNanos;
    private final Map<String, Trusted> trusted = new ConcurrentHashMap<>();

    /**
     * What a workspace's responses depend on besides the path: the workspace row and the deployment
     * that wrote its content. Responses are cached under it, and a new deployment or a renamed
     * workspace makes a new one.
     */
    private record Version(long workspaceId, Instant workspaceUpdatedAt, long deploymentId) {}

    private record CacheKey(Version version, String path) {}

    /** The version of a workspace (by slug) last read from the storage, and when. */
    private record Trusted(Version version, long readAt) {}

    /**
     * Per-version facts of a workspace: when its content was published, whether it has journals,
     * and its journals, newest first, read when first asked for (by a request whose snapshot is of
     * this version). {@code cacheable} is false while no deployment is recorded (content written
     * directly), whose changes a version cannot see.
     */
    private static final class Facts {
        private final Version version;
        private final Instant publishedAt;
        private final boolean journalsShown;
        private final boolean cacheable;
        private volatile List<Node> journals;

        Facts(Version version, Instant publishedAt, boolean journalsShown, boolean cacheable) {
            this.version = version;
            this.publishedAt = publishedAt;
            this.journalsShown = journalsShown;
            this.cacheable = cacheable;
        }

        Version version() {
            return version;
        }

        Instant publishedAt() {
            return publishedAt;
        }

        boolean cacheable() {
            return cacheable;
        }

        List<Node> journals(Storage storage) {
            List<Node> j = journals;
            if (j == null) {
                j =
                        journalsShown
                                ? List.copyOf(storage.nodes().journals(version.workspaceId()))
                                : List.of();
                journals = j;
            }
            return j;
        }
    }

    private Site(Builder b) {
        this.storage = b.storage;
        this.recheckNanos = b.recheckEvery.toNanos();
        this.cache =
                b.cacheBytes > 0 ? new ResponseCache<>(b.cacheBytes, Site::cachedWeight) : null;
        this.siteName = b.siteName;
        this.assets = b.assets;
        String prefix = "";
        String abs = "";
        if (!b.baseUrl.isEmpty()) {
            URI uri = URI.create(b.baseUrl);
            prefix = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
            abs = uri.getScheme() == null ? prefix : b.baseUrl.replaceAll("/+$", "");
        }
        this.layout = new Layout(siteName, prefix, abs);
        this.pageView = new PageView(storage, layout);
    }

    /** A builder over {@code storage}. */
    public static Builder builder(Storage storage) {
        return new Builder(storage);
    }

    /**
     * The response for a URL path (without the base URL's prefix; a query string is allowed for
     * search and journal pages).
     */
    public SiteResponse get(String requestPath) {
        return get(requestPath, false);
    }

    /**
     * The response for a URL path as {@link #get} gives it, but with a gzip-compressed body and a
     * {@code Content-Encoding: gzip} header when it is text of a kilobyte or more: what an HTTP
     * server sends a client whose {@code Accept-Encoding} names gzip. The cache keeps responses
     * compressed, so a cached response costs no compression here, and a plain {@link #get} of it
     * one inflation. Every text response that may be compressed carries {@code Vary:
     * Accept-Encoding}.
     */
    public SiteResponse getCompressed(String requestPath) {
        return get(requestPath, true);
    }

    private SiteResponse get(String requestPath, boolean gzip) {
        Objects.requireNonNull(requestPath, "requestPath");
        SiteResponse trustedHit = fromTrustedVersion(requestPath);
        if (trustedHit != null) {
            return deliver(trustedHit, gzip);
        }
        // One snapshot per response: a page's blocks, references and links all come from one sync.
        return deliver(storage.inSnapshot(s -> respond(requestPath, gzip)), gzip);
    }

    private static final String CONTENT_ENCODING = "Content-Encoding";

    /** {@code r} as the caller asked for it: compressed (when worth it) or plain. */
    private static SiteResponse deliver(SiteResponse r, boolean gzip) {
        boolean gzipped = "gzip".equals(r.headers().get(CONTENT_ENCODING));
        if (gzip == gzipped || (gzip && !r.compressible())) {
            return r;
        }
        Map<String, String> headers = new HashMap<>(r.headers());
        byte[] body;
        if (gzip) {
            body = Gzip.compress(r.body());
            headers.put(CONTENT_ENCODING, "gzip");
            headers.put("Vary", "Accept-Encoding");
        } else {
            body = Gzip.decompress(r.body());
            headers.remove(CONTENT_ENCODING);
        }
        return new SiteResponse(r.status(), r.contentType(), body, headers);
    }

    /**
     * Forgets which version of each workspace was read last, so that the next request reads it
     * again even within {@link Builder#recheckEvery}: call it after a sync in this process.
     */
    public void refresh() {
        trusted.clear();
    }

    /**
     * A cached response for a workspace page, without touching the storage, when the workspace's
     * version was read less than {@code recheckNanos} ago; else {@code null}.
     */
    private SiteResponse fromTrustedVersion(String requestPath) {
        if (recheckNanos <= 0 || cache == null) {
            return null;
        }
        Request r = Request.parse(requestPath);
        if (r == null || r.query() != null) {
            return null;
        }
        Trusted t = trusted.get(r.slug());
        if (t == null || System.nanoTime() - t.readAt() > recheckNanos) {
            return null;
        }
        return cache.get(new CacheKey(t.version(), r.sub()));
    }

    /**
     * A request's decoded path and its raw query (or {@code null}); below a workspace, the path's
     * first segment is the slug and the rest the page's path.
     */
    private record Request(String path, String query) {
        /** The request, or {@code null} when its path is not one a site has. */
        static Request parse(String requestPath) {
            int q = requestPath.indexOf('?');
            String path = decode(q >= 0 ? requestPath.substring(0, q) : requestPath);
            if (path == null || !path.startsWith("/") || path.contains("\0")) {
                return null;
            }
            return new Request(path, q >= 0 ? requestPath.substring(q + 1) : null);
        }

        String slug() {
            int slash = path.indexOf('/', 1);
            return slash < 0 ? path.substring(1) : path.substring(1, slash);
        }

        String sub() {
            int slash = path.indexOf('/', 1);
            return slash < 0 ? "" : path.substring(slash + 1);
        }
    }

    private SiteResponse respond(String requestPath, boolean gzip) {
        Request request = Request.parse(requestPath);
        if (request == null) {
            return notFound(null);
        }
        String path = request.path();
        String query = request.query();
        switch (path) {
            case "/":
            case "/index.html":
                return root();
            case "/sitemap.xml":
                return sitemap();
            case "/robots.txt":
                return SiteResponse.text(
                        200,
                        "text/plain; charset=utf-8",
                        "User-agent: *\nAllow: /\nSitemap: "
                                + layout.absolute("/sitemap.xml")
                                + "\n");
            case "/favicon.ico":
                return notFound(null);
            default:
                break;
        }
        if (path.startsWith("/-/static/")) {
            return staticFile(path.substring("/-/static/".length()));
        }
        String slug = request.slug();
        String sub = request.sub();
        Optional<Workspace> ws = storage.workspaces().findBySlug(slug);
        if (ws.isEmpty()) {
            return notFound(null);
        }
        Facts f = facts(ws.get());
        if (recheckNanos > 0 && f.cacheable()) {
            trusted.put(slug, new Trusted(f.version(), System.nanoTime()));
        }
        current.set(f);
        try {
            return cached(ws.get(), f, sub, query, gzip);
        } finally {
            current.remove();
        }
    }

    /**
     * The response from the cache when the workspace's version has one, else made and cached. Only
     * GETs without a query are cached; each carries an {@code ETag} and {@code Last-Modified} of
     * its version.
     */
    private SiteResponse cached(Workspace ws, Facts f, String sub, String query, boolean gzip) {
        // Long paths are not cached: the cache weighs responses, not keys, and a client could
        // otherwise fill it with 404s for unique paths of a few hundred kilobytes each.
        CacheKey key =
                cache != null && f.cacheable() && query == null && sub.length() <= MAX_CACHED_PATH
                        ? new CacheKey(f.version(), sub)
                        : null;
        if (key != null) {
            SiteResponse hit = cache.get(key);
            if (hit != null) {
                return hit;
            }
        }
        SiteResponse r = workspace(ws, sub, query);
        if (f.cacheable() && (r.status() == 200 || r.status() == 404)) {
            Map<String, String> headers = new HashMap<>(r.headers());
            Version v = f.version();
            headers.putIfAbsent(
                    "ETag",
                    "\""
                            + v.deploymentId()
                            + "-"
                            + Long.toHexString(v.workspaceUpdatedAt().toEpochMilli())
                            + "\"");
            headers.putIfAbsent(
                    "Last-Modified",
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(
                            f.publishedAt().atZone(ZoneOffset.UTC)));
            if (r.compressible()) {
                headers.put("Vary", "Accept-Encoding");
            }
            r = r.withHeaders(headers);
            if (key != null) {
                // kept compressed: a graph's pages take a fifth of the memory
                SiteResponse stored = deliver(r, true);
                cache.put(key, stored);
                return gzip ? stored : r;
            }
        }
        return r;
    }

    /** The workspace's facts at its current version, computed once per version. */
    private Facts facts(Workspace ws) {
        Facts here = current.get();
        if (here != null && here.version().workspaceId() == ws.id()) {
            return here;
        }
        Optional<Deployment> d = storage.deployments().latestSuccessful(ws.id());
        Version v = new Version(ws.id(), ws.updatedAt(), d.map(Deployment::id).orElse(0L));
        Facts f = facts.get(ws.id());
        if (f == null || !f.version().equals(v) || !f.cacheable()) {
            f =
                    new Facts(
                            v,
                            d.map(Deployment::deployedAt).orElse(ws.updatedAt()),
                            storage.nodes().hasJournals(ws.id()),
                            d.isPresent());
            facts.put(ws.id(), f);
        }
        return f;
    }

    /** Whether the workspace has journals to show (none when the graph turns them off). */
    private boolean journalsShown(Workspace ws) {
        return facts(ws).journalsShown;
    }

    /**
     * Every path a static export writes: the root pages, and for each workspace its home, every
     * page, the site pages and the assets its pages use.
     */
    public List<String> exportPaths() {
        List<String> out =
                new ArrayList<>(
                        List.of("/", "/sitemap.xml", "/robots.txt", "/-/static/draehi.css"));
        for (Workspace ws : storage.workspaces().list()) {
            String base = "/" + ws.slug() + "/";
            out.add(base);
            for (PageRoute r : storage.nodes().routes(ws.id())) {
                if (!r.path().isEmpty()) {
                    out.add(base + r.path());
                }
            }
            for (PageOrder o : PageOrder.values()) {
                out.add(base + "-/all-pages" + o.suffix);
            }
            out.add(base + "-/search");
            out.add(base + "-/search-index.json");
            out.add(base + "-/feed.xml");
            out.add(base + "-/static/draehi.css");
            out.add(base + "-/static/search.js");
            int journals = journals(ws).size();
            if (journals > 0) {
                out.add(base + "-/journals");
            }
            for (int p = 2; (p - 1) * JOURNALS_PER_PAGE < journals; p++) {
                out.add(base + "-/journals/" + p);
            }
        }
        return out;
    }

    private SiteResponse workspace(Workspace ws, String sub, String query) {
        if (sub.endsWith("/") && !sub.isEmpty()) {
            sub = sub.substring(0, sub.length() - 1);
        }
        if (sub.isEmpty() || sub.equals("index.html")) {
            PageContent home = pageView.read(ws, WorkspaceContent.HOME_PATH);
            if (home != null) {
                return SiteResponse.html(
                        pageView.render(ws, journalsShown(ws), home, "/" + ws.slug() + "/"));
            }
            return journalsShown(ws)
                    ? journalsPage(ws, 1, "/" + ws.slug() + "/")
                    : allPages(ws, PageOrder.NAME);
        }
        if (sub.equals("-") || sub.startsWith("-/")) {
            return sitePage(ws, sub.equals("-") ? "" : sub.substring(2), query);
        }
        PageContent page = pageView.read(ws, sub);
        if (page == null) {
            return notFound(ws);
        }
        return SiteResponse.html(
                pageView.render(ws, journalsShown(ws), page, PageView.pageUrl(ws, page.page())));
    }

    private SiteResponse sitePage(Workspace ws, String name, String query) {
        for (PageOrder o : PageOrder.values()) {
            if (name.equals("all-pages" + o.suffix)) {
                return allPages(ws, o);
            }
        }
        if (name.equals("journals")) {
            return journalsPage(ws, 1, "/" + ws.slug() + "/-/journals");
        }
        if (name.startsWith("journals/")) {
            try {
                int n = Integer.parseInt(name.substring("journals/".length()));
                if (n >= 1) {
                    return journalsPage(ws, n, "/" + ws.slug() + "/-/" + name);
                }
            } catch (NumberFormatException e) {
                return notFound(ws);
            }
            return notFound(ws);
        }
        if (name.equals("search")) {
            return searchPage(ws, queryParam(query, "q"));
        }
        if (name.equals("search-index.json")) {
            return SiteResponse.text(200, "application/json; charset=utf-8", searchIndex(ws));
        }
        if (name.equals("feed.xml")) {
            return feed(ws);
        }
        if (name.startsWith("static/")) {
            return staticFile(name.substring("static/".length()));
        }
        if (name.startsWith("assets/")) {
            return asset(ws, name);
        }
        return notFound(ws);
    }

    private SiteResponse root() {
        List<Workspace> all = storage.workspaces().list();
        if (all.size() == 1) {
            String target = layout.url("/" + all.get(0).slug() + "/");
            String html =
                    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                            + esc(all.get(0).name())
                            + "</title><meta http-equiv=\"refresh\" content=\"0; url="
                            + esc(target)
                            + "\"><link rel=\"canonical\" href=\""
                            + esc(layout.absolute("/" + all.get(0).slug() + "/"))
                            + "\"></head><body><p><a href=\""
                            + esc(target)
                            + "\">"
                            + esc(all.get(0).name())
                            + "</a></p></body></html>\n";
            return SiteResponse.html(html);
        }
        StringBuilder main =
                new StringBuilder("<h1>")
                        .append(esc(siteName))
                        .append("</h1>\n<ul class=\"workspaces\">\n");
        for (Workspace ws : all) {
            main.append("<li><a href=\"")
                    .append(esc(layout.url("/" + ws.slug() + "/")))
                    .append("\">")
                    .append(esc(ws.name()))
                    .append("</a></li>\n");
        }
        main.append("</ul>");
        return SiteResponse.html(
                layout.page(null, siteName, "Published Logseq graphs", "/", main.toString()));
    }

    /** The orders of the all-pages list: path suffix, column heading, comparator. */
    private enum PageOrder {
        NAME(
                "",
                "Page",
                Comparator.comparing((Node p) -> p.title().toLowerCase(java.util.Locale.ROOT))),
        BLOCKS("/blocks", "Blocks", Comparator.comparingLong(Site::blockCount).reversed()),
        UPDATED("/updated", "Updated", Comparator.comparing(Node::updatedAt).reversed());

        final String suffix;
        final String heading;
        final Comparator<Node> order;

        PageOrder(String suffix, String heading, Comparator<Node> order) {
            this.suffix = suffix;
            this.heading = heading;
            this.order = order.thenComparing(Node::pageName);
        }
    }

    private static long blockCount(Node page) {
        try {
            return Long.parseLong(page.metadata().attribute(Attributes.BLOCK_COUNT).orElse("0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Every page in a table, sorted by name, by block count or by last change (no script). */
    private SiteResponse allPages(Workspace ws, PageOrder order) {
        List<Node> pages = new ArrayList<>(storage.nodes().pages(ws.id()));
        pages.sort(order.order);
        String base = "/" + ws.slug() + "/-/all-pages";
        StringBuilder main =
                new StringBuilder("<h1>All pages</h1>\n<table class=\"all-pages\">\n<thead><tr>");
        for (PageOrder o : PageOrder.values()) {
            main.append("<th>");
            if (o == order) {
                main.append("<span aria-sort=\"")
                        .append(o == PageOrder.NAME ? "ascending" : "descending")
                        .append("\">")
                        .append(o.heading)
                        .append("</span>");
            } else {
                main.append("<a href=\"")
                        .append(esc(layout.url(base + o.suffix)))
                        .append("\">")
                        .append(o.heading)
                        .append("</a>");
            }
            main.append("</th>");
        }
        main.append("</tr></thead>\n<tbody>\n");
        for (Node p : pages) {
            main.append("<tr><td><a href=\"")
                    .append(esc(layout.url(PageView.pageUrl(ws, p))))
                    .append("\">")
                    .append(esc(p.title()))
                    .append("</a></td><td>")
                    .append(blockCount(p))
                    .append("</td><td><time datetime=\"")
                    .append(p.updatedAt())
                    .append("\">")
                    .append(p.updatedAt().toString(), 0, 10)
                    .append("</time></td></tr>\n");
        }
        main.append("</tbody></table>");
        return SiteResponse.html(
                layout.page(
                        ws,
                        journalsShown(ws),
                        "All pages",
                        pages.size() + " pages of " + ws.name(),
                        base + order.suffix,
                        main.toString()));
    }

    private List<Node> journals(Workspace ws) {
        return facts(ws).journals(storage);
    }

    private SiteResponse journalsPage(Workspace ws, int pageNo, String canonical) {
        List<Node> journals = journals(ws);
        // In long: a page number near Integer.MAX_VALUE would overflow to a negative offset.
        long offset = (pageNo - 1L) * JOURNALS_PER_PAGE;
        if (journals.isEmpty() || (offset > 0 && offset >= journals.size())) {
            return notFound(ws);
        }
        int from = (int) offset;
        StringBuilder main = new StringBuilder("<h1>Journals</h1>\n");
        for (Node j : journals.subList(from, Math.min(journals.size(), from + JOURNALS_PER_PAGE))) {
            main.append("<section class=\"journal\"><h2><a href=\"")
                    .append(esc(layout.url(PageView.pageUrl(ws, j))))
                    .append("\">")
                    .append(esc(j.title()))
                    .append("</a></h2>\n");
            pageView.blockTree(j.uuid(), storage.nodes().blocksOfPage(ws.id(), j.pageName()), main);
            main.append("</section>\n");
        }
        main.append("<nav class=\"pager\">");
        if (pageNo > 1) {
            String prev = pageNo == 2 ? "/-/journals" : "/-/journals/" + (pageNo - 1);
            main.append("<a rel=\"prev\" href=\"")
                    .append(esc(layout.url("/" + ws.slug() + prev)))
                    .append("\">Newer</a> ");
        }
        if (from + JOURNALS_PER_PAGE < journals.size()) {
            main.append("<a rel=\"next\" href=\"")
                    .append(esc(layout.url("/" + ws.slug() + "/-/journals/" + (pageNo + 1))))
                    .append("\">Older</a>");
        }
        main.append("</nav>");
        return SiteResponse.html(
                layout.page(
                        ws,
                        journalsShown(ws),
                        "Journals",
                        "Journals of " + ws.name(),
                        canonical,
                        main.toString()));
    }

    private SiteResponse searchPage(Workspace ws, String q) {
        StringBuilder main =
                new StringBuilder(
                                "<h1>Search</h1>\n<form class=\"search\" role=\"search\" action=\"")
                        .append(esc(layout.url("/" + ws.slug() + "/-/search")))
                        .append("\" method=\"get\">")
                        .append("<input type=\"search\" name=\"q\" value=\"")
                        .append(esc(q == null ? "" : q))
                        .append(
                                "\" placeholder=\"Search pages\" aria-label=\"Search\"> <button type=\"submit\">Search</button></form>\n")
                        .append("<ol id=\"search-results\" class=\"search-results\" data-index=\"")
                        .append(esc(layout.url("/" + ws.slug() + "/-/search-index.json")))
                        .append("\">\n");
        if (q != null && !q.isBlank()) {
            // Full-text search in the storage: PostgreSQL's index, or a scan in memory.
            java.util.Map<String, String> pathByPage = new java.util.HashMap<>();
            for (Node hit : storage.nodes().search(ws.id(), q, 50)) {
                String url;
                String label;
                String snippet = null;
                if (hit.isPage()) {
                    url = PageView.pageUrl(ws, hit);
                    label = hit.title();
                } else {
                    String page =
                            pathByPage.computeIfAbsent(
                                    hit.pageName(),
                                    n ->
                                            storage.nodes()
                                                    .findPage(ws.id(), n)
                                                    .map(p -> PageView.pageUrl(ws, p))
                                                    .orElse(null));
                    if (page == null) {
                        continue;
                    }
                    url =
                            page
                                    + "#"
                                    + hit.metadata()
                                            .attribute(Attributes.BLOCK_ID)
                                            .orElse(hit.uuid());
                    label = hit.title();
                    snippet = Text.abbreviate(Text.plain(hit.html()), 200);
                }
                main.append("<li><a href=\"")
                        .append(esc(layout.url(url)))
                        .append("\">")
                        .append(esc(label))
                        .append("</a>");
                if (snippet != null) {
                    main.append("<p class=\"snippet\">").append(esc(snippet)).append("</p>");
                }
                main.append("</li>\n");
            }
        }
        main.append("</ol>\n<script src=\"")
                .append(esc(layout.url("/" + ws.slug() + "/-/static/search.js")))
                .append("\" defer></script>");
        return SiteResponse.html(
                layout.page(
                        ws,
                        journalsShown(ws),
                        "Search",
                        "Search " + ws.name(),
                        "/" + ws.slug() + "/-/search",
                        main.toString()));
    }

    private String searchIndex(Workspace ws) {
        StringBuilder sb = new StringBuilder("[");
        boolean first = true;
        for (Node p : storage.nodes().pages(ws.id())) {
            StringBuilder text = new StringBuilder();
            for (Node b : storage.nodes().blocksOfPage(ws.id(), p.pageName())) {
                if (text.length() > SEARCH_TEXT_CHARS) {
                    break;
                }
                text.append(Text.plain(b.html())).append(' ');
            }
            sb.append(first ? "\n" : ",\n");
            first = false;
            sb.append("{\"t\":")
                    .append(json(p.title()))
                    .append(",\"u\":")
                    .append(json(layout.url(PageView.pageUrl(ws, p))))
                    .append(",\"x\":")
                    .append(json(Text.abbreviate(text.toString().strip(), SEARCH_TEXT_CHARS)))
                    .append('}');
        }
        return sb.append("\n]\n").toString();
    }

    private SiteResponse feed(Workspace ws) {
        StringBuilder sb =
                new StringBuilder(
                                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")
                        .append("<title>")
                        .append(esc(ws.name()))
                        .append("</title>\n")
                        .append("<id>")
                        .append(esc(layout.absolute("/" + ws.slug() + "/")))
                        .append("</id>\n")
                        .append("<link href=\"")
                        .append(esc(layout.absolute("/" + ws.slug() + "/")))
                        .append("\"/>\n")
                        .append("<link rel=\"self\" href=\"")
                        .append(esc(layout.absolute("/" + ws.slug() + "/-/feed.xml")))
                        .append("\"/>\n")
                        .append("<updated>")
                        .append(ws.updatedAt())
                        .append("</updated>\n");
        List<Node> journals = journals(ws);
        for (Node j : journals.subList(0, Math.min(FEED_ENTRIES, journals.size()))) {
            String day = j.metadata().attribute(Attributes.JOURNAL_DAY).orElse("");
            String updated =
                    day.length() == 8
                            ? day.substring(0, 4)
                                    + "-"
                                    + day.substring(4, 6)
                                    + "-"
                                    + day.substring(6)
                                    + "T00:00:00Z"
                            : j.updatedAt().toString();
            StringBuilder content = new StringBuilder();
            for (Node b : storage.nodes().blocksOfPage(ws.id(), j.pageName())) {
                content.append(b.html()).append('\n');
            }
            String url = layout.absolute(PageView.pageUrl(ws, j));
            sb.append("<entry><title>")
                    .append(esc(j.title()))
                    .append("</title><id>")
                    .append(esc(url))
                    .append("</id><link href=\"")
                    .append(esc(url))
                    .append("\"/><updated>")
                    .append(updated)
                    .append("</updated><content type=\"html\">")
                    .append(esc(content.toString()))
                    .append("</content></entry>\n");
        }
        sb.append("</feed>\n");
        return SiteResponse.text(200, "application/atom+xml; charset=utf-8", sb.toString());
    }

    private SiteResponse sitemap() {
        StringBuilder sb =
                new StringBuilder(
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (Workspace ws : storage.workspaces().list()) {
            sb.append("<url><loc>")
                    .append(esc(layout.absolute("/" + ws.slug() + "/")))
                    .append("</loc></url>\n");
            for (PageRoute r : storage.nodes().routes(ws.id())) {
                if (!r.path().isEmpty()) {
                    sb.append("<url><loc>")
                            .append(esc(layout.absolute("/" + ws.slug() + "/" + r.path())))
                            .append("</loc></url>\n");
                }
            }
        }
        sb.append("</urlset>\n");
        return SiteResponse.text(200, "application/xml; charset=utf-8", sb.toString());
    }

    private SiteResponse asset(Workspace ws, String assetPath) {
        if (assetPath.contains("..") || assetPath.contains("\\")) {
            return notFound(ws);
        }
        // A file a browser could run (a page, an image with scripts, a script) is sandboxed and
        // downloaded, never shown on the site's origin: a graph's owner cannot run script there.
        boolean runnable = RUNNABLE.matcher(assetPath).find();
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Content-Security-Policy", "sandbox");
        headers.put("Cache-Control", "public, max-age=3600");
        if (runnable) {
            headers.put("Content-Disposition", "attachment");
        }
        if (assets == null) {
            return storage.assets()
                    .find(ws.id(), assetPath)
                    .map(a -> new SiteResponse(200, a.contentType(), a.content(), headers))
                    .orElseGet(() -> notFound(ws));
        }
        Optional<Path> file;
        try {
            file = assets.find(ws, assetPath);
        } catch (java.nio.file.InvalidPathException e) {
            // A request path no file can have (a lone surrogate, bytes the file system rejects).
            return notFound(ws);
        }
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            return notFound(ws);
        }
        // Read when sent: a server sends a range of a video without reading the rest of it.
        headers.remove("Cache-Control");
        return SiteResponse.file(200, contentType(assetPath), file.get(), headers);
    }

    /** What a cached response costs the cache: its bytes, none for a file's path. */
    private static long cachedWeight(SiteResponse r) {
        return (r.file() == null ? r.body().length : 0) + 256L;
    }

    private SiteResponse staticFile(String name) {
        if (!name.equals("draehi.css") && !name.equals("search.js")) {
            return notFound(null);
        }
        try (InputStream in = Site.class.getResourceAsStream(name)) {
            if (in == null) {
                return notFound(null);
            }
            return new SiteResponse(
                    200,
                    contentType(name),
                    in.readAllBytes(),
                    Map.of("Cache-Control", "public, max-age=3600"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in " + name, e);
        }
    }

    private SiteResponse notFound(Workspace ws) {
        String main =
                "<h1>Page not found</h1>\n<p>There is no page at this address.</p>"
                        + (ws == null
                                ? ""
                                : "<p><a href=\""
                                        + esc(layout.url("/" + ws.slug() + "/"))
                                        + "\">Go to "
                                        + esc(ws.name())
                                        + "</a></p>");
        String html =
                layout.page(
                        ws,
                        ws != null && journalsShown(ws),
                        "Page not found",
                        "Page not found",
                        ws == null ? "/" : "/" + ws.slug() + "/",
                        main);
        return SiteResponse.text(404, "text/html; charset=utf-8", html);
    }

    private static String contentType(String name) {
        return MediaTypes.of(name);
    }

    private static String decode(String path) {
        try {
            return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String queryParam(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            if (k.equals(name)) {
                try {
                    return URLDecoder.decode(
                            eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String json(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<' -> sb.append("\\u003c");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Builds a {@link Site}. */
    public static final class Builder {
        private final Storage storage;
        private String siteName = "draehi";
        private String baseUrl = "";
        private AssetSource assets;
        private long cacheBytes = DEFAULT_CACHE_BYTES;
        private java.time.Duration recheckEvery = java.time.Duration.ZERO;

        private Builder(Storage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
        }

        /** The name shown on the root page. Default {@code draehi}. */
        public Builder siteName(String siteName) {
            this.siteName = Objects.requireNonNull(siteName, "siteName");
            return this;
        }

        /**
         * Where the site is published, e.g. {@code https://notes.example.com/wiki}: its path
         * becomes a prefix of every link, and the whole URL the base of canonical, sitemap and feed
         * URLs. Default: none (links from {@code /}, canonical URLs root-relative).
         */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            return this;
        }

        /**
         * Where asset files are found. Default: the assets the storage holds, which every sync
         * stores for the pages it publishes.
         */
        public Builder assets(AssetSource assets) {
            this.assets = Objects.requireNonNull(assets, "assets");
            return this;
        }

        /**
         * How many bytes of responses to keep, per {@code Site}, for the workspace versions that
         * serve them; a new deployment makes new entries, and old ones age out. Default {@link
         * #DEFAULT_CACHE_BYTES}; 0 turns caching off.
         */
        public Builder cacheBytes(long cacheBytes) {
            if (cacheBytes < 0) {
                throw new IllegalArgumentException("cacheBytes must not be negative");
            }
            this.cacheBytes = cacheBytes;
            return this;
        }

        /**
         * How long a workspace's version (its row and latest deployment), once read, is trusted for
         * serving cached responses without asking the storage again. Default zero: every request
         * reads it, so a response is never older than the last commit. A server under load may
         * trade a bounded staleness for throughput (a second: the new site shows up to a second
         * after its sync commits); {@link Site#refresh()} ends it early after a sync in the same
         * process. Responses stay whole versions either way.
         */
        public Builder recheckEvery(java.time.Duration recheckEvery) {
            Objects.requireNonNull(recheckEvery, "recheckEvery");
            if (recheckEvery.isNegative()) {
                throw new IllegalArgumentException("recheckEvery must not be negative");
            }
            this.recheckEvery = recheckEvery;
            return this;
        }

        /** The site. */
        public Site build() {
            return new Site(this);
        }
    }
}
