package dev.draehi.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.AssetFile;
import dev.draehi.model.Node;
import dev.draehi.model.NodeIds;
import dev.draehi.model.NodeMetadata;
import dev.draehi.model.NodeMetadata.Attributes;
import dev.draehi.model.PageRoute;
import dev.draehi.model.Workspace;
import dev.draehi.store.WorkspaceContent;
import dev.draehi.store.memory.InMemoryStorage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The frame around every page: the nested table of contents, the skip link, the theme switch and
 * its script, the icon, the graph's own style sheet, and sitemap and robots with and without a base
 * URL; and the git time of a page's file as its "updated".
 */
class SiteFrameTest {
    InMemoryStorage storage;
    Workspace ws;

    @BeforeEach
    void setUp() {
        storage = new InMemoryStorage();
        ws = storage.workspaces().create(storage.users().create("ada", "h").id(), "Notes");
        long id = ws.id();
        Node page =
                SiteTest.page(
                        id, "Guide", "guide", Map.of(Attributes.UPDATED, "2021-03-04T05:06:07Z"));
        Node other = SiteTest.page(id, "Other", "other", Map.of());
        List<Node> nodes = new ArrayList<>(List.of(page, other));
        String[][] blocks = {
            {"<h1>Start</h1><p>text under start</p>", "1"},
            {"<h2>Install</h2>", "2"},
            {"<h3>On Linux</h3><p>apt install</p>", "3"},
            {"<p>plain</p>", "0"},
            {"<h2>Use</h2>", "2"},
            {"<h1>End</h1>", "1"}
        };
        for (int i = 0; i < blocks.length; i++) {
            nodes.add(
                    Node.block(
                            NodeIds.blockUuid(id, "Guide", "b", i),
                            page,
                            page.uuid(),
                            i,
                            blocks[i][0],
                            SiteTest.meta("block-" + i, Map.of())));
        }
        nodes.add(
                Node.block(
                        NodeIds.blockUuid(id, "Other", "o", 0),
                        other,
                        other.uuid(),
                        0,
                        "<p>Read the guide first, then <a class=\"page-reference\""
                                + " data-page=\"Other\" href=\"/notes/other\">Other</a></p>",
                        SiteTest.meta("o-0", Map.of())));
        storage.nodes()
                .replaceAll(
                        id,
                        new WorkspaceContent(
                                nodes,
                                List.of(
                                        new PageRoute("guide", page.uuid()),
                                        new PageRoute("other", other.uuid())),
                                List.of()));
    }

    @Test
    void theTableOfContentsNestsByLevelWithTheHeadingTextOnly() {
        Document d = Jsoup.parse(Site.builder(storage).build().get("/notes/guide").bodyText());
        assertThat(d.select("nav.toc > ol > li > a").eachText()).containsExactly("Start", "End");
        assertThat(d.select("nav.toc > ol > li > ol > li > a").eachText())
                .containsExactly("Install", "Use");
        assertThat(d.select("nav.toc > ol > li > ol > li > ol > li > a").eachText())
                .containsExactly("On Linux");
        assertThat(d.select("nav.toc").text()).doesNotContain("text under", "apt");
        assertThat(d.select("nav.toc a").first().attr("href")).isEqualTo("#block-0");
    }

    @Test
    void everyPageHasASkipLinkAThemeSwitchAndAnIcon() {
        Site site = Site.builder(storage).build();
        Document d = Jsoup.parse(site.get("/notes/guide").bodyText());
        assertThat(d.body().child(0).is("a.skip-link[href=#content]")).isTrue();
        assertThat(d.select("main#content[tabindex=-1]")).hasSize(1);
        assertThat(d.select("header button.theme-toggle[hidden][aria-pressed=false]")).hasSize(1);
        // the theme script: in the head, not deferred, from the workspace's own files
        assertThat(d.select("head script[src=/notes/-/static/theme.js]:not([defer])")).hasSize(1);
        assertThat(d.select("script:not([src])")).isEmpty();
        // the workspace's own copy of the default icon; the site's root keeps one too
        assertThat(d.select("link[rel=icon]").attr("href"))
                .isEqualTo("/notes/-/static/favicon.svg");
        for (String path : List.of("/favicon.svg", "/notes/-/static/favicon.svg")) {
            SiteResponse icon = site.get(path);
            assertThat(icon.status()).as(path).isEqualTo(200);
            assertThat(icon.contentType()).startsWith("image/svg+xml");
        }
        assertThat(site.get("/notes/-/static/theme.js").bodyText()).contains("localStorage");
        assertThat(site.get("/-/static/theme.js").status()).isEqualTo(200);
        assertThat(site.exportPaths())
                .contains("/favicon.svg", "/notes/-/static/favicon.svg", "/-/static/theme.js");
        assertThat(site.get("/notes/-/custom.css").status()).isEqualTo(404);
        assertThat(site.notFoundPage().status()).isEqualTo(404);
        assertThat(site.notFoundPage().bodyText()).contains("Page not found", "skip-link");
    }

    @Test
    void theGraphsOwnStyleSheetAndIconComeAfterTheSitesOwn() {
        byte[] css = "body { background: hotpink }".getBytes(StandardCharsets.UTF_8);
        storage.assets()
                .replaceAll(
                        ws.id(),
                        List.of(
                                new AssetFile(
                                        "logseq/custom.css",
                                        "a".repeat(64),
                                        "text/css; charset=utf-8",
                                        css),
                                new AssetFile(
                                        "assets/favicon.png",
                                        "b".repeat(64),
                                        "image/png",
                                        new byte[] {1, 2, 3})));
        Site site = Site.builder(storage).build();
        Document d = Jsoup.parse(site.get("/notes/guide").bodyText());
        List<String> sheets = d.select("head link[rel=stylesheet]").eachAttr("href");
        assertThat(sheets).last().isEqualTo("/notes/-/custom.css");
        assertThat(sheets).first().isEqualTo("/notes/-/static/draehi.css");
        assertThat(d.select("style")).isEmpty();
        assertThat(d.select("link[rel=icon]").attr("href"))
                .isEqualTo("/notes/-/assets/favicon.png");
        SiteResponse served = site.get("/notes/-/custom.css");
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.contentType()).startsWith("text/css");
        assertThat(served.headers()).containsEntry("X-Content-Type-Options", "nosniff");
        assertThat(served.bodyText()).isEqualTo("body { background: hotpink }");
        assertThat(site.exportPaths()).contains("/notes/-/custom.css");
    }

    @Test
    void sitemapAndRobotsAreAbsoluteWithABaseUrlAndListNothingRelativeWithout() {
        Site bare = Site.builder(storage).build();
        assertThat(bare.get("/sitemap.xml").bodyText()).doesNotContain("<loc>");
        assertThat(bare.get("/robots.txt").bodyText()).doesNotContain("Sitemap:");
        Site based = Site.builder(storage).baseUrl("https://ex.org/wiki").build();
        assertThat(based.get("/sitemap.xml").bodyText())
                .contains("<loc>https://ex.org/wiki/notes/guide</loc>");
        assertThat(based.get("/robots.txt").bodyText())
                .contains("Sitemap: https://ex.org/wiki/sitemap.xml");
    }

    @Test
    void updatedIsWhenThePagesFileLastChangedAndTheFeedListsAnyPage() {
        Site site = Site.builder(storage).build();
        String all = site.get("/notes/-/all-pages/updated").bodyText();
        assertThat(all).contains("datetime=\"2021-03-04T05:06:07Z\">2021-03-04</time>");
        String feed = site.get("/notes/-/feed.xml").bodyText();
        assertThat(feed)
                .contains("<title>Guide</title>")
                .contains("<updated>2021-03-04T05:06:07Z</updated>");
    }

    @Test
    void unlinkedReferencesAreLookedUpOnlyWhenTheClosedSectionIsOpened() {
        Site site = Site.builder(storage).build();
        Document d = Jsoup.parse(site.get("/notes/guide").bodyText());
        assertThat(d.select("section.unlinked-references > details:not([open]) > summary h2"))
                .extracting(e -> e.text())
                .containsExactly("Unlinked references");
        // the page holds no mention: its section points at the fragment that lists them
        assertThat(d.select("section.unlinked-references .block-content")).isEmpty();
        String src = d.select("section.unlinked-references").attr("data-src");
        assertThat(src).isEqualTo("/notes/-/unlinked/guide.html");
        // no link: a page with none has no fragment in an export
        assertThat(d.select("section.unlinked-references a")).isEmpty();
        assertThat(d.select("script[src$=unlinked.js]")).hasSize(1);

        SiteResponse fragment = site.get(src);
        assertThat(fragment.status()).isEqualTo(200);
        Document f = Jsoup.parseBodyFragment(fragment.bodyText());
        assertThat(f.select("p.unlinked-count").text()).isEqualTo("1 unlinked reference");
        assertThat(f.select(".reference-group h3").text()).isEqualTo("Other");
        assertThat(d.select("section.linked-references")).isEmpty();

        // a page that only links to itself from there has no unlinked mention of it: 404, said
        SiteResponse none = site.get("/notes/-/unlinked/other.html");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.bodyText()).contains("No unlinked references.");
        assertThat(site.get("/notes/-/unlinked/no-such-page.html").status()).isEqualTo(404);
        // an export asks for the fragments of pages that have them, not one for every page
        assertThat(site.exportPaths()).contains(src).doesNotContain("/notes/-/unlinked/other.html");
    }

    static NodeMetadata none() {
        return new NodeMetadata(List.of(), Map.of(), Map.of(), Map.of());
    }
}
