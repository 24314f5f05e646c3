package dev.draehi.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.UnhandledAlertException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A repository written by an attacker: script in every place Logseq syntax allows, links out of the
 * graph, symlinks, huge and deep files, cycles, invalid UTF-8. Publishing it finishes, writes only
 * inside the output directory, never copies a file from outside the graph, and no page of the site
 * runs the attacker's script in Chromium.
 */
@Tag("slow")
class HostileGraphTest {
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final String SECRET = "OUTSIDE-SECRET-" + Long.toHexString(System.nanoTime());
    static final String NORMAL = "A perfectly normal page " + Long.toHexString(System.nanoTime());

    /** Script that, if it ever runs, sets {@code window.__xss}, the title, or raises an alert. */
    static final List<String> HTML_VECTORS =
            List.of(
                    "<script>window.__xss=1</script>",
                    "<img src=x onerror=\"window.__xss=1\">",
                    "<svg onload=\"window.__xss=1\">",
                    "<body onload=\"window.__xss=1\">",
                    "<iframe src=\"javascript:parent.__xss=1\"></iframe>",
                    "<iframe srcdoc=\"<script>parent.__xss=1</script>\"></iframe>",
                    "<a href=\"javascript:window.__xss=1\">x</a>",
                    "<details open ontoggle=\"window.__xss=1\">x</details>",
                    "<input autofocus onfocus=\"window.__xss=1\">",
                    "<video><source onerror=\"window.__xss=1\"></video>",
                    "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__xss=1\">",
                    "<object data=\"javascript:window.__xss=1\"></object>",
                    "<embed src=\"javascript:window.__xss=1\">",
                    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.__xss=1\">",
                    "<div style=\"background:url(javascript:window.__xss=1)\">x</div>",
                    "\"><script>window.__xss=1</script>",
                    "'><img src=x onerror=window.__xss=1>",
                    "</textarea><script>window.__xss=1</script>",
                    "<scr<script>ipt>window.__xss=1</scr</script>ipt>",
                    "<SCRIPT SRC=data:text/javascript,window.__xss=1></SCRIPT>",
                    "<img src=\"x\" onerror=\"document.title='pwned'\">",
                    "<form><button formaction=\"javascript:window.__xss=1\">x</button></form>",
                    "<base href=\"javascript:window.__xss=1//\">",
                    "<marquee onstart=\"window.__xss=1\">x</marquee>",
                    "<audio src=x onerror=\"window.__xss=1\">",
                    "<noscript><p title=\"</noscript><img src=x onerror=window.__xss=1>\">",
                    "<svg><script>window.__xss=1</script></svg>",
                    "<svg><a xlink:href=\"javascript:window.__xss=1\"><text>x</text></a></svg>",
                    "<img src=x onerror=&#119;indow.__xss=1>",
                    "<img src=x onerror=alert('xss')>",
                    "<svg><animate onbegin=\"window.__xss=1\" attributeName=x dur=1s>",
                    "<style onload=\"window.__xss=1\"></style>");

    /** Logseq and markdown syntax carrying script or dangerous URLs. */
    static final List<String> SYNTAX_VECTORS =
            List.of(
                    "[click](javascript:window.__xss=1)",
                    "[click](JaVaScRiPt:window.__xss=1)",
                    "[click](  javascript:window.__xss=1)",
                    "[click](java%0ascript:window.__xss=1)",
                    "[click](<javascript:window.__xss=1>)",
                    "[click](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)",
                    "[click](vbscript:msgbox(1))",
                    "![img](javascript:window.__xss=1)",
                    "![img](data:image/svg+xml,<svg onload=window.__xss=1>)",
                    "[x](https://example.com \"t\\\" onmouseover=\\\"window.__xss=1\")",
                    "<javascript:window.__xss=1>",
                    "[[<script>window.__xss=1</script>]]",
                    "#[[<img src=x onerror=window.__xss=1>]]",
                    "#<svg/onload=window.__xss=1>",
                    "{{video javascript:window.__xss=1}}",
                    "{{youtube javascript:window.__xss=1}}",
                    "{{video https://x\" onload=\"window.__xss=1}}",
                    "{{embed [[<svg onload=window.__xss=1>]]}}",
                    "{{embed ((<img src=x onerror=window.__xss=1>))}}",
                    "{{cloze <img src=x onerror=window.__xss=1>}}",
                    "{{renderer <script>window.__xss=1</script>}}",
                    "{{query \"<script>window.__xss=1</script>\"}}",
                    "{{query (page \"<img src=x onerror=window.__xss=1>\")}}",
                    "{{pdf javascript:window.__xss=1}}",
                    "[:div {:onclick \"window.__xss=1\"} \"hiccup\"]",
                    "[:script \"window.__xss=1\"]",
                    "[:a {:href \"javascript:window.__xss=1\"} \"x\"]",
                    "[:img {:src \"x\" :onerror \"window.__xss=1\"}]",
                    "[:div {:dangerouslySetInnerHTML {:__html \"<img src=x onerror=window.__xss=1>\"}}]",
                    "$$\\href{javascript:window.__xss=1}{x}$$",
                    "==<img src=x onerror=window.__xss=1>==",
                    "**<img src=x onerror=window.__xss=1>**",
                    "[[x]] ((\"><script>window.__xss=1</script>))",
                    "[label](((\"><img src=x onerror=window.__xss=1>)))",
                    "[label]([[\"><img src=x onerror=window.__xss=1>]])");

    /** Vectors written outside the two lists: config, front matter, org, journal. */
    static final int EXTRA_VECTORS = 9;

    @TempDir Path tmp;

    @Test
    @Timeout(600)
    void aHostileGraphPublishesSafely() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), SECRET + "\n");
        Files.writeString(outside.resolve("secret.md"), "- " + SECRET + "\n");
        Path graph = tmp.resolve("graph");
        int placements = writeGraph(graph, outside);
        int vectors = HTML_VECTORS.size() + SYNTAX_VECTORS.size() + EXTRA_VECTORS;
        Path out = tmp.resolve("site").resolve("out");
        Set<String> filesBefore = tree(tmp);

        long t0 = System.nanoTime();
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            exit =
                    Main.run(
                            "publish",
                            graph.toString(),
                            "--workspace",
                            "hostile",
                            "--out",
                            out.toString(),
                            "--checkout-dir",
                            tmp.resolve("co").toString());
        } finally {
            System.setErr(oldErr);
        }
        String log = err.toString(StandardCharsets.UTF_8);
        System.out.printf(
                "hostile graph: %d distinct XSS vectors in %d places, published in %d ms, exit %d%n",
                vectors, placements, (System.nanoTime() - t0) / 1_000_000, exit);
        log.lines()
                .filter(
                        l ->
                                l.matches(
                                        ".*(deep|symlink|big\\.bin|leak|invalid utf8|brackets|cycle|passwd).*"))
                .limit(25)
                .forEach(
                        l ->
                                System.out.println(
                                        "hostile graph log: "
                                                + l.substring(0, Math.min(l.length(), 220))));
        assertThat(exit).as(tail(log)).isZero();

        // Nothing written outside the output directory.
        Set<String> filesAfter = tree(tmp);
        filesAfter.removeIf(p -> p.startsWith("site/") || p.startsWith("co/"));
        assertThat(filesAfter).isEqualTo(filesBefore);
        assertThat(tree(tmp.resolve("site"))).allMatch(p -> p.startsWith("out/"));

        // Nothing from outside the graph in the output.
        List<Path> files;
        try (Stream<Path> s = Files.walk(out)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        List<String> leaks = new ArrayList<>();
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.ISO_8859_1);
            if (text.contains(SECRET) || text.contains("root:x:0:0")) {
                leaks.add(out.relativize(f).toString());
            }
            assertThat(f.toRealPath().startsWith(out.toRealPath())).isTrue();
        }
        assertThat(leaks).as("files with content from outside the graph").isEmpty();

        // The rest of the graph is there.
        List<Path> html = files.stream().filter(f -> f.toString().endsWith(".html")).toList();
        assertThat(html)
                .anySatisfy(
                        f ->
                                assertThat(Files.readString(f, StandardCharsets.UTF_8))
                                        .contains(NORMAL));
        System.out.printf(
                "hostile graph: %d files written, %d html pages%n", files.size(), html.size());

        if (Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM)) {
            Map<String, String> ran = browse(out, html);
            assertThat(ran).as("pages on which the attacker's script ran").isEmpty();
        } else {
            System.out.println("hostile graph: Chromium not installed; browser check skipped");
        }
    }

    /** Writes the hostile graph; returns how many XSS vectors it holds. */
    private static int writeGraph(Path g, Path outside) throws IOException {
        Files.createDirectories(g.resolve("pages"));
        Files.createDirectories(g.resolve("journals"));
        Files.createDirectories(g.resolve("logseq"));
        Files.createDirectories(g.resolve("assets"));
        Files.writeString(
                g.resolve("logseq/config.edn"),
                "{:meta/version 1 :file/name-format :triple-lowbar"
                        + " :default-home {:page \"<script>window.__xss=1</script>\"}"
                        + " :custom-css-url \"javascript:window.__xss=1\"}\n");
        Files.writeString(g.resolve("pages/normal page.md"), "- " + NORMAL + "\n");
        List<String> all = new ArrayList<>(HTML_VECTORS);
        all.addAll(SYNTAX_VECTORS);

        // Every vector in a block, in a block property, and in a page property of its own page.
        StringBuilder blocks = new StringBuilder("title:: Hostile blocks\n\n");
        for (String v : all) {
            blocks.append("- ").append(v).append("\n");
            blocks.append("- prop\n  note:: ").append(v).append("\n");
        }
        Files.writeString(g.resolve("pages/hostile blocks.md"), blocks.toString());
        for (int i = 0; i < HTML_VECTORS.size(); i++) {
            String v = HTML_VECTORS.get(i);
            Files.writeString(
                    g.resolve("pages/props " + i + ".md"),
                    "title:: "
                            + v
                            + "\nalias:: "
                            + v
                            + "\ntags:: "
                            + v
                            + "\ndescription:: "
                            + v
                            + "\n\n- #"
                            + v
                            + " and [["
                            + v
                            + "]]\n");
        }
        // Page names from file names, and front matter.
        int named = 0;
        for (String v : HTML_VECTORS) {
            String file = v.replace("/", "___") + ".md";
            try {
                Files.writeString(g.resolve("pages").resolve(file), "- named page " + named + "\n");
                named++;
            } catch (IOException | java.nio.file.InvalidPathException e) {
                // a name the file system refuses
            }
        }
        Files.writeString(
                g.resolve("pages/front matter.md"),
                "---\ntitle: <script>window.__xss=1</script>\ntags: \"<img src=x onerror=window.__xss=1>\"\n---\n\n- front matter page\n");
        Files.writeString(
                g.resolve("pages/org page.org"),
                "#+TITLE: <script>window.__xss=1</script>\n* heading <img src=x onerror=window.__xss=1>\n"
                        + "#+BEGIN_EXPORT html\n<script>window.__xss=1</script>\n#+END_EXPORT\n"
                        + "#+BEGIN_SRC html\n</code></pre><script>window.__xss=1</script>\n#+END_SRC\n"
                        + "* [[javascript:window.__xss=1][org link]]\n");
        Files.writeString(
                g.resolve("journals/2024_01_01.md"),
                "- journal <script>window.__xss=1</script>\n- [x](javascript:window.__xss=1)\n");

        // Paths out of the graph.
        Files.createSymbolicLink(g.resolve("assets/leak.png"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(g.resolve("assets/leakdir"), outside);
        Files.createSymbolicLink(
                g.resolve("pages/symlinked page.md"), outside.resolve("secret.md"));
        String rel = g.relativize(outside.resolve("secret.txt")).toString();
        Files.writeString(
                g.resolve("pages/traversal.md"),
                String.join(
                        "\n",
                        "- ![a](../../etc/passwd)",
                        "- ![a](../assets/../../../../../../../etc/passwd)",
                        "- ![a](/etc/passwd)",
                        "- ![a](file:///etc/passwd)",
                        "- ![a](..%2F..%2F..%2F..%2Fetc%2Fpasswd)",
                        "- ![a](../assets/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd)",
                        "- ![a](../assets/..%2f..%2f..%2f..%2fetc%2fpasswd)",
                        "- ![a](../assets/leak.png)",
                        "- [pdf](../assets/leakdir/secret.txt)",
                        "- ![a](../" + rel + ")",
                        "- ![a](" + outside.resolve("secret.txt") + ")",
                        "- {{pdf ../assets/leakdir/secret.txt}}",
                        "- {{embed [[symlinked page]]}}",
                        "- [[..]] [[../../etc/passwd]] [[%2e%2e%2fetc]]",
                        "- ![big](../assets/big.bin)",
                        ""));
        // A 50 MB file.
        try (RandomAccessFile f =
                new RandomAccessFile(g.resolve("assets/big.bin").toFile(), "rw")) {
            f.setLength(50L * 1024 * 1024);
        }
        // A 10,000-deep outline (two spaces a level).
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            deep.append("  ".repeat(i)).append("- level ").append(i).append('\n');
        }
        Files.writeString(g.resolve("pages/deep.md"), deep);
        // An embed cycle of three pages.
        Files.writeString(g.resolve("pages/cycle a.md"), "- a {{embed [[cycle b]]}}\n");
        Files.writeString(g.resolve("pages/cycle b.md"), "- b {{embed [[cycle c]]}}\n");
        Files.writeString(g.resolve("pages/cycle c.md"), "- c {{embed [[cycle a]]}}\n");
        // 100,000 [[ on one line.
        Files.writeString(
                g.resolve("pages/brackets.md"),
                "- " + "[[".repeat(100_000) + "\n- ((" + "((".repeat(50_000) + "\n");
        // Invalid UTF-8.
        Files.write(
                g.resolve("pages/invalid utf8.md"),
                new byte[] {
                    '-',
                    ' ',
                    'a',
                    (byte) 0xC3,
                    0x28,
                    (byte) 0xFF,
                    (byte) 0xFE,
                    '<',
                    's',
                    'c',
                    'r',
                    'i',
                    'p',
                    't',
                    '>',
                    '\n'
                });
        // SQL in page names, and dots.
        Files.writeString(
                g.resolve("pages/Robert'); DROP TABLE nodes;--.md"),
                "- [[x'; DROP TABLE workspaces; --]]\n");
        Files.writeString(g.resolve("pages/..hidden...md"), "- dots\n");
        Files.writeString(
                g.resolve("pages/..___..___..___etc___passwd.md"), "- traversal by namespace\n");
        Files.writeString(g.resolve("pages/%2e%2e%2f%2e%2e%2fescape.md"), "- encoded traversal\n");
        return all.size() * 2 + HTML_VECTORS.size() * 6 + named + EXTRA_VECTORS;
    }

    /** Loads every page in headless Chromium; returns the pages on which script ran. */
    private static Map<String, String> browse(Path out, List<Path> html) throws Exception {
        Path root = out.toRealPath();
        Server server = new Server(new InetSocketAddress("127.0.0.1", 0));
        server.setHandler(
                new Handler.Abstract() {
                    @Override
                    public boolean handle(Request request, Response response, Callback callback)
                            throws IOException {
                        String p =
                                URLDecoder.decode(
                                        request.getHttpURI().getPath(), StandardCharsets.UTF_8);
                        Path f = root.resolve(p.substring(1)).normalize();
                        if (Files.isDirectory(f)) {
                            f = f.resolve("index.html");
                        }
                        byte[] body =
                                f.startsWith(root) && Files.isRegularFile(f)
                                        ? Files.readAllBytes(f)
                                        : new byte[0];
                        response.setStatus(body.length == 0 ? 404 : 200);
                        response.getHeaders()
                                .put(
                                        HttpHeader.CONTENT_TYPE,
                                        f.toString().endsWith(".html")
                                                ? "text/html; charset=utf-8"
                                                : "application/octet-stream");
                        response.write(true, ByteBuffer.wrap(body), callback);
                        return true;
                    }
                });
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot serve " + out, e);
        }
        Logger.getLogger("org.openqa.selenium.devtools").setLevel(Level.SEVERE);
        System.setProperty(
                "SE_CACHE_PATH", Path.of("target", "selenium-cache").toAbsolutePath().toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + Files.createTempDirectory("draehi-hostile-chromium"),
                "--window-size=1280,900");
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .build();
        ChromeDriver browser = new ChromeDriver(service, options);
        Map<String, String> ran = new TreeMap<>();
        try {
            browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
            for (Path f : html) {
                String path = "/" + root.relativize(f.toRealPath()).toString().replace('\\', '/');
                String url =
                        "http://127.0.0.1:"
                                + port
                                + URI.create("http://x" + encodePath(path)).getRawPath();
                try {
                    browser.get(url);
                    Thread.sleep(50); // timers and late events
                    Object xss =
                            ((JavascriptExecutor) browser)
                                    .executeScript(
                                            "return typeof window.__xss === 'undefined' ? null : String(window.__xss)");
                    String title = browser.getTitle();
                    if (xss != null || "pwned".equals(title)) {
                        ran.put(path, "window.__xss=" + xss + ", title=" + title);
                    }
                } catch (UnhandledAlertException e) {
                    ran.put(path, "alert: " + e.getAlertText());
                    try {
                        browser.switchTo().alert().dismiss();
                    } catch (RuntimeException ignored) {
                        // already gone
                    }
                }
            }
            System.out.printf("hostile graph: %d pages loaded in Chromium%n", html.size());
        } finally {
            browser.quit();
            try {
                server.stop();
            } catch (Exception e) {
                // the browser is done with it
            }
        }
        return ran;
    }

    private static String encodePath(String path) {
        StringBuilder b = new StringBuilder();
        for (byte c : path.getBytes(StandardCharsets.UTF_8)) {
            int ch = c & 0xff;
            if ((ch >= 'a' && ch <= 'z')
                    || (ch >= 'A' && ch <= 'Z')
                    || (ch >= '0' && ch <= '9')
                    || "/-._~".indexOf(ch) >= 0) {
                b.append((char) ch);
            } else {
                b.append('%').append(String.format("%02X", ch));
            }
        }
        return b.toString();
    }

    /** Every file and directory under {@code dir}, relative, with '/' after directories. */
    private static Set<String> tree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir))
                    .map(
                            p ->
                                    dir.relativize(p).toString()
                                            + (Files.isDirectory(
                                                            p,
                                                            java.nio.file.LinkOption.NOFOLLOW_LINKS)
                                                    ? "/"
                                                    : ""))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static String tail(String s) {
        return s.length() > 6000 ? s.substring(s.length() - 6000) : s;
    }
}
