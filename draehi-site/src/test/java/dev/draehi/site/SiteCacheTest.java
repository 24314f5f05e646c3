package dev.draehi.site;

import static dev.draehi.site.SiteTest.meta;
import static dev.draehi.site.SiteTest.page;
import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.DeploymentStatus;
import dev.draehi.model.Node;
import dev.draehi.model.NodeIds;
import dev.draehi.model.NodeMetadata.Attributes;
import dev.draehi.model.PageRoute;
import dev.draehi.model.Workspace;
import dev.draehi.store.WorkspaceContent;
import dev.draehi.store.memory.InMemoryStorage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Responses cached per deployment, their validators, and a graph without journals. */
class SiteCacheTest {
    static final String SHA1 = "1".repeat(40);
    static final String SHA2 = "2".repeat(40);

    InMemoryStorage storage = new InMemoryStorage();
    Workspace ws;
    Site site;

    @BeforeEach
    void setUp() {
        ws = storage.workspaces().create(storage.users().create("ada", "h").id(), "notes");
        site = Site.builder(storage).build();
    }

    /** Stores {@code text} as the one block of page "Home" (and a journal if asked) and deploys. */
    void publish(String sha, String text, boolean journal) {
        List<Node> nodes = new ArrayList<>();
        List<PageRoute> routes = new ArrayList<>();
        Node home = page(ws.id(), "Home", "home", Map.of());
        nodes.add(home);
        routes.add(new PageRoute("home", home.uuid()));
        nodes.add(
                Node.block(
                        NodeIds.blockUuid(ws.id(), "Home", text, 0),
                        home,
                        home.uuid(),
                        0,
                        "<p>" + text + "</p>",
                        meta(null, Map.of())));
        if (journal) {
            Node j =
                    page(
                            ws.id(),
                            "Jan 1st, 2026",
                            "jan-1st-2026",
                            Map.of(Attributes.JOURNAL_DAY, "20260101"));
            nodes.add(j);
            routes.add(new PageRoute("jan-1st-2026", j.uuid()));
        }
        storage.inTransaction(
                s -> {
                    s.nodes().replaceAll(ws.id(), new WorkspaceContent(nodes, routes, List.of()));
                    return s.deployments().create(ws.id(), sha, DeploymentStatus.SUCCESS);
                });
    }

    @Test
    void aResponseIsCachedUntilTheNextDeployment() {
        publish(SHA1, "first", true);
        SiteResponse a = site.get("/notes/home");
        assertThat(a.bodyText()).contains("first");
        assertThat(a.headers()).containsKeys("ETag", "Last-Modified");
        SiteResponse again = site.get("/notes/home");
        assertThat(again.bodyText()).isEqualTo(a.bodyText());
        assertThat(again.headers()).isEqualTo(a.headers());
        // the cache keeps the compressed form, and hands it out as it is
        assertThat(site.getCompressed("/notes/home")).isSameAs(site.getCompressed("/notes/home"));

        publish(SHA2, "second", true);
        SiteResponse b = site.get("/notes/home");
        assertThat(b.bodyText()).contains("second").doesNotContain("first");
        assertThat(b.headers().get("ETag")).isNotEqualTo(a.headers().get("ETag"));
    }

    @Test
    void aCompressedResponseIsTheGzipOfThePlainOneCachedOrNot() throws Exception {
        publish(SHA1, "first ".repeat(400), true);
        for (Site s : List.of(site, Site.builder(storage).cacheBytes(0).build())) {
            for (int round = 0; round < 2; round++) {
                SiteResponse plain = s.get("/notes/home");
                SiteResponse zipped = s.getCompressed("/notes/home");
                assertThat(plain.headers()).doesNotContainKey("Content-Encoding");
                assertThat(zipped.headers())
                        .containsEntry("Content-Encoding", "gzip")
                        .containsEntry("Vary", "Accept-Encoding");
                assertThat(zipped.body().length).isLessThan(plain.body().length / 4);
                try (var in =
                        new java.util.zip.GZIPInputStream(
                                new java.io.ByteArrayInputStream(zipped.body()))) {
                    assertThat(in.readAllBytes()).isEqualTo(plain.body());
                }
                assertThat(zipped.headers().get("ETag")).isEqualTo(plain.headers().get("ETag"));
            }
        }
        // small and binary bodies go as they are
        SiteResponse robots = site.getCompressed("/robots.txt");
        assertThat(robots.headers()).doesNotContainKey("Content-Encoding");
        assertThat(robots.bodyText()).startsWith("User-agent");
    }

    @Test
    void aTrustedVersionServesFromTheCacheUntilItIsRefreshed() {
        Site trusting = Site.builder(storage).recheckEvery(Duration.ofMinutes(10)).build();
        publish(SHA1, "first", true);
        assertThat(trusting.get("/notes/home").bodyText()).contains("first");
        publish(SHA2, "second", true);
        // within the recheck interval: the cached response of the version read last
        assertThat(trusting.get("/notes/home").bodyText()).contains("first");
        assertThat(trusting.get("/notes/-/search?q=second").bodyText()).contains("second");
        trusting.refresh();
        assertThat(trusting.get("/notes/home").bodyText()).contains("second");
        assertThat(site.get("/notes/home").bodyText()).contains("second");
    }

    @Test
    void aTrustedVersionIsReadAgainAfterTheInterval() throws Exception {
        Site trusting = Site.builder(storage).recheckEvery(Duration.ofMillis(50)).build();
        publish(SHA1, "first", true);
        assertThat(trusting.get("/notes/home").bodyText()).contains("first");
        publish(SHA2, "second", true);
        Thread.sleep(200);
        assertThat(trusting.get("/notes/home").bodyText()).contains("second");
    }

    @Test
    void renamingTheWorkspaceIsANewVersion() {
        publish(SHA1, "first", true);
        SiteResponse a = site.get("/notes/home");
        Workspace renamed = storage.workspaces().update(ws.withName("Ada's garden"));
        SiteResponse b = site.get("/notes/home");
        assertThat(b.bodyText()).contains("Ada&#39;s garden");
        assertThat(b.headers().get("ETag")).isNotEqualTo(a.headers().get("ETag"));
        assertThat(renamed.slug()).isEqualTo("notes");
    }

    @Test
    void searchWithAQueryAndContentWithoutDeploymentAreNotCached() {
        publish(SHA1, "first", true);
        assertThat(site.get("/notes/-/search?q=first"))
                .isNotSameAs(site.get("/notes/-/search?q=first"));
        Site uncached = Site.builder(storage).cacheBytes(0).build();
        assertThat(uncached.get("/notes/home")).isNotSameAs(uncached.get("/notes/home"));
    }

    @Test
    void aGraphWithoutJournalsHasNoJournalsPageOrLink() {
        publish(SHA1, "first", false);
        SiteResponse home = site.get("/notes/home");
        assertThat(home.bodyText()).doesNotContain("-/journals").contains("-/all-pages");
        assertThat(site.get("/notes/-/journals").status()).isEqualTo(404);
        assertThat(site.exportPaths()).noneMatch(p -> p.contains("journals"));
        // without a home page, the workspace root lists all pages
        assertThat(site.get("/notes/").bodyText()).contains("<h1>All pages</h1>");

        publish(SHA2, "second", true);
        assertThat(site.get("/notes/home").bodyText()).contains("-/journals");
        assertThat(site.get("/notes/-/journals").status()).isEqualTo(200);
    }
}
