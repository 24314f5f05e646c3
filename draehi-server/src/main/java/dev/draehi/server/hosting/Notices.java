package dev.draehi.server.hosting;

import java.util.Map;

/**
 * The notices a redirect names in its {@code ?m=} parameter, so that a page after a POST tells what
 * happened without keeping state: only these texts are ever shown, never the parameter itself.
 */
final class Notices {
    private static final Map<String, String> TEXTS =
            Map.ofEntries(
                    Map.entry(
                            "welcome",
                            "Welcome! Connect your graph's git repository below, then press Sync"
                                    + " now."),
                    Map.entry("workspace-saved", "Workspace saved."),
                    Map.entry(
                            "repository-saved", "Repository saved. Press Sync now to publish it."),
                    Map.entry(
                            "token-dropped",
                            "Repository saved. The stored access token was removed, as the host"
                                    + " changed: enter it again if the new host needs one."),
                    Map.entry("sync-started", "Sync started. Refresh this page to follow it."),
                    Map.entry("logged-out", "You are logged out."),
                    Map.entry("password-changed", "Password changed."),
                    Map.entry("deleted", "Your account and everything it published were deleted."),
                    Map.entry("expired", "Your session has ended. Log in again."),
                    Map.entry(
                            "domain-saved",
                            "Domain saved. Add the DNS records below, then press Check now."),
                    Map.entry(
                            "domain-removed",
                            "Domain removed: your site is no longer served there."),
                    Map.entry("domain-verified", "Domain verified: your site is served there."),
                    Map.entry(
                            "domain-missing",
                            "The TXT record was not found yet. DNS changes can take a while: check"
                                    + " again later."),
                    Map.entry(
                            "domain-dns-error",
                            "The DNS could not be asked. Try again in a moment."));

    private Notices() {}

    /** The notice the request's {@code ?m=} names, or {@code null}. */
    static String of(HostingRequest r) {
        String m = r.queryParam("m");
        return m == null ? null : TEXTS.get(m);
    }
}
