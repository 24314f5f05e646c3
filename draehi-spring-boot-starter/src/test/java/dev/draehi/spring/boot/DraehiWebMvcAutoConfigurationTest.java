package dev.draehi.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.site.Site;
import dev.draehi.store.Storage;
import dev.draehi.store.memory.InMemoryStorage;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/** The site and webhook routes of a Spring MVC application: mounted, turned off, replaced. */
class DraehiWebMvcAutoConfigurationTest {
    final WebApplicationContextRunner runner =
            new WebApplicationContextRunner()
                    .withConfiguration(
                            AutoConfigurations.of(
                                    DraehiAutoConfiguration.class,
                                    DraehiWebMvcAutoConfiguration.class))
                    .withBean(Storage.class, InMemoryStorage::new);

    @Test
    void theSiteAndTheWebhookAreRoutedAtTheirDefaultPaths() {
        runner.run(
                ctx -> {
                    assertThat(ctx)
                            .hasNotFailed()
                            .hasBean("draehiSiteRoutes")
                            .hasBean("draehiWebhookRoutes");
                    assertThat(ctx.getBean(SiteHandlerFunction.class).mountPath()).isEqualTo("/");
                    assertThat(ctx.getBean(WebhookHandlerFunction.class).path())
                            .isEqualTo("/api/webhooks/git");
                });
    }

    @Test
    void pathsComeFromTheProperties() {
        runner.withPropertyValues("draehi.site.path=/notes/", "draehi.webhook.path=/hooks/git")
                .run(
                        ctx -> {
                            assertThat(ctx.getBean(SiteHandlerFunction.class).mountPath())
                                    .isEqualTo("/notes");
                            assertThat(ctx.getBean(WebhookHandlerFunction.class).path())
                                    .isEqualTo("/hooks/git");
                        });
    }

    @Test
    void eitherRouteCanBeTurnedOff() {
        runner.withPropertyValues("draehi.site.enabled=false")
                .run(
                        ctx ->
                                assertThat(ctx)
                                        .doesNotHaveBean(SiteHandlerFunction.class)
                                        .doesNotHaveBean("draehiSiteRoutes")
                                        .hasBean("draehiWebhookRoutes")
                                        .hasSingleBean(Site.class));
        runner.withPropertyValues("draehi.webhook.enabled=false")
                .run(
                        ctx ->
                                assertThat(ctx)
                                        .doesNotHaveBean(WebhookHandlerFunction.class)
                                        .doesNotHaveBean("draehiWebhookRoutes")
                                        .hasBean("draehiSiteRoutes"));
    }

    @Test
    void theApplicationsHandlersAndRoutesReplaceTheDefaults() {
        RouterFunction<ServerResponse> own =
                RouterFunctions.route()
                        .GET("/wiki/**", request -> ServerResponse.ok().body("own"))
                        .build();
        runner.withBean("draehiSiteRoutes", RouterFunction.class, () -> own)
                .run(ctx -> assertThat(ctx.getBean("draehiSiteRoutes")).isSameAs(own));
        runner.withBean(
                        SiteHandlerFunction.class,
                        () ->
                                new SiteHandlerFunction(
                                        Site.builder(new InMemoryStorage()).build(), "/wiki"))
                .run(
                        ctx -> {
                            assertThat(ctx).hasSingleBean(SiteHandlerFunction.class);
                            assertThat(ctx.getBean(SiteHandlerFunction.class).mountPath())
                                    .isEqualTo("/wiki");
                            assertThat(ctx).hasBean("draehiSiteRoutes");
                        });
    }

    @Test
    void aPatternAsTheSitePathStopsStartUp() {
        runner.withPropertyValues("draehi.site.path=/notes/**")
                .run(
                        ctx ->
                                assertThat(ctx.getStartupFailure())
                                        .rootCause()
                                        .hasMessageContaining("draehi.site.path"));
    }
}
