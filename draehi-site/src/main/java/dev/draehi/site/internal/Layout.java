package dev.draehi.site.internal;

import static dev.draehi.web.Html.escape;

import dev.draehi.model.Workspace;
import dev.draehi.web.SiteUrls;

/**
 * The frame of every HTML page: head with title, description, canonical and Open Graph; header;
 * main.
 */
public final class Layout {
    private final String siteName;
    private final String prefix;
    private final String absoluteBase;

    /**
     * @param prefix the path prefix every root-relative URL gets ({@code ""} or {@code /notes})
     * @param absoluteBase scheme and host plus prefix for canonical URLs, or {@code ""}
     */
    public Layout(String siteName, String prefix, String absoluteBase) {
        this.siteName = siteName;
        this.prefix = prefix;
        this.absoluteBase = absoluteBase;
    }

    /** A root-relative URL with the prefix. */
    public String url(String rootRelative) {
        return prefix + rootRelative;
    }

    /** The absolute URL of a root-relative one, when a base URL is known; else prefixed. */
    public String absolute(String rootRelative) {
        return (absoluteBase.isEmpty() ? prefix : absoluteBase) + rootRelative;
    }

    /** Rewrites the root-relative links of stored HTML when the site has a prefix. */
    public String relink(String html) {
        if (prefix.isEmpty() || html == null) {
            return html;
        }
        return html.replace(" href=\"/", " href=\"" + prefix + "/")
                .replace(" src=\"/", " src=\"" + prefix + "/");
    }

    /**
     * A whole page.
     *
     * @param ws the workspace, or {@code null} for site-wide pages
     * @param canonical the page's root-relative canonical URL
     */
    public String page(
            Workspace ws, String title, String description, String canonical, String main) {
        return page(ws, true, title, description, canonical, main);
    }

    /**
     * A whole page.
     *
     * @param ws the workspace, or {@code null} for site-wide pages
     * @param journals whether the navigation links to the journals
     * @param canonical the page's root-relative canonical URL
     */
    public String page(
            Workspace ws,
            boolean journals,
            String title,
            String description,
            String canonical,
            CharSequence main) {
        String wsName = ws == null ? siteName : ws.name();
        String fullTitle =
                ws == null || title.equals(wsName)
                        ? escape(title)
                        : escape(title) + " &#183; " + escape(wsName);
        // The frame's own characters beyond ASCII as entities (the title's middle dot, the
        // ellipsis of an abbreviated description): an ASCII page then encodes as it is.
        String desc = escape(description).replace("\u2026", "&#8230;");
        StringBuilder sb = new StringBuilder(main.length() + 3000);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append(
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"color-scheme\" content=\"light dark\">\n")
                // No icon of its own: without this, every browser asks for /favicon.ico (a 404).
                .append("<link rel=\"icon\" href=\"data:,\">\n")
                .append("<title>")
                .append(fullTitle)
                .append("</title>\n")
                .append("<meta name=\"description\" content=\"")
                .append(desc)
                .append("\">\n")
                .append("<link rel=\"canonical\" href=\"")
                .append(escape(absolute(canonical)))
                .append("\">\n")
                .append("<meta property=\"og:title\" content=\"")
                .append(escape(title))
                .append("\">\n")
                .append("<meta property=\"og:description\" content=\"")
                .append(desc)
                .append("\">\n")
                .append("<meta property=\"og:type\" content=\"article\">\n")
                .append("<meta property=\"og:url\" content=\"")
                .append(escape(absolute(canonical)))
                .append("\">\n")
                .append("<meta property=\"og:site_name\" content=\"")
                .append(escape(wsName))
                .append("\">\n");
        if (ws != null) {
            sb.append("<link rel=\"stylesheet\" href=\"")
                    .append(escape(url(SiteUrls.staticFile(ws.slug(), "draehi.css"))))
                    .append("\">\n")
                    .append("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"")
                    .append(escape(wsName))
                    .append("\" href=\"")
                    .append(escape(url(SiteUrls.feed(ws.slug()))))
                    .append("\">\n");
        } else {
            sb.append("<link rel=\"stylesheet\" href=\"")
                    .append(escape(url(SiteUrls.rootStatic("draehi.css"))))
                    .append("\">\n");
        }
        sb.append("</head>\n<body>\n<header class=\"site-header\">\n");
        if (ws != null) {
            sb.append("<a class=\"site-name\" href=\"")
                    .append(escape(url(SiteUrls.home(ws.slug()))))
                    .append("\">")
                    .append(escape(wsName))
                    .append("</a>\n")
                    .append("<nav class=\"site-nav\">")
                    .append("<a href=\"")
                    .append(escape(url(SiteUrls.allPages(ws.slug()))))
                    .append("\">All pages</a> ")
                    .append(
                            journals
                                    ? "<a href=\""
                                            + escape(url(SiteUrls.journals(ws.slug(), 1)))
                                            + "\">Journals</a> "
                                    : "")
                    .append("<a href=\"")
                    .append(escape(url(SiteUrls.search(ws.slug()))))
                    .append("\">Search</a>")
                    .append("</nav>\n");
        } else {
            sb.append("<a class=\"site-name\" href=\"")
                    .append(escape(url(SiteUrls.ROOT)))
                    .append("\">")
                    .append(escape(siteName))
                    .append("</a>\n");
        }
        sb.append("</header>\n<main class=\"content\">\n")
                .append(main)
                .append("\n</main>\n")
                .append(
                        "<footer class=\"site-footer\">Published with draehi</footer>\n</body>\n</html>\n");
        return sb.toString();
    }
}
