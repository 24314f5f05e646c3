package dev.draehi.server.hosting;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a hosting request was sent to: the origin check of every POST (CSRF) and the absolute base
 * the dashboard shows links under. {@code X-Forwarded-Host} counts only when the server is told to
 * trust the proxy in front of it; otherwise anyone could name any host in it.
 */
final class RequestOrigin {
    private final String prefix;
    private final String baseUrl; // absolute, or null
    private final boolean trustProxy;

    /**
     * @param prefix the base URL's path, {@code ""} for none
     * @param baseUrl the absolute base URL without a trailing slash, or {@code null}
     * @param trustProxy whether {@code X-Forwarded-Host} names the host the client asked for
     */
    RequestOrigin(String prefix, String baseUrl, boolean trustProxy) {
        this.prefix = prefix;
        this.baseUrl = baseUrl;
        this.trustProxy = trustProxy;
    }

    /** The host the client asked for, as its header says it ({@code host:port}), or null. */
    String host(HostingRequest r) {
        String forwarded = trustProxy ? r.header("X-Forwarded-Host") : null;
        String h = forwarded != null && !forwarded.isBlank() ? forwarded : r.header("Host");
        return h == null ? null : h.split(",")[0].strip();
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
        String host = host(r);
        if (host != null && authority.equals(host.toLowerCase(Locale.ROOT))) {
            return true;
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
        String host = host(r);
        if (host == null || host.isEmpty()) {
            host = "localhost";
        }
        return (r.secure() ? "https://" : "http://") + host + prefix;
    }
}
