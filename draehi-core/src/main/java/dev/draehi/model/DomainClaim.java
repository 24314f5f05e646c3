package dev.draehi.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A workspace's custom domain as its owner entered it, with what proves it is theirs: a {@code TXT}
 * record {@code _draehi.<domain>} holding {@code token}. The domain is served only once verified;
 * while it is, it is also the workspace's {@link Workspace#domain()}.
 *
 * @param domain the lower-case ASCII (punycode) host name
 * @param token the value the {@code TXT} record must hold; one per workspace
 * @param verifiedAt when the last successful check happened, or {@code null} while never verified
 *     or after the domain was unserved
 * @param checkedAt when the record was last looked up, or {@code null}
 * @param failingSince when the checks of a verified domain started to fail, or {@code null}
 * @param notice what the owner is told on the dashboard (the domain moved to another workspace, it
 *     was unserved), or {@code null}
 */
public record DomainClaim(
        long workspaceId,
        String domain,
        String token,
        Instant verifiedAt,
        Instant checkedAt,
        Instant failingSince,
        String notice) {
    public DomainClaim {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(token, "token");
    }

    /** Whether the domain is served. */
    public boolean verified() {
        return verifiedAt != null;
    }

    /** A copy after a check: verified at {@code at}, or failing since then. */
    public DomainClaim checked(boolean ok, Instant at) {
        return ok
                ? new DomainClaim(workspaceId, domain, token, at, at, null, null)
                : new DomainClaim(
                        workspaceId,
                        domain,
                        token,
                        verifiedAt,
                        at,
                        verifiedAt == null ? null : failingSince == null ? at : failingSince,
                        notice);
    }

    /** A copy no longer served, with a notice for the owner. */
    public DomainClaim unserved(String why) {
        return new DomainClaim(workspaceId, domain, token, null, checkedAt, null, why);
    }
}
