package dev.draehi.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.draehi.site.Site;
import dev.draehi.store.Storage;
import dev.draehi.store.memory.InMemoryStorage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;

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
                            .hasBean("draehiSiteHandlerMapping")
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
                                        .doesNotHaveBean("draehiSiteHandlerMapping")
                                        .hasBean("draehiWebhookRoutes")
                                        .hasSingleBean(Site.class));
        runner.withPropertyValues("draehi.webhook.enabled=false")
                .run(
                        ctx ->
                                assertThat(ctx)
                                        .doesNotHaveBean(WebhookHandlerFunction.class)
                                        .doesNotHaveBean("draehiWebhookRoutes")
                                        .hasBean("draehiSiteHandlerMapping"));
    }

    @Test
    void theApplicationsHandlersAndRoutesReplaceTheDefaults() {
        RouterFunctionMapping own =
                new RouterFunctionMapping(
                        RouterFunctions.route()
                                .GET("/wiki/**", request -> ServerResponse.ok().body("own"))
                                .build());
        runner.withBean("draehiSiteHandlerMapping", RouterFunctionMapping.class, () -> own)
                .run(ctx -> assertThat(ctx.getBean("draehiSiteHandlerMapping")).isSameAs(own));
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
                            assertThat(ctx).hasBean("draehiSiteHandlerMapping");
                        });
    }

    @Test
    void aSiteAtTheRootAnswersOnlyWhatTheApplicationsHandlersLeave() {
        InMemoryStorage storage = new InMemoryStorage();
        TestGraphs.publishedWorkspace(storage, TestGraphs.publisher(storage), "/ada/notes");
        new WebApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(
                                WebMvcAutoConfiguration.class,
                                DraehiAutoConfiguration.class,
                                DraehiWebMvcAutoConfiguration.class))
                .withBean(Storage.class, () -> storage)
                .withBean(HelloController.class)
                .withBean(
                        "appRoutes",
                        RouterFunction.class,
                        () ->
                                RouterFunctions.route()
                                        .GET("/ada/fn", request -> ServerResponse.ok().body("fn"))
                                        .build())
                .run(
                        ctx -> {
                            MockMvc mvc =
                                    MockMvcBuilders.webAppContextSetup((WebApplicationContext) ctx)
                                            .build();
                            assertThat(body(mvc, get("/ada/hello"))).isEqualTo("hello");
                            assertThat(body(mvc, get("/ada/fn"))).isEqualTo("fn");
                            assertThat(body(mvc, get("/ada/home")))
                                    .contains("<h1 class=\"page-title\">Home</h1>");
                            MockHttpServletResponse hook =
                                    mvc.perform(
                                                    post("/api/webhooks/git")
                                                            .contentType("application/json")
                                                            .content("{}"))
                                            .andReturn()
                                            .getResponse();
                            assertThat(hook.getStatus()).isEqualTo(400);
                            assertThat(hook.getContentAsString()).startsWith("rejected:");
                        });
    }

    @RestController
    static class HelloController {
        @GetMapping("/ada/hello")
        String hello() {
            return "hello";
        }
    }

    private static String body(MockMvc mvc, RequestBuilder request) throws Exception {
        MockHttpServletResponse r = mvc.perform(request).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(200);
        return r.getContentAsString(StandardCharsets.UTF_8);
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
