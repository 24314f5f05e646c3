package dev.draehi.cli;

import dev.draehi.model.Deployment;
import dev.draehi.model.Workspace;
import dev.draehi.render.site.Site;
import dev.draehi.store.Storage;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code draehi serve [SOURCE]}: sync a graph and serve it over HTTP, re-syncing on push or poll.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description =
                "Syncs a graph and serves it over HTTP; re-syncs on a webhook or every --poll seconds.")
final class ServeCommand implements Callable<Integer> {
    @Mixin GraphOptions graph;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "SOURCE",
            description =
                    "A git URL, a file:// URL or a graph directory. Without it, serve every workspace in --database-url.")
    String source;

    @Option(names = "--port", paramLabel = "N", description = "The port (default 8080).")
    int port = 8080;

    @Option(
            names = "--bind",
            paramLabel = "ADDRESS",
            description = "The address to listen on (default 127.0.0.1).")
    String bind = "127.0.0.1";

    @Option(
            names = "--base-url",
            paramLabel = "URL",
            description =
                    "The public URL, for canonical links and the sitemap (default http://ADDRESS:PORT).")
    String baseUrl;

    @Option(
            names = "--webhook-secret",
            paramLabel = "SECRET",
            description =
                    "Secret of the git host's push webhook (POST /api/webhooks/git), for workspaces without a secret of their own. Also read from DRAEHI_WEBHOOK_SECRET.")
    String webhookSecret = System.getenv("DRAEHI_WEBHOOK_SECRET");

    @Option(
            names = "--poll",
            paramLabel = "SECONDS",
            description = "Re-sync every SECONDS (default: never).")
    int pollSeconds;

    @Override
    public Integer call() throws Exception {
        if (source == null && (graph.databaseUrl == null || graph.databaseUrl.isBlank())) {
            System.err.println(
                    "draehi: serve needs a SOURCE, or --database-url to serve the workspaces stored there");
            return Main.EXIT_USAGE;
        }
        try (Storage storage = Storages.open(graph.databaseUrl)) {
            storage.failAbandonedDeployments();
            Graphs graphs = new Graphs(storage, graph.checkoutDir.toAbsolutePath(), System.err);
            List<Workspace> synced;
            if (source != null) {
                String slug = LocalWorkspace.slugFor(source, graph.workspace);
                Workspace ws = LocalWorkspace.ensure(storage, slug, Graphs.normalizeSource(source));
                System.err.println("draehi: syncing workspace '" + slug + "'");
                Deployment d = graphs.sync(ws);
                if (!d.succeeded()) {
                    System.err.println("draehi: sync failed: " + d.errorLog());
                    if (storage.deployments().latestSuccessful(ws.id()).isEmpty()) {
                        return Main.EXIT_FAILED;
                    }
                    System.err.println("draehi: serving the last published version");
                }
                synced = List.of(ws);
            } else {
                synced = storage.workspaces().list();
            }
            String base = baseUrl != null ? baseUrl : "http://" + bind + ":" + port;
            Site site = Site.builder(storage).baseUrl(base).build();
            SiteServer server;
            try {
                server =
                        SiteServer.start(
                                new InetSocketAddress(bind, port),
                                site,
                                storage,
                                graphs.publisher(),
                                webhookSecret);
            } catch (BindException e) {
                System.err.println(
                        "draehi: port "
                                + port
                                + " on "
                                + bind
                                + " is in use; choose another with --port");
                return Main.EXIT_USAGE;
            }
            ScheduledExecutorService poller = null;
            if (pollSeconds > 0) {
                poller =
                        Executors.newSingleThreadScheduledExecutor(
                                r -> {
                                    Thread t = new Thread(r, "draehi-poll");
                                    t.setDaemon(true);
                                    return t;
                                });
                List<Workspace> targets = synced;
                poller.scheduleWithFixedDelay(
                        () -> {
                            for (Workspace ws : targets) {
                                try {
                                    Deployment d = graphs.sync(ws);
                                    if (!d.succeeded()) {
                                        System.err.println(
                                                "draehi: sync of '"
                                                        + ws.slug()
                                                        + "' failed: "
                                                        + d.errorLog());
                                    }
                                } catch (RuntimeException e) {
                                    System.err.println(
                                            "draehi: sync of '"
                                                    + ws.slug()
                                                    + "' failed: "
                                                    + Errors.describe(e));
                                }
                            }
                        },
                        pollSeconds,
                        pollSeconds,
                        TimeUnit.SECONDS);
            }
            System.err.println(
                    "draehi: serving "
                            + synced.size()
                            + " workspace(s) at http://"
                            + bind
                            + ":"
                            + server.port()
                            + "/");
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(
                                    () -> {
                                        server.stop();
                                        stop.countDown();
                                    }));
            stop.await();
            if (poller != null) {
                poller.shutdownNow();
            }
            return 0;
        }
    }
}
