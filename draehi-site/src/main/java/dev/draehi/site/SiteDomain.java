package dev.draehi.site;

import java.util.Objects;

/**
 * A workspace served at the root of a host of its own, a custom domain: what {@link
 * Site#get(String, SiteDomain)} answers for. Its pages are at {@code /{path}}, its site files at
 * {@code /-/…}, and every link, canonical URL, sitemap, feed and search entry of the workspace is
 * under {@code origin}.
 *
 * @param workspace the workspace's slug
 * @param origin the domain's origin without a trailing slash, {@code https://notes.example}
 */
public record SiteDomain(String workspace, String origin) {
    public SiteDomain {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(origin, "origin");
        if (origin.endsWith("/") || !origin.contains("://")) {
            throw new IllegalArgumentException("origin must be scheme://host: " + origin);
        }
    }
}
