package dev.draehi.spring.boot;

import dev.draehi.server.WebhookHandler;
import dev.draehi.site.Site;
import dev.draehi.spring.boot.internal.Settings;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Serves the auto-configured {@link Site} at {@code draehi.site.path} and the {@link
 * WebhookHandler} at {@code draehi.webhook.path} in a Spring MVC application, as router functions.
 * The application's own controllers and router functions come first, so a site mounted at {@code /}
 * answers only the paths they leave. Define a bean named {@code draehiSiteRoutes} or {@code
 * draehiWebhookRoutes} to route either differently, or turn it off with {@code
 * draehi.site.enabled=false} or {@code draehi.webhook.enabled=false}.
 */
@AutoConfiguration(after = DraehiAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(RouterFunction.class)
public class DraehiWebMvcAutoConfiguration {
    /** The site's handler, mounted at draehi.site.path. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(Site.class)
    @ConditionalOnProperty(prefix = "draehi.site", name = "enabled", matchIfMissing = true)
    public SiteHandlerFunction draehiSiteHandlerFunction(Site site, DraehiProperties properties) {
        return new SiteHandlerFunction(site, properties.getSite().getPath());
    }

    /** GET and HEAD under the site's mount path; after every other router function. */
    @Bean
    @ConditionalOnMissingBean(name = "draehiSiteRoutes")
    @ConditionalOnBean(SiteHandlerFunction.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    public RouterFunction<ServerResponse> draehiSiteRoutes(SiteHandlerFunction handler) {
        return handler.routes();
    }

    /** The webhook's endpoint, at draehi.webhook.path. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(WebhookHandler.class)
    @ConditionalOnProperty(prefix = "draehi.webhook", name = "enabled", matchIfMissing = true)
    public WebhookHandlerFunction draehiWebhookHandlerFunction(
            WebhookHandler webhooks, DraehiProperties properties) {
        DraehiProperties.Webhook p = properties.getWebhook();
        return new WebhookHandlerFunction(
                webhooks,
                p.getPath(),
                Settings.bytes(p.getMaxBodySize(), "draehi.webhook.max-body-size"));
    }

    /** POST of the webhook path, before a site mounted at {@code /} could answer it. */
    @Bean
    @ConditionalOnMissingBean(name = "draehiWebhookRoutes")
    @ConditionalOnBean(WebhookHandlerFunction.class)
    @Order(Ordered.HIGHEST_PRECEDENCE + 100)
    public RouterFunction<ServerResponse> draehiWebhookRoutes(WebhookHandlerFunction handler) {
        return handler.routes();
    }
}
