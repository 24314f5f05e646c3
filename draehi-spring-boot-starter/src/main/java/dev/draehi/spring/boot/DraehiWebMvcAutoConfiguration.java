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
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;

/**
 * Serves the auto-configured {@link Site} at {@code draehi.site.path} and the {@link
 * WebhookHandler} at {@code draehi.webhook.path} in a Spring MVC application.
 *
 * <p>The site has a handler mapping of its own, ordered {@link #SITE_ORDER}: after the
 * application's controllers, router functions and every other handler mapping but Spring MVC's
 * static resources, so that a site mounted at {@code /} answers only the paths they leave (and
 * shadows the static resources, which would otherwise answer every path). The webhook is a router
 * function. Define a bean named {@code draehiSiteHandlerMapping} or {@code draehiWebhookRoutes} to
 * route either differently, or turn it off with {@code draehi.site.enabled=false} or {@code
 * draehi.webhook.enabled=false}.
 */
@AutoConfiguration(after = DraehiAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(RouterFunction.class)
public class DraehiWebMvcAutoConfiguration {
    /**
     * The order of the site's handler mapping: just before Spring MVC's static resources ({@code
     * Ordered.LOWEST_PRECEDENCE - 1}), after everything else.
     */
    public static final int SITE_ORDER = Ordered.LOWEST_PRECEDENCE - 10;

    /** The site's handler, mounted at draehi.site.path. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(Site.class)
    @ConditionalOnProperty(prefix = "draehi.site", name = "enabled", matchIfMissing = true)
    public SiteHandlerFunction draehiSiteHandlerFunction(Site site, DraehiProperties properties) {
        return new SiteHandlerFunction(site, properties.getSite().getPath());
    }

    /** GET and HEAD under the site's mount path, once every other handler mapping passed. */
    @Bean
    @ConditionalOnMissingBean(name = "draehiSiteHandlerMapping")
    @ConditionalOnBean(SiteHandlerFunction.class)
    public RouterFunctionMapping draehiSiteHandlerMapping(SiteHandlerFunction handler) {
        RouterFunctionMapping mapping = new RouterFunctionMapping(handler.routes());
        mapping.setOrder(SITE_ORDER);
        return mapping;
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

    /** POST of the webhook path, and 405 for other methods on it. */
    @Bean
    @ConditionalOnMissingBean(name = "draehiWebhookRoutes")
    @ConditionalOnBean(WebhookHandlerFunction.class)
    public RouterFunction<ServerResponse> draehiWebhookRoutes(WebhookHandlerFunction handler) {
        return handler.routes();
    }
}
