package dev.draehi.cli;

import dev.draehi.model.Deployment;
import dev.draehi.model.Workspace;
import dev.draehi.site.Site;
import dev.draehi.spi.PausePoint;
import dev.draehi.store.Storage;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code draehi publish SOURCE --out DIR}: sync a graph and write it as a static site. */
@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        description = "Syncs a graph and writes it as a static website.")
final class PublishCommand implements Callable<Integer> {
    @Mixin GraphOptions graph;

    @Parameters(
            index = "0",
            paramLabel = "SOURCE",
            description = "A git URL, a file:// URL or a graph directory.")
    String source;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Where the site is written.")
    Path out;

    @Option(
            names = "--base-url",
            paramLabel = "URL",
            description = "Where the site will be served, e.g. https://notes.example.com/wiki.")
    String baseUrl = "";

    @Override
    public Integer call() {
        long start = System.nanoTime();
        String repoUrl = Graphs.normalizeSource(source);
        String slug = LocalWorkspace.slugFor(source, graph.workspace);
        try (Storage storage = Storages.open(graph.databaseUrl)) {
            storage.failAbandonedDeployments();
            Workspace ws = LocalWorkspace.ensure(storage, slug, repoUrl);
            Graphs graphs = new Graphs(storage, graph.checkoutDir.toAbsolutePath(), System.err);
            System.err.println(
                    "draehi: publishing "
                            + dev.draehi.model.Redaction.url(repoUrl)
                            + " as workspace '"
                            + slug
                            + "'");
            Deployment d = graphs.sync(ws);
            if (!d.succeeded()) {
                System.err.println("draehi: sync failed: " + d.errorLog());
                return Main.EXIT_FAILED;
            }
            long pages = storage.nodes().pages(ws.id()).size();
            if (pages == 0) {
                System.err.println(
                        "draehi: the graph at "
                                + repoUrl
                                + " has no published pages (is it a Logseq graph with pages/ or journals/?)");
                return Main.EXIT_FAILED;
            }
            // each path is written once: a cache would only cost memory
            if (!baseUrl.contains("://")) {
                System.err.println(
                        "draehi: warning: no --base-url (with https://): sitemap.xml lists no"
                                + " pages and robots.txt names no sitemap, as both need absolute"
                                + " URLs");
            }
            Site site = Site.builder(storage).baseUrl(baseUrl).cacheBytes(0).build();
            StaticExport.Result r =
                    new StaticExport(site, out, PausePoint.fromEnvironment()).write();
            long nodes = storage.nodes().count(ws.id());
            long warnings = d.buildLog().stream().filter(l -> l.contains(" warning: ")).count();
            System.err.printf(
                    "draehi: published %d pages, %d blocks, %d warnings; wrote %d files (%d KB) to %s in %.1f s%n",
                    pages,
                    nodes - pages,
                    warnings,
                    r.files(),
                    r.bytes() / 1024,
                    out.toAbsolutePath(),
                    (System.nanoTime() - start) / 1e9);
            return 0;
        }
    }
}
