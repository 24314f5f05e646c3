package dev.draehi.site;

import dev.draehi.model.Deployment;
import dev.draehi.model.Node;
import dev.draehi.model.PageRoute;
import dev.draehi.model.Workspace;
import dev.draehi.site.internal.AllPagesPage;
import dev.draehi.site.internal.Facts;
import dev.draehi.site.internal.Feed;
import dev.draehi.site.internal.Gzip;
import dev.draehi.site.internal.JournalsPage;
import dev.draehi.site.internal.Layout;
import dev.draehi.site.internal.Navigation;
import dev.draehi.site.internal.NotFoundPage;
import dev.draehi.site.internal.PageView;
import dev.draehi.site.internal.RequestPaths;
import dev.draehi.site.internal.ResponseCache;
import dev.draehi.site.internal.RootPage;
import dev.draehi.site.internal.Route;
import dev.draehi.site.internal.SearchIndex;
import dev.draehi.site.internal.SearchPage;
import dev.draehi.site.internal.SiteFiles;
import dev.draehi.site.internal.Sitemap;
import dev.draehi.site.internal.WorkspaceFacts;
import dev.draehi.store.PageContent;
import dev.draehi.store.Storage;
import dev.draehi.store.WorkspaceContent;
import dev.draehi.web.SiteUrls;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
 * feed.xml}, {@code search-index.json}, {@code unlinked/…}, {@code graph}, {@code graph.json},
 * {@code graph/…}, {@code assets/…}, {@code static/…}), and {@code /}, {@code /sitemap.xml}, {@code
 * /robots.txt} at the root.
 */
public final class Site {
    private static final int MAX_CACHED_PATH = 1024;

    /** The default size of the response cache: 64 MiB. */
    public static final long DEFAULT_CACHE_BYTES = 64L << 20;

    private final Storage storage;
    private final Layout layout;
    private final PageView pageView;
    private final NotFoundPage notFound;
    private final RootPage rootPage;
    private final AllPagesPage allPages;
    private final JournalsPage journalsPage;
    private final SearchPage searchPage;
    private final SearchIndex searchIndex;
    private final Feed feed;
    private final Sitemap sitemap;
    private final SiteFiles files;
    private final Navigation navigation;
    private final ResponseCache<CacheKey, SiteResponse> cache;
    private final Map<Long, Facts> facts = new ConcurrentHashMap<>();

    /** The facts of the workspace the current request is for. */
    private final ThreadLocal<Facts> current = new ThreadLocal<>();

    private final long recheckNanos;
    private final Map<String, Trusted> trusted = new ConcurrentHashMap<>();

    private record CacheKey(Facts.Version version, String host, String path) {}

    /** The version of a workspace (by slug) last read from the storage, and when. */
    private record Trusted(Facts.Version version, long readAt) {}

    private final String prefix;
    private final String absoluteBase;

    private Site(Builder b) {
        this.storage = b.storage;
        this.recheckNanos = b.recheckEvery.toNanos();
        this.cache =
                b.cacheBytes > 0 ? new ResponseCache<>(b.cacheBytes, Site::cachedWeight) : null;
        String prefix = "";
        String abs = "";
        if (!b.baseUrl.isEmpty()) {
            URI uri = URI.create(b.baseUrl);
            prefix = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
            abs = uri.getScheme() == null ? prefix : b.baseUrl.replaceAll("/+$", "");
        }
        Layout layout = new Layout(b.siteName, prefix, abs, ws -> facts(ws).look(storage));
        this.layout = layout;
        this.prefix = prefix;
        this.absoluteBase = abs;
        WorkspaceFacts wf =
                new WorkspaceFacts() {
                    @Override
                    public boolean journalsShown(Workspace ws) {
                        return facts(ws).journalsShown();
                    }

                    @Override
                    public int pages(Workspace ws) {
                        return facts(ws).pages(storage);
                    }

                    @Override
                    public List<Node> journals(Workspace ws) {
                        return facts(ws).journals(storage);
                    }

                    @Override
                    public List<Node> newestJournals(Workspace ws, int limit) {
                        return facts(ws).newestJournals(storage, limit);
                    }

                    @Override
                    public List<Node> favorites(Workspace ws) {
                        return facts(ws).favorites(storage);
                    }
                };
        layout.sidebar(wf);
        this.pageView = new PageView(storage, layout);
        this.notFound = new NotFoundPage(layout, wf);
        this.rootPage = new RootPage(storage, layout, b.siteName);
        this.allPages = new AllPagesPage(storage, layout, wf);
        this.journalsPage = new JournalsPage(storage, layout, pageView, wf, notFound);
        this.searchIndex = new SearchIndex(storage, layout);
        this.searchPage = new SearchPage(searchIndex, layout, wf);
        this.feed = new Feed(storage, layout, wf);
        this.sitemap = new Sitemap(storage, layout);
        this.files = new SiteFiles(storage, b.assets, notFound);
        this.navigation = new Navigation(storage, layout, notFound, wf);
    }

    /** The path prefix of every root-relative link: {@code ""} or the base URL's path. */
    public String prefix() {
        return prefix;
    }

    /**
     * What absolute URLs (canonical links, sitemap, feed) start with: the base URL without a
     * trailing slash, or {@link #prefix()} when the base URL has no scheme.
     */
    public String absoluteBase() {
        return absoluteBase;
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

    /**
     * The response for a URL path at a workspace's own domain: {@code /} is the workspace's home,
     * {@code /x} its page {@code x}, {@code /-/…} its site files, {@code /sitemap.xml} and {@code
     * /robots.txt} its own; every URL of the workspace in it is under the domain.
     */
    public SiteResponse get(String requestPath, SiteDomain domain) {
        return at(domain, requestPath, false);
    }

    /** {@link #get(String, SiteDomain)} compressed as {@link #getCompressed(String)} is. */
    public SiteResponse getCompressed(String requestPath, SiteDomain domain) {
        return at(domain, requestPath, true);
    }

    private SiteResponse at(SiteDomain domain, String requestPath, boolean gzip) {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(requestPath, "requestPath");
        String path = requestPath.startsWith("/") ? requestPath : "/" + requestPath;
        int q = path.indexOf('?');
        String bare = q >= 0 ? path.substring(0, q) : path;
        Layout.Root root = new Layout.Root(domain.workspace(), domain.origin());
        return layout.at(
                root,
                () ->
                        switch (bare) {
                            case SiteUrls.ROBOTS -> sitemap.robots();
                            case SiteUrls.SITEMAP ->
                                    Gzip.deliver(
                                            storage.inSnapshot(
                                                    s -> sitemap.render(domain.workspace())),
                                            gzip);
                            default ->
                                    get(
                                            SiteUrls.home(domain.workspace()) + path.substring(1),
                                            gzip);
                        });
    }

    private SiteResponse get(String requestPath, boolean gzip) {
        Objects.requireNonNull(requestPath, "requestPath");
        SiteResponse trustedHit = fromTrustedVersion(requestPath);
        if (trustedHit != null) {
            return Gzip.deliver(trustedHit, gzip);
        }
        // One snapshot per response: a page's blocks, references and links all come from one sync.
        return Gzip.deliver(storage.inSnapshot(s -> respond(requestPath, gzip)), gzip);
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
        if (requestPath.indexOf('?') >= 0 || !(parse(requestPath) instanceof Route.Workspace r)) {
            return null;
        }
        Trusted t = trusted.get(r.slug());
        if (t == null || System.nanoTime() - t.readAt() > recheckNanos) {
            return null;
        }
        return cache.get(new CacheKey(t.version(), layout.hostKey(), r.sub()));
    }

    /**
     * The route of a request's path (decoded; a query string is cut off), or {@code null} when it
     * is not a path a site has.
     */
    private static Route parse(String requestPath) {
        int q = requestPath.indexOf('?');
        String path = RequestPaths.decode(q >= 0 ? requestPath.substring(0, q) : requestPath);
        if (path == null || !path.startsWith("/") || path.contains("\0")) {
            return null;
        }
        return Route.parse(path);
    }

    private SiteResponse respond(String requestPath, boolean gzip) {
        Route route = parse(requestPath);
        if (route == null || route instanceof Route.Nothing) {
            return notFound.render(null);
        }
        if (route instanceof Route.Root) {
            return rootPage.render();
        }
        if (route instanceof Route.Sitemap) {
            return sitemap.render();
        }
        if (route instanceof Route.Robots) {
            return sitemap.robots();
        }
        if (route instanceof Route.RootStatic r) {
            return files.staticFile(r.name());
        }
        Route.Workspace w = (Route.Workspace) route;
        Optional<Workspace> ws = storage.workspaces().findBySlug(w.slug());
        if (ws.isEmpty()) {
            return notFound.render(null);
        }
        Facts f = facts(ws.get());
        if (recheckNanos > 0 && f.cacheable()) {
            trusted.put(w.slug(), new Trusted(f.version(), System.nanoTime()));
        }
        int q = requestPath.indexOf('?');
        String query = q >= 0 ? requestPath.substring(q + 1) : null;
        current.set(f);
        try {
            return cached(ws.get(), f, w.sub(), query, gzip);
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
                        ? new CacheKey(f.version(), layout.hostKey(), sub)
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
            Facts.Version v = f.version();
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
                SiteResponse stored = Gzip.deliver(r, true);
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
        Facts.Version v =
                new Facts.Version(ws.id(), ws.updatedAt(), d.map(Deployment::id).orElse(0L));
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
        return facts(ws).journalsShown();
    }

    /**
     * Every path a static export writes: the root pages, and for each workspace its home, every
     * page, the site pages and the assets its pages use.
     */
    public List<String> exportPaths() {
        List<String> out =
                new ArrayList<>(
                        List.of(
                                SiteUrls.ROOT,
                                SiteUrls.SITEMAP,
                                SiteUrls.ROBOTS,
                                Layout.FAVICON,
                                SiteUrls.rootStatic("draehi.css"),
                                SiteUrls.rootStatic("theme.js")));
        for (Workspace ws : storage.workspaces().list()) {
            String slug = ws.slug();
            Facts.Version version = facts(ws).version();
            // the search index is built while the pages with unlinked references are looked for:
            // each reads the whole workspace once, and the export waits for both
            CompletableFuture<List<String>> parts =
                    CompletableFuture.supplyAsync(() -> searchIndex.parts(ws, version));
            List<PageRoute> routes = storage.nodes().routes(ws.id());
            out.addAll(navigation.exportPaths(ws, routes));
            out.add(SiteUrls.home(slug));
            for (PageRoute r : routes) {
                if (!r.path().isEmpty()) {
                    out.add(SiteUrls.page(slug, r.path()));
                }
            }
            for (AllPagesPage.Order o : AllPagesPage.Order.values()) {
                out.add(SiteUrls.allPages(slug, o.urlName()));
            }
            out.add(SiteUrls.search(slug));
            out.add(SiteUrls.searchIndex(slug));
            for (String part : joined(parts)) {
                out.add(SiteUrls.siteFile(slug, "search/" + part));
            }
            out.add(SiteUrls.feed(slug));
            if (facts(ws).look(storage).customCss()) {
                out.add(SiteUrls.siteFile(slug, Layout.CUSTOM_CSS));
            }
            for (String name : SiteFiles.BUILT_IN) {
                out.add(SiteUrls.staticFile(slug, name));
            }
            int journals = facts(ws).journals(storage).size();
            for (int p = 1; (p - 1) * JournalsPage.PER_PAGE < journals; p++) {
                out.add(SiteUrls.journals(slug, p));
            }
        }
        return out;
    }

    /** The value of {@code f}, or what it threw, as thrown. */
    private static <T> T joined(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private SiteResponse workspace(Workspace ws, String sub, String query) {
        Route route = Route.inWorkspace(sub);
        if (route instanceof Route.Home) {
            PageContent home = pageView.read(ws, WorkspaceContent.HOME_PATH);
            if (home != null) {
                return SiteResponse.html(
                        pageView.render(ws, journalsShown(ws), home, SiteUrls.home(ws.slug())));
            }
            return journalsShown(ws)
                    ? journalsPage.render(ws, 1, SiteUrls.home(ws.slug()))
                    : allPages.render(ws, AllPagesPage.Order.NAME);
        }
        if (route instanceof Route.Page p) {
            PageContent page = pageView.read(ws, p.path());
            return page == null
                    ? notFound.render(ws)
                    : SiteResponse.html(
                            pageView.render(
                                    ws,
                                    journalsShown(ws),
                                    page,
                                    PageView.pageUrl(ws, page.page())));
        }
        if (route instanceof Route.AllPages a) {
            return allPages.render(ws, AllPagesPage.order(a.order()));
        }
        if (route instanceof Route.Journals j) {
            return journalsPage.render(ws, j.pageNo(), SiteUrls.siteFile(ws.slug(), j.name()));
        }
        if (route instanceof Route.Search) {
            return searchPage.render(ws, facts(ws).version(), RequestPaths.queryParam(query, "q"));
        }
        if (route instanceof Route.SearchIndex) {
            return searchIndex.manifest(ws, facts(ws).version());
        }
        if (route instanceof Route.SearchPart part) {
            SiteResponse r = searchIndex.part(ws, facts(ws).version(), part.name());
            return r == null ? notFound.render(ws) : r;
        }
        if (route instanceof Route.Feed) {
            return feed.render(ws);
        }
        if (route instanceof Route.StaticFile f) {
            return files.staticFile(f.name());
        }
        if (route instanceof Route.CustomCss) {
            return facts(ws).look(storage).customCss()
                    ? files.asset(ws, Layout.Look.GRAPH_CSS)
                    : notFound.render(ws);
        }
        if (route instanceof Route.Asset a) {
            return files.asset(ws, a.path());
        }
        SiteResponse nav = navigation.respond(ws, route, facts(ws).version());
        return nav != null ? nav : notFound.render(ws);
    }

    /**
     * The page a static export writes as {@code 404.html}, which web servers send for a path that
     * has nothing: the site's own 404 page.
     */
    public SiteResponse notFoundPage() {
        return storage.inSnapshot(s -> notFound.render(null));
    }

    /** What a cached response costs the cache: its bytes, none for a file's path. */
    private static long cachedWeight(SiteResponse r) {
        return (r.file() == null ? r.body().length : 0) + 256L;
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
