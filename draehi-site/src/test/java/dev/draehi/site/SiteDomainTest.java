package dev.draehi.site;

import static dev.draehi.site.SiteTest.meta;
import static dev.draehi.site.SiteTest.page;
import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.DeploymentStatus;
import dev.draehi.model.Node;
import dev.draehi.model.NodeIds;
import dev.draehi.model.PageRoute;
import dev.draehi.model.Workspace;
import dev.draehi.store.WorkspaceContent;
import dev.draehi.store.memory.InMemoryStorage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A workspace at its own domain: the site produces every URL under the domain per request (no
 * rewrite of finished pages), links to other workspaces stay on the main host, and the two hosts'
 * responses are cached apart.
 */
class SiteDomainTest {
    static final SiteDomain DOMAIN = new SiteDomain("notes", "https://notes.example");

    InMemoryStorage storage = new InMemoryStorage();
    Workspace ws;
    Site site;

    @BeforeEach
    void setUp() {
        ws = storage.workspaces().create(storage.users().create("ada", "h").id(), "notes");
        storage.workspaces().create(storage.users().create("bob", "h").id(), "other");
        site = Site.builder(storage).baseUrl("https://main.example").build();
        Node home = page(ws.id(), "Home", "home", Map.of());
        Node alpha = page(ws.id(), "Alpha", "alpha", Map.of());
        String html =
                "<p><a class=\"page-ref\" href=\"/notes/alpha\">Alpha</a>"
                        + " <a href=\"/other/beta\">Beta</a>"
                        + " <img src=\"/notes/-/assets/a.png\"></p>";
        Node block =
                Node.block(
                        NodeIds.blockUuid(ws.id(), "Home", "b", 0),
                        home,
                        home.uuid(),
                        0,
                        html,
                        meta(null, Map.of()));
        storage.inTransaction(
                s -> {
                    s.nodes()
                            .replaceAll(
                                    ws.id(),
                                    new WorkspaceContent(
                                            List.of(home, alpha, block),
                                            List.of(
                                                    new PageRoute("home", home.uuid()),
                                                    new PageRoute("alpha", alpha.uuid())),
                                            List.of()));
                    return s.deployments()
                            .create(ws.id(), "1".repeat(40), DeploymentStatus.SUCCESS);
                });
    }

    @Test
    void everyUrlOfTheWorkspaceIsUnderItsDomain() {
        SiteResponse home = site.get("/home", DOMAIN);
        assertThat(home.status()).isEqualTo(200);
        String body = home.bodyText();
        assertThat(body)
                .contains("rel=\"canonical\" href=\"https://notes.example/home\"")
                .contains("href=\"/alpha\"")
                .contains("src=\"/-/assets/a.png\"")
                .contains("href=\"/-/all-pages\"")
                .contains("href=\"https://main.example/other/beta\"")
                .doesNotContain("\"/notes/")
                .doesNotContain("https://main.example/notes");
        assertThat(site.get("/", DOMAIN).status()).isEqualTo(200);
        assertThat(site.get("/-/all-pages", DOMAIN).bodyText()).contains("href=\"/alpha\"");
        assertThat(site.get("/-/search-index.json", DOMAIN).bodyText()).doesNotContain("/notes/");
        assertThat(site.get("/-/feed.xml", DOMAIN).bodyText())
                .contains("https://notes.example/")
                .doesNotContain("main.example");
        assertThat(site.get("/sitemap.xml", DOMAIN).bodyText())
                .contains("<loc>https://notes.example/alpha</loc>")
                .doesNotContain("main.example")
                .doesNotContain("other");
        assertThat(site.get("/robots.txt", DOMAIN).bodyText())
                .contains("Sitemap: https://notes.example/sitemap.xml");
    }

    @Test
    void theMainHostAndTheDomainAreCachedApart() {
        String atDomain = site.get("/home", DOMAIN).bodyText();
        String atMain = site.get("/notes/home").bodyText();
        assertThat(atMain)
                .contains("rel=\"canonical\" href=\"https://main.example/notes/home\"")
                .contains("href=\"/notes/alpha\"")
                .contains("href=\"/other/beta\"");
        assertThat(site.get("/home", DOMAIN).bodyText()).isEqualTo(atDomain);
        assertThat(site.get("/notes/home").bodyText()).isEqualTo(atMain);
        assertThat(site.getCompressed("/home", DOMAIN).headers())
                .containsEntry("Content-Encoding", "gzip");
        // the search index is built per host: its results link from the host asked
        assertThat(site.get("/-/search?q=alpha", DOMAIN).bodyText())
                .contains("href=\"/alpha\"")
                .doesNotContain("/notes/alpha");
        assertThat(site.get("/notes/-/search?q=alpha").bodyText())
                .contains("href=\"/notes/alpha\"");
        assertThat(site.get("/-/search?q=alpha", DOMAIN).bodyText()).doesNotContain("/notes/alpha");
        assertThat(site.get("/sitemap.xml").bodyText())
                .contains("<loc>https://main.example/notes/alpha</loc>");
        assertThat(site.get("/robots.txt").bodyText())
                .contains("Sitemap: https://main.example/sitemap.xml");
    }
}
