package dev.draehi.server.hosting;

import static dev.draehi.web.Html.escape;

import dev.draehi.model.Deployment;
import dev.draehi.model.GitRepository;
import dev.draehi.model.User;
import dev.draehi.model.Workspace;
import dev.draehi.server.Accounts;
import dev.draehi.web.Html;
import dev.draehi.web.SiteUrls;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hosting mode's HTML: sign-up, login, logout, the dashboard and its sub-pages, in the site's
 * own stylesheet. Every value that comes from a user or the database goes through {@link
 * Html#escape}; the templates are plain HTML forms that work without JavaScript.
 */
final class HostingPages {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final String prefix;

    /**
     * @param prefix the path prefix of every root-relative link ({@code ""} or {@code /notes})
     */
    HostingPages(String prefix) {
        this.prefix = prefix;
    }

    /** Who is signed in, for the header's links and the logout button. */
    record Nav(String username, String slug, String csrf) {}

    /** What the dashboard shows. */
    record Dashboard(
            Nav nav,
            User user,
            Workspace workspace,
            Optional<GitRepository> repository,
            boolean webhookSecretSet,
            boolean syncQueued,
            List<Deployment> deployments,
            String siteUrl,
            String webhookUrl,
            String notice,
            String errorSection,
            String error,
            Map<String, String> typed) {}

    String url(String rootRelative) {
        return prefix + rootRelative;
    }

    // ---- pages ----

    String signup(
            Nav nav,
            String csrf,
            String username,
            String slugPreview,
            String error,
            String notice) {
        String main =
                """
                <h1 class="page-title">Sign up</h1>
                %s%s<p>Publish your Logseq graph from git. Your site will be at \
                <code>%s</code>; you can change that later.</p>
                <form class="hosting-form" method="post" action="%s">
                <input type="hidden" name="csrf" value="%s">
                <label for="username">Username</label>
                <input id="username" name="username" value="%s" required minlength="3" maxlength="32" \
                autocomplete="username" autocapitalize="none" spellcheck="false">
                <p class="hint">3 to 32 lower-case letters, digits, <code>_</code> or <code>-</code>.</p>
                <label for="password">Password</label>
                <input id="password" name="password" type="password" required minlength="%d" \
                autocomplete="new-password">
                <p class="hint">At least %d characters.</p>
                <label for="confirm">Password again</label>
                <input id="confirm" name="confirm" type="password" required autocomplete="new-password">
                <button type="submit">Create account</button>
                </form>
                <p>Have an account? <a href="%s">Log in</a>.</p>
                """
                        .formatted(
                                notice(notice),
                                error(error),
                                escape(slugPreview),
                                escape(url(Hosting.SIGNUP)),
                                escape(csrf),
                                escape(username),
                                Accounts.MIN_PASSWORD_LENGTH,
                                Accounts.MIN_PASSWORD_LENGTH,
                                escape(url(Hosting.LOGIN)));
        return layout("Sign up", nav, main);
    }

    String login(Nav nav, String csrf, String username, String error, String notice) {
        String main =
                """
                <h1 class="page-title">Log in</h1>
                %s%s<form class="hosting-form" method="post" action="%s">
                <input type="hidden" name="csrf" value="%s">
                <label for="username">Username</label>
                <input id="username" name="username" value="%s" required maxlength="64" \
                autocomplete="username" autocapitalize="none" spellcheck="false">
                <label for="password">Password</label>
                <input id="password" name="password" type="password" required autocomplete="current-password">
                <button type="submit">Log in</button>
                </form>
                <p>New here? <a href="%s">Sign up</a>.</p>
                """
                        .formatted(
                                notice(notice),
                                error(error),
                                escape(url(Hosting.LOGIN)),
                                escape(csrf),
                                escape(username),
                                escape(url(Hosting.SIGNUP)));
        return layout("Log in", nav, main);
    }

    String logout(Nav nav) {
        String main =
                """
                <h1 class="page-title">Log out</h1>
                <p>Log out of <strong>%s</strong>?</p>
                %s
                """
                        .formatted(escape(nav.username()), logoutForm(nav, "Log out"));
        return layout("Log out", nav, main);
    }

    String dashboard(Dashboard d) {
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

        StringBuilder main = new StringBuilder(8000);
        main.append(
                """
                <h1 class="page-title">Dashboard</h1>
                %s<p>Signed in as <strong>%s</strong>. Your site: <a id="site-link" href="%s">%s</a></p>
                """
                        .formatted(
                                notice(d.notice()),
                                escape(d.user().username()),
                                escape(url(SiteUrls.home(ws.slug()))),
                                escape(d.siteUrl())));

        main.append(
                """
                <section class="panel" id="workspace">
                <h2>Workspace</h2>
                %s<form class="hosting-form" method="post" action="%s">
                <input type="hidden" name="csrf" value="%s">
                <label for="ws-name">Name</label>
                <input id="ws-name" name="name" value="%s" required maxlength="100">
                <label for="ws-slug">Slug</label>
                <input id="ws-slug" name="slug" value="%s" required maxlength="100" autocapitalize="none" spellcheck="false">
                <p class="hint">The site's address: <code>/%s/</code>. Lower-case letters, digits and <code>-</code>.</p>
                <label for="ws-depth">Embed depth</label>
                <input id="ws-depth" name="embed_depth" type="number" min="0" max="%d" value="%s" required>
                <p class="hint">How deep <code>{{embed}}</code> nests before it stops.</p>
                <button type="submit">Save workspace</button>
                </form>
                </section>
                """
                        .formatted(
                                sectionError(d, "workspace"),
                                escape(url(Hosting.DASHBOARD + "/workspace")),
                                escape(csrf),
                                escape(name),
                                escape(slug),
                                escape(ws.slug()),
                                Accounts.MAX_EMBED_DEPTH,
                                escape(depth)));

        main.append(
                """
                <section class="panel" id="repository">
                <h2>Repository</h2>
                %s<form class="hosting-form" method="post" action="%s">
                <input type="hidden" name="csrf" value="%s">
                <label for="repo-url">Git URL</label>
                <input id="repo-url" name="url" value="%s" required maxlength="2048" \
                placeholder="https://github.com/you/notes.git" autocapitalize="none" spellcheck="false">
                <label for="repo-branch">Branch</label>
                <input id="repo-branch" name="branch" value="%s" maxlength="255" autocapitalize="none" spellcheck="false">
                <label for="repo-token">Access token</label>
                <input id="repo-token" name="token" type="password" autocomplete="off" value="" \
                placeholder="%s">
                <p class="hint">%s</p>
                %s<button type="submit">%s</button>
                </form>
                </section>
                """
                        .formatted(
                                sectionError(d, "repository"),
                                escape(url(Hosting.DASHBOARD + "/repository")),
                                escape(csrf),
                                escape(repoUrl),
                                escape(branch),
                                hasToken
                                        ? "stored; leave empty to keep it"
                                        : "only for a private repository",
                                hasToken
                                        ? "A token is stored. It is never shown again; type a new one to replace it."
                                        : "No token is stored. A token is stored once saved and never shown again.",
                                hasToken
                                        ? "<label class=\"check\"><input type=\"checkbox\" name=\"clear_token\" value=\"1\"> Remove the stored token</label>\n"
                                        : "",
                                repo == null ? "Connect repository" : "Save repository"));

        main.append("<section class=\"panel\" id=\"sync\">\n<h2>Sync</h2>\n")
                .append(sectionError(d, "sync"));
        if (repo == null) {
            main.append("<p>Connect a repository to publish it.</p>\n");
        } else {
            main.append("<dl class=\"facts\">\n<dt>Status</dt><dd>")
                    .append(
                            status(
                                    "sync-status",
                                    repo.syncStatus().dbValue(),
                                    d.syncQueued() ? " (a sync is queued)" : ""))
                    .append("</dd>\n<dt>Last sync</dt><dd id=\"last-sync\">")
                    .append(repo.lastSync() == null ? "never" : time(repo.lastSync()))
                    .append("</dd>\n</dl>\n");
            if (repo.errorLog() != null && !repo.errorLog().isBlank()) {
                main.append("<p>The last sync failed:</p>\n<pre class=\"log\" id=\"error-log\">")
                        .append(escape(repo.errorLog()))
                        .append("</pre>\n");
            }
            main.append(
                    """
                    <form method="post" action="%s" class="inline">
                    <input type="hidden" name="csrf" value="%s">
                    <button type="submit" id="sync-now">Sync now</button>
                    </form> <a href="%s">Refresh</a>
                    """
                            .formatted(
                                    escape(url(Hosting.DASHBOARD + "/sync")),
                                    escape(csrf),
                                    escape(url(Hosting.DASHBOARD))));
        }
        main.append("</section>\n");

        main.append("<section class=\"panel\" id=\"webhook\">\n<h2>Push webhook</h2>\n")
                .append(sectionError(d, "webhook"));
        if (repo == null) {
            main.append("<p>Connect a repository first.</p>\n");
        } else {
            main.append(
                    """
                    <p>Let your git host tell draehi about every push: the site is then rebuilt \
                    within seconds.</p>
                    <p>Webhook URL: <code id="webhook-url">%s</code></p>
                    <p>%s</p>
                    <form method="post" action="%s" class="inline">
                    <input type="hidden" name="csrf" value="%s">
                    <button type="submit">%s</button>
                    </form>
                    """
                            .formatted(
                                    escape(d.webhookUrl()),
                                    d.webhookSecretSet()
                                            ? "A secret is set; it was shown once. A new one replaces it: update your git host then."
                                            : "No secret yet: generate one, then set up the webhook with the guide shown.",
                                    escape(url(Hosting.DASHBOARD + "/webhook")),
                                    escape(csrf),
                                    d.webhookSecretSet()
                                            ? "Generate a new secret"
                                            : "Generate a secret"));
        }
        main.append("</section>\n");

        main.append("<section class=\"panel\" id=\"deployments\">\n<h2>Deployments</h2>\n");
        if (d.deployments().isEmpty()) {
            main.append("<p>No deployments yet.</p>\n");
        } else {
            main.append(
                    "<table class=\"deployments\">\n<thead><tr><th>Status</th><th>Commit</th>"
                            + "<th>Time</th><th>Log</th></tr></thead>\n<tbody>\n");
            for (Deployment dep : d.deployments()) {
                main.append("<tr><td>")
                        .append(status(null, dep.status().dbValue(), ""))
                        .append("</td><td>")
                        .append(commit(dep.commitSha()))
                        .append("</td><td>")
                        .append(time(dep.deployedAt()))
                        .append("</td><td><a href=\"")
                        .append(escape(url(Hosting.DASHBOARD + "/deployments/" + dep.id())))
                        .append("\">Build log</a></td></tr>\n");
            }
            main.append("</tbody>\n</table>\n");
        }
        main.append("</section>\n");

        main.append(
                """
                <section class="panel danger-zone" id="delete">
                <h2>Delete account</h2>
                <p>Deletes your user, your workspace with its published pages, the repository \
                settings and every deployment. There is no undo.</p>
                <p><a class="button danger" href="%s">Delete account…</a></p>
                </section>
                """
                        .formatted(escape(url(Hosting.DASHBOARD + "/delete"))));
        return layout("Dashboard", d.nav(), main.toString());
    }

    String webhookSecret(Nav nav, String webhookUrl, String secret, String branch) {
        String main =
                """
                <h1 class="page-title">Webhook secret</h1>
                <p class="notice warning" role="status">Copy the secret now: it is shown only once. \
                It replaces any secret generated before.</p>
                <div class="hosting-form">
                <label for="webhook-url">Payload URL</label>
                <input id="webhook-url" readonly value="%1$s">
                <label for="webhook-secret">Secret</label>
                <input id="webhook-secret" readonly value="%2$s" autocomplete="off">
                </div>
                <h2>GitHub</h2>
                <ol>
                <li>Open the repository's <strong>Settings → Webhooks → Add webhook</strong>.</li>
                <li><strong>Payload URL</strong>: the URL above. <strong>Content type</strong>: \
                <code>application/json</code>.</li>
                <li><strong>Secret</strong>: the secret above.</li>
                <li><strong>Which events</strong>: <em>Just the push event</em>. Save with \
                <strong>Add webhook</strong>.</li>
                </ol>
                <h2>GitLab</h2>
                <ol>
                <li>Open the project's <strong>Settings → Webhooks → Add new webhook</strong>.</li>
                <li><strong>URL</strong>: the URL above. <strong>Secret token</strong>: the secret \
                above.</li>
                <li><strong>Trigger</strong>: <em>Push events</em> (for branch <code>%3$s</code>, or \
                all branches). Save with <strong>Add webhook</strong>.</li>
                </ol>
                <h2>Gitea and Forgejo</h2>
                <ol>
                <li>Open the repository's <strong>Settings → Webhooks → Add webhook → \
                Gitea</strong> (Forgejo: <strong>Forgejo</strong>).</li>
                <li><strong>Target URL</strong>: the URL above. <strong>HTTP method</strong>: \
                POST. <strong>POST content type</strong>: <code>application/json</code>.</li>
                <li><strong>Secret</strong>: the secret above. <strong>Trigger on</strong>: \
                <em>Push events</em>; branch filter <code>%3$s</code>. Save with \
                <strong>Add webhook</strong>.</li>
                </ol>
                <p>Each host sends a test delivery or lets you send one: draehi answers pushes to \
                other branches with 202 and does nothing.</p>
                <p><a href="%4$s">Back to the dashboard</a></p>
                """
                        .formatted(
                                escape(webhookUrl),
                                escape(secret),
                                escape(branch),
                                escape(url(Hosting.DASHBOARD)));
        return layout("Webhook secret", nav, main);
    }

    String deployment(Nav nav, Deployment d) {
        StringBuilder main = new StringBuilder(4000);
        main.append("<h1 class=\"page-title\">Deployment ")
                .append(d.id())
                .append("</h1>\n<dl class=\"facts\">\n<dt>Status</dt><dd>")
                .append(status("deployment-status", d.status().dbValue(), ""))
                .append("</dd>\n<dt>Commit</dt><dd><code>")
                .append(d.commitSha().isEmpty() ? "not fetched yet" : escape(d.commitSha()))
                .append("</code></dd>\n<dt>Time</dt><dd>")
                .append(time(d.deployedAt()))
                .append("</dd>\n</dl>\n");
        if (d.errorLog() != null && !d.errorLog().isBlank()) {
            main.append("<h2>Error</h2>\n<pre class=\"log\" id=\"deployment-error\">")
                    .append(escape(d.errorLog()))
                    .append("</pre>\n");
        }
        main.append("<h2>Build log</h2>\n<pre class=\"log\" id=\"build-log\">");
        if (d.buildLog().isEmpty()) {
            main.append("(empty)");
        }
        for (String line : d.buildLog()) {
            main.append(escape(line)).append('\n');
        }
        main.append("</pre>\n<p><a href=\"")
                .append(escape(url(Hosting.DASHBOARD)))
                .append("\">Back to the dashboard</a></p>\n");
        return layout("Deployment " + d.id(), nav, main.toString());
    }

    String delete(Nav nav, String error) {
        String main =
                """
                <h1 class="page-title">Delete your account</h1>
                %s<p>This deletes the user <strong>%s</strong>, the workspace \
                <code>/%s/</code> with every published page, the repository settings and every \
                deployment. It cannot be undone.</p>
                <form class="hosting-form" method="post" action="%s">
                <input type="hidden" name="csrf" value="%s">
                <label for="password">Your password</label>
                <input id="password" name="password" type="password" required autocomplete="current-password">
                <button type="submit" class="danger" id="confirm-delete">Delete my account</button>
                </form>
                <p><a href="%s">Cancel</a></p>
                """
                        .formatted(
                                error(error),
                                escape(nav.username()),
                                escape(nav.slug()),
                                escape(url(Hosting.DASHBOARD + "/delete")),
                                escape(nav.csrf()),
                                escape(url(Hosting.DASHBOARD)));
        return layout("Delete account", nav, main);
    }

    /** A page with a heading and one paragraph, for errors. */
    String message(Nav nav, String title, String text, String linkText, String link) {
        String main =
                """
                <h1 class="page-title">%s</h1>
                <p>%s</p>
                <p><a href="%s">%s</a></p>
                """
                        .formatted(
                                escape(title), escape(text), escape(url(link)), escape(linkText));
        return layout(title, nav, main);
    }

    // ---- pieces ----

    private String layout(String title, Nav nav, String main) {
        String links;
        if (nav == null) {
            links =
                    "<a href=\"%s\">Log in</a> <a href=\"%s\">Sign up</a>"
                            .formatted(escape(url(Hosting.LOGIN)), escape(url(Hosting.SIGNUP)));
        } else {
            links =
                    "<a href=\"%s\">Dashboard</a> <a href=\"%s\">Your site</a> %s"
                            .formatted(
                                    escape(url(Hosting.DASHBOARD)),
                                    escape(url(SiteUrls.home(nav.slug()))),
                                    logoutForm(nav, "Log out"));
        }
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="color-scheme" content="light dark">
                <meta name="robots" content="noindex">
                <link rel="icon" href="data:,">
                <title>%s · draehi</title>
                <link rel="stylesheet" href="%s">
                <link rel="stylesheet" href="%s">
                </head>
                <body class="hosting">
                <header class="site-header">
                <a class="site-name" href="%s">draehi</a>
                <nav class="site-nav">%s</nav>
                </header>
                <main class="content">
                %s</main>
                <footer class="site-footer">Published with draehi</footer>
                </body>
                </html>
                """
                .formatted(
                        escape(title),
                        escape(url(SiteUrls.rootStatic("draehi.css"))),
                        escape(url(Hosting.HOSTING_CSS)),
                        escape(url(nav == null ? Hosting.LOGIN : Hosting.DASHBOARD)),
                        links,
                        main);
    }

    private String logoutForm(Nav nav, String label) {
        return ("<form class=\"inline logout\" method=\"post\" action=\"%s\">"
                        + "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
                        + "<button type=\"submit\" class=\"link\">%s</button></form>")
                .formatted(escape(url(Hosting.LOGOUT)), escape(nav.csrf()), escape(label));
    }

    private static String sectionError(Dashboard d, String section) {
        return section.equals(d.errorSection()) ? error(d.error()) : "";
    }

    private static String notice(String text) {
        return text == null || text.isEmpty()
                ? ""
                : "<p class=\"notice\" role=\"status\">" + escape(text) + "</p>\n";
    }

    private static String error(String text) {
        return text == null || text.isEmpty()
                ? ""
                : "<p class=\"notice error\" role=\"alert\">" + escape(text) + "</p>\n";
    }

    private static String status(String id, String value, String suffix) {
        return "<span class=\"status status-"
                + escape(value)
                + "\""
                + (id == null ? "" : " id=\"" + id + "\"")
                + ">"
                + escape(value)
                + "</span>"
                + escape(suffix);
    }

    private static String commit(String sha) {
        if (sha == null || sha.isEmpty()) {
            return "—";
        }
        return "<code title=\""
                + escape(sha)
                + "\">"
                + escape(sha.length() > 7 ? sha.substring(0, 7) : sha)
                + "</code>";
    }

    private static String time(Instant t) {
        Instant s = t.truncatedTo(ChronoUnit.SECONDS);
        return "<time datetime=\""
                + escape(s.toString())
                + "\">"
                + escape(TIME.format(s))
                + "</time>";
    }
}
