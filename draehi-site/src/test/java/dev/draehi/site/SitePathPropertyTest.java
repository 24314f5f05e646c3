package dev.draehi.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.model.AssetFile;
import dev.draehi.model.Node;
import dev.draehi.model.NodeIds;
import dev.draehi.model.NodeMetadata;
import dev.draehi.model.NodeMetadata.Attributes;
import dev.draehi.model.PageRoute;
import dev.draehi.model.Workspace;
import dev.draehi.store.WorkspaceContent;
import dev.draehi.store.memory.InMemoryStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * {@link Site#get} on arbitrary request paths: percent escapes valid, invalid, overlong and
 * doubled; {@code ..} in every spelling; backslashes; NUL; huge page numbers; odd queries. It
 * always answers (never throws), answers 4xx to anything that names a parent directory, and never
 * serves a byte from outside the graph, whether assets come from the storage or from a
 * (deliberately naive) {@link AssetSource} over a directory.
 *
 * <p>Tries default to 1000 (a few seconds). A fuzz campaign runs every property test of the library
 * with many more, e.g.:
 *
 * <pre>
 * mvn -o -pl draehi-core,draehi-sync,draehi-render test -Dtest='*PropertyTest' \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Djqwik.tries.default=100000
 * </pre>
 */
class SitePathPropertyTest {
    static final String SECRET = "SECRET-OUTSIDE-THE-GRAPH";
    static final String ASSET = "PNG-BYTES-INSIDE";

    static final Fixture FIXTURE = new Fixture();

    static final class Fixture {
        final InMemoryStorage storage = new InMemoryStorage();
        final Site site;
        final Site siteOverFiles;
        final Path dir;

        Fixture() {
            try {
                dir = Files.createTempDirectory("site-fuzz");
                Path graph = Files.createDirectories(dir.resolve("graphs/ada"));
                Files.createDirectories(graph.resolve("assets/sub"));
                Files.writeString(graph.resolve("assets/x.png"), ASSET);
                Files.writeString(graph.resolve("assets/sub/y.png"), ASSET);
                Files.writeString(dir.resolve("secret.txt"), SECRET);
                Files.writeString(dir.resolve("graphs/secret.txt"), SECRET);
                Files.writeString(graph.resolve("secret.txt"), SECRET);
                Files.writeString(graph.resolve("assets.txt"), SECRET);
                dir.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Workspace ws =
                    storage.workspaces()
                            .create(storage.users().create("ada", "h").id(), "Ada's Notes");
            long id = ws.id();
            List<Node> nodes = new ArrayList<>();
            List<PageRoute> routes = new ArrayList<>();
            Node projects = page(id, "Projects", "projects", Map.of());
            nodes.add(projects);
            routes.add(new PageRoute("projects", projects.uuid()));
            routes.add(new PageRoute(WorkspaceContent.HOME_PATH, projects.uuid()));
            for (int d = 1; d <= 25; d++) {
                String day = String.format("202401%02d", d);
                Node j =
                        page(
                                id,
                                "Jan " + d + ", 2024",
                                "jan-" + d + "-2024",
                                Map.of(Attributes.JOURNAL_DAY, day));
                nodes.add(j);
                routes.add(new PageRoute("jan-" + d + "-2024", j.uuid()));
            }
            storage.nodes().replaceAll(id, new WorkspaceContent(nodes, routes, List.of()));
            byte[] png = ASSET.getBytes(StandardCharsets.UTF_8);
            storage.assets()
                    .replaceAll(
                            id,
                            List.of(
                                    new AssetFile("assets/x.png", sha256(png), "image/png", png),
                                    new AssetFile(
                                            "assets/sub/y.png", sha256(png), "image/png", png)));
            site = Site.builder(storage).baseUrl("https://notes.example.com/wiki").build();
            Path graph = dir.resolve("graphs/ada");
            // Naive on purpose: resolves whatever it is given, so only Site's checks stand between
            // a request and the disk.
            siteOverFiles =
                    Site.builder(storage).assets((w, p) -> Optional.of(graph.resolve(p))).build();
        }
    }

    static Node page(long ws, String name, String path, Map<String, String> attrs) {
        Map<String, String> a = new java.util.HashMap<>(attrs);
        a.put(Attributes.PATH, path);
        return Node.page(
                NodeIds.pageUuid(ws, name),
                ws,
                name,
                path,
                name,
                new NodeMetadata(List.of(), Map.of(), Map.of(), a));
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- generators ----

    @Provide
    static Arbitrary<String> segment() {
        return Arbitraries.frequencyOf(
                Tuple.of(
                        6,
                        Arbitraries.of(
                                "ada-s-notes",
                                "ada-s-notes",
                                "-",
                                "assets",
                                "static",
                                "journals",
                                "all-pages",
                                "search",
                                "search-index.json",
                                "feed.xml",
                                "draehi.css",
                                "search.js",
                                "projects",
                                "jan-3-2024",
                                "x.png",
                                "y.png",
                                "sub",
                                "secret.txt",
                                "etc",
                                "passwd",
                                "index.html",
                                "sitemap.xml",
                                "robots.txt",
                                "favicon.ico",
                                "",
                                "api")),
                Tuple.of(
                        6,
                        Arbitraries.of(
                                "..",
                                ".",
                                "...",
                                "%2e%2e",
                                "%2E%2e",
                                "%2e.",
                                ".%2e",
                                "%2e",
                                "%252e%252e",
                                "%c0%ae%c0%ae",
                                "%e0%80%ae%e0%80%ae",
                                "%c0%2e",
                                "..%2f",
                                "..%5c",
                                "..\\",
                                "\\..",
                                "%5c",
                                "\\",
                                "%2f",
                                "%2F",
                                "%c0%af",
                                "%e0%80%af",
                                "%00",
                                "\0",
                                "%",
                                "%%",
                                "%z",
                                "%zz",
                                "%2",
                                "%%32%65",
                                "%u002e",
                                "%ff",
                                "%fe%ff",
                                "%ed%a0%80",
                                "%f4%90%80%80",
                                "+",
                                "%2B",
                                "%20",
                                " ",
                                "?",
                                "?q=",
                                "?q=%",
                                "?q=<script>",
                                "#",
                                ";",
                                ";jsessionid=x",
                                "~",
                                "*",
                                "C:",
                                "c:\\windows",
                                "//",
                                "file:",
                                "%0a",
                                "%0d%0a",
                                "\r\n",
                                "\u00e9",
                                "%C3%A9",
                                "日本",
                                "\ud800",
                                "😀",
                                "\ufeff",
                                "%ef%bb%bf")),
                Tuple.of(
                        2,
                        Arbitraries.integers()
                                .between(Integer.MIN_VALUE, Integer.MAX_VALUE)
                                .map(String::valueOf)),
                Tuple.of(
                        1,
                        Arbitraries.of("2147483647", "214748366", "-1", "0", "1", "2", "3", "99")),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(6)),
                Tuple.of(1, Arbitraries.strings().withCharRange('!', '~').ofMaxLength(6)));
    }

    @Provide
    static Arbitrary<String> requestPaths() {
        Arbitrary<String> separator =
                Arbitraries.of("/", "/", "/", "/", "//", "\\", "%2f", "%5c", "/./", "/../");
        // Half the paths start where the site's own routes do, so the hostile part reaches them.
        Arbitrary<String> prefix =
                Arbitraries.of(
                        "/",
                        "/",
                        "",
                        "//",
                        "\\",
                        "%2f",
                        "/ada-s-notes/",
                        "/ada-s-notes/-/",
                        "/ada-s-notes/-/journals/",
                        "/ada-s-notes/-/assets/",
                        "/ada-s-notes/-/static/",
                        "/-/static/",
                        "/ada-s-notes/-/search?q=");
        return Combinators.combine(
                        prefix, segment().list().ofMaxSize(8), separator.list().ofSize(8))
                .as(
                        (start, segs, seps) -> {
                            StringBuilder sb = new StringBuilder(start);
                            for (int i = 0; i < segs.size(); i++) {
                                if (i > 0) {
                                    sb.append(seps.get(i));
                                }
                                sb.append(segs.get(i));
                            }
                            return sb.toString();
                        });
    }

    // ---- properties ----

    @Property
    void everyPathGetsAnAnswerAndNothingFromOutside(@ForAll("requestPaths") String path) {
        for (Site site : List.of(FIXTURE.site, FIXTURE.siteOverFiles)) {
            SiteResponse r = site.get(path);
            assertThat(r.status()).as("status of %s", path).isIn(200, 301, 302, 400, 404);
            String body = r.bodyText();
            assertThat(body)
                    .as("body of %s", path)
                    .doesNotContain(SECRET)
                    .doesNotContain("root:x:0:0");
            if (r.status() == 200 && r.contentType().startsWith("image/")) {
                assertThat(body).as("asset served for %s", path).isEqualTo(ASSET);
            }
            String decoded = decodedOrNull(path);
            if (decoded != null && namesAParent(decoded)) {
                assertThat(r.status())
                        .as("%s (decoded %s) answered %s", path, decoded, r.status())
                        .isBetween(400, 499);
            }
        }
    }

    /**
     * Valid paths keep working: the fuzzing above is not passing by answering 404 to everything.
     */
    @Example
    void theFixtureServesItsPages() {
        for (Site site : List.of(FIXTURE.site, FIXTURE.siteOverFiles)) {
            assertThat(site.get("/ada-s-notes/projects").status()).isEqualTo(200);
            assertThat(site.get("/ada-s-notes/-/journals/3").status()).isEqualTo(200);
            assertThat(site.get("/ada-s-notes/-/assets/x.png").bodyText()).isEqualTo(ASSET);
            assertThat(site.get("/ada-s-notes/-/assets/sub/y.png").bodyText()).isEqualTo(ASSET);
            assertThat(site.get("/ada-s-notes/-/assets/../secret.txt").status()).isEqualTo(404);
        }
    }

    /**
     * Found while writing the property above: a journal page number whose offset overflows an int
     * threw IndexOutOfBoundsException (a 503 from the server).
     */
    @Example
    void hugeJournalPageNumbersAreNotFound() {
        for (String n : List.of("214748366", "429496730", "2147483647", "99999999999")) {
            assertThat(FIXTURE.site.get("/ada-s-notes/-/journals/" + n).status())
                    .as("page %s", n)
                    .isEqualTo(404);
        }
    }

    /**
     * Found by the property above: an asset path no file can have (here a lone surrogate, which the
     * request's percent-encoded UTF-8 cannot even carry but {@code get} accepts) made the asset
     * source throw InvalidPathException out of {@link Site#get}.
     */
    @Example
    void assetPathsNoFileCanHaveAreNotFound() {
        for (String path :
                List.of(
                        "/ada-s-notes/-/assets/\ud800.png",
                        "/ada-s-notes/-/assets/x\udfff/y.png",
                        "/ada-s-notes/-/assets/%ed%a0%80.png")) {
            assertThat(FIXTURE.siteOverFiles.get(path).status()).as(path).isEqualTo(404);
            assertThat(FIXTURE.site.get(path).status()).as(path).isEqualTo(404);
        }
    }

    private static String decodedOrNull(String path) {
        int q = path.indexOf('?');
        String p = q >= 0 ? path.substring(0, q) : path;
        try {
            return URLDecoder.decode(p.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static final Set<String> PARENT = Set.of("..");

    /** True when a segment, split on either slash, is {@code ..}, or a backslash or NUL occurs. */
    private static boolean namesAParent(String decoded) {
        if (decoded.contains("\\") || decoded.contains("\0")) {
            return true;
        }
        for (String seg : decoded.split("/", -1)) {
            if (PARENT.contains(seg)) {
                return true;
            }
        }
        return false;
    }
}
