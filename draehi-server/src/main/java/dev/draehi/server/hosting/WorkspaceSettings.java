package dev.draehi.server.hosting;

import dev.draehi.ConflictException;
import dev.draehi.NotFoundException;
import dev.draehi.ValidationException;
import dev.draehi.model.Slugs;
import dev.draehi.server.Accounts;
import dev.draehi.site.SiteResponse;
import java.text.Normalizer;
import java.util.Map;

/** The dashboard's workspace form: the site's name, its slug and the embed depth. */
final class WorkspaceSettings {
    private final Accounts accounts;
    private final Domains domains; // null: no custom domains
    private final Dashboard dashboard;
    private final Responses responses;

    WorkspaceSettings(
            Accounts accounts, Domains domains, Dashboard dashboard, Responses responses) {
        this.accounts = accounts;
        this.domains = domains;
        this.dashboard = dashboard;
        this.responses = responses;
    }

    SiteResponse update(SignedIn s, HostingRequest r) {
        String name = r.field("name");
        String slugInput = r.field("slug").strip();
        String depthInput = r.field("embed_depth").strip();
        Map<String, String> typed =
                Map.of("name", name, "slug", slugInput, "embed_depth", depthInput);
        int depth;
        try {
            depth = Integer.parseInt(depthInput);
        } catch (NumberFormatException e) {
            return dashboard.refuse(
                    s, "workspace", "Embed depth must be a whole number.", typed, 400);
        }
        // Full-width and other compatibility forms become their ASCII letters; the rest is refused
        String slug = Slugs.slugify(Normalizer.normalize(slugInput, Normalizer.Form.NFKC));
        try {
            accounts.updateWorkspace(s.workspaceId(), name, slug, depth);
            if (domains != null) {
                domains.forget(); // a served domain follows its workspace's new slug
            }
        } catch (ValidationException e) {
            return dashboard.refuse(s, "workspace", Responses.sentence(e.getMessage()), typed, 400);
        } catch (ConflictException e) {
            return dashboard.refuse(
                    s,
                    "workspace",
                    "The slug '" + slug + "' is taken. Choose another.",
                    typed,
                    409);
        } catch (NotFoundException e) {
            return responses.notFound(s.nav());
        }
        return responses.redirect(Hosting.DASHBOARD + "?m=workspace-saved", null);
    }
}
