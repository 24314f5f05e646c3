package dev.draehi.server.hosting;

import dev.draehi.model.Deployment;
import dev.draehi.model.DomainClaim;
import dev.draehi.model.GitRepository;
import dev.draehi.model.Workspace;
import dev.draehi.server.Accounts;
import dev.draehi.server.hosting.HostingPages.Dashboard;
import dev.draehi.web.HtmlWriter;
import dev.draehi.web.SiteUrls;
import java.util.Map;

/**
 * The dashboard's main content: the workspace and repository forms, the sync status, the push
 * webhook, the deployments and the way to delete the account.
 */
final class DashboardPage {
    private DashboardPage() {}

    /** Writes the dashboard {@code d} shows, with the links of {@code pages}. */
    static void write(HostingPages pages, Dashboard d, HtmlWriter w) {
        Workspace ws = d.workspace();
        Map<String, String> typed = d.typed();
        String name = typed.getOrDefault("name", ws.name());
        String slug = typed.getOrDefault("slug", ws.slug());
        String depth = typed.getOrDefault("embed_depth", Integer.toString(ws.embedDepth()));
        GitRepository repo = d.repository().orElse(null);
        String repoUrl = typed.getOrDefault("url", repo == null ? "" : repo.repoUrl());
        String branch =
                typed.getOrDefault(
                        "branch", repo == null ? GitRepository.DEFAULT_BRANCH : repo.branch());
        boolean hasToken = repo != null && repo.deployKey() != null && !repo.deployKey().isEmpty();
        String csrf = d.nav().csrf();

        w.element("h1", "Dashboard", "class", "page-title").line();
        HostingPages.notice(w, d.notice());
        w.tag("p").text("Signed in as ").element("strong", d.user().username());
        w.text(". Your site: ");
        // At a verified custom domain, the site's link is the domain's.
        String siteHref =
                d.domain() != null && ws.domain() != null
                        ? d.siteUrl()
                        : pages.url(SiteUrls.home(ws.slug()));
        w.element("a", d.siteUrl(), "id", "site-link", "href", siteHref);
        w.end("p").line();

        HostingPages.panel(w, d, "workspace", "Workspace");
        HostingPages.formStart(
                w, "hosting-form", pages.url(Hosting.DASHBOARD + "/workspace"), csrf);
        HostingPages.label(w, "ws-name", "Name");
        w.tag(
                        "input",
                        "id",
                        "ws-name",
                        "name",
                        "name",
                        "value",
                        name,
                        "required",
                        true,
                        "maxlength",
                        "100")
                .line();
        HostingPages.label(w, "ws-slug", "Slug");
        w.tag(
                        "input",
                        "id",
                        "ws-slug",
                        "name",
                        "slug",
                        "value",
                        slug,
                        "required",
                        true,
                        "maxlength",
                        "100",
                        "autocapitalize",
                        "none",
                        "spellcheck",
                        "false")
                .line();
        w.tag("p", "class", "hint")
                .text("The site's address: ")
                .element("code", SiteUrls.home(ws.slug()))
                .text(". Lower-case letters, digits and ")
                .element("code", "-")
                .text(".")
                .end("p")
                .line();
        HostingPages.label(w, "ws-depth", "Embed depth");
        w.tag(
                        "input",
                        "id",
                        "ws-depth",
                        "name",
                        "embed_depth",
                        "type",
                        "number",
                        "min",
                        "0",
                        "max",
                        Accounts.MAX_EMBED_DEPTH,
                        "value",
                        depth,
                        "required",
                        true)
                .line();
        w.tag("p", "class", "hint")
                .text("How deep ")
                .element("code", "{{embed}}")
                .text(" nests before it stops.")
                .end("p")
                .line();
        w.element("button", "Save workspace", "type", "submit").line();
        w.end("form").line().end("section").line();

        if (d.domain() != null) {
            domainPanel(pages, d, w);
        }

        HostingPages.panel(w, d, "repository", "Repository");
        HostingPages.formStart(
                w, "hosting-form", pages.url(Hosting.DASHBOARD + "/repository"), csrf);
        HostingPages.label(w, "repo-url", "Git URL");
        w.tag(
                        "input",
                        "id",
                        "repo-url",
                        "name",
                        "url",
                        "value",
                        repoUrl,
                        "required",
                        true,
                        "maxlength",
                        "2048",
                        "placeholder",
                        "https://github.com/you/notes.git",
                        "autocapitalize",
                        "none",
                        "spellcheck",
                        "false")
                .line();
        HostingPages.label(w, "repo-branch", "Branch");
        w.tag(
                        "input",
                        "id",
                        "repo-branch",
                        "name",
                        "branch",
                        "value",
                        branch,
                        "maxlength",
                        "255",
                        "autocapitalize",
                        "none",
                        "spellcheck",
                        "false")
                .line();
        HostingPages.label(w, "repo-token", "Access token");
        w.tag(
                        "input",
                        "id",
                        "repo-token",
                        "name",
                        "token",
                        "type",
                        "password",
                        "autocomplete",
                        "off",
                        "value",
                        "",
                        "placeholder",
                        hasToken
                                ? "stored; leave empty to keep it"
                                : "only for a private repository")
                .line();
        w.element(
                        "p",
                        hasToken
                                ? "A token is stored. It is never shown again; type a new one to replace it."
                                : "No token is stored. A token is stored once saved and never shown again.",
                        "class",
                        "hint")
                .line();
        if (hasToken) {
            w.tag("label", "class", "check")
                    .tag("input", "type", "checkbox", "name", "clear_token", "value", "1")
                    .text(" Remove the stored token")
                    .end("label")
                    .line();
        }
        w.element(
                        "button",
                        repo == null ? "Connect repository" : "Save repository",
                        "type",
                        "submit")
                .line();
        w.end("form").line().end("section").line();

        HostingPages.panel(w, d, "sync", "Sync");
        if (repo == null) {
            w.element("p", "Connect a repository to publish it.").line();
        } else {
            w.tag("dl", "class", "facts").line().element("dt", "Status").tag("dd");
            HostingPages.status(
                    w,
                    "sync-status",
                    repo.syncStatus().dbValue(),
                    d.syncQueued() ? " (a sync is queued)" : "");
            w.end("dd").line().element("dt", "Last sync").tag("dd", "id", "last-sync");
            if (repo.lastSync() == null) {
                w.text("never");
            } else {
                HostingPages.time(w, repo.lastSync());
            }
            w.end("dd").line().end("dl").line();
            if (repo.errorLog() != null && !repo.errorLog().isBlank()) {
                w.element("p", "The last sync failed:").line();
                w.element("pre", repo.errorLog(), "class", "log", "id", "error-log").line();
            }
            HostingPages.formStart(w, "inline", pages.url(Hosting.DASHBOARD + "/sync"), csrf);
            w.element("button", "Sync now", "type", "submit", "id", "sync-now").line();
            w.end("form").text(" ");
            w.element("a", "Refresh", "href", pages.url(Hosting.DASHBOARD)).line();
        }
        w.end("section").line();

        HostingPages.panel(w, d, "webhook", "Push webhook");
        if (repo == null) {
            w.element("p", "Connect a repository first.").line();
        } else {
            w.element(
                            "p",
                            "Let your git host tell draehi about every push: the site is then rebuilt within seconds.")
                    .line();
            w.tag("p")
                    .text("Webhook URL: ")
                    .element("code", d.webhookUrl(), "id", "webhook-url")
                    .end("p")
                    .line();
            w.element(
                            "p",
                            d.webhookSecretSet()
                                    ? "A secret is set; it was shown once. A new one replaces it: update your git host then."
                                    : "No secret yet: generate one, then set up the webhook with the guide shown.")
                    .line();
            HostingPages.formStart(w, "inline", pages.url(Hosting.DASHBOARD + "/webhook"), csrf);
            w.element(
                            "button",
                            d.webhookSecretSet() ? "Generate a new secret" : "Generate a secret",
                            "type",
                            "submit")
                    .line();
            w.end("form").line();
        }
        w.end("section").line();

        HostingPages.panelStart(w, "deployments", "Deployments");
        if (d.deployments().isEmpty()) {
            w.element("p", "No deployments yet.").line();
        } else {
            w.tag("table", "class", "deployments").line().tag("thead").tag("tr");
            w.element("th", "Status").element("th", "Commit").element("th", "Time");
            w.element("th", "Log").end("tr").end("thead").line().tag("tbody").line();
            for (Deployment dep : d.deployments()) {
                w.tag("tr").tag("td");
                HostingPages.status(w, null, dep.status().dbValue(), "");
                w.end("td").tag("td");
                HostingPages.commit(w, dep.commitSha());
                w.end("td").tag("td");
                HostingPages.time(w, dep.deployedAt());
                w.end("td").tag("td");
                w.element(
                        "a",
                        "Build log",
                        "href",
                        pages.url(Hosting.DASHBOARD + "/deployments/" + dep.id()));
                w.end("td").end("tr").line();
            }
            w.end("tbody").line().end("table").line();
        }
        w.end("section").line();

        HostingPages.panel(w, d, "password", "Password");
        HostingPages.formStart(w, "hosting-form", pages.url(Hosting.DASHBOARD + "/password"), csrf);
        HostingPages.label(w, "pw-current", "Current password");
        HostingPages.password(w, "pw-current", "current", "current-password");
        HostingPages.label(w, "pw-new", "New password");
        HostingPages.password(w, "pw-new", "password", "new-password");
        HostingPages.label(w, "pw-confirm", "New password again");
        HostingPages.password(w, "pw-confirm", "confirm", "new-password");
        w.element("button", "Change password", "type", "submit").line();
        w.end("form").line().end("section").line();

        w.tag("section", "class", "panel danger-zone", "id", "delete").line();
        w.element("h2", "Delete account").line();
        w.element(
                        "p",
                        "Deletes your user, your workspace with its published pages, the repository settings and every deployment. There is no undo.")
                .line();
        w.tag("p")
                .element(
                        "a",
                        "Delete account\u2026",
                        "class",
                        "button danger",
                        "href",
                        pages.url(Hosting.DASHBOARD + "/delete"))
                .end("p")
                .line();
        w.end("section").line();
    }

    /** The custom domain: the form, the records to add at the DNS provider and the check. */
    private static void domainPanel(HostingPages pages, Dashboard d, HtmlWriter w) {
        DomainClaim claim = d.domain().claim();
        String csrf = d.nav().csrf();
        HostingPages.panel(w, d, "domain", "Custom domain");
        if (claim != null && claim.notice() != null) {
            HostingPages.error(w, claim.notice());
        }
        HostingPages.formStart(w, "hosting-form", pages.url(Hosting.DASHBOARD + "/domain"), csrf);
        HostingPages.label(w, "ws-domain", "Domain");
        w.tag(
                        "input",
                        "id",
                        "ws-domain",
                        "name",
                        "domain",
                        "value",
                        d.typed().getOrDefault("domain", claim == null ? "" : claim.domain()),
                        "maxlength",
                        "253",
                        "placeholder",
                        "notes.example.com",
                        "autocapitalize",
                        "none",
                        "spellcheck",
                        "false")
                .line();
        w.element(
                        "p",
                        "Your site at a domain of your own, at its root. Leave it empty to remove it.",
                        "class",
                        "hint")
                .line();
        w.element("button", "Save domain", "type", "submit").line();
        w.end("form").line();
        if (claim != null) {
            w.tag("dl", "class", "facts").line().element("dt", "Status").tag("dd");
            String status =
                    claim.verified()
                            ? claim.failingSince() == null ? "verified" : "failing"
                            : "unverified";
            HostingPages.status(w, "domain-status", status, "");
            w.end("dd").line().element("dt", "Last check").tag("dd", "id", "domain-checked");
            if (claim.checkedAt() == null) {
                w.text("never");
            } else {
                HostingPages.time(w, claim.checkedAt());
            }
            w.end("dd").line().end("dl").line();
            w.element("p", "Add these records at your DNS provider:").line();
            w.tag("table", "class", "dns-records").line().tag("thead").tag("tr");
            w.element("th", "Name").element("th", "Type").element("th", "Value");
            w.end("tr").end("thead").line().tag("tbody").line();
            w.tag("tr").tag("td").element("code", claim.domain()).end("td");
            w.element("td", "CNAME")
                    .tag("td")
                    .element("code", d.domain().target(), "id", "domain-target");
            w.text(" (or A/AAAA records with its addresses)").end("td").end("tr").line();
            w.tag("tr").tag("td").element("code", Domains.txtName(claim.domain())).end("td");
            w.element("td", "TXT").tag("td").element("code", claim.token(), "id", "domain-token");
            w.end("td").end("tr").line();
            w.end("tbody").line().end("table").line();
            HostingPages.formStart(
                    w, "inline", pages.url(Hosting.DASHBOARD + "/domain/verify"), csrf);
            w.element("button", "Check now", "type", "submit", "id", "domain-verify").line();
            w.end("form").line();
        }
        w.end("section").line();
    }
}
