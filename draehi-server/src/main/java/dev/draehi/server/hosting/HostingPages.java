package dev.draehi.server.hosting;

import dev.draehi.model.Deployment;
import dev.draehi.model.GitRepository;
import dev.draehi.model.User;
import dev.draehi.model.Workspace;
import dev.draehi.server.Accounts;
import dev.draehi.web.HtmlWriter;
import dev.draehi.web.SiteUrls;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The hosting mode's HTML: sign-up, login, logout, the dashboard and its sub-pages, in the site's
 * own stylesheet. Written through an {@link HtmlWriter}, which escapes every text and attribute
 * value; the pages are plain HTML forms that work without JavaScript.
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
            Map<String, String> typed,
            DomainView domain) {}

    /**
     * The custom domain panel: the workspace's claim (or {@code null}) and the host its {@code
     * CNAME} points at. The panel is left out when the dashboard has no {@code DomainView}.
     */
    record DomainView(dev.draehi.model.DomainClaim claim, String target) {}

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
        return layout(
                "Sign up",
                nav,
                w -> {
                    w.element("h1", "Sign up", "class", "page-title").line();
                    notice(w, notice);
                    error(w, error);
                    w.tag("p")
                            .text("Publish your Logseq graph from git. Your site will be at ")
                            .element("code", slugPreview)
                            .text("; you can change that later.")
                            .end("p")
                            .line();
                    formStart(w, "hosting-form", url(Hosting.SIGNUP), csrf);
                    label(w, "username", "Username");
                    usernameInput(w, username, "3", "32");
                    w.tag("p", "class", "hint")
                            .text("3 to 32 lower-case letters, digits, ")
                            .element("code", "_")
                            .text(" or ")
                            .element("code", "-")
                            .text(".")
                            .end("p")
                            .line();
                    label(w, "password", "Password");
                    w.tag(
                                    "input",
                                    "id",
                                    "password",
                                    "name",
                                    "password",
                                    "type",
                                    "password",
                                    "required",
                                    true,
                                    "minlength",
                                    Accounts.MIN_PASSWORD_LENGTH,
                                    "autocomplete",
                                    "new-password")
                            .line();
                    w.tag("p", "class", "hint")
                            .text("At least ")
                            .text(Accounts.MIN_PASSWORD_LENGTH)
                            .text(" characters.")
                            .end("p")
                            .line();
                    label(w, "confirm", "Password again");
                    password(w, "confirm", "confirm", "new-password");
                    w.element("button", "Create account", "type", "submit").line();
                    w.end("form").line();
                    w.tag("p").text("Have an account? ");
                    w.element("a", "Log in", "href", url(Hosting.LOGIN)).text(".").end("p").line();
                });
    }

    String login(Nav nav, String csrf, String username, String error, String notice) {
        return layout(
                "Log in",
                nav,
                w -> {
                    w.element("h1", "Log in", "class", "page-title").line();
                    notice(w, notice);
                    error(w, error);
                    formStart(w, "hosting-form", url(Hosting.LOGIN), csrf);
                    label(w, "username", "Username");
                    usernameInput(w, username, null, "64");
                    label(w, "password", "Password");
                    password(w, "password", "password", "current-password");
                    w.element("button", "Log in", "type", "submit").line();
                    w.end("form").line();
                    w.tag("p").text("New here? ");
                    w.element("a", "Sign up", "href", url(Hosting.SIGNUP))
                            .text(".")
                            .end("p")
                            .line();
                });
    }

    String logout(Nav nav) {
        return layout(
                "Log out",
                nav,
                w -> {
                    w.element("h1", "Log out", "class", "page-title").line();
                    w.tag("p")
                            .text("Log out of ")
                            .element("strong", nav.username())
                            .text("?")
                            .end("p")
                            .line();
                    logoutForm(w, nav, "Log out");
                    w.line();
                });
    }

    String dashboard(Dashboard d) {
        return layout("Dashboard", d.nav(), w -> DashboardPage.write(this, d, w));
    }

    String webhookSecret(Nav nav, String webhookUrl, String secret, String branch) {
        return layout(
                "Webhook secret",
                nav,
                w -> {
                    w.element("h1", "Webhook secret", "class", "page-title").line();
                    w.element(
                                    "p",
                                    "Copy the secret now: it is shown only once. It replaces any secret generated before.",
                                    "class",
                                    "notice warning",
                                    "role",
                                    "status")
                            .line();
                    w.tag("div", "class", "hosting-form").line();
                    label(w, "webhook-url", "Payload URL");
                    w.tag("input", "id", "webhook-url", "readonly", true, "value", webhookUrl)
                            .line();
                    label(w, "webhook-secret", "Secret");
                    w.tag(
                                    "input",
                                    "id",
                                    "webhook-secret",
                                    "readonly",
                                    true,
                                    "value",
                                    secret,
                                    "autocomplete",
                                    "off")
                            .line();
                    w.end("div").line();
                    // The guide: fixed prose, only the branch is data.
                    w.raw(GUIDE_GITHUB);
                    w.raw(GUIDE_GITLAB_1).text(branch).raw(GUIDE_GITLAB_2);
                    w.raw(GUIDE_GITEA_1).text(branch).raw(GUIDE_GITEA_2);
                    w.tag("p")
                            .element("a", "Back to the dashboard", "href", url(Hosting.DASHBOARD))
                            .end("p")
                            .line();
                });
    }

    private static final String GUIDE_GITHUB =
            """
            <h2>GitHub</h2>
            <ol>
            <li>Open the repository's <strong>Settings → Webhooks → Add webhook</strong>.</li>
            <li><strong>Payload URL</strong>: the URL above. <strong>Content type</strong>: \
            <code>application/json</code>.</li>
            <li><strong>Secret</strong>: the secret above.</li>
            <li><strong>Which events</strong>: <em>Just the push event</em>. Save with \
            <strong>Add webhook</strong>.</li>
            </ol>
            """;

    private static final String GUIDE_GITLAB_1 =
            """
            <h2>GitLab</h2>
            <ol>
            <li>Open the project's <strong>Settings → Webhooks → Add new webhook</strong>.</li>
            <li><strong>URL</strong>: the URL above. <strong>Secret token</strong>: the secret \
            above.</li>
            <li><strong>Trigger</strong>: <em>Push events</em> (for branch <code>""";

    private static final String GUIDE_GITLAB_2 =
            """
            </code>, or \
            all branches). Save with <strong>Add webhook</strong>.</li>
            </ol>
            """;

    private static final String GUIDE_GITEA_1 =
            """
            <h2>Gitea and Forgejo</h2>
            <ol>
            <li>Open the repository's <strong>Settings → Webhooks → Add webhook → \
            Gitea</strong> (Forgejo: <strong>Forgejo</strong>).</li>
            <li><strong>Target URL</strong>: the URL above. <strong>HTTP method</strong>: \
            POST. <strong>POST content type</strong>: <code>application/json</code>.</li>
            <li><strong>Secret</strong>: the secret above. <strong>Trigger on</strong>: \
            <em>Push events</em>; branch filter <code>""";

    private static final String GUIDE_GITEA_2 =
            """
            </code>. Save with \
            <strong>Add webhook</strong>.</li>
            </ol>
            <p>Each host sends a test delivery or lets you send one: draehi answers pushes to \
            other branches with 202 and does nothing.</p>
            """;

    String deployment(Nav nav, Deployment d) {
        return layout(
                "Deployment " + d.id(),
                nav,
                w -> {
                    w.tag("h1", "class", "page-title").text("Deployment ").text(d.id()).end("h1");
                    w.line().tag("dl", "class", "facts").line().element("dt", "Status").tag("dd");
                    status(w, "deployment-status", d.status().dbValue(), "");
                    w.end("dd").line().element("dt", "Commit").tag("dd");
                    w.element("code", d.commitSha().isEmpty() ? "not fetched yet" : d.commitSha());
                    w.end("dd").line().element("dt", "Time").tag("dd");
                    time(w, d.deployedAt());
                    w.end("dd").line().end("dl").line();
                    if (d.errorLog() != null && !d.errorLog().isBlank()) {
                        w.element("h2", "Error").line();
                        w.element("pre", d.errorLog(), "class", "log", "id", "deployment-error")
                                .line();
                    }
                    w.element("h2", "Build log").line();
                    w.tag("pre", "class", "log", "id", "build-log");
                    if (d.buildLog().isEmpty()) {
                        w.text("(empty)");
                    }
                    for (String line : d.buildLog()) {
                        w.text(line).line();
                    }
                    w.end("pre").line().tag("p");
                    w.element("a", "Back to the dashboard", "href", url(Hosting.DASHBOARD));
                    w.end("p").line();
                });
    }

    String delete(Nav nav, String error) {
        return layout(
                "Delete account",
                nav,
                w -> {
                    w.element("h1", "Delete your account", "class", "page-title").line();
                    error(w, error);
                    w.tag("p")
                            .text("This deletes the user ")
                            .element("strong", nav.username())
                            .text(", the workspace ")
                            .element("code", SiteUrls.home(nav.slug()))
                            .text(
                                    " with every published page, the repository settings and every deployment. It cannot be undone.")
                            .end("p")
                            .line();
                    formStart(w, "hosting-form", url(Hosting.DASHBOARD + "/delete"), nav.csrf());
                    label(w, "password", "Your password");
                    password(w, "password", "password", "current-password");
                    w.element(
                                    "button",
                                    "Delete my account",
                                    "type",
                                    "submit",
                                    "class",
                                    "danger",
                                    "id",
                                    "confirm-delete")
                            .line();
                    w.end("form").line();
                    w.tag("p").element("a", "Cancel", "href", url(Hosting.DASHBOARD)).end("p");
                    w.line();
                });
    }

    /** A page with a heading and one paragraph, for errors. */
    String message(Nav nav, String title, String text, String linkText, String link) {
        return layout(
                title,
                nav,
                w -> {
                    w.element("h1", title, "class", "page-title").line();
                    w.element("p", text).line();
                    w.tag("p").element("a", linkText, "href", url(link)).end("p").line();
                });
    }

    // ---- pieces ----

    private String layout(String title, Nav nav, Consumer<HtmlWriter> main) {
        HtmlWriter w = new HtmlWriter(8000);
        w.raw("<!DOCTYPE html>\n").tag("html", "lang", "en").line().tag("head").line();
        w.tag("meta", "charset", "utf-8").line();
        w.tag("meta", "name", "viewport", "content", "width=device-width, initial-scale=1").line();
        w.tag("meta", "name", "color-scheme", "content", "light dark").line();
        w.tag("meta", "name", "robots", "content", "noindex").line();
        w.tag("link", "rel", "icon", "href", "data:,").line();
        w.tag("title").text(title).text(" \u00b7 draehi").end("title").line();
        w.tag("link", "rel", "stylesheet", "href", url(SiteUrls.rootStatic("draehi.css"))).line();
        w.tag("link", "rel", "stylesheet", "href", url(Hosting.HOSTING_CSS)).line();
        w.end("head").line().tag("body", "class", "hosting").line();
        w.tag("header", "class", "site-header").line();
        w.element(
                        "a",
                        "draehi",
                        "class",
                        "site-name",
                        "href",
                        url(nav == null ? Hosting.LOGIN : Hosting.DASHBOARD))
                .line();
        w.tag("nav", "class", "site-nav");
        if (nav == null) {
            w.element("a", "Log in", "href", url(Hosting.LOGIN)).text(" ");
            w.element("a", "Sign up", "href", url(Hosting.SIGNUP));
        } else {
            w.element("a", "Dashboard", "href", url(Hosting.DASHBOARD)).text(" ");
            w.element("a", "Your site", "href", url(SiteUrls.home(nav.slug()))).text(" ");
            logoutForm(w, nav, "Log out");
        }
        w.end("nav").line().end("header").line().tag("main", "class", "content").line();
        main.accept(w);
        w.end("main").line();
        w.element("footer", "Published with draehi", "class", "site-footer").line();
        w.end("body").line().end("html").line();
        return w.toString();
    }

    private void logoutForm(HtmlWriter w, Nav nav, String label) {
        w.tag("form", "class", "inline logout", "method", "post", "action", url(Hosting.LOGOUT));
        w.tag("input", "type", "hidden", "name", "csrf", "value", nav.csrf());
        w.element("button", label, "type", "submit", "class", "link").end("form");
    }

    /** A form that posts to {@code action}, with its CSRF field. */
    static void formStart(HtmlWriter w, String cssClass, String action, String csrf) {
        if (cssClass.equals("inline")) {
            w.tag("form", "method", "post", "action", action, "class", cssClass);
        } else {
            w.tag("form", "class", cssClass, "method", "post", "action", action);
        }
        w.line().tag("input", "type", "hidden", "name", "csrf", "value", csrf).line();
    }

    static void label(HtmlWriter w, String forId, String text) {
        w.element("label", text, "for", forId).line();
    }

    /** The username field, of at least {@code minLength} (or any) and at most {@code maxLength}. */
    private static void usernameInput(
            HtmlWriter w, String value, String minLength, String maxLength) {
        w.tag(
                        "input",
                        "id",
                        "username",
                        "name",
                        "username",
                        "value",
                        value,
                        "required",
                        true,
                        "minlength",
                        minLength,
                        "maxlength",
                        maxLength,
                        "autocomplete",
                        "username",
                        "autocapitalize",
                        "none",
                        "spellcheck",
                        "false")
                .line();
    }

    static void password(HtmlWriter w, String id, String name, String autocomplete) {
        w.tag(
                        "input",
                        "id",
                        id,
                        "name",
                        name,
                        "type",
                        "password",
                        "required",
                        true,
                        "autocomplete",
                        autocomplete)
                .line();
    }

    static void panelStart(HtmlWriter w, String id, String heading) {
        w.tag("section", "class", "panel", "id", id).line().element("h2", heading).line();
    }

    /** A panel of the dashboard, with the error of its last form when there is one. */
    static void panel(HtmlWriter w, Dashboard d, String id, String heading) {
        panelStart(w, id, heading);
        sectionError(w, d, id);
    }

    static void sectionError(HtmlWriter w, Dashboard d, String section) {
        if (section.equals(d.errorSection())) {
            error(w, d.error());
        }
    }

    static void notice(HtmlWriter w, String text) {
        if (text != null && !text.isEmpty()) {
            w.element("p", text, "class", "notice", "role", "status").line();
        }
    }

    static void error(HtmlWriter w, String text) {
        if (text != null && !text.isEmpty()) {
            w.element("p", text, "class", "notice error", "role", "alert").line();
        }
    }

    static void status(HtmlWriter w, String id, String value, String suffix) {
        w.element("span", value, "class", "status status-" + value, "id", id).text(suffix);
    }

    static void commit(HtmlWriter w, String sha) {
        if (sha == null || sha.isEmpty()) {
            w.text("\u2014");
            return;
        }
        w.element("code", sha.length() > 7 ? sha.substring(0, 7) : sha, "title", sha);
    }

    static void time(HtmlWriter w, Instant t) {
        Instant s = t.truncatedTo(ChronoUnit.SECONDS);
        w.element("time", TIME.format(s), "datetime", s.toString());
    }
}
