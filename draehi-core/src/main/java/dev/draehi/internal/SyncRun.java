package dev.draehi.internal;

import dev.draehi.NotFoundException;
import dev.draehi.SyncException;
import dev.draehi.model.AssetFile;
import dev.draehi.model.Block;
import dev.draehi.model.Deployment;
import dev.draehi.model.DeploymentStatus;
import dev.draehi.model.GitRepository;
import dev.draehi.model.Graph;
import dev.draehi.model.Page;
import dev.draehi.model.SyncStatus;
import dev.draehi.model.SyncWarning;
import dev.draehi.model.Workspace;
import dev.draehi.spi.GraphSource;
import dev.draehi.spi.PageRenderer;
import dev.draehi.spi.PausePoint;
import dev.draehi.spi.RenderContext;
import dev.draehi.spi.RenderedPage;
import dev.draehi.spi.Revision;
import dev.draehi.spi.SourceRequest;
import dev.draehi.store.Storage;
import dev.draehi.store.WorkspaceContent;
import dev.draehi.web.Html;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;

/** One sync of one workspace: the pipeline behind {@code Publisher.sync} and {@code deploy}. */
public final class SyncRun {
    private static final int MAX_WARNINGS_LOGGED = 200;

    private final Storage storage;
    private final GraphSource source;
    private final PageRenderer renderer;
    private final int parallelism;
    private final Clock clock;
    private final Consumer<String> progress;
    private final long workspaceId;
    private final String commit;
    private final SyncState state;
    private final PausePoint pause;
    private String fetchedSha = "";

    /**
     * What the last successful sync of a workspace published, kept in memory so that the next sync
     * can render and store only what changed.
     */
    public record Snapshot(
            String commitSha,
            String workspaceSlug,
            int embedDepth,
            Graph graph,
            Map<String, String> paths,
            String home,
            ReadIndex reads,
            Set<String> journals,
            Map<String, List<String>> namespaceChildren) {

        /** About how many bytes this snapshot holds, the graph included. */
        long estimatedBytes() {
            // per page its record, name and path; per block its record, lists and text; per
            // namespace child an entry of its parent's list
            return graph.pages().size() * 400L
                    + graph.publishedBlockCount() * 300L
                    + paths.size() * 150L
                    + namespaceChildren.values().stream().mapToLong(List::size).sum() * 150L
                    + reads.estimatedBytes();
        }
    }

    /** Assets over this size are not published; their links show as missing. */
    static final long MAX_ASSET_BYTES = 10L * 1024 * 1024;

    public SyncRun(
            Storage storage,
            GraphSource source,
            PageRenderer renderer,
            int parallelism,
            Clock clock,
            Consumer<String> progress,
            long workspaceId,
            String commit,
            SyncState state,
            PausePoint pause) {
        this.storage = storage;
        this.source = source;
        this.renderer = renderer;
        this.parallelism = parallelism;
        this.clock = clock;
        this.progress = progress;
        this.workspaceId = workspaceId;
        this.commit = commit;
        this.state = state;
        this.pause = pause;
    }

    public Deployment run() {
        // Checked before the lock, so that no lock is made for a workspace that does not exist.
        storage.workspaces().findById(workspaceId).orElseThrow(this::noWorkspace);
        try (Storage.WorkspaceLock lock = storage.lockWorkspace(workspaceId)) {
            // Read under the lock: a sync that held it may have changed both.
            Workspace ws =
                    storage.workspaces().findById(workspaceId).orElseThrow(this::noWorkspace);
            GitRepository repo =
                    storage.repositories()
                            .findByWorkspace(workspaceId)
                            .orElseThrow(
                                    () ->
                                            new NotFoundException(
                                                    "workspace "
                                                            + workspaceId
                                                            + " has no repository"));
            BuildLog log = new BuildLog(clock, progress, repo.deployKey());
            // One transaction, one commit: a push's bookkeeping on PostgreSQL waits for the
            // write-ahead log once here, not three times.
            Deployment d =
                    storage.inTransaction(
                            s -> {
                                s.repositories()
                                        .updateStatus(workspaceId, SyncStatus.SYNCING, null, null);
                                return s.deployments()
                                        .create(workspaceId, "", DeploymentStatus.BUILDING);
                            });
            try {
                // Once the deployment exists, a failing storage is recorded (or reported) as a
                // failed deployment like any other failure, never thrown.
                return publish(ws, repo, d, log);
            } catch (RuntimeException e) {
                return fail(d, fetchedSha, log, e);
            } finally {
                state.settle(workspaceId, sourceBytes());
            }
        }
    }

    private NotFoundException noWorkspace() {
        return new NotFoundException("no workspace with id " + workspaceId);
    }

    /** What the source keeps of this workspace; a source that cannot say counts as none. */
    private long sourceBytes() {
        try {
            return Math.max(0, source.retainedBytes(workspaceId));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private Deployment publish(Workspace ws, GitRepository repo, Deployment d, BuildLog log) {
        if (repo.deployKeySealed()) {
            throw new SyncException(
                    SyncException.Reason.AUTHENTICATION,
                    "the stored access token cannot be decrypted: this server does not have the"
                            + " secret key it was stored with (DRAEHI_SECRET_KEY); give the key,"
                            + " or enter the token again");
        }
        SourceRequest request = new SourceRequest(workspaceId, repo, commit, log::add, pause);
        long t0 = System.nanoTime();
        log.add("fetching " + repo.repoUrl() + " branch " + repo.branch());
        Revision rev = source.fetch(request);
        fetchedSha = rev.commitSha();
        log.add("fetched commit " + rev.commitSha() + " in " + millis(t0) + " ms");
        if (rev.branch() != null && !rev.branch().equals(repo.branch())) {
            log.add(
                    "branch '"
                            + repo.branch()
                            + "' not found; using the remote's default branch '"
                            + rev.branch()
                            + "'");
            repo =
                    storage.repositories()
                            .update(workspaceId, repo.repoUrl(), rev.branch(), repo.deployKey());
        }
        var latest = storage.deployments().latestSuccessful(workspaceId);
        if (commit == null
                && latest.isPresent()
                && latest.get().commitSha().equals(rev.commitSha())) {
            log.add("unchanged: commit " + rev.commitSha() + " is already published");
            return finish(d, rev.commitSha(), log, null);
        }

        long t1 = System.nanoTime();
        Graph graph = source.load(request, rev);
        long parseMillis = millis(t1);
        List<SyncWarning> warnings = new ArrayList<>(graph.warnings());

        // The snapshot is this sync's from here: its index is changed in place, and a sync that
        // fails from here on leaves the next one a full sync.
        Snapshot last = state.take(workspaceId);
        // Where the reader swapped a few pages of the last graph for new ones of the same names,
        // the rest are the same objects: what did not change is not looked at again.
        PageChanges changes =
                last == null
                        ? null
                        : PageChanges.swapped(
                                last.graph(), graph, Math.max(16, graph.pages().size() / 8));
        // Every published page, listed only when the pages' names may have changed or every
        // page is rendered: after a one-page push of a large graph that list is a pass over
        // every page of it.
        List<Page> published = changes != null ? null : graph.publishedPages();
        boolean sameNames = changes != null || last != null && samePages(last, published);
        // Paths depend only on the published pages' names (and which are journals): when those
        // are the last sync's, so are the paths.
        Map<String, String> paths = sameNames ? last.paths() : SitePaths.assign(published);
        log.add(
                "parsed "
                        + graph.pages().size()
                        + " pages ("
                        + paths.size()
                        + " published, "
                        + graph.publishedBlockCount()
                        + " blocks) in "
                        + parseMillis
                        + " ms");
        Page home = homePage(graph);
        String homeName = home == null ? null : home.name();
        IncrementalPlan.Plan plan =
                plan(
                        last,
                        ws,
                        latest.map(Deployment::commitSha).orElse(null),
                        graph,
                        paths,
                        homeName,
                        changes);
        List<Page> toRender =
                plan.full()
                        ? published != null ? published : graph.publishedPages()
                        : IncrementalPlan.select(graph, plan.dirty());
        GraphLinks links = new GraphLinks(graph, ws.slug(), paths);
        // What each page rendered now read: the index keeps the other pages' records.
        ReadIndex reads = plan.full() ? new ReadIndex() : last.reads();
        Map<String, PageReads.Recorder> recorders = new ConcurrentHashMap<>();
        Map<String, PageReads> fresh = new ConcurrentHashMap<>();
        // The namespace lists depend only on the published pages' names and paths
        ContentBuilder builder =
                new ContentBuilder(
                        workspaceId,
                        graph,
                        paths,
                        sameNames ? last.namespaceChildren() : null,
                        warnings::add);
        String sha = rev.commitSha();
        List<String> replaced = new ArrayList<>();
        for (String name : plan.dirty()) {
            replaced.add(dev.draehi.model.NodeIds.pageUuid(workspaceId, name));
        }
        for (String name : plan.removed()) {
            replaced.add(dev.draehi.model.NodeIds.pageUuid(workspaceId, name));
        }
        ForkJoinPool pool = new ForkJoinPool(parallelism);
        Deployment done;
        try {
            // The pages are rendered and stored a part at a time, the next part rendering while
            // the storage writes this one: the graph's HTML is never in memory as a whole.
            Parts<Map<String, RenderedPage>> parts =
                    new Parts<>(
                            toRender,
                            pool,
                            chunk -> {
                                pause.reached(PausePoint.Phase.RENDER, workspaceId);
                                return render(chunk, graph, ws, links, recorders);
                            },
                            (chunk, rendered) -> {
                                for (Page p : chunk) {
                                    warnings.addAll(rendered.get(p.name()).warnings());
                                }
                                WorkspaceContent built =
                                        builder.build(chunk, rendered, home, recorders::get);
                                for (Page p : chunk) {
                                    fresh.put(p.name(), recorders.remove(p.name()).reads());
                                }
                                return built;
                            });
            log.add(
                    "rendering and storing "
                            + toRender.size()
                            + " pages in "
                            + parts.count()
                            + (parts.count() == 1 ? " part" : " parts"));
            done =
                    storage.inTransaction(
                            s -> {
                                long t3 = System.nanoTime();
                                if (plan.full()) {
                                    s.nodes().replaceAll(workspaceId, parts.stream());
                                } else {
                                    s.nodes()
                                            .replacePages(
                                                    workspaceId,
                                                    replaced,
                                                    WorkspaceContent.concat(parts.stream()));
                                }
                                log.add(
                                        "rendered "
                                                + toRender.size()
                                                + " pages in "
                                                + parts.buildMillis()
                                                + " ms"
                                                + (plan.full()
                                                        ? ""
                                                        : " (incremental: "
                                                                + plan.dirty().size()
                                                                + " changed, "
                                                                + plan.removed().size()
                                                                + " removed)"));
                                plan.removed().forEach(reads::remove);
                                fresh.forEach(reads::put);
                                List<AssetFile> assets =
                                        readAssets(graph, published(reads), warnings);
                                s.assets().replaceAll(workspaceId, assets);
                                logWarnings(warnings, log);
                                pause.reached(PausePoint.Phase.STORE, workspaceId);
                                log.add(
                                        "stored "
                                                + parts.nodes()
                                                + " nodes, "
                                                + parts.references()
                                                + " references in "
                                                + (millis(t3) - parts.waitMillis())
                                                + " ms"
                                                + (plan.full()
                                                        ? " (while rendering the next part)"
                                                        : ""));
                                s.repositories()
                                        .updateStatus(
                                                workspaceId,
                                                SyncStatus.SUCCESS,
                                                clock.instant(),
                                                null);
                                return s.deployments()
                                        .update(
                                                d.id(),
                                                sha,
                                                DeploymentStatus.SUCCESS,
                                                null,
                                                log.lines());
                            });
        } finally {
            pool.shutdownNow();
        }
        pause.reached(PausePoint.Phase.COMMIT, workspaceId);
        Snapshot next =
                new Snapshot(
                        sha,
                        ws.slug(),
                        ws.embedDepth(),
                        graph,
                        paths,
                        homeName,
                        reads,
                        sameNames ? last.journals() : journalNames(published),
                        builder.namespaceChildren());
        state.put(workspaceId, next, next.estimatedBytes());
        return done;
    }

    private static boolean samePages(Snapshot prior, List<Page> published) {
        if (prior.paths().size() != published.size()) {
            return false;
        }
        for (Page p : published) {
            if (!prior.paths().containsKey(p.name())
                    || p.isJournal() != prior.journals().contains(p.name())) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> journalNames(List<Page> published) {
        Set<String> out = new java.util.HashSet<>();
        for (Page p : published) {
            if (p.isJournal()) {
                out.add(p.name());
            }
        }
        return out;
    }

    /**
     * Incremental when the last sync of this process published the commit the site shows now, with
     * the same workspace slug and embed depth; a full sync otherwise.
     */
    private IncrementalPlan.Plan plan(
            Snapshot last,
            Workspace ws,
            String shownCommit,
            Graph graph,
            Map<String, String> paths,
            String home,
            PageChanges changes) {
        if (last == null
                || shownCommit == null
                || !last.commitSha().equals(shownCommit)
                || !last.workspaceSlug().equals(ws.slug())
                || last.embedDepth() != ws.embedDepth()) {
            return IncrementalPlan.full();
        }
        return IncrementalPlan.compute(
                last.graph(), last.paths(), last.home(), last.reads(), graph, paths, home, changes);
    }

    /**
     * {@code :default-home}, else the page "Contents", when published; else none (the journals).
     */
    private static Page homePage(Graph graph) {
        String configured = graph.config().defaultHome();
        for (String name : new String[] {configured, "contents"}) {
            if (name != null) {
                Page p = graph.page(name).orElse(null);
                if (p != null && p.published()) {
                    return p;
                }
            }
        }
        return null;
    }

    /**
     * Renders {@code pages}, recording what each read in {@code recorders}; called on a thread of
     * the sync's pool, for more than one part at a time. Their warnings are taken when each part is
     * built, in order.
     */
    private Map<String, RenderedPage> render(
            List<Page> pages,
            Graph graph,
            Workspace ws,
            GraphLinks links,
            Map<String, PageReads.Recorder> recorders) {
        // Runs on the sync's pool (see Parts), so the parallel stream does too.
        Map<String, RenderedPage> out = new ConcurrentHashMap<>();
        pages.parallelStream()
                .forEach(
                        p -> {
                            PageReads.Recorder reads = new PageReads.Recorder();
                            recorders.put(p.name(), reads);
                            RenderContext context = new RenderContext(graph, ws, links, reads);
                            out.put(p.name(), renderSafely(p, context));
                        });
        return out;
    }

    /**
     * The graph files that a site publishes: the assets its pages link to, and those it has
     * whatever links to them (its {@code logseq/custom.css}, its {@code assets/favicon.*}).
     */
    private static Set<String> published(ReadIndex reads) {
        Set<String> out = new java.util.LinkedHashSet<>(reads.assets());
        out.addAll(SITE_FILES);
        return out;
    }

    /** The graph files a site uses whatever links to them, when the graph has them. */
    private static final List<String> SITE_FILES =
            List.of(
                    "logseq/custom.css",
                    "assets/favicon.svg",
                    "assets/favicon.png",
                    "assets/favicon.ico");

    /**
     * The bytes of every asset a published page links to, each once, content-addressed. A file over
     * {@link #MAX_ASSET_BYTES} or unreadable is left out with a warning.
     */
    private static List<AssetFile> readAssets(
            Graph graph, Set<String> paths, List<SyncWarning> warnings) {
        List<AssetFile> out = new ArrayList<>();
        for (String path : paths) {
            dev.draehi.model.Asset a = graph.assets().get(path);
            if (a == null) {
                continue;
            }
            if (a.size() > MAX_ASSET_BYTES) {
                warnings.add(
                        new SyncWarning(
                                path,
                                0,
                                "asset is "
                                        + a.size()
                                        + " bytes, over the limit of "
                                        + MAX_ASSET_BYTES
                                        + "; not published"));
                continue;
            }
            try {
                byte[] bytes = java.nio.file.Files.readAllBytes(a.file());
                String sha =
                        java.util.HexFormat.of()
                                .formatHex(
                                        java.security.MessageDigest.getInstance("SHA-256")
                                                .digest(bytes));
                out.add(new AssetFile(path, sha, dev.draehi.model.MediaTypes.of(path), bytes));
            } catch (java.io.IOException e) {
                warnings.add(
                        new SyncWarning(
                                path, 0, "could not read asset: " + e.getClass().getSimpleName()));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }
        return out;
    }

    /**
     * A page whose rendering throws is shown as escaped text with a warning, never a failed sync.
     */
    private RenderedPage renderSafely(Page page, RenderContext context) {
        try {
            RenderedPage r = renderer.render(page, context);
            if (r.blockHtml().size() != page.flatBlocks().size()) {
                throw new IllegalStateException(
                        "renderer returned "
                                + r.blockHtml().size()
                                + " blocks for "
                                + page.flatBlocks().size());
            }
            return r;
        } catch (RuntimeException | StackOverflowError e) {
            List<String> html = new ArrayList<>();
            for (Block b : page.flatBlocks()) {
                html.add("<pre class=\"render-error\">" + Html.escape(b.content()) + "</pre>");
            }
            return new RenderedPage(
                    html,
                    List.of(
                            new SyncWarning(
                                    page.file(),
                                    0,
                                    "could not render page '" + page.name() + "': " + e)));
        }
    }

    private void logWarnings(List<SyncWarning> warnings, BuildLog log) {
        int n = 0;
        for (SyncWarning w : warnings) {
            if (n++ == MAX_WARNINGS_LOGGED) {
                log.add(
                        "warning: … and "
                                + (warnings.size() - MAX_WARNINGS_LOGGED)
                                + " more warnings");
                break;
            }
            log.add("warning: " + w);
        }
        log.add(warnings.size() + " warnings");
    }

    private Deployment finish(Deployment d, String sha, BuildLog log, String error) {
        return storage.inTransaction(
                s -> {
                    s.repositories()
                            .updateStatus(workspaceId, SyncStatus.SUCCESS, clock.instant(), null);
                    return s.deployments()
                            .update(d.id(), sha, DeploymentStatus.SUCCESS, error, log.lines());
                });
    }

    private Deployment fail(Deployment d, String sha, BuildLog log, RuntimeException e) {
        String reason = e instanceof SyncException se ? se.reason().logPrefix() : "";
        String message =
                log.scrub(reason + (e.getMessage() == null ? e.toString() : e.getMessage()));
        log.add("failed: " + message);
        Deployment failed = d;
        try {
            failed =
                    storage.deployments()
                            .update(d.id(), sha, DeploymentStatus.FAILED, message, log.lines());
            storage.repositories().updateStatus(workspaceId, SyncStatus.ERROR, null, message);
        } catch (RuntimeException storeFailure) {
            // The storage itself is failing: the stale 'building' row is repaired by
            // failAbandonedDeployments on the next start. Report what we know.
            return new Deployment(
                    d.id(),
                    workspaceId,
                    sha,
                    DeploymentStatus.FAILED,
                    d.deployedAt(),
                    message
                            + "; and recording the failure failed: "
                            + log.scrub(String.valueOf(storeFailure.getMessage())),
                    log.lines());
        }
        return failed;
    }

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
