package dev.draehi.server.hosting;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a hosting request was sent to: the origin check of every POST (CSRF) and the absolute base
 * the dashboard shows links under.
 */
final class RequestOrigin {
    private final String prefix;
    private final String baseUrl; // absolute, or null

    /**
     * @param prefix the base URL's path, {@code ""} for none
     * @param baseUrl the absolute base URL without a trailing slash, or {@code null}
     */
    RequestOrigin(String prefix, String baseUrl) {
        this.prefix = prefix;
        this.baseUrl = baseUrl;
    }

    /**
     * False when the browser says the POST comes from another site. Without an {@code Origin}
     * header (old browsers, scripts) the CSRF token alone decides.
     */
    boolean sameOrigin(HostingRequest r) {
        String origin = r.header("Origin");
        if (origin == null) {
            return true;
        }
        String authority;
        try {
            authority = new URI(origin.strip()).getRawAuthority();
        } catch (URISyntaxException e) {
            return false;
        }
        if (authority == null) {
            return false;
        }
        authority = authority.toLowerCase(Locale.ROOT);
        for (String h : new String[] {r.header("Host"), r.header("X-Forwarded-Host")}) {
            if (h != null && authority.equals(h.split(",")[0].strip().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        if (baseUrl != null) {
            String own = URI.create(baseUrl).getRawAuthority();
            return own != null && authority.equals(own.toLowerCase(Locale.ROOT));
        }
        return false;
    }

    /** The site's absolute base: the configured base URL, else from the request's host. */
    String base(HostingRequest r) {
        if (baseUrl != null) {
            return baseUrl;
        }
        String host = r.header("X-Forwarded-Host");
        if (host == null) {
            host = r.header("Host");
        }
        host = host == null ? "localhost" : host.split(",")[0].strip();
        return (r.secure() ? "https://" : "http://") + host + prefix;
    }
}
