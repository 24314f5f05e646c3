package dev.draehi.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding example in the README compiles against the current API. */
class ReadmeExampleTest {
    private static final String MARKER = "<!-- embed-example";

    @Test
    void readmeEmbeddingExampleCompiles(@TempDir Path classes) throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int marker = readme.indexOf(MARKER);
        assertThat(marker).as("README has the embedding example marker").isNotNegative();
        int start = readme.indexOf("```java\n", marker) + "```java\n".length();
        int end = readme.indexOf("```", start);
        String snippet = readme.substring(start, end);
        assertThat(snippet.lines().count()).isBetween(5L, 14L);

        String source =
                """
                import dev.draehi.*;
                import dev.draehi.model.*;
                import dev.draehi.render.*;
                import dev.draehi.site.*;
                import dev.draehi.store.*;
                import dev.draehi.store.jdbi.*;
                import dev.draehi.sync.*;
                import java.nio.file.Path;
                import javax.sql.DataSource;

                class ReadmeSnippet {
                    static void run(DataSource dataSource) {
                """
                        + snippet
                        + """
                    }
                }
                """;
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        JavaFileObject file =
                new SimpleJavaFileObject(
                        java.net.URI.create("string:///ReadmeSnippet.java"),
                        JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return source;
                    }
                };
        String cp =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        StringWriter errors = new StringWriter();
        boolean ok =
                javac.getTask(
                                errors,
                                null,
                                null,
                                List.of("-classpath", cp, "-d", classes.toString(), "-proc:none"),
                                null,
                                List.of(file))
                        .call();
        assertThat(ok).as(errors.toString()).isTrue();
    }
}
