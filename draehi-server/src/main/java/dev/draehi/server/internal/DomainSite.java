package dev.draehi.server.internal;

import dev.draehi.model.Workspace;
import dev.draehi.site.Site;
import dev.draehi.site.SiteResponse;
import dev.draehi.web.SiteUrls;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A workspace's site at its custom domain: {@code https://notes.example/x} is the site's {@code
 * /{slug}/x}, and every link, canonical URL, sitemap and feed entry under {@code /{slug}/} is
 * rewritten to the domain's root. The site renders once for both hosts; only the answer for the
 * domain is rewritten, so the site knows nothing of domains.
 */
final class DomainSite {
    private DomainSite() {}

    /**
     * The answer for {@code target} (path and query) at the domain.
     *
     * @param origin the domain's origin, {@code https://notes.example}
     */
    static SiteResponse get(Site site, Workspace ws, String origin, String target) {
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        if (path.equals(SiteUrls.ROBOTS)) {
            return SiteResponse.text(
                    200,
                    "text/plain; charset=utf-8",
                    "User-agent: *\nAllow: /\nSitemap: " + origin + SiteUrls.SITEMAP + "\n");
        }
        String home = SiteUrls.home(ws.slug());
        String absoluteHome = site.absoluteBase() + home;
        if (path.equals(SiteUrls.SITEMAP)) {
            SiteResponse all = site.get(SiteUrls.SITEMAP);
            StringBuilder out = new StringBuilder();
            for (String line : all.bodyText().split("\n", -1)) {
                // one <url> a line: keep this workspace's
                if (!line.startsWith("<url>") || line.contains(">" + escapeXml(absoluteHome))) {
                    out.append(line).append('\n');
                }
            }
            return rewrite(
                    new SiteResponse(
                            all.status(),
                            all.contentType(),
                            out.toString().strip().concat("\n").getBytes(StandardCharsets.UTF_8),
                            all.headers()),
                    site,
                    ws,
                    origin);
        }
        String inner = home + (target.startsWith("/") ? target.substring(1) : target);
        return rewrite(site.get(inner), site, ws, origin);
    }

    /** {@code r} with the workspace's URLs at the domain's root. */
    static SiteResponse rewrite(SiteResponse r, Site site, Workspace ws, String origin) {
        String home = SiteUrls.home(ws.slug());
        Map<String, String> headers = new LinkedHashMap<>(r.headers());
        headers.remove("Set-Cookie");
        String location = headers.get("Location");
        if (location != null) {
            headers.put("Location", rebase(location, site, home, origin));
        }
        if (r.file() != null || !textual(r.contentType())) {
            return new SiteResponse(
                    r.status(),
                    r.contentType(),
                    r.file() == null ? r.body() : new byte[0],
                    headers,
                    r.file());
        }
        String body = r.bodyText();
        String absoluteHome = site.absoluteBase() + home;
        String relativeHome = site.prefix() + home;
        body =
                body.replace(absoluteHome, origin + "/")
                        .replace(escapeXml(absoluteHome), origin + "/")
                        .replace("\"" + relativeHome, "\"/")
                        .replace("'" + relativeHome, "'/");
        headers.remove("Content-Encoding");
        return new SiteResponse(
                r.status(), r.contentType(), body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /**
     * {@code r} gzip-compressed when the client accepts it and the body is worth it, as the site's
     * own answers are; {@code Vary: Accept-Encoding} either way.
     */
    static SiteResponse negotiate(SiteResponse r, String acceptEncoding) {
        if (r.file() != null || !r.compressible() || r.headers().containsKey("Content-Encoding")) {
            return r;
        }
        Map<String, String> headers = new LinkedHashMap<>(r.headers());
        headers.put("Vary", "Accept-Encoding");
        byte[] body = r.body();
        if (Negotiation.acceptsGzip(acceptEncoding)) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(body.length / 4);
            try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
                gz.write(body);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            body = out.toByteArray();
            headers.put("Content-Encoding", "gzip");
        }
        return new SiteResponse(r.status(), r.contentType(), body, headers);
    }

    private static String rebase(String location, Site site, String home, String origin) {
        String absoluteHome = site.absoluteBase() + home;
        String relativeHome = site.prefix() + home;
        if (location.startsWith(absoluteHome)) {
            return origin + "/" + location.substring(absoluteHome.length());
        }
        if (location.startsWith(relativeHome)) {
            return "/" + location.substring(relativeHome.length());
        }
        return location;
    }

    private static boolean textual(String contentType) {
        String t = contentType == null ? "" : contentType;
        return t.startsWith("text/")
                || t.startsWith("application/xml")
                || t.startsWith("application/atom+xml")
                || t.startsWith("application/json")
                || t.startsWith("application/javascript");
    }

    private static String escapeXml(String s) {
        return s.replace("&", "&amp;");
    }
}
