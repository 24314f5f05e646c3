package dev.draehi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Deployment;
import dev.draehi.model.DeploymentStatus;
import dev.draehi.model.Workspace;
import dev.draehi.net.HostResolver;
import dev.draehi.net.NetworkPolicy;
import dev.draehi.server.DraehiServer;
import dev.draehi.server.SyncWorker;
import dev.draehi.site.Site;
import dev.draehi.store.memory.InMemoryStorage;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hosting rules tried over HTTP against a running server, as an owner or an attacker would: a
 * symlinked {@code logseq/} folder is not read, a commit over the checkout limits fails with the
 * reason on the owner's dashboard and keeps the old site, reserved and look-alike names are
 * refused, common passwords are refused, and a deleted account's slug is held back.
 */
class HostingRulesOverHttpTest {
    static final String PASSWORD = "correct horse battery";
    @TempDir static Path work;
    static InMemoryStorage storage;
    static DraehiServer server;
    static SyncWorker syncs;

    @BeforeAll
    static void start() throws Exception {
        storage = new InMemoryStorage();
        Graphs graphs =
                new Graphs(
                        storage,
                        work.resolve("co"),
                        new PrintStream(PrintStream.nullOutputStream()),
                        NetworkPolicy.unrestricted(),
                        HostResolver.system(),
                        b -> b.maxCheckoutFiles(20).maxFileBytes(4096).maxCheckoutBytes(32_768));
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
    }

    @AfterAll
    static void stop() {
        server.close();
        syncs.close();
    }

    /** A browser: its own cookies, forms posted with the CSRF token of the page they are on. */
    static final class Browser {
        final HttpClient http =
                HttpClient.newBuilder()
                        .cookieHandler(new CookieManager())
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();

        HttpResponse<String> get(String path) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(url(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** Posts a form of the page {@code from}, with its CSRF token. */
        HttpResponse<String> post(String from, String action, String... fields) throws Exception {
            String csrf =
                    Jsoup.parse(get(from).body()).select("input[name=csrf]").first().attr("value");
            StringBuilder form = new StringBuilder("csrf=").append(csrf);
            for (int i = 0; i < fields.length; i += 2) {
                form.append('&')
                        .append(fields[i])
                        .append('=')
                        .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
            }
            return http.send(
                    HttpRequest.newBuilder(url(action))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> signUp(String username, String password) throws Exception {
            return post(
                    "/-/signup",
                    "/-/signup",
                    "username",
                    username,
                    "password",
                    password,
                    "confirm",
                    password);
        }

        Document dashboard() throws Exception {
            return Jsoup.parse(get("/-/dashboard").body());
        }

        /** Connects the repository, presses "Sync now" and waits for the deployment. */
        Deployment publish(String username, Path repo) throws Exception {
            assertThat(
                            post(
                                            "/-/dashboard",
                                            "/-/dashboard/repository",
                                            "url",
                                            repo.toUri().toString(),
                                            "branch",
                                            "main")
                                    .statusCode())
                    .isEqualTo(303);
            long ws = workspace(username).id();
            int before = storage.deployments().list(ws, 100).size();
            assertThat(post("/-/dashboard", "/-/dashboard/sync").statusCode()).isEqualTo(303);
            long end = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < end) {
                List<Deployment> all = storage.deployments().list(ws, 100);
                // a failed sync is retried later: its first deployment is the answer
                if (all.size() > before
                        && (all.get(0).status() == DeploymentStatus.SUCCESS
                                || all.get(0).status() == DeploymentStatus.FAILED)) {
                    return all.get(0);
                }
                Thread.sleep(100);
            }
            throw new AssertionError("no deployment of " + username + " within 60 s");
        }
    }

    static URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    static Workspace workspace(String username) {
        return storage.workspaces()
                .findByUser(storage.users().findByUsername(username).orElseThrow().id())
                .orElseThrow();
    }

    static Git repository(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("pages"));
        return Git.init().setInitialBranch("main").setDirectory(dir.toFile()).call();
    }

    static void commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.commit()
                .setMessage(message)
                .setAuthor("Ada", "ada@example.com")
                .setCommitter("Ada", "ada@example.com")
                .setSign(false)
                .call();
    }

    @Test
    void aSymlinkedLogseqFolderIsNotRead() throws Exception {
        // A folder elsewhere on the server's disk, whose config would make "Secret" the home page.
        Path outside = work.resolve("outside");
        Files.createDirectories(outside.resolve("logseq"));
        Files.writeString(
                outside.resolve("logseq/config.edn"), "{:default-home {:page \"Secret\"}}");
        Path dir = work.resolve("ada-notes");
        try (Git git = repository(dir)) {
            Files.writeString(dir.resolve("pages/Alpha.md"), "- the alpha page\n");
            Files.writeString(dir.resolve("pages/Secret.md"), "- only shown as the home page\n");
            Files.createSymbolicLink(dir.resolve("logseq"), outside.resolve("logseq"));
            commit(git, "pages, and logseq/ linked to a folder outside");
        }
        Browser ada = new Browser();
        assertThat(ada.signUp("symlinker", PASSWORD).statusCode()).isEqualTo(303);
        Deployment d = ada.publish("symlinker", dir);
        assertThat(d.succeeded()).as(d.errorLog()).isTrue();

        HttpResponse<String> home = ada.get("/symlinker/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).doesNotContain("only shown as the home page");
        assertThat(ada.get("/symlinker/secret").body()).contains("only shown as the home page");

        // The same config in a real logseq/ folder is read: the check above can fail.
        Path real = work.resolve("real-notes");
        try (Git git = repository(real)) {
            Files.writeString(real.resolve("pages/Secret.md"), "- only shown as the home page\n");
            Files.createDirectories(real.resolve("logseq"));
            Files.copy(outside.resolve("logseq/config.edn"), real.resolve("logseq/config.edn"));
            commit(git, "pages and a config of its own");
        }
        Browser control = new Browser();
        assertThat(control.signUp("configured", PASSWORD).statusCode()).isEqualTo(303);
        assertThat(control.publish("configured", real).succeeded()).isTrue();
        assertThat(control.get("/configured/").body()).contains("only shown as the home page");
    }

    @Test
    void aCommitOverTheCheckoutLimitsFailsWithItsReasonAndKeepsTheSite() throws Exception {
        Path dir = work.resolve("big-notes");
        Browser bob = new Browser();
        assertThat(bob.signUp("bigbob", PASSWORD).statusCode()).isEqualTo(303);
        try (Git git = repository(dir)) {
            Files.writeString(dir.resolve("pages/Alpha.md"), "- the first alpha\n");
            commit(git, "a small graph");
            assertThat(bob.publish("bigbob", dir).succeeded()).isTrue();
            assertThat(bob.get("/bigbob/alpha").body()).contains("the first alpha");

            // One file over the largest-file limit (4 KiB here).
            Files.writeString(dir.resolve("pages/Alpha.md"), "- the second alpha\n");
            Files.write(dir.resolve("pages/Big.md"), ("- " + "x".repeat(8000) + "\n").getBytes());
            commit(git, "a page too big");
            Deployment big = bob.publish("bigbob", dir);
            assertThat(big.succeeded()).isFalse();
            Document dash = bob.dashboard();
            assertThat(dash.select("#error-log").text())
                    .contains("too large for this server")
                    .contains("--max-checkout-file-bytes")
                    .contains("the site stays as it was");
            HttpResponse<String> log = bob.get("/-/dashboard/deployments/" + big.id());
            assertThat(Jsoup.parse(log.body()).select("#deployment-error").text())
                    .contains("too large for this server");
            assertThat(bob.get("/bigbob/alpha").body())
                    .contains("the first alpha")
                    .doesNotContain("the second alpha");
        }

        // More files than the limit (20 here), in another workspace: the failed sync above is
        // retried with backoff, and a new one would wait for it.
        Path many = work.resolve("many-notes");
        Browser cy = new Browser();
        assertThat(cy.signUp("manyfiles", PASSWORD).statusCode()).isEqualTo(303);
        try (Git git = repository(many)) {
            for (int i = 0; i < 25; i++) {
                Files.writeString(many.resolve("pages/p" + i + ".md"), "- page " + i + "\n");
            }
            commit(git, "too many pages");
        }
        assertThat(cy.publish("manyfiles", many).succeeded()).isFalse();
        assertThat(cy.dashboard().select("#error-log").text())
                .contains("too large for this server")
                .contains("--max-checkout-files");
        assertThat(cy.get("/manyfiles/p1").statusCode()).isEqualTo(404);
    }

    @Test
    void reservedNamesLookAlikeSlugsAndCommonPasswordsAreRefused() throws Exception {
        Browser eve = new Browser();
        for (String reserved : List.of("admin", "api", "static", "login", "www", "assets")) {
            HttpResponse<String> r = eve.signUp(reserved, PASSWORD);
            assertThat(r.statusCode()).as(reserved).isEqualTo(400);
            assertThat(Jsoup.parse(r.body()).select(".notice.error").text())
                    .as(reserved)
                    .contains("reserved");
        }
        HttpResponse<String> common = eve.signUp("eve", "Password123");
        assertThat(common.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(common.body()).select(".notice.error").text())
                .contains("most common");
        assertThat(storage.users().findByUsername("eve")).isEmpty();

        assertThat(eve.signUp("eve", PASSWORD).statusCode()).isEqualTo(303);
        // Cyrillic "а", fullwidth letters made ASCII but then reserved, an endless slug
        for (String slug : List.of("\u0430dmin-notes", "n\u00f6tes", "x".repeat(64))) {
            HttpResponse<String> r =
                    eve.post(
                            "/-/dashboard",
                            "/-/dashboard/workspace",
                            "name",
                            "Eve",
                            "slug",
                            slug,
                            "embed_depth",
                            "3");
            assertThat(r.statusCode()).as(slug).isEqualTo(400);
            assertThat(Jsoup.parse(r.body()).select("#workspace .notice.error").text())
                    .as(slug)
                    .isNotEmpty();
        }
        HttpResponse<String> fullwidth =
                eve.post(
                        "/-/dashboard",
                        "/-/dashboard/workspace",
                        "name",
                        "Eve",
                        "slug",
                        "\uff41\uff44\uff4d\uff49\uff4e",
                        "embed_depth",
                        "3");
        assertThat(fullwidth.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(fullwidth.body()).select("#workspace .notice.error").text())
                .contains("reserved");
        assertThat(workspace("eve").slug()).isEqualTo("eve");

        // Changing the password: the same rule, and the current password first.
        HttpResponse<String> weak =
                eve.post(
                        "/-/dashboard",
                        "/-/dashboard/password",
                        "current",
                        PASSWORD,
                        "password",
                        "iloveyou123",
                        "confirm",
                        "iloveyou123");
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(weak.body()).select("#password .notice.error").text())
                .contains("most common");
        HttpResponse<String> wrong =
                eve.post(
                        "/-/dashboard",
                        "/-/dashboard/password",
                        "current",
                        "not my password",
                        "password",
                        "a new long one",
                        "confirm",
                        "a new long one");
        assertThat(wrong.statusCode()).isEqualTo(401);
        HttpResponse<String> changed =
                eve.post(
                        "/-/dashboard",
                        "/-/dashboard/password",
                        "current",
                        PASSWORD,
                        "password",
                        "a new long one",
                        "confirm",
                        "a new long one");
        assertThat(changed.statusCode()).isEqualTo(303);
        String location = changed.headers().firstValue("Location").orElseThrow();
        assertThat(Jsoup.parse(eve.get(location).body()).select(".notice").text())
                .contains("Password changed");
    }

    @Test
    void aDeletedAccountsSlugIsHeldBackFromOthers() throws Exception {
        Browser cy = new Browser();
        assertThat(cy.signUp("cynthia", PASSWORD).statusCode()).isEqualTo(303);
        HttpResponse<String> deleted =
                cy.post("/-/dashboard/delete", "/-/dashboard/delete", "password", PASSWORD);
        assertThat(deleted.statusCode()).isEqualTo(303);
        assertThat(storage.users().findByUsername("cynthia")).isEmpty();

        Browser mallory = new Browser();
        HttpResponse<String> taken = mallory.signUp("cynthia", PASSWORD);
        assertThat(taken.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(taken.body()).select(".notice.error").text())
                .contains("held back for 30 days");
        assertThat(mallory.signUp("mallory", PASSWORD).statusCode()).isEqualTo(303);
        HttpResponse<String> renamed =
                mallory.post(
                        "/-/dashboard",
                        "/-/dashboard/workspace",
                        "name",
                        "Not Cynthia",
                        "slug",
                        "cynthia",
                        "embed_depth",
                        "3");
        assertThat(renamed.statusCode()).isEqualTo(400);
        assertThat(workspace("mallory").slug()).isEqualTo("mallory");
    }
}
