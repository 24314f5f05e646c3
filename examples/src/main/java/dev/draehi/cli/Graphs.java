package dev.draehi.cli;

import dev.draehi.Publisher;
import dev.draehi.model.Deployment;
import dev.draehi.model.Workspace;
import dev.draehi.render.HtmlPageRenderer;
import dev.draehi.render.site.AssetSource;
import dev.draehi.store.Storage;
import dev.draehi.sync.GitGraphSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/** What publish and serve share: where sources are checked out, the publisher, the asset files. */
final class Graphs {
    private final Storage storage;
    private final Path checkoutRoot;
    private final Publisher publisher;

    Graphs(Storage storage, Path checkoutRoot, PrintStream progress) {
        this.storage = storage;
        this.checkoutRoot = checkoutRoot;
        this.publisher =
                Publisher.builder()
                        .storage(storage)
                        .source(GitGraphSource.builder().checkoutRoot(checkoutRoot).build())
                        .renderer(HtmlPageRenderer.builder().build())
                        .progress(line -> progress.println("  " + line))
                        .build();
    }

    Publisher publisher() {
        return publisher;
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

    /**
     * Finds assets in the graph's directory (for a directory source) or its checkout (for git):
     * only regular files inside the graph, never through a symbolic link.
     */
    AssetSource assets() {
        return (ws, assetPath) -> graphRoot(ws).flatMap(root -> inside(root, assetPath));
    }

    private Optional<Path> graphRoot(Workspace ws) {
        var repo = storage.repositories().findByWorkspace(ws.id());
        if (repo.isEmpty()) {
            return Optional.empty();
        }
        String url = repo.get().repoUrl();
        Path dir = url.startsWith("/") ? Path.of(url) : null;
        if (dir != null && !Files.exists(dir.resolve(".git"))) {
            return Optional.of(dir);
        }
        Path checkout = checkoutRoot.resolve("workspace-" + ws.id());
        return Files.isDirectory(checkout) ? Optional.of(checkout) : Optional.empty();
    }

    static Optional<Path> inside(Path root, String relative) {
        try {
            Path base = root.toRealPath();
            Path file = base.resolve(relative).normalize();
            if (!file.startsWith(base.resolve("assets"))
                    || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            for (Path p = file; !p.equals(base); p = p.getParent()) {
                if (Files.isSymbolicLink(p)) {
                    return Optional.empty();
                }
            }
            return Optional.of(file);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
