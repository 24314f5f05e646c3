package dev.draehi.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Logseq documentation graph kept in the repository at {@code examples/graphs/logseq-docs}, for
 * the tests of every module: found from the working directory of any module of the checkout.
 */
public final class DocsGraph {
    private static final Path IN_REPOSITORY = Path.of("examples", "graphs", "logseq-docs");

    private DocsGraph() {}

    /** The graph's directory, absolute. */
    public static Path path() {
        return repositoryRoot().resolve(IN_REPOSITORY);
    }

    /** The root of the checkout: the nearest directory up from here that holds the graph. */
    public static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve(IN_REPOSITORY).resolve("pages"))) {
                return p;
            }
        }
        throw new IllegalStateException(
                IN_REPOSITORY + " not found above " + Path.of("").toAbsolutePath());
    }
}
