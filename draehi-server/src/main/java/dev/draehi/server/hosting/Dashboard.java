package dev.draehi.server.hosting;

import dev.draehi.StorageException;
import dev.draehi.model.Deployment;
import dev.draehi.model.GitRepository;
import dev.draehi.model.Workspace;
import dev.draehi.server.Accounts;
import dev.draehi.server.SyncStatus;
import dev.draehi.site.SiteResponse;
import dev.draehi.store.Storage;
import dev.draehi.web.SiteUrls;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * The dashboard page and its smaller actions: "Sync now", a new webhook secret and a deployment's
 * log. The settings forms ({@link WorkspaceSettings}, {@link RepositorySettings}, {@link
 * DomainPages}) show it again, with their error, when they refuse what was typed.
 */
final class Dashboard {
    private final Storage storage;
    private final Accounts accounts;
    private final LongConsumer syncs;
    private final SyncStatus syncStatus;
    private final Domains domains; // null: no custom domains
    private final Responses responses;
    private final HostingPages pages;

    Dashboard(
            Storage storage,
            Accounts accounts,
            LongConsumer syncs,
            Domains domains,
            Responses responses) {
        this.storage = storage;
        this.accounts = accounts;
        this.syncs = syncs;
        this.syncStatus = SyncStatus.of(syncs);
        this.domains = domains;
        this.responses = responses;
        this.pages = responses.pages();
    }

    /** The dashboard, with a notice, or an error in one of its sections and what was typed. */
    SiteResponse show(
            SignedIn s,
            String notice,
            String errorSection,
            String error,
            Map<String, String> typed,
            int status) {
        Workspace ws = s.workspace();
        Optional<GitRepository> repo = storage.repositories().findByWorkspace(ws.id());
        boolean secretSet;
        try {
            secretSet =
                    repo.isPresent() && storage.repositories().webhookSecret(ws.id()).isPresent();
        } catch (StorageException e) {
            secretSet = true; // sealed with a key this process lacks: there is one
        }
        List<Deployment> deployments = storage.deployments().list(ws.id(), 10);
        String base = s.base();
        var view =
                new HostingPages.Dashboard(
                        s.nav(),
                        s.user(),
                        ws,
                        repo,
                        secretSet,
                        syncStatus.busy(ws.id()),
                        deployments,
                        domains != null && ws.domain() != null
                                ? URI.create(base).getScheme() + "://" + ws.domain() + "/"
                                : base + SiteUrls.home(ws.slug()),
                        webhookUrl(base),
                        notice,
                        errorSection,
                        error,
                        typed,
                        domains == null
                                ? null
                                : new HostingPages.DomainView(
                                        domains.claimOf(ws.id()).orElse(null),
                                        DomainPages.target(domains, base)));
        return responses.html(status, pages.dashboard(view), null);
    }

    /** The dashboard refusing a form: status 4xx, the error shown in its section. */
    SiteResponse refuse(
            SignedIn s, String section, String error, Map<String, String> typed, int status) {
        return show(s, null, section, error, typed, status);
    }

    SiteResponse syncNow(SignedIn s) {
        long ws = s.workspaceId();
        if (storage.repositories().findByWorkspace(ws).isEmpty()) {
            return refuse(s, "sync", "Connect a repository first.", Map.of(), 400);
        }
        syncs.accept(ws);
        return responses.redirect(Hosting.DASHBOARD + "?m=sync-started", null);
    }

    SiteResponse newWebhookSecret(SignedIn s) {
        long ws = s.workspaceId();
        Optional<GitRepository> repo = storage.repositories().findByWorkspace(ws);
        if (repo.isEmpty()) {
            return refuse(s, "webhook", "Connect a repository first.", Map.of(), 400);
        }
        String secret = accounts.newWebhookSecret(ws);
        return responses.html(
                200,
                pages.webhookSecret(s.nav(), webhookUrl(s.base()), secret, repo.get().branch()),
                null);
    }

    SiteResponse deployment(SignedIn s, long id) {
        Optional<Deployment> d =
                storage.deployments().findById(id).filter(x -> x.workspaceId() == s.workspaceId());
        // Another workspace's deployment is answered like a missing one: 404, nothing more.
        return d.map(x -> responses.html(200, pages.deployment(s.nav(), x), null))
                .orElseGet(() -> responses.notFound(s.nav()));
    }

    private static String webhookUrl(String base) {
        return base + Hosting.WEBHOOK_PATH;
    }
}
