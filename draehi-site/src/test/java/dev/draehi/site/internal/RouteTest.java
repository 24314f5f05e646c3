package dev.draehi.site.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.web.SiteUrls;
import org.junit.jupiter.api.Test;

class RouteTest {
    @Test
    void rootPaths() {
        assertThat(Route.parse("/")).isEqualTo(new Route.Root());
        assertThat(Route.parse("/index.html")).isEqualTo(new Route.Root());
        assertThat(Route.parse(SiteUrls.SITEMAP)).isEqualTo(new Route.Sitemap());
        assertThat(Route.parse(SiteUrls.ROBOTS)).isEqualTo(new Route.Robots());
        assertThat(Route.parse("/favicon.ico")).isEqualTo(new Route.Nothing());
        assertThat(Route.parse(SiteUrls.rootStatic("draehi.css")))
                .isEqualTo(new Route.RootStatic("draehi.css"));
        assertThat(Route.parse("/ada")).isEqualTo(new Route.Workspace("ada", ""));
        assertThat(Route.parse("/ada/a/b")).isEqualTo(new Route.Workspace("ada", "a/b"));
    }

    @Test
    void everyUrlOfTheLayoutParsesBackToItsRoute() {
        assertThat(sub(SiteUrls.home("ada"))).isEqualTo(new Route.Home());
        assertThat(sub(SiteUrls.page("ada", "projects/draehi")))
                .isEqualTo(new Route.Page("projects/draehi"));
        assertThat(sub(SiteUrls.allPages("ada"))).isEqualTo(new Route.AllPages(""));
        assertThat(sub(SiteUrls.allPages("ada", "blocks"))).isEqualTo(new Route.AllPages("blocks"));
        assertThat(sub(SiteUrls.allPages("ada", "updated")))
                .isEqualTo(new Route.AllPages("updated"));
        assertThat(sub(SiteUrls.journals("ada", 1))).isEqualTo(new Route.Journals(1, "journals"));
        assertThat(sub(SiteUrls.journals("ada", 3))).isEqualTo(new Route.Journals(3, "journals/3"));
        assertThat(sub(SiteUrls.search("ada"))).isEqualTo(new Route.Search());
        assertThat(sub(SiteUrls.searchIndex("ada"))).isEqualTo(new Route.SearchIndex());
        assertThat(sub(SiteUrls.feed("ada"))).isEqualTo(new Route.Feed());
        assertThat(sub(SiteUrls.staticFile("ada", "search.js")))
                .isEqualTo(new Route.StaticFile("search.js"));
        assertThat(sub(SiteUrls.asset("ada", "assets/a b.png")))
                .isEqualTo(new Route.Asset("assets/a%20b.png"));
    }

    @Test
    void whatIsNotThereIsMissing() {
        assertThat(Route.inWorkspace("-")).isEqualTo(new Route.Missing());
        assertThat(Route.inWorkspace("-/")).isEqualTo(new Route.Missing());
        assertThat(Route.inWorkspace("-/journals/0")).isEqualTo(new Route.Missing());
        assertThat(Route.inWorkspace("-/journals/x")).isEqualTo(new Route.Missing());
        assertThat(Route.inWorkspace("-/all-pages/nope")).isEqualTo(new Route.Missing());
        assertThat(Route.inWorkspace("-/other")).isEqualTo(new Route.Missing());
        assertThat(Route.inWorkspace("index.html")).isEqualTo(new Route.Home());
        assertThat(Route.inWorkspace("a/b/")).isEqualTo(new Route.Page("a/b"));
    }

    private static Route sub(String url) {
        Route.Workspace w = (Route.Workspace) Route.parse(url);
        assertThat(w.slug()).isEqualTo("ada");
        return Route.inWorkspace(w.sub());
    }
}
