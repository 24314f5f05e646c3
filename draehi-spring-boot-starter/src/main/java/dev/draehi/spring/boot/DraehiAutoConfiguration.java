package dev.draehi.spring.boot;

import dev.draehi.Publisher;
import dev.draehi.StorageException;
import dev.draehi.model.Redaction;
import dev.draehi.render.HtmlPageRenderer;
import dev.draehi.server.SyncWorker;
import dev.draehi.server.WebhookHandler;
import dev.draehi.site.Site;
import dev.draehi.spi.GraphSource;
import dev.draehi.spi.PageRenderer;
import dev.draehi.spring.boot.internal.Settings;
import dev.draehi.store.Storage;
import dev.draehi.store.jdbi.JdbiStorage;
import dev.draehi.sync.GitGraphSource;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configures draehi in a Spring Boot application: a {@link JdbiStorage} on the application's
 * {@link DataSource}, a {@link GitGraphSource}, the {@link HtmlPageRenderer}, a {@link Publisher},
 * a {@link Site}, a {@link SyncWorker} and a {@link WebhookHandler}, from {@link DraehiProperties}.
 * Each backs off when the application defines a bean of its type (a {@code Storage}, {@code
 * GraphSource} or {@code PageRenderer} of its own, say), and the rest are built on the
 * application's.
 *
 * <pre>{@code
 * @Autowired Publisher publisher;
 * Deployment d = publisher.sync(workspaceId); // the site shows it once it has succeeded
 * }</pre>
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration")
@EnableConfigurationProperties(DraehiProperties.class)
public class DraehiAutoConfiguration {
    private static final Logger log = LoggerFactory.getLogger(DraehiAutoConfiguration.class);

    /**
     * draehi's tables in the DataSource's default schema, migrated at start-up unless {@code
     * draehi.storage.migrate=false}; deployments that a process which died left building are marked
     * failed.
     */
    @Bean
    @ConditionalOnMissingBean(Storage.class)
    @ConditionalOnSingleCandidate(DataSource.class)
    public JdbiStorage draehiStorage(DataSource dataSource, DraehiProperties properties) {
        JdbiStorage.Builder builder =
                JdbiStorage.builder(dataSource).migrate(properties.getStorage().isMigrate());
        String key = properties.getStorage().getSecretKey();
        if (key != null && !key.isBlank()) {
            builder.secretKey(Settings.base64Secret(key, "draehi.storage.secret-key"));
        }
        JdbiStorage storage = builder.build();
        try {
            storage.failAbandonedDeployments();
        } catch (StorageException e) {
            // housekeeping only: the tables may be the application's to migrate, and not there yet
            log.warn("cannot mark abandoned deployments failed: {}", Redaction.describe(e));
        }
        return storage;
    }

    /** Git repositories and plain graph directories, checked out under draehi.checkout-dir. */
    @Bean
    @ConditionalOnMissingBean(GraphSource.class)
    public GitGraphSource draehiGraphSource(DraehiProperties properties) {
        GitGraphSource.Builder builder = GitGraphSource.builder();
        if (properties.getCheckoutDir() != null) {
            builder.checkoutRoot(properties.getCheckoutDir());
        }
        return builder.build();
    }

    /** Logseq's markdown as draehi renders it by default. */
    @Bean
    @ConditionalOnMissingBean(PageRenderer.class)
    public HtmlPageRenderer draehiPageRenderer() {
        return HtmlPageRenderer.builder().build();
    }

    /** Syncs workspaces from their repositories into the storage; its build log at debug. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(Storage.class)
    public Publisher draehiPublisher(Storage storage, GraphSource source, PageRenderer renderer) {
        Logger syncLog = LoggerFactory.getLogger(Publisher.class);
        return Publisher.builder()
                .storage(storage)
                .source(source)
                .renderer(renderer)
                .progress(line -> syncLog.debug("{}", line))
                .build();
    }

    /** Every workspace's website, with links under the context path and draehi.site.path. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(Storage.class)
    public Site draehiSite(Storage storage, DraehiProperties properties, Environment environment) {
        DraehiProperties.Site p = properties.getSite();
        String baseUrl = p.getBaseUrl();
        if (baseUrl == null || baseUrl.isBlank()) {
            baseUrl =
                    Settings.mountPath(
                                    environment.getProperty("server.servlet.context-path", ""),
                                    "server.servlet.context-path")
                            + Settings.mountPath(p.getPath(), "draehi.site.path");
        }
        return Site.builder(storage)
                .siteName(p.getName())
                .baseUrl(baseUrl)
                .cacheBytes(p.getCacheSize().toBytes())
                .recheckEvery(p.getRecheckEvery())
                .build();
    }

    /**
     * Runs the syncs of the storage's durable queue in this process, started with the context and
     * stopped with it; several instances of the application on one database share the queue, and a
     * sync whose instance stops is taken over by another. Off with {@code draehi.sync.worker=false}
     * (an instance that only answers webhooks and serves the site).
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnBean({Storage.class, Publisher.class})
    @ConditionalOnProperty(name = "draehi.sync.worker", havingValue = "true", matchIfMissing = true)
    public SyncWorker draehiSyncWorker(
            Storage storage, Publisher publisher, DraehiProperties properties) {
        return SyncWorker.builder(storage, publisher)
                .threads(properties.getSync().getThreads())
                .retention(properties.getSync().getRetention())
                .onFailure(
                        (job, reason) ->
                                log.warn(
                                        "{}: {}",
                                        job == null
                                                ? "the sync queue did not answer"
                                                : "sync of workspace " + job.workspaceId(),
                                        reason))
                .build()
                .start();
    }

    /**
     * Verifies push webhooks and queues their syncs in the storage's durable queue (committed
     * before the webhook is answered, so an accepted push is published even if this instance
     * stops), with draehi.webhook.secret for repositories that have no secret of their own.
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean({Storage.class, Publisher.class})
    public WebhookHandler draehiWebhookHandler(
            Storage storage,
            Publisher publisher,
            ObjectProvider<SyncWorker> worker,
            DraehiProperties properties) {
        DraehiProperties.Webhook p = properties.getWebhook();
        SyncWorker local = worker.getIfAvailable();
        return WebhookHandler.builder(storage, publisher)
                .queue(local == null ? workspaceId -> {} : workspaceId -> local.wake())
                .fallbackSecret(p.getSecret())
                .maxBodyBytes(Settings.bytes(p.getMaxBodySize(), "draehi.webhook.max-body-size"))
                .onSyncError(e -> log.error("webhook sync failed: {}", Redaction.describe(e)))
                .build();
    }
}
