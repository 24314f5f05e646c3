package dev.draehi.cli;

import dev.draehi.Publisher;
import dev.draehi.model.Deployment;
import dev.draehi.model.Redaction;
import dev.draehi.model.Workspace;
import dev.draehi.net.HostResolver;
import dev.draehi.net.NetworkPolicy;
import dev.draehi.server.Accounts;
import dev.draehi.server.DraehiServer;
import dev.draehi.server.LiveReload;
import dev.draehi.server.ServerException;
import dev.draehi.server.SyncWorker;
import dev.draehi.server.hosting.Domains;
import dev.draehi.server.hosting.Hosting;
import dev.draehi.server.hosting.TxtLookup;
import dev.draehi.site.Site;
import dev.draehi.store.Storage;
import dev.draehi.sync.GitGraphSource;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    @Option(
            names = "--watch",
            description =
                    "Live preview of a graph directory: re-sync the files as they change (the working tree, no commit needed) and reload the open pages.")
    boolean watch;

    @Option(
            names = "--hosting",
            description =
                    "Hosting mode: sign-up, login and an owner dashboard (/-/signup, /-/login, /-/dashboard), so one server publishes many people's graphs. Needs --database-url.")
    boolean hosting;

    @Option(
            names = "--allow-local-repositories",
            description =
                    "Hosting mode: let owners connect file:// repositories, read from this server's disk. Only for trusted users and tests.")
    boolean allowLocalRepositories;

    @Option(
            names = "--max-checkout-bytes",
            paramLabel = "SIZE",
            description =
                    "Most a repository's checked-out files may add up to, in bytes or with K, M or G (default 1G). A commit over it fails its sync; the site stays as it was.")
    String maxCheckoutBytes = "1G";

    @Option(
            names = "--max-checkout-files",
            paramLabel = "N",
            description = "Most files a repository's checkout may have (default 200000).")
    long maxCheckoutFiles = GitGraphSource.DEFAULT_MAX_CHECKOUT_FILES;

    @Option(
            names = "--max-checkout-file-bytes",
            paramLabel = "SIZE",
            description =
                    "Largest file a repository's checkout may have, in bytes or with K, M or G (default 100M).")
    String maxCheckoutFileBytes = "100M";

    @Option(
            names = "--frame-ancestors",
            paramLabel = "SOURCES",
            description =
                    "Who may embed the site's pages in a frame, as CSP frame-ancestors sources (default 'self'; e.g. \"'self' https://blog.example.com\", or * for anyone).")
    String frameAncestors = "'self'";

    @Option(
            names = "--trust-proxy",
            description =
                    "Trust the proxy in front of this server to name the host the client asked for in X-Forwarded-Host: it then picks the custom domain served and passes the hosting forms' origin check. Off by default: only Host counts. Turn it on only when every request passes through a proxy that sets or strips the header.")
    boolean trustProxy;

    @Option(
            names = "--slug-hold-days",
            paramLabel = "DAYS",
            description =
                    "Hosting mode: hold a slug freed by a deleted account or a renamed site back from other users for DAYS days, so that links to the old site are not taken over (default 30; 0 turns it off).")
    int slugHoldDays = 30;

    @Option(
            names = "--session-idle-days",
            paramLabel = "DAYS",
            description = "Hosting mode: end sessions unused for DAYS days (default 7).")
    int sessionIdleDays = 7;

    @Override
    public Integer call() throws Exception {
        if (hosting) {
            if (graph.databaseUrl == null || graph.databaseUrl.isBlank()) {
                System.err.println(
                        "draehi: --hosting needs --database-url: accounts and sessions live in PostgreSQL");
                return Main.EXIT_USAGE;
            }
            if (source != null) {
                System.err.println(
                        "draehi: --hosting serves the workspaces its users connect; give no SOURCE");
                return Main.EXIT_USAGE;
            }
            if (sessionIdleDays < 1) {
                System.err.println("draehi: --session-idle-days must be at least 1");
                return Main.EXIT_USAGE;
            }
            if (slugHoldDays < 0) {
                System.err.println("draehi: --slug-hold-days must not be negative");
                return Main.EXIT_USAGE;
            }
        } else if (allowLocalRepositories) {
            System.err.println("draehi: --allow-local-repositories only applies with --hosting");
            return Main.EXIT_USAGE;
        }
        Path watched = null;
        if (watch) {
            watched = source == null || hosting ? null : Path.of(source).toAbsolutePath();
            if (watched == null || !Files.isDirectory(watched)) {
                System.err.println("draehi: --watch needs a graph directory as SOURCE");
                return Main.EXIT_USAGE;
            }
        }
        if (source == null && (graph.databaseUrl == null || graph.databaseUrl.isBlank())) {
            System.err.println(
                    "draehi: serve needs a SOURCE, or --database-url to serve the workspaces stored there");
            return Main.EXIT_USAGE;
        }
        long maxBytes;
        long maxFileBytes;
        try {
            maxBytes = size(maxCheckoutBytes);
            maxFileBytes = size(maxCheckoutFileBytes);
        } catch (IllegalArgumentException e) {
            System.err.println("draehi: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        if (maxCheckoutFiles < 1) {
            System.err.println("draehi: --max-checkout-files must be at least 1");
            return Main.EXIT_USAGE;
        }
        CountDownLatch cleaned = new CountDownLatch(1);
        try (Storage storage = Storages.open(graph.databaseUrl)) {
            storage.failAbandonedDeployments();
            // Hosting fetches for people the server does not know: never from its own networks.
            NetworkPolicy policy =
                    hosting && !allowLocalRepositories
                            ? NetworkPolicy.publicOnly()
                            : NetworkPolicy.unrestricted();
            Graphs graphs =
                    new Graphs(
                            storage,
                            graph.checkoutDir.toAbsolutePath(),
                            System.err,
                            policy,
                            HostResolver.system(),
                            b ->
                                    b.maxCheckoutBytes(maxBytes)
                                            .maxCheckoutFiles(maxCheckoutFiles)
                                            .maxFileBytes(maxFileBytes)
                                            .readInPlace(watch));
            // Watched from before the first sync, so that no save is missed: the source then
            // re-reads only the files each burst of events names.
            GraphWatcher watcher = watched == null ? null : new GraphWatcher(watched);
            if (watcher != null) {
                graphs.source().watch(watched);
            }
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
            Site site = site(storage, base, hosting);
            SyncWorker syncs = syncWorker(storage, graphs.publisher(), site);
            DraehiServer.Builder builder =
                    DraehiServer.builder(site)
                            .storage(storage)
                            .publisher(graphs.publisher())
                            .syncWorker(syncs)
                            .webhookSecret(webhookSecret)
                            .frameAncestors(frameAncestors)
                            .trustProxy(trustProxy)
                            .bind(bind)
                            .port(port);
            LiveReload live = watch ? new LiveReload() : null;
            if (live != null) {
                builder.liveReload(live);
            }
            ScheduledExecutorService domainChecks = null;
            if (hosting) {
                // Custom domains: verified through DNS, checked again in the background.
                Domains domains =
                        Domains.builder(storage, TxtLookup.system()).baseUrl(baseUrl).build();
                builder.hosting(
                                hostingBuilder(
                                                storage,
                                                syncs,
                                                baseUrl,
                                                allowLocalRepositories,
                                                policy,
                                                HostResolver.system(),
                                                Duration.ofDays(sessionIdleDays),
                                                Duration.ofDays(slugHoldDays))
                                        .domains(domains)
                                        .trustProxy(trustProxy)
                                        .build())
                        .domains(domains);
                domainChecks =
                        Executors.newSingleThreadScheduledExecutor(
                                r -> {
                                    Thread t = new Thread(r, "draehi-domains");
                                    t.setDaemon(true);
                                    return t;
                                });
                domainChecks.scheduleWithFixedDelay(
                        () -> {
                            try {
                                domains.recheck();
                            } catch (RuntimeException e) {
                                System.err.println(
                                        "draehi: checking custom domains failed: "
                                                + Redaction.describe(e));
                            }
                        },
                        1,
                        10,
                        TimeUnit.MINUTES);
            }
            DraehiServer server;
            try {
                server = builder.build().start();
            } catch (ServerException e) {
                syncs.close();
                if (e.getCause() instanceof BindException) {
                    System.err.println(
                            "draehi: port "
                                    + port
                                    + " on "
                                    + bind
                                    + " is in use; choose another with --port");
                    return Main.EXIT_USAGE;
                }
                throw e;
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
                // Through the queue, as pushes: a poll never runs beside a push's sync of the
                // same workspace, in this process or another on the same database.
                poller.scheduleWithFixedDelay(
                        () -> {
                            try {
                                if (hosting) {
                                    // every workspace with a repository, as users add them
                                    storage.repositories()
                                            .list()
                                            .forEach(r -> syncs.accept(r.workspaceId()));
                                } else {
                                    targets.forEach(ws -> syncs.accept(ws.id()));
                                }
                            } catch (RuntimeException e) {
                                System.err.println(
                                        "draehi: queueing the poll's syncs failed: "
                                                + Redaction.describe(e));
                            }
                        },
                        pollSeconds,
                        pollSeconds,
                        TimeUnit.SECONDS);
            }
            if (watcher != null) {
                Path dir = watched;
                watcher.start(
                        changes -> {
                            graphs.source().changed(dir, changes);
                            resync(graphs, synced.get(0), site, live);
                        });
            }
            System.err.println(
                    "draehi: serving "
                            + synced.size()
                            + " workspace(s) at http://"
                            + bind
                            + ":"
                            + server.port()
                            + "/");
            if (hosting) {
                System.err.println(
                        "draehi: hosting: sign up at http://"
                                + bind
                                + ":"
                                + server.port()
                                + Hosting.SIGNUP);
            }
            // On SIGTERM or Ctrl-C: stop taking requests, let those in flight finish (for up to
            // the server's stop timeout), then stop syncing and close the storage. The JVM halts
            // once this hook returns, so it waits for the cleanup below.
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(
                                    () -> {
                                        System.err.println("draehi: stopping");
                                        server.close();
                                        stop.countDown();
                                        try {
                                            cleaned.await(10, TimeUnit.SECONDS);
                                        } catch (InterruptedException e) {
                                            Thread.currentThread().interrupt();
                                        }
                                    },
                                    "draehi-shutdown"));
            stop.await();
            if (watcher != null) {
                watcher.close();
            }
            if (poller != null) {
                poller.shutdownNow();
            }
            if (domainChecks != null) {
                domainChecks.shutdownNow();
            }
            syncs.close();
            return 0;
        } finally {
            // after the storage is closed: the shutdown hook then lets the JVM halt
            cleaned.countDown();
        }
    }

    /** Live preview: syncs the changed graph, then reloads the open pages. */
    private static void resync(Graphs graphs, Workspace ws, Site site, LiveReload live) {
        long start = System.nanoTime();
        try {
            Deployment d = graphs.sync(ws);
            site.refresh();
            if (d.succeeded()) {
                live.reload();
                System.err.println(
                        "draehi: synced in " + (System.nanoTime() - start) / 1_000_000 + " ms");
            } else {
                System.err.println("draehi: sync failed: " + d.errorLog());
            }
        } catch (RuntimeException e) {
            System.err.println("draehi: sync failed: " + Redaction.describe(e));
        }
    }

    /** "1G" → 1073741824: bytes, or a whole number of K, M or G (KiB, MiB, GiB). */
    static long size(String s) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(?i)\\s*([0-9]{1,15})\\s*([KMG]?)(?:i?B)?\\s*")
                        .matcher(s == null ? "" : s);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "not a size: '" + s + "' (bytes, or a whole number with K, M or G)");
        }
        long n = Long.parseLong(m.group(1));
        int shift =
                switch (m.group(2).toUpperCase(java.util.Locale.ROOT)) {
                    case "K" -> 10;
                    case "M" -> 20;
                    case "G" -> 30;
                    default -> 0;
                };
        if (n < 1 || n > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("size out of range: '" + s + "'");
        }
        return n << shift;
    }

    /**
     * The worker that runs the syncs queued in the storage, by push webhooks, the hosting
     * dashboard's "Sync now" and the poll, here or in any other process on the same database, two
     * at a time; started (close it on shutdown). {@code DRAEHI_SYNC_LEASE_SECONDS} sets how long a
     * job of a process that died waits to be taken over (default 60).
     */
    static SyncWorker syncWorker(Storage storage, Publisher publisher, Site site) {
        String lease = System.getenv("DRAEHI_SYNC_LEASE_SECONDS");
        return SyncWorker.builder(storage, publisher)
                .threads(2)
                .lease(
                        Duration.ofSeconds(
                                lease == null || lease.isBlank() ? 60 : Long.parseLong(lease)))
                .afterSync(ws -> site.refresh())
                .onFailure(
                        (job, reason) ->
                                System.err.println(
                                        job == null
                                                ? "draehi: the sync queue cannot be read: " + reason
                                                : "draehi: sync of workspace "
                                                        + job.workspaceId()
                                                        + " failed: "
                                                        + reason))
                .build()
                .start();
    }

    /**
     * The hosting mode: sign-up, login and the dashboard, with "Sync now" running on {@code syncs}.
     *
     * @param baseUrl the public URL, or {@code null} to take it from each request's host
     */
    static Hosting hosting(
            Storage storage,
            java.util.function.LongConsumer syncs,
            String baseUrl,
            boolean allowLocalRepositories,
            Duration sessionIdle) {
        return hosting(
                storage,
                syncs,
                baseUrl,
                allowLocalRepositories,
                allowLocalRepositories ? NetworkPolicy.unrestricted() : NetworkPolicy.publicOnly(),
                HostResolver.system(),
                sessionIdle);
    }

    /**
     * The hosting mode, checking repository URLs against {@code policy} with {@code resolver} (the
     * {@link Graphs} fetching for it must take the same).
     */
    static Hosting hosting(
            Storage storage,
            java.util.function.LongConsumer syncs,
            String baseUrl,
            boolean allowLocalRepositories,
            NetworkPolicy policy,
            HostResolver resolver,
            Duration sessionIdle) {
        return hostingBuilder(
                        storage,
                        syncs,
                        baseUrl,
                        allowLocalRepositories,
                        policy,
                        resolver,
                        sessionIdle,
                        Accounts.DEFAULT_SLUG_HOLD)
                .build();
    }

    /** The hosting mode as above, not yet built: custom domains and the proxy may be added. */
    static Hosting.Builder hostingBuilder(
            Storage storage,
            java.util.function.LongConsumer syncs,
            String baseUrl,
            boolean allowLocalRepositories,
            NetworkPolicy policy,
            HostResolver resolver,
            Duration sessionIdle,
            Duration slugHold) {
        return Hosting.builder(storage, Accounts.builder(storage).slugHold(slugHold).build())
                .syncs(syncs)
                .baseUrl(baseUrl)
                .allowLocalRepositories(allowLocalRepositories)
                .networkPolicy(policy)
                .hostResolver(resolver)
                .idleTimeout(sessionIdle);
    }

    /**
     * The site {@code serve} answers from: 256 MiB of cached responses, and, outside hosting mode,
     * a workspace's version trusted for a second between reads, so that a cached page costs no
     * database round trip. A sync of this process refreshes it at once; one by a webhook or another
     * process shows within the second. Hosting mode reads the version on every request: owners
     * expect their dashboard's sync to show at once.
     */
    static Site site(Storage storage, String baseUrl, boolean hosting) {
        Site.Builder b = Site.builder(storage).baseUrl(baseUrl).cacheBytes(256L << 20);
        if (!hosting) {
            b.recheckEvery(Duration.ofSeconds(1));
        }
        return b.build();
    }
}
