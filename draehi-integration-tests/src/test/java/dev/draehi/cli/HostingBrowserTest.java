package dev.draehi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.draehi.model.Workspace;
import dev.draehi.server.DraehiServer;
import dev.draehi.server.SyncWorker;
import dev.draehi.server.hosting.Hosting;
import dev.draehi.site.Site;
import dev.draehi.store.jdbi.JdbiStorage;
import dev.draehi.store.jdbi.testing.PostgresExtension;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The hosting mode in headless Chromium, the way an owner uses it: sign up, connect a git
 * repository (a local one, by {@code file://} URL, which only {@code --allow-local-repositories}
 * permits), sync, visit the site, change the slug, follow the deployments, set up the webhook, log
 * out, log in, delete the account. Runs on PostgreSQL, wired as {@code serve --hosting} wires it.
 * Screenshots go to {@code target/screenshots/hosting-*.png}.
 */
@Tag("slow")
class HostingBrowserTest {
    @RegisterExtension static final PostgresExtension PG = new PostgresExtension();
    static final String PASSWORD = "correct horse battery";

    @TempDir static Path work;
    static JdbiStorage storage;
    static DraehiServer server;
    static SyncWorker syncs;
    static ChromeDriver browser;
    static Git repo;
    static HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(
                Files.isExecutable(BrowserSession.CHROMEDRIVER)
                        && Files.isExecutable(BrowserSession.CHROMIUM),
                "Chromium and ChromeDriver are not installed (apt-get install chromium chromium-driver)");
        storage = JdbiStorage.builder(PG.jdbcUrl()).build();

        Path dir = work.resolve("ada-notes");
        Files.createDirectories(dir.resolve("pages"));
        Files.writeString(dir.resolve("pages/contents.md"), "- Welcome to [[Alpha]]\n");
        Files.writeString(
                dir.resolve("pages/Alpha.md"), "- The alpha page of Ada's notes\n- [[contents]]\n");
        repo = Git.init().setInitialBranch("main").setDirectory(dir.toFile()).call();
        commit("First pages");

        Graphs graphs =
                new Graphs(
                        storage,
                        work.resolve("co"),
                        new PrintStream(PrintStream.nullOutputStream()));
        Site site = Site.builder(storage).build();
        syncs = ServeCommand.syncWorker(storage, graphs.publisher(), site);
        server =
                DraehiServer.builder(site)
                        .storage(storage)
                        .publisher(graphs.publisher())
                        .syncWorker(syncs)
                        .hosting(
                                ServeCommand.hosting(
                                        storage, syncs, null, true, Duration.ofDays(7)))
                        .port(0)
                        .build()
                        .start();

        browser = BrowserSession.chromium(work.resolve("chromium-profile"), false);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(BrowserSession.SCREENSHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (syncs != null) {
            syncs.close();
        }
        if (repo != null) {
            repo.close();
        }
        if (storage != null) {
            storage.close();
        }
    }

    @Test
    void anOwnerSignsUpPublishesAndDeletesTheirAccount() throws Exception {
        // Sign up.
        open("/-/signup");
        type("#username", "ada");
        type("#password", PASSWORD);
        type("#confirm", PASSWORD);
        screenshot("hosting-01-signup");
        clickAndWait("main form button[type=submit]");
        assertThat(path()).isEqualTo("/-/dashboard?m=welcome");
        assertThat(text(".notice")).contains("Welcome");
        Cookie session = browser.manage().getCookieNamed(Hosting.SESSION_COOKIE);
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");
        assertThat(session.getPath()).isEqualTo("/-/");
        assertThat(storage.workspaces().findBySlug("ada")).isPresent();

        // Connect the repository.
        String url = repo.getRepository().getWorkTree().toPath().toUri().toString();
        type("#repo-url", url);
        type("#repo-branch", "main");
        clickAndWait("#repository button[type=submit]");
        assertThat(text(".notice")).contains("Repository saved");

        // Sync, and wait for it.
        clickAndWait("#sync-now");
        assertThat(text(".notice")).contains("Sync started");
        RevCommit first = repo.log().call().iterator().next();
        waitForDeployments(1, first.name());
        assertThat(text("#sync-status")).isEqualTo("success");
        screenshot("hosting-02-synced");

        // The site.
        clickAndWait("#site-link");
        assertThat(path()).isEqualTo("/ada/");
        assertThat(text("main")).contains("Welcome to");
        open("/ada/alpha");
        assertThat(text("main")).contains("The alpha page of Ada's notes");

        // Change the slug: the site moves.
        open("/-/dashboard");
        type("#ws-slug", "ada-notes");
        type("#ws-name", "Ada's notes");
        clickAndWait("#workspace button[type=submit]");
        assertThat(text(".notice")).isEqualTo("Workspace saved.");
        assertThat(browser.findElement(By.id("site-link")).getAttribute("href"))
                .endsWith("/ada-notes/");
        assertThat(status("/ada/alpha")).isEqualTo(404);
        open("/ada-notes/alpha");
        assertThat(text("main")).contains("The alpha page of Ada's notes");

        // A second push and sync: the deployment list, newest first, and a build log.
        Files.writeString(
                repo.getRepository().getWorkTree().toPath().resolve("pages/Beta.md"),
                "- Beta arrives\n");
        commit("Beta");
        RevCommit second = repo.log().call().iterator().next();
        open("/-/dashboard");
        clickAndWait("#sync-now");
        waitForDeployments(2, second.name());
        List<WebElement> rows = browser.findElements(By.cssSelector("table.deployments tbody tr"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).findElement(By.cssSelector("code")).getAttribute("title"))
                .isEqualTo(second.name());
        assertThat(rows.get(1).findElement(By.cssSelector("code")).getAttribute("title"))
                .isEqualTo(first.name());
        screenshot("hosting-03-deployments");
        clickAndWait("table.deployments tbody tr:first-child a");
        assertThat(path()).startsWith("/-/dashboard/deployments/");
        assertThat(text("#deployment-status")).isEqualTo("success");
        assertThat(text("#build-log")).contains(second.name());
        screenshot("hosting-04-build-log");
        open("/ada-notes/beta");
        assertThat(text("main")).contains("Beta arrives");

        // The webhook: URL, a secret shown once, the guide.
        open("/-/dashboard");
        clickAndWait("#webhook button[type=submit]");
        String secret = browser.findElement(By.id("webhook-secret")).getAttribute("value");
        Workspace ws = storage.workspaces().findBySlug("ada-notes").orElseThrow();
        assertThat(storage.repositories().webhookSecret(ws.id())).contains(secret);
        assertThat(browser.findElement(By.id("webhook-url")).getAttribute("value"))
                .isEqualTo(url("/api/webhooks/git"));
        assertThat(text("main")).contains("GitHub", "GitLab", "Gitea");
        screenshot("hosting-05-webhook");
        open("/-/dashboard");
        assertThat(browser.getPageSource()).doesNotContain(secret);
        screenshot("hosting-06-dashboard");
        browser.executeCdpCommand(
                "Emulation.setEmulatedMedia",
                Map.of(
                        "features",
                        List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        try {
            assertThat(SiteBrowserTest.luminance(bodyBackground())).isLessThan(0.05);
            screenshot("hosting-06-dashboard-dark");
        } finally {
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        }

        // Log out; the dashboard is closed.
        clickAndWait("form.logout button");
        assertThat(path()).isEqualTo("/-/login?m=logged-out");
        assertThat(text(".notice")).isEqualTo("You are logged out.");
        open("/-/dashboard");
        assertThat(path()).isEqualTo("/-/login");

        // Log in again.
        type("#username", "ada");
        type("#password", PASSWORD);
        clickAndWait("main form button[type=submit]");
        assertThat(path()).isEqualTo("/-/dashboard");
        assertThat(browser.manage().getCookieNamed(Hosting.SESSION_COOKIE).getValue())
                .isNotEqualTo(session.getValue());

        // Delete the account.
        clickAndWait("#delete a.button");
        type("#password", PASSWORD);
        screenshot("hosting-07-delete");
        clickAndWait("#confirm-delete");
        assertThat(path()).isEqualTo("/-/signup?m=deleted");
        assertThat(text(".notice")).contains("deleted");
        assertThat(storage.users().findByUsername("ada")).isEmpty();
        assertThat(storage.workspaces().findBySlug("ada-notes")).isEmpty();
        assertThat(status("/ada-notes/alpha")).isEqualTo(404);
        assertThat(browser.manage().getCookieNamed(Hosting.SESSION_COOKIE)).isNull();

        assertThat(consoleErrors()).isEmpty();
    }

    // ---- helpers ----

    static void commit(String message) throws Exception {
        repo.add().addFilepattern(".").call();
        repo.commit()
                .setMessage(message)
                .setAuthor("Ada", "ada@example.com")
                .setCommitter("Ada", "ada@example.com")
                .setSign(false)
                .call();
    }

    /**
     * Reloads the dashboard until it lists {@code count} deployments, the newest of {@code sha}.
     */
    static void waitForDeployments(int count, String sha) {
        waitFor(
                "deployment " + sha + " to succeed",
                Duration.ofSeconds(60),
                () -> {
                    open("/-/dashboard");
                    List<WebElement> rows =
                            browser.findElements(By.cssSelector("table.deployments tbody tr"));
                    return rows.size() == count
                            && rows.get(0)
                                            .findElements(
                                                    By.cssSelector("code[title='" + sha + "']"))
                                            .size()
                                    == 1
                            && rows.get(0)
                                    .findElement(By.cssSelector(".status"))
                                    .getText()
                                    .equals("success")
                            && text("#sync-status").equals("success");
                });
    }

    static void open(String path) {
        browser.get(url(path));
    }

    static String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** The current path and query. */
    static String path() {
        URI u = URI.create(browser.getCurrentUrl());
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    static void type(String css, String text) {
        WebElement e = browser.findElement(By.cssSelector(css));
        e.clear();
        e.sendKeys(text);
    }

    static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText().strip();
    }

    /** Clicks, then waits until the next page has replaced this one and loaded. */
    static void clickAndWait(String css) {
        WebElement html = browser.findElement(By.tagName("html"));
        browser.findElement(By.cssSelector(css)).click();
        waitFor(
                "the page after clicking " + css,
                Duration.ofSeconds(30),
                () -> {
                    try {
                        html.isDisplayed();
                        return false;
                    } catch (WebDriverException e) {
                        // stale (or, in some Chromium versions, "does not belong to the
                        // document"): the old page is gone
                        return "complete"
                                .equals(
                                        ((JavascriptExecutor) browser)
                                                .executeScript("return document.readyState"));
                    }
                });
    }

    static void waitFor(String what, Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what + " on " + path());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** A screenshot of the whole page (not only the window) under target/screenshots. */
    static void screenshot(String name) throws Exception {
        Number height =
                (Number)
                        ((JavascriptExecutor) browser)
                                .executeScript("return document.documentElement.scrollHeight");
        browser.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of(
                        "width",
                        1280,
                        "height",
                        Math.max(900, height.intValue()),
                        "deviceScaleFactor",
                        1,
                        "mobile",
                        false));
        try {
            Path png = browser.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(
                    png,
                    BrowserSession.SCREENSHOTS.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    static String bodyBackground() {
        return (String)
                ((JavascriptExecutor) browser)
                        .executeScript("return getComputedStyle(document.body).backgroundColor");
    }

    static List<String> consoleErrors() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                out.add(e.getMessage());
            }
        }
        return out;
    }

    static int status(String path) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url(path))).GET().build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
