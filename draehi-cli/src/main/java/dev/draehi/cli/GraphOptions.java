package dev.draehi.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options publish and serve share: which workspace, which database, where checkouts go. */
final class GraphOptions {
    @Option(
            names = "--workspace",
            paramLabel = "SLUG",
            description = "The workspace slug (default: the repository or directory name).")
    String workspace;

    @Option(
            names = "--database-url",
            paramLabel = "URL",
            description =
                    "PostgreSQL (JDBC or postgresql://user:pass@host:port/db); default: in memory.")
    String databaseUrl;

    @Option(
            names = "--checkout-dir",
            paramLabel = "DIR",
            description = "Where git sources are cloned (default: .draehi/checkouts).")
    Path checkoutDir = Path.of(".draehi", "checkouts");
}
