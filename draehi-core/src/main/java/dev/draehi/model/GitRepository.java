package dev.draehi.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A row of {@code git_repositories}: where a workspace's graph comes from and how its last sync
 * went. {@code deployKey} (an access token) is left out of {@link #toString()}.
 *
 * @param branch the branch to publish; the seed's default is {@link #DEFAULT_BRANCH}
 * @param deployKey an access token for HTTPS, or {@code null}
 * @param lastSync when the last sync finished, or {@code null}
 * @param errorLog why the last sync failed, or {@code null}
 */
public record GitRepository(
        long id,
        long workspaceId,
        String repoUrl,
        String branch,
        String deployKey,
        Instant lastSync,
        SyncStatus syncStatus,
        String errorLog,
        Instant createdAt,
        Instant updatedAt) {

    /** The seed's default branch. */
    public static final String DEFAULT_BRANCH = "main";

    /**
     * How a credential sealed by a storage with a secret key starts. A storage without that key
     * hands such a deploy key out as it is stored, so that one unreadable row does not stop every
     * other: {@link #deployKeySealed()} then holds, and the sync of that one workspace fails.
     */
    public static final String SEALED_PREFIX = "draehi:aes-gcm:v1:";

    public GitRepository {
        Objects.requireNonNull(repoUrl, "repoUrl");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(syncStatus, "syncStatus");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** True when the deploy key could not be unsealed: it is the stored, encrypted form. */
    public boolean deployKeySealed() {
        return deployKey != null && deployKey.startsWith(SEALED_PREFIX);
    }

    /**
     * Whether two repository URLs name the same host: the scheme, the host name as written (case
     * aside) and the port (a default one or none being the same). Not a resolved address: {@code
     * 127.0.0.1} and {@code localhost} are two hosts. An access token stored for one host is not to
     * be sent to another.
     */
    public static boolean sameHost(String a, String b) {
        return hostOf(a).equals(hostOf(b));
    }

    private static String hostOf(String url) {
        String u = url == null ? "" : url.strip();
        java.util.regex.Matcher scp =
                java.util.regex.Pattern.compile("^[^/@:\\s]+@([^/:\\s]+):(?!/).*").matcher(u);
        if (scp.matches()) {
            return "ssh://" + scp.group(1).toLowerCase(java.util.Locale.ROOT) + ":22";
        }
        try {
            java.net.URI uri = new java.net.URI(u);
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null) {
                return u;
            }
            scheme = scheme.toLowerCase(java.util.Locale.ROOT);
            int port = uri.getPort();
            if (port == -1) {
                port =
                        switch (scheme) {
                            case "http" -> 80;
                            case "https" -> 443;
                            case "ssh" -> 22;
                            case "git" -> 9418;
                            default -> -1;
                        };
            }
            return scheme + "://" + host.toLowerCase(java.util.Locale.ROOT) + ":" + port;
        } catch (java.net.URISyntaxException e) {
            return u;
        }
    }

    @Override
    public String toString() {
        return "GitRepository[id="
                + id
                + ", workspaceId="
                + workspaceId
                + ", repoUrl="
                + Redaction.url(repoUrl)
                + ", branch="
                + branch
                + ", deployKey="
                + (deployKey == null ? "none" : "***")
                + ", lastSync="
                + lastSync
                + ", syncStatus="
                + syncStatus
                + "]";
    }
}
