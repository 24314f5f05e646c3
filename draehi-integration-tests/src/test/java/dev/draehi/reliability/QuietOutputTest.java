package dev.draehi.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.store.jdbi.testing.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line shows draehi's progress, warnings and errors, and libraries' lines (Liquibase's
 * migration, the connection pool, git) only with {@code --verbose}: a publish into a new database
 * migrates it, which Liquibase would otherwise narrate in some forty lines.
 */
class QuietOutputTest {
    @RegisterExtension static final PostgresExtension PG = new PostgresExtension(false);

    @TempDir Path tmp;

    @Test
    void aPublishShowsOnlyDraehisLinesUnlessVerbose() throws Exception {
        String out = publish("quiet");
        assertThat(out).contains("draehi: publishing", "parsed 2 pages");
        assertThat(out.toLowerCase(java.util.Locale.ROOT))
                .doesNotContain("liquibase", "update summary", "changeset", "hikari", "jgit")
                .doesNotContain(" info ", "info:");

        String verbose = publish("verbose", "--verbose");
        assertThat(verbose).contains("draehi: publishing", "liquibase", "Hikari");
    }

    private String publish(String name, String... extra) throws Exception {
        Path graph = Files.createDirectories(tmp.resolve(name).resolve("pages"));
        Files.writeString(graph.resolve("a.md"), "- links to [[b]]\n");
        Files.writeString(graph.resolve("b.md"), "- hello\n");
        Path log = tmp.resolve(name + ".log");
        List<String> args = new ArrayList<>();
        args.addAll(
                List.of(
                        "publish",
                        graph.getParent().toString(),
                        "--out",
                        tmp.resolve(name + "-out").toString(),
                        "--checkout-dir",
                        tmp.resolve(name + "-co").toString(),
                        "--database-url",
                        PG.jdbcUrl()));
        args.addAll(List.of(extra));
        Process p = ChildJvm.cli(log, args.toArray(String[]::new));
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String out = Files.readString(log);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
