package dev.draehi.server.hosting;

import dev.draehi.ConflictException;
import dev.draehi.ValidationException;
import dev.draehi.site.SiteResponse;
import java.net.URI;
import java.util.Map;

/** The dashboard's custom-domain forms: set or clear the domain, and check its TXT record now. */
final class DomainPages {
    private final Domains domains;
    private final Dashboard dashboard;
    private final Responses responses;

    DomainPages(Domains domains, Dashboard dashboard, Responses responses) {
        this.domains = domains;
        this.dashboard = dashboard;
        this.responses = responses;
    }

    /** The host a custom domain's CNAME points at: the server's own. */
    static String target(Domains domains, String base) {
        if (!domains.ownHost().isEmpty()) {
            return domains.ownHost();
        }
        String h = URI.create(base).getHost();
        return h == null ? "" : h;
    }

    SiteResponse set(SignedIn s, HostingRequest r) {
        String input = r.field("domain").strip();
        long ws = s.workspaceId();
        if (input.isEmpty()) {
            domains.clear(ws);
            return responses.redirect(Hosting.DASHBOARD + "?m=domain-removed", null);
        }
        try {
            domains.claim(ws, input);
        } catch (ValidationException e) {
            return dashboard.refuse(
                    s, "domain", Responses.sentence(e.getMessage()), Map.of("domain", input), 400);
        } catch (ConflictException e) {
            return dashboard.refuse(
                    s,
                    "domain",
                    "This domain is used by another site. If it is yours, point its TXT record"
                            + " at your token once the other site's check fails.",
                    Map.of("domain", input),
                    409);
        }
        return responses.redirect(Hosting.DASHBOARD + "?m=domain-saved", null);
    }

    SiteResponse verify(SignedIn s) {
        String m =
                switch (domains.verify(s.workspaceId())) {
                    case VERIFIED -> "?m=domain-verified";
                    case MISSING -> "?m=domain-missing";
                    case DNS_ERROR -> "?m=domain-dns-error";
                    case NO_CLAIM -> "";
                };
        return responses.redirect(Hosting.DASHBOARD + m, null);
    }
}
