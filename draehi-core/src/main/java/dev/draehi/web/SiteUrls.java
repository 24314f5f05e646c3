package dev.draehi.web;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The URL layout of a published site, root-relative and without a base URL's prefix: the one place
 * that knows it, for the link resolver, the site, the static export and the hosting pages.
 *
 * <ul>
 *   <li>{@code /{workspace}/{path}}: a page; {@code /{workspace}/} the home page.
 *   <li>{@code /{workspace}/-/…}: the site files of a workspace ({@code all-pages}, {@code
 *       journals}, {@code search}, {@code search-index.json}, {@code feed.xml}, {@code assets/…},
 *       {@code static/…}). {@code -} is never a page slug, so no page is ever shadowed.
 *   <li>{@code /}, {@code /sitemap.xml}, {@code /robots.txt} and {@code /-/static/…} at the root.
 * </ul>
 */
public final class SiteUrls {
    private SiteUrls() {}

    /** The path segment under which a workspace's (and the root's) site files live. */
    public static final String SITE_FILES = "-";

    /** The folder of uploaded files in a graph, and of their URLs below {@link #SITE_FILES}. */
    public static final String ASSETS = "assets/";

    /** The folder of the site's built-in files (style sheet, search script). */
    public static final String STATIC = "static/";

    /**
     * Where the root's own files live, {@code /-/}: its built-in files and, in hosting mode, the
     * sign-up, log-in and dashboard pages.
     */
    public static final String ROOT_FILES = "/" + SITE_FILES + "/";

    /** The site's root: the list of workspaces, or a redirect to the only one. */
    public static final String ROOT = "/";

    /** The sitemap of every workspace. */
    public static final String SITEMAP = "/sitemap.xml";

    /** The robots file. */
    public static final String ROBOTS = "/robots.txt";

    /** A built-in file the site serves at its root, e.g. {@code draehi.css}. */
    public static String rootStatic(String name) {
        return ROOT_FILES + STATIC + name;
    }

    /** The home page of a workspace: {@code /{workspace}/}. */
    public static String home(String workspace) {
        return "/" + workspace + "/";
    }

    /**
     * The page at {@code path} (its namespace segments, slugified, joined by {@code /}) of a
     * workspace; the home page for an empty path.
     */
    public static String page(String workspace, String path) {
        return home(workspace) + path;
    }

    /** A block of the page at {@code path}: the page's URL with the block's id as fragment. */
    public static String block(String workspace, String path, String blockId) {
        return page(workspace, path) + "#" + blockId;
    }

    /**
     * A site file of a workspace: {@code /{workspace}/-/{name}}, e.g. {@code feed.xml}; {@code
     * name} as it goes in the URL.
     */
    public static String siteFile(String workspace, String name) {
        return home(workspace) + SITE_FILES + "/" + name;
    }

    /** The list of every page, by name. */
    public static String allPages(String workspace) {
        return siteFile(workspace, "all-pages");
    }

    /** The list of every page in another order ({@code blocks}, {@code updated}). */
    public static String allPages(String workspace, String order) {
        return order.isEmpty() ? allPages(workspace) : allPages(workspace) + "/" + order;
    }

    /** Page {@code pageNo} (from 1) of the journals, newest first. */
    public static String journals(String workspace, int pageNo) {
        String first = siteFile(workspace, "journals");
        return pageNo <= 1 ? first : first + "/" + pageNo;
    }

    /** The search page. */
    public static String search(String workspace) {
        return siteFile(workspace, "search");
    }

    /** The JSON index the search page's script searches. */
    public static String searchIndex(String workspace) {
        return siteFile(workspace, "search-index.json");
    }

    /** The Atom feed of the journals. */
    public static String feed(String workspace) {
        return siteFile(workspace, "feed.xml");
    }

    /** A built-in file of a workspace's site, e.g. {@code draehi.css}. */
    public static String staticFile(String workspace, String name) {
        return siteFile(workspace, STATIC + name);
    }

    /**
     * An asset, by its path in the graph ({@code assets/a.png}), percent-encoded where a URL path
     * needs it.
     */
    public static String asset(String workspace, String assetPath) {
        return siteFile(workspace, encodePath(assetPath));
    }

    /** Whether a root-relative URL path is an asset's: {@code /{workspace}/-/assets/…}. */
    public static boolean isAsset(String urlPath) {
        return urlPath.contains("/" + SITE_FILES + "/" + ASSETS);
    }

    /** {@code path} with what a URL path cannot hold percent-encoded; slashes kept. */
    public static String encodePath(String path) {
        try {
            return new URI(null, null, "/" + path, null).getRawPath().substring(1);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot encode path " + path, e);
        }
    }
}
