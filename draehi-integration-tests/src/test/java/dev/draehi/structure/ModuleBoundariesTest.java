package dev.draehi.structure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of the module layout, read from the main sources of every module of the reactor: an
 * {@code internal} package is its module's own (no other module names it, so it can change without
 * notice), and a main class stays under {@value #MAX_LINES} lines.
 */
class ModuleBoundariesTest {
    static final int MAX_LINES = 600;

    /**
     * The main classes allowed over {@value #MAX_LINES} lines for now, by path from the repository
     * root, each with the reason. Shrink this list; do not grow it.
     */
    static final Map<String, String> LONG_CLASSES = Map.of();

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");
    private static final Pattern INTERNAL =
            Pattern.compile("\\bdev\\.draehi(?:\\.\\w+)*?\\.internal\\b");

    private static Path root;
    private static Map<String, List<Path>> mainSources;

    @BeforeAll
    static void readTheReactor() throws IOException {
        root = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(root.resolve("draehi-core"))) {
            root = root.getParent();
            assertThat(root).as("the repository root above the working directory").isNotNull();
        }
        mainSources = new LinkedHashMap<>();
        Matcher modules = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
        while (modules.find()) {
            String module = modules.group(1);
            Path main = root.resolve(module).resolve("src/main/java");
            List<Path> files = new ArrayList<>();
            if (Files.isDirectory(main)) {
                try (Stream<Path> walk = Files.walk(main)) {
                    walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
                }
            }
            mainSources.put(module, files);
        }
    }

    @Test
    void theReactorIsRead() {
        assertThat(mainSources).containsKeys("draehi-core", "draehi-render", "draehi-bench");
        assertThat(mainSources.get("draehi-core")).hasSizeGreaterThan(20);
    }

    @Test
    void noModuleNamesAnotherModulesInternalPackage() {
        List<String> crossings = new ArrayList<>();
        mainSources.forEach(
                (module, files) -> {
                    Set<String> own = new TreeSet<>();
                    for (Path file : files) {
                        Matcher pkg = PACKAGE.matcher(read(file));
                        if (pkg.find()) {
                            Matcher internal = INTERNAL.matcher(pkg.group(1));
                            if (internal.find()) {
                                own.add(internal.group());
                            }
                        }
                    }
                    for (Path file : files) {
                        String text = PACKAGE.matcher(read(file)).replaceFirst("");
                        Matcher used = INTERNAL.matcher(text);
                        while (used.find()) {
                            if (!own.contains(used.group())) {
                                crossings.add(root.relativize(file) + " uses " + used.group());
                            }
                        }
                    }
                });
        assertThat(crossings)
                .as("a module reaches another module's internals only through a public hook")
                .isEmpty();
    }

    @Test
    void mainClassesStayShort() {
        List<String> tooLong = new ArrayList<>();
        mainSources.values().stream()
                .flatMap(List::stream)
                .forEach(
                        file -> {
                            long lines = read(file).lines().count();
                            String path = root.relativize(file).toString().replace('\\', '/');
                            if (lines > MAX_LINES && !LONG_CLASSES.containsKey(path)) {
                                tooLong.add(path + " has " + lines + " lines");
                            }
                        });
        assertThat(tooLong)
                .as("main classes over " + MAX_LINES + " lines: split out the plumbing")
                .isEmpty();
    }

    @Test
    void everyModuleWithCodeNamesItsJavaModule() throws IOException {
        Pattern name = Pattern.compile("<draehi.module.name>([\\w.]+)</draehi.module.name>");
        Map<String, String> names = new LinkedHashMap<>();
        List<String> unnamed = new ArrayList<>();
        for (String module : mainSources.keySet()) {
            if (mainSources.get(module).isEmpty() && !module.equals("draehi-integration-tests")) {
                continue;
            }
            Matcher m = name.matcher(Files.readString(root.resolve(module).resolve("pom.xml")));
            if (m.find()) {
                names.put(module, m.group(1));
            } else {
                unnamed.add(module);
            }
        }
        assertThat(unnamed)
                .as("modules whose jar gets no Automatic-Module-Name (set draehi.module.name)")
                .isEmpty();
        assertThat(new TreeSet<>(names.values())).as("module names").hasSize(names.size());
        assertThat(names).containsEntry("draehi-core", "dev.draehi");
    }

    @Test
    void theReadmeModuleTableMatchesTheReactor() throws IOException {
        String readme = Files.readString(root.resolve("README.md"));
        int start = readme.indexOf("\n## Modules\n");
        assertThat(start).as("README has a Modules section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Matcher row = Pattern.compile("(?m)^\\| `([\\w-]+)` \\|").matcher(section);
        Set<String> listed = new TreeSet<>();
        while (row.find()) {
            listed.add(row.group(1));
        }
        Set<String> modules = new TreeSet<>();
        Matcher m = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
        while (m.find()) {
            modules.add(m.group(1));
        }
        assertThat(listed).as("the README's module table").isEqualTo(modules);
    }

    @Test
    void theCheckSeesACrossing() {
        String text = "import dev.draehi.store.jdbi.internal.ContentWriter;";
        Matcher m = INTERNAL.matcher(text);
        assertThat(m.find()).isTrue();
        assertThat(m.group()).isEqualTo("dev.draehi.store.jdbi.internal");
        Matcher core = INTERNAL.matcher("dev.draehi.internal.SyncRun.run()");
        assertThat(core.find()).isTrue();
        assertThat(core.group()).isEqualTo("dev.draehi.internal");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
