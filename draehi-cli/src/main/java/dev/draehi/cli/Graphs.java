package dev.draehi.cli;

import dev.draehi.Publisher;
import dev.draehi.model.Deployment;
import dev.draehi.model.Workspace;
import dev.draehi.net.HostResolver;
import dev.draehi.net.NetworkPolicy;
import dev.draehi.render.HtmlPageRenderer;
import dev.draehi.spi.PausePoint;
import dev.draehi.store.Storage;
import dev.draehi.sync.GitGraphSource;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** What publish and serve share: where sources are checked out, the publisher, the asset files. */
final class Graphs {
    private final Storage storage;
    private final Path checkoutRoot;
    private final Publisher publisher;
    private final GitGraphSource source;

    Graphs(Storage storage, Path checkoutRoot, PrintStream progress) {
        this(storage, checkoutRoot, progress, NetworkPolicy.unrestricted(), HostResolver.system());
    }

    /**
     * @param policy which addresses fetches may connect to (hosting: only public ones)
     * @param resolver how that policy resolves names
     */
    Graphs(
            Storage storage,
            Path checkoutRoot,
            PrintStream progress,
            NetworkPolicy policy,
            HostResolver resolver) {
        this(storage, checkoutRoot, progress, policy, resolver, b -> {});
    }

    /**
     * @param source sets the rest of the source: its size limits
     */
    Graphs(
            Storage storage,
            Path checkoutRoot,
            PrintStream progress,
            NetworkPolicy policy,
            HostResolver resolver,
            java.util.function.Consumer<GitGraphSource.Builder> source) {
        GitGraphSource.Builder git =
                GitGraphSource.builder()
                        .checkoutRoot(checkoutRoot)
                        .networkPolicy(policy)
                        .hostResolver(resolver);
        source.accept(git);
        this.storage = storage;
        this.checkoutRoot = checkoutRoot;
        this.source = git.build();
        this.publisher =
                Publisher.builder()
                        .storage(storage)
                        .source(this.source)
                        .pausePoint(PausePoint.fromEnvironment())
                        .renderer(HtmlPageRenderer.builder().build())
                        .progress(line -> progress.println("  " + line))
                        .build();
    }

    Publisher publisher() {
        return publisher;
    }

    /** The source the publisher syncs from: watch mode tells it what changed. */
    GitGraphSource source() {
        return source;
    }

    Deployment sync(Workspace ws) {
        return publisher.sync(ws.id());
    }

    /** A SOURCE argument as stored: URLs as given, directories as absolute paths. */
    static String normalizeSource(String source) {
        if (source.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") && !source.matches("^[a-zA-Z]:\\\\.*")) {
            return source;
        }
        Path p = Path.of(source).toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) {
            throw new IllegalArgumentException(
                    "no graph directory at " + p + " (and not a git URL)");
        }
        return p.toString();
    }
}
