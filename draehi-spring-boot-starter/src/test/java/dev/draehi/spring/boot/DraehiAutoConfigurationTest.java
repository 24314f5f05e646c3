package dev.draehi.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.Publisher;
import dev.draehi.model.GitRepository;
import dev.draehi.model.Workspace;
import dev.draehi.render.HtmlPageRenderer;
import dev.draehi.server.SyncWorker;
import dev.draehi.server.WebhookHandler;
import dev.draehi.server.WebhookHandler.Outcome;
import dev.draehi.site.Site;
import dev.draehi.spi.GraphSource;
import dev.draehi.spi.PageRenderer;
import dev.draehi.spi.RenderedPage;
import dev.draehi.store.Storage;
import dev.draehi.store.jdbi.JdbiStorage;
import dev.draehi.store.jdbi.testing.PostgresExtension;
import dev.draehi.store.memory.InMemoryStorage;
import dev.draehi.sync.GitGraphSource;
import dev.draehi.testing.FakeGraphSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.unit.DataSize;

/**
 * What the auto-configuration builds, from which properties, and how the application overrides it.
 */
class DraehiAutoConfigurationTest {
    @RegisterExtension static final PostgresExtension PG = new PostgresExtension();

    @RegisterExtension static final PostgresExtension EMPTY = new PostgresExtension(false);

    final ApplicationContextRunner runner =
            new ApplicationContextRunner()
                    .withConfiguration(
                            AutoConfigurations.of(
                                    DraehiAutoConfiguration.class,
                                    DraehiWebMvcAutoConfiguration.class));

    final ApplicationContextRunner onPostgres =
            runner.withBean(DataSource.class, () -> unclosable(PG.dataSource()));

    @Test
    void everyPieceIsBuiltOnTheApplicationsDataSource() {
        onPostgres.run(
                ctx -> {
                    assertThat(ctx)
                            .hasNotFailed()
                            .hasSingleBean(JdbiStorage.class)
                            .hasSingleBean(GitGraphSource.class)
                            .hasSingleBean(HtmlPageRenderer.class)
                            .hasSingleBean(Publisher.class)
                            .hasSingleBean(Site.class)
                            .hasSingleBean(WebhookHandler.class)
                            .hasSingleBean(DraehiProperties.class);
                    Storage storage = ctx.getBean(Storage.class);
                    assertThat(ctx.getBean(Publisher.class).storage()).isSameAs(storage);
                    storage.users().create("grace", "!");
                    assertThat(PG.rows("SELECT username FROM users")).contains("grace");
                    // not a web application: nothing is routed
                    assertThat(ctx)
                            .doesNotHaveBean(SiteHandlerFunction.class)
                            .doesNotHaveBean("draehiSiteRoutes")
                            .doesNotHaveBean("draehiWebhookRoutes");
                });
    }

    @Test
    void springBootsOwnTaskExecutorIsStillConfigured() {
        onPostgres
                .withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class))
                .run(
                        ctx ->
                                assertThat(ctx)
                                        .hasNotFailed()
                                        .hasSingleBean(SyncWorker.class)
                                        .hasBean("applicationTaskExecutor"));
    }

    @Test
    void theSchemaIsMigratedUnlessTurnedOff() throws Exception {
        String tables =
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                        + EMPTY.schema()
                        + "' AND table_name = 'users'";
        ApplicationContextRunner onEmpty =
                runner.withBean(DataSource.class, () -> unclosable(EMPTY.dataSource()));
        onEmpty.withPropertyValues("draehi.storage.migrate=false")
                .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(JdbiStorage.class));
        assertThat(EMPTY.rows(tables)).containsExactly("0");
        onEmpty.run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(JdbiStorage.class));
        assertThat(EMPTY.rows(tables)).containsExactly("1");
    }

    @Test
    void withoutADataSourceOrAStorageNothingNeedingOneIsBuilt() {
        runner.run(
                ctx ->
                        assertThat(ctx)
                                .hasNotFailed()
                                .doesNotHaveBean(Storage.class)
                                .doesNotHaveBean(Publisher.class)
                                .doesNotHaveBean(Site.class)
                                .doesNotHaveBean(WebhookHandler.class));
    }

    @Test
    void theApplicationsStorageReplacesJdbiStorage() {
        InMemoryStorage own = new InMemoryStorage();
        onPostgres
                .withBean(Storage.class, () -> own)
                .run(
                        ctx -> {
                            assertThat(ctx).hasNotFailed().doesNotHaveBean(JdbiStorage.class);
                            assertThat(ctx.getBean(Storage.class)).isSameAs(own);
                            assertThat(ctx.getBean(Publisher.class).storage()).isSameAs(own);
                            assertThat(ctx).hasSingleBean(Site.class);
                            assertThat(ctx).hasSingleBean(WebhookHandler.class);
                        });
    }

    @Test
    void theApplicationsSourceAndRendererReplaceTheDefaults() {
        GraphSource source = new FakeGraphSource(TestGraphs.graph());
        PageRenderer renderer = (page, context) -> new RenderedPage(List.of(), List.of());
        onPostgres
                .withBean(GraphSource.class, () -> source)
                .withBean(PageRenderer.class, () -> renderer)
                .run(
                        ctx -> {
                            assertThat(ctx)
                                    .hasNotFailed()
                                    .doesNotHaveBean(GitGraphSource.class)
                                    .doesNotHaveBean(HtmlPageRenderer.class);
                            assertThat(ctx.getBean(GraphSource.class)).isSameAs(source);
                            assertThat(ctx.getBean(PageRenderer.class)).isSameAs(renderer);
                            assertThat(ctx).hasSingleBean(Publisher.class);
                        });
    }

    @Test
    void theApplicationsPublisherSiteAndWebhookHandlerReplaceTheDefaults() {
        InMemoryStorage storage = new InMemoryStorage();
        Publisher publisher = TestGraphs.publisher(storage);
        Site site = Site.builder(storage).build();
        WebhookHandler webhooks = WebhookHandler.builder(storage, publisher).build();
        runner.withBean(Storage.class, () -> storage)
                .withBean(Publisher.class, () -> publisher)
                .withBean(Site.class, () -> site)
                .withBean(WebhookHandler.class, () -> webhooks)
                .run(
                        ctx -> {
                            assertThat(ctx).hasNotFailed();
                            assertThat(ctx.getBean(Publisher.class)).isSameAs(publisher);
                            assertThat(ctx.getBean(Site.class)).isSameAs(site);
                            assertThat(ctx.getBean(WebhookHandler.class)).isSameAs(webhooks);
                        });
    }

    @Test
    void propertiesAreBound() {
        onPostgres
                .withPropertyValues(
                        "draehi.checkout-dir=/var/lib/draehi/checkouts",
                        "draehi.storage.migrate=false",
                        "draehi.site.enabled=false",
                        "draehi.site.path=/notes/",
                        "draehi.site.name=Ada's notes",
                        "draehi.site.base-url=https://notes.example.com/notes",
                        "draehi.site.cache-size=2MB",
                        "draehi.site.recheck-every=2s",
                        "draehi.webhook.enabled=false",
                        "draehi.webhook.path=/hooks/git",
                        "draehi.webhook.secret=s3cret",
                        "draehi.webhook.max-body-size=64KB")
                .run(
                        ctx -> {
                            assertThat(ctx).hasNotFailed();
                            DraehiProperties p = ctx.getBean(DraehiProperties.class);
                            assertThat(p.getCheckoutDir())
                                    .isEqualTo(Path.of("/var/lib/draehi/checkouts"));
                            assertThat(p.getStorage().isMigrate()).isFalse();
                            assertThat(p.getSite().isEnabled()).isFalse();
                            assertThat(p.getSite().getPath()).isEqualTo("/notes/");
                            assertThat(p.getSite().getName()).isEqualTo("Ada's notes");
                            assertThat(p.getSite().getBaseUrl())
                                    .isEqualTo("https://notes.example.com/notes");
                            assertThat(p.getSite().getCacheSize())
                                    .isEqualTo(DataSize.ofMegabytes(2));
                            assertThat(p.getSite().getRecheckEvery())
                                    .isEqualTo(Duration.ofSeconds(2));
                            assertThat(p.getWebhook().isEnabled()).isFalse();
                            assertThat(p.getWebhook().getPath()).isEqualTo("/hooks/git");
                            assertThat(p.getWebhook().getSecret()).isEqualTo("s3cret");
                            assertThat(p.getWebhook().getMaxBodySize())
                                    .isEqualTo(DataSize.ofKilobytes(64));
                            assertThat(p.getWebhook().toString()).doesNotContain("s3cret");
                        });
    }

    @Test
    void defaultsMatchTheDocumentedOnes() {
        runner.run(
                ctx -> {
                    DraehiProperties p = ctx.getBean(DraehiProperties.class);
                    assertThat(p.getCheckoutDir()).isNull();
                    assertThat(p.getStorage().isMigrate()).isTrue();
                    assertThat(p.getSite().isEnabled()).isTrue();
                    assertThat(p.getSite().getPath()).isEqualTo("/");
                    assertThat(p.getSite().getCacheSize()).isEqualTo(DataSize.ofMegabytes(64));
                    assertThat(p.getSite().getRecheckEvery()).isZero();
                    assertThat(p.getWebhook().isEnabled()).isTrue();
                    assertThat(p.getWebhook().getPath()).isEqualTo("/api/webhooks/git");
                    assertThat(p.getWebhook().getSecret()).isNull();
                    assertThat(p.getWebhook().getMaxBodySize())
                            .isEqualTo(DataSize.ofBytes(WebhookHandler.DEFAULT_MAX_BODY_BYTES));
                });
    }

    @Test
    void theSiteLinksUnderTheContextPathAndItsMountPath() {
        InMemoryStorage storage = new InMemoryStorage();
        TestGraphs.publishedWorkspace(storage, TestGraphs.publisher(storage), "/ada/notes");
        runner.withBean(Storage.class, () -> storage)
                .withPropertyValues("server.servlet.context-path=/app", "draehi.site.path=/notes")
                .run(
                        ctx ->
                                assertThat(ctx.getBean(Site.class).get("/").bodyText())
                                        .contains("href=\"/app/notes/ada/\""));
    }

    @Test
    void theWebhookSecretPropertyVerifiesRepositoriesWithoutASecret() {
        byte[] body = WebhookHandlerFunctionTest.push("https://github.com/someone/else");
        runner.withBean(Storage.class, InMemoryStorage::new)
                .withPropertyValues("draehi.webhook.secret=s3cret")
                .run(
                        ctx -> {
                            WebhookHandler webhooks = ctx.getBean(WebhookHandler.class);
                            assertThat(webhooks.handle(headers(body, "s3cret"), body).outcome())
                                    .isEqualTo(Outcome.IGNORED);
                            assertThat(webhooks.handle(headers(body, "wrong"), body).status())
                                    .isEqualTo(401);
                        });
    }

    @Test
    void anAcceptedPushIsQueuedDurablyAndRunByTheWorker() throws Exception {
        InMemoryStorage storage = new InMemoryStorage();
        Publisher publisher = TestGraphs.publisher(storage);
        Workspace ws =
                TestGraphs.publishedWorkspace(storage, publisher, "https://github.com/ada/notes");
        byte[] body = WebhookHandlerFunctionTest.push("https://github.com/ada/notes");
        runner.withBean(Storage.class, () -> storage)
                .withBean(Publisher.class, () -> publisher)
                .withPropertyValues("draehi.webhook.secret=s3cret")
                .run(
                        ctx -> {
                            assertThat(ctx).hasNotFailed().hasSingleBean(SyncWorker.class);
                            WebhookHandler webhooks = ctx.getBean(WebhookHandler.class);
                            assertThat(webhooks.handle(headers(body, "s3cret"), body).outcome())
                                    .isEqualTo(Outcome.ACCEPTED);
                            // the job was in the storage before the webhook was answered
                            assertThat(storage.syncJobs().list(ws.id())).isNotEmpty();
                            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                            while (storage.deployments().list(ws.id()).size() < 2
                                    && System.nanoTime() < deadline) {
                                Thread.sleep(20);
                            }
                            assertThat(storage.deployments().list(ws.id())).hasSize(2);
                        });
    }

    @Test
    void withoutAWorkerAPushStaysQueuedForAnotherInstance() {
        InMemoryStorage storage = new InMemoryStorage();
        Publisher publisher = TestGraphs.publisher(storage);
        Workspace ws =
                TestGraphs.publishedWorkspace(storage, publisher, "https://github.com/ada/notes");
        byte[] body = WebhookHandlerFunctionTest.push("https://github.com/ada/notes");
        runner.withBean(Storage.class, () -> storage)
                .withBean(Publisher.class, () -> publisher)
                .withPropertyValues("draehi.webhook.secret=s3cret", "draehi.sync.worker=false")
                .run(
                        ctx -> {
                            assertThat(ctx).hasNotFailed().doesNotHaveBean(SyncWorker.class);
                            assertThat(
                                            ctx.getBean(WebhookHandler.class)
                                                    .handle(headers(body, "s3cret"), body)
                                                    .outcome())
                                    .isEqualTo(Outcome.ACCEPTED);
                            assertThat(storage.syncJobs().list(ws.id()))
                                    .singleElement()
                                    .satisfies(j -> assertThat(j.status().isFinal()).isFalse());
                        });
    }

    @Test
    void theSecretKeyEncryptsStoredTokens() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        onPostgres
                .withPropertyValues("draehi.storage.secret-key=" + key)
                .run(
                        ctx -> {
                            Storage storage = ctx.getBean(Storage.class);
                            Workspace ws =
                                    storage.workspaces()
                                            .create(storage.users().create("kit", "!").id(), "Kit");
                            storage.repositories()
                                    .create(ws.id(), "https://x.test/kit", "main", "token-123");
                            assertThat(
                                            PG.rows(
                                                    "SELECT deploy_key FROM git_repositories WHERE workspace_id = "
                                                            + ws.id()))
                                    .singleElement()
                                    .asString()
                                    .doesNotContain("token-123");
                            assertThat(storage.repositories().findByWorkspace(ws.id()))
                                    .map(GitRepository::deployKey)
                                    .contains("token-123");
                        });
    }

    @Test
    void aSecretKeyThatIsNotBase64StopsStartUpWithoutBeingQuoted() {
        onPostgres
                .withPropertyValues("draehi.storage.secret-key=not*base64*key")
                .run(
                        ctx -> {
                            assertThat(ctx).hasFailed();
                            assertThat(ctx.getStartupFailure())
                                    .rootCause()
                                    .hasMessageContaining("draehi.storage.secret-key")
                                    .hasMessageNotContaining("not*base64*key");
                        });
    }

    static Map<String, List<String>> headers(byte[] body, String secret) throws Exception {
        return Map.of(
                "X-GitHub-Event",
                List.of("push"),
                "X-Hub-Signature-256",
                List.of(WebhookHandlerFunctionTest.sign(body, secret)));
    }

    /** The test's pool, which the context must not close when it closes. */
    static DataSource unclosable(DataSource dataSource) {
        return (DataSource)
                Proxy.newProxyInstance(
                        DataSource.class.getClassLoader(),
                        new Class<?>[] {DataSource.class},
                        (proxy, method, args) -> {
                            try {
                                return method.invoke(dataSource, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
    }
}
