package dev.draehi.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.Node;
import dev.draehi.model.NodeIds;
import dev.draehi.model.NodeMetadata;
import dev.draehi.model.NodeMetadata.Attributes;
import dev.draehi.model.PageRoute;
import dev.draehi.model.Reference;
import dev.draehi.model.Workspace;
import dev.draehi.store.WorkspaceContent;
import dev.draehi.store.memory.InMemoryStorage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SiteTest {
    InMemoryStorage storage;
    Workspace ws;
    Site site;

    @BeforeEach
    void setUp() {
        storage = new InMemoryStorage();
        ws = storage.workspaces().create(storage.users().create("ada", "h").id(), "Ada's Notes");
        site = Site.builder(storage).baseUrl("https://notes.example.com").build();
        long id = ws.id();
        List<Node> nodes = new ArrayList<>();
        List<PageRoute> routes = new ArrayList<>();
        List<Reference> refs = new ArrayList<>();

        Node projects =
                page(
                        id,
                        "Projects",
                        "projects",
                        Map.of(Attributes.NAMESPACE_CHILDREN, "Projects/Draehi\tprojects/draehi"));
        Node draehi =
                page(
                        id,
                        "Projects/Draehi",
                        "projects/draehi",
                        Map.of(
                                Attributes.NAMESPACE,
                                "Projects",
                                Attributes.NAMESPACE_PARENTS,
                                "Projects\tprojects",
                                Attributes.BLOCK_COUNT,
                                "4"));
        Node journal =
                page(
                        id,
                        "Jan 31st, 2024",
                        "jan-31st-2024",
                        Map.of(Attributes.JOURNAL_DAY, "20240131"));
        for (Node p : List.of(projects, draehi, journal)) {
            nodes.add(p);
            routes.add(
                    new PageRoute(p.metadata().attribute(Attributes.PATH).orElseThrow(), p.uuid()));
        }
        routes.add(new PageRoute(WorkspaceContent.HOME_PATH, projects.uuid()));
        String h1 = NodeIds.blockUuid(id, "Projects/Draehi", "h1", 0);
        String b1 = NodeIds.blockUuid(id, "Projects/Draehi", "b1", 1);
        String b2 = NodeIds.blockUuid(id, "Projects/Draehi", "b2", 2);
        String h2 = NodeIds.blockUuid(id, "Projects/Draehi", "h2", 3);
        nodes.add(
                Node.block(
                        h1,
                        draehi,
                        draehi.uuid(),
                        0,
                        "<h2>Goals</h2>",
                        meta(
                                "aaaaaaaa-0000-0000-0000-000000000001",
                                Map.of(Attributes.HEADING, "2", Attributes.COLLAPSED, "true"))));
        nodes.add(
                Node.block(b1, draehi, h1, 1, "<p>fast &amp; faithful</p>", meta(null, Map.of())));
        nodes.add(Node.block(b2, draehi, b1, 2, "<p>deep child</p>", meta(null, Map.of())));
        nodes.add(
                Node.block(
                        h2,
                        draehi,
                        draehi.uuid(),
                        3,
                        "<h2>Plan</h2>",
                        meta(null, Map.of(Attributes.HEADING, "2"))));
        String j1 = NodeIds.blockUuid(id, "Jan 31st, 2024", "j", 0);
        nodes.add(
                Node.block(
                        j1,
                        journal,
                        journal.uuid(),
                        0,
                        "<p>worked on <a class=\"page-reference\" href=\"/ada-s-notes/projects/draehi\">Projects/Draehi</a></p>",
                        meta(null, Map.of())));
        refs.add(new Reference(j1, draehi.uuid(), Reference.Kind.PAGE));
        storage.nodes().replaceAll(id, new WorkspaceContent(nodes, routes, refs));
    }

    static Node page(long ws, String name, String path, Map<String, String> attrs) {
        Map<String, String> a = new HashMap<>(attrs);
        a.put(Attributes.PATH, path);
        return Node.page(
                NodeIds.pageUuid(ws, name),
                ws,
                name,
                path.substring(path.lastIndexOf('/') + 1),
                name,
                new NodeMetadata(List.of(), Map.of(), Map.of(), a));
    }

    static NodeMetadata meta(String blockId, Map<String, String> attrs) {
        Map<String, String> a = new HashMap<>(attrs);
        if (blockId != null) {
            a.put(Attributes.BLOCK_ID, blockId);
        }
        return new NodeMetadata(List.of(), Map.of(), Map.of(), a);
    }

    @Test
    void pageHasTitleMetaCanonicalBreadcrumbsTocAndNestedBlocks() {
        SiteResponse r = site.get("/ada-s-notes/projects/draehi");
        assertThat(r.status()).isEqualTo(200);
        String html = r.bodyText();
        assertThat(html)
                .contains("<title>Projects/Draehi &#183; Ada&#39;s Notes</title>")
                .contains(
                        "<link rel=\"canonical\" href=\"https://notes.example.com/ada-s-notes/projects/draehi\">")
                .contains("<meta property=\"og:title\" content=\"Projects/Draehi\">")
                .contains(
                        "<meta name=\"description\" content=\"Goals fast &amp; faithful deep child Plan\">")
                .contains(
                        "<nav class=\"breadcrumbs\" aria-label=\"Namespace\"><a href=\"/ada-s-notes/projects\">Projects</a> / <span>Draehi</span></nav>")
                .contains("<li><a href=\"#aaaaaaaa-0000-0000-0000-000000000001\">Goals</a></li>");
        assertThat(html)
                .containsSubsequence(
                        "<li class=\"block\" id=\"aaaaaaaa-0000-0000-0000-000000000001\"",
                        "<details class=\"collapsed\"><summary><div class=\"block-content\"><h2>Goals</h2></div></summary><ul class=\"children\">",
                        "fast &amp; faithful",
                        "<ul class=\"children\">",
                        "deep child",
                        "</ul></li>",
                        "</ul></details></li>",
                        "Plan");
    }

    @Test
    void tagsLinkToTheirPagesWhetherStoredLinkedOrLookedUp() {
        Workspace other = storage.workspaces().create(storage.users().create("bo", "h").id(), "Bo");
        long id = other.id();
        List<String> tags = List.of("Topic", "Nowhere");
        Node topic = page(id, "Topic", "topic", Map.of());
        Node linked =
                Node.page(
                        NodeIds.pageUuid(id, "Linked"),
                        id,
                        "Linked",
                        "linked",
                        "Linked",
                        new NodeMetadata(
                                tags,
                                Map.of("tags", "Topic, Nowhere"),
                                Map.of(),
                                Map.of(
                                        Attributes.PATH,
                                        "linked",
                                        Attributes.TAG_LINKS,
                                        "Topic\ttopic\nNowhere\t")));
        // stored without the links (an older sync, or a storage filled by hand): looked up
        Node looked =
                Node.page(
                        NodeIds.pageUuid(id, "Looked"),
                        id,
                        "Looked",
                        "looked",
                        "Looked",
                        new NodeMetadata(
                                tags,
                                Map.of("tags", "Topic, Nowhere"),
                                Map.of(),
                                Map.of(Attributes.PATH, "looked")));
        List<Node> nodes = List.of(topic, linked, looked);
        storage.nodes()
                .replaceAll(
                        id,
                        new WorkspaceContent(
                                nodes,
                                nodes.stream()
                                        .map(
                                                n ->
                                                        new PageRoute(
                                                                n.metadata()
                                                                        .attribute(Attributes.PATH)
                                                                        .orElseThrow(),
                                                                n.uuid()))
                                        .toList(),
                                List.of()));
        String expected =
                "<p class=\"page-tags\"><a class=\"tag\" href=\"/bo/topic\">#Topic</a>"
                        + " <span class=\"tag\">#Nowhere</span> </p>";
        assertThat(site.get("/bo/linked").bodyText()).contains(expected);
        assertThat(site.get("/bo/looked").bodyText()).contains(expected);
    }

    @Test
    void linkedReferencesAreGroupedByReferringPage() {
        String html = site.get("/ada-s-notes/projects/draehi").bodyText();
        assertThat(html)
                .contains("<h2>1 Linked reference</h2>")
                .contains("<h3><a href=\"/ada-s-notes/jan-31st-2024\">Jan 31st, 2024</a></h3>")
                .contains("worked on");
    }

    @Test
    void homeIsTheHomeRouteAndListsNamespaceChildren() {
        SiteResponse home = site.get("/ada-s-notes/");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.bodyText())
                .contains("<h1 class=\"page-title\">Projects</h1>")
                .contains("<a href=\"/ada-s-notes/projects/draehi\">Projects/Draehi</a>")
                .contains("href=\"https://notes.example.com/ada-s-notes/\"");
        assertThat(site.get("/ada-s-notes").status()).isEqualTo(200);
    }

    @Test
    void pathsAreCaseInsensitiveAndUnknownPathsAre404() {
        assertThat(site.get("/ada-s-notes/Projects/DRAEHI").status()).isEqualTo(200);
        assertThat(site.get("/ada-s-notes/nope").status()).isEqualTo(404);
        assertThat(site.get("/ada-s-notes/nope").bodyText()).contains("Page not found");
        assertThat(site.get("/nobody/projects").status()).isEqualTo(404);
        assertThat(site.get("/ada-s-notes/-/nothing").status()).isEqualTo(404);
        assertThat(site.get("/ada-s-notes/%ZZ").status()).isEqualTo(404);
    }

    @Test
    void rootRedirectsToTheOnlyWorkspaceOrListsThem() {
        assertThat(site.get("/").bodyText())
                .contains("url=/ada-s-notes/")
                // its own icon: a browser that asked for /favicon.ico would log a 404
                .contains("<link rel=\"icon\" href=\"/favicon.svg\"");
        storage.workspaces().create(storage.users().create("bob", "h").id(), "Bob");
        assertThat(site.get("/").bodyText())
                .contains("<a href=\"/ada-s-notes/\">Ada&#39;s Notes</a>")
                .contains("<a href=\"/bob/\">Bob</a>");
    }

    @Test
    void sitemapListsCanonicalUrlsAndRobotsPointsAtIt() {
        String sitemap = site.get("/sitemap.xml").bodyText();
        assertThat(sitemap)
                .contains("<loc>https://notes.example.com/ada-s-notes/</loc>")
                .contains("<loc>https://notes.example.com/ada-s-notes/projects/draehi</loc>")
                .doesNotContain(
                        "<loc>https://notes.example.com/ada-s-notes/</loc>\n<loc>https://notes.example.com/ada-s-notes/</loc>");
        assertThat(site.get("/robots.txt").bodyText())
                .contains("Sitemap: https://notes.example.com/sitemap.xml");
    }

    @Test
    void sitePagesJournalsAllPagesSearchFeedAndStatic() {
        assertThat(site.get("/ada-s-notes/-/all-pages").bodyText()).contains("Projects/Draehi");
        assertThat(site.get("/ada-s-notes/-/journals").bodyText())
                .contains("Jan 31st, 2024")
                .contains("worked on");
        assertThat(site.get("/ada-s-notes/-/journals/2").status()).isEqualTo(404);
        assertThat(site.get("/ada-s-notes/-/search?q=draehi").bodyText())
                .contains("<a href=\"/ada-s-notes/projects/draehi\">");
        assertThat(site.get("/ada-s-notes/-/search?q=faithful").bodyText())
                .contains("<a href=\"/ada-s-notes/projects/draehi#")
                .contains("<p class=\"snippet\">fast &amp; <mark>faithful</mark></p>");
        // every word, in any order, in any case, each from the start of a word
        assertThat(site.get("/ada-s-notes/-/search?q=FAITH+fast").bodyText())
                .contains("<mark>fast</mark> &amp; <mark>faith</mark>ful");
        assertThat(site.get("/ada-s-notes/-/search?q=aithful").bodyText())
                .contains("Nothing matches.");
        assertThat(site.get("/ada-s-notes/projects/draehi").bodyText())
                .contains("<form class=\"site-search\" role=\"search\"")
                .contains("/ada-s-notes/-/static/search.js");
        assertThat(site.get("/ada-s-notes/-/search-index.json").bodyText())
                .startsWith("{\"docs\":");
        // "fa" is the shard of every word that starts with it; chunk 0 holds the first documents
        assertThat(site.get("/ada-s-notes/-/search/w/00660061-0.json").bodyText())
                .contains("\"faithful\":[");
        assertThat(site.get("/ada-s-notes/-/search/d/0.json").bodyText())
                .contains("\"Projects/Draehi\"");
        assertThat(site.get("/ada-s-notes/-/search/w/zz.json").status()).isEqualTo(404);
        // recently changed pages, journals or not
        assertThat(site.get("/ada-s-notes/-/feed.xml").bodyText())
                .contains("<title>Jan 31st, 2024</title>")
                .contains("<title>Projects/Draehi</title>")
                .contains("<title>Projects</title>");
        SiteResponse css = site.get("/ada-s-notes/-/static/draehi.css");
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.contentType()).startsWith("text/css");
        assertThat(site.get("/ada-s-notes/-/static/../../etc/passwd").status()).isEqualTo(404);
    }

    @Test
    void allPagesSortByNameBlockCountAndLastChange() {
        String byName = site.get("/ada-s-notes/-/all-pages").bodyText();
        assertThat(byName.indexOf(">Jan 31st, 2024<"))
                .isLessThan(byName.indexOf(">Projects<"))
                .isLessThan(byName.indexOf(">Projects/Draehi<"));
        assertThat(byName)
                .contains("<span aria-sort=\"ascending\">Page</span>")
                .contains("<a href=\"/ada-s-notes/-/all-pages/blocks\">Blocks</a>")
                .contains("<a href=\"/ada-s-notes/-/all-pages/updated\">Updated</a>");
        String byBlocks = site.get("/ada-s-notes/-/all-pages/blocks").bodyText();
        assertThat(byBlocks.indexOf(">Projects/Draehi<"))
                .isLessThan(byBlocks.indexOf(">Projects<"));
        assertThat(byBlocks).contains("<span aria-sort=\"descending\">Blocks</span>");
        assertThat(site.get("/ada-s-notes/-/all-pages/updated").status()).isEqualTo(200);
        assertThat(site.get("/ada-s-notes/-/all-pages/other").status()).isEqualTo(404);
        assertThat(site.exportPaths())
                .contains("/ada-s-notes/-/all-pages/blocks", "/ada-s-notes/-/all-pages/updated");
    }

    @Test
    void aBaseUrlPathPrefixesEveryLink() {
        Site prefixed = Site.builder(storage).baseUrl("https://example.org/wiki/").build();
        String html = prefixed.get("/ada-s-notes/jan-31st-2024").bodyText();
        assertThat(html)
                .contains("href=\"/wiki/ada-s-notes/projects/draehi\"")
                .contains("href=\"/wiki/ada-s-notes/-/static/draehi.css\"")
                .contains(
                        "<link rel=\"canonical\" href=\"https://example.org/wiki/ada-s-notes/jan-31st-2024\">");
    }

    @Test
    void exportPathsCoverEveryPageAndSitePage() {
        assertThat(site.exportPaths())
                .contains(
                        "/",
                        "/sitemap.xml",
                        "/ada-s-notes/",
                        "/ada-s-notes/projects",
                        "/ada-s-notes/projects/draehi",
                        "/ada-s-notes/jan-31st-2024",
                        "/ada-s-notes/-/all-pages",
                        "/ada-s-notes/-/journals",
                        "/ada-s-notes/-/feed.xml");
        for (String p : site.exportPaths()) {
            // a page's unlinked references answer 404 when it has none: no file is written
            if (p.contains("/-/unlinked/")) {
                assertThat(site.get(p).status()).as(p).isIn(200, 404);
            } else {
                assertThat(site.get(p).status()).as(p).isEqualTo(200);
            }
        }
    }
}
