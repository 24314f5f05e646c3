package dev.draehi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.draehi.server.DraehiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Math and code as a reader sees them, in the system's headless Chromium, on a small graph of its
 * own, from {@code serve} and from the static export: KaTeX typesets inline, display, mhchem and
 * environment math inside the math elements and keeps the TeX; a formula it cannot read shows its
 * source; code blocks are highlighted, labelled and copied; a page without either loads neither.
 */
@Tag("slow")
class MathCodeBrowserTest {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final String WS = "mc";

    static final String MATH_PAGE =
            String.join(
                    "\n",
                    "- Inline $E = mc^2$ and \\(a^2 + b^2 = c^2\\) in a sentence.",
                    "- Chemistry: $\\ce{2H2 + O2 -> 2H2O}$ burns.",
                    "- $$\\int_0^1 x^2\\,dx = \\frac{1}{3}$$",
                    "- \\[\\sum_{n=1}^\\infty \\frac{1}{n^2} = \\frac{\\pi^2}{6}\\]",
                    "- \\begin{equation}",
                    "  \\nabla \\cdot \\vec{E} = \\frac{\\rho}{\\varepsilon_0}",
                    "  \\end{equation}",
                    "- Broken: $\\notacommand{x}$ stays readable.",
                    "");

    static final String CODE_PAGE =
            String.join(
                    "\n",
                    "- Clojure",
                    "  ```clojure",
                    "  (defn inc-all [xs] (map inc xs))",
                    "  ```",
                    "- Python",
                    "  ```python",
                    "  def greet(name: str) -> str:",
                    "      return f\"Hello, {name}\"  # a comment",
                    "  ```",
                    "- JavaScript",
                    "  ```javascript",
                    "  const add = (a, b) => a + b; // sum",
                    "  ```",
                    "- Rust",
                    "  ```rust",
                    "  fn main() { let x: i32 = 42; println!(\"{}\", x); }",
                    "  ```",
                    "- SQL",
                    "  ```sql",
                    "  SELECT id, name FROM users WHERE age > 30 ORDER BY name;",
                    "  ```",
                    "- Bash",
                    "  ```bash",
                    "  for f in *.md; do echo \"$f\"; done",
                    "  ```",
                    "- Shell",
                    "  ```shell",
                    "  echo \"hi\" && exit 1",
                    "  ```",
                    "- No language",
                    "  ```",
                    "  plain text, no colours",
                    "  ```",
                    "");

    @TempDir static Path work;
    static DraehiServer server;
    static HttpServer exported;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(
                Files.isExecutable(SiteBrowserTest.CHROMEDRIVER)
                        && Files.isExecutable(SiteBrowserTest.CHROMIUM),
                "Chromium and ChromeDriver are not installed");
        Path graph = Files.createDirectories(work.resolve("graph"));
        Files.createDirectories(graph.resolve("pages"));
        Files.createDirectories(graph.resolve("logseq"));
        Files.writeString(
                graph.resolve("logseq/config.edn"),
                "{:journal/page-title-format \"yyyy-MM-dd\"}\n");
        Files.writeString(graph.resolve("pages/math.md"), MATH_PAGE);
        Files.writeString(graph.resolve("pages/code.md"), CODE_PAGE);
        Files.writeString(
                graph.resolve("pages/plain.md"), "- Just words, costs $5.\n- More words.\n");
        ServedGraph served = ServedGraph.start(graph, WS, work);
        server = served.server();
        // served compressed, as static hosts (GitHub Pages, Netlify, nginx) serve it
        exported = served.export(work.resolve("export"), true);

        browser = SiteBrowserTest.chromium(work.resolve("chromium-profile"), false);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (exported != null) {
            exported.stop(0);
        }
    }

    @AfterEach
    void resetEmulation() {
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
    }

    static String served(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    static String export(String path) {
        return "http://127.0.0.1:" + exported.getAddress().getPort() + path;
    }

    @Test
    void mathIsTypesetInsideItsElementsWithTheTexKept() {
        for (String url : List.of(served("/mc/math"), export("/mc/math"))) {
            open(url);
            waitFor(
                    10,
                    () ->
                            !browser.findElements(By.cssSelector("span.math.inline .katex"))
                                    .isEmpty());
            assertThat(count("span.math.inline .katex")).as(url).isGreaterThanOrEqualTo(3);
            assertThat(count("div.math.display .katex-display, span.math.display .katex-display"))
                    .as(url)
                    .isGreaterThanOrEqualTo(3);
            List<String> tex = texts(".math annotation[encoding='application/x-tex']");
            assertThat(tex)
                    .as(url)
                    .contains("E = mc^2", "a^2 + b^2 = c^2", "\\ce{2H2 + O2 -> 2H2O}")
                    .anyMatch(t -> t.contains("\\begin{equation}"));
            WebElement ce =
                    browser.findElements(By.cssSelector("span.math.inline")).stream()
                            .filter(e -> attr(e, ".katex-mathml annotation").contains("\\ce"))
                            .findFirst()
                            .orElseThrow();
            // mhchem typeset the reaction: its arrow is drawn, no command is left as text
            assertThat(ce.findElements(By.cssSelector(".katex-html svg"))).as(url).isNotEmpty();
            assertThat(ce.findElement(By.cssSelector(".katex-html")).getText())
                    .as(url)
                    .doesNotContain("ce")
                    .doesNotContain("->");
            assertThat(count(".katex-error")).as(url).isZero();
            // the formula KaTeX cannot read shows its source, and the rest still typesets
            List<WebElement> bad = browser.findElements(By.cssSelector(".math.math-error"));
            assertThat(bad).as(url).hasSize(1);
            assertThat(bad.get(0).getText()).contains("\\notacommand{x}");
            assertThat(bad.get(0).isDisplayed()).isTrue();
            assertThat(bad.get(0).getAttribute("title")).contains("notacommand");
            assertThat(consoleErrors()).as(url).isEmpty();
        }
    }

    @Test
    void codeIsHighlightedLabelledAndCopied() {
        for (String url : List.of(served("/mc/code"), export("/mc/code"))) {
            open(url);
            waitFor(10, () -> !browser.findElements(By.cssSelector("pre .code-copy")).isEmpty());
            assertThat(texts("pre .code-language"))
                    .as(url)
                    .containsExactly(
                            "clojure",
                            "python",
                            "javascript",
                            "rust",
                            "sql",
                            "bash",
                            "shell",
                            "text");
            for (String lang :
                    List.of("clojure", "python", "javascript", "rust", "sql", "bash", "shell")) {
                assertThat(count("pre code.language-" + lang + " span[class^='hljs-']"))
                        .as(lang + " tokens on " + url)
                        .isGreaterThan(1);
            }
            assertThat(count("pre code:not([class*='language-']) span")).isZero();
            assertThat(consoleErrors()).as(url).isEmpty();
        }
        browser.get(served("/mc/code"));
        browser.executeCdpCommand(
                "Browser.grantPermissions",
                Map.of(
                        "origin",
                        served(""),
                        "permissions",
                        List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        open(served("/mc/code"));
        waitFor(10, () -> !browser.findElements(By.cssSelector("pre .code-copy")).isEmpty());
        WebElement python =
                browser.findElement(By.cssSelector("pre:has(code.language-python) .code-copy"));
        python.click();
        waitFor(5, () -> python.getText().equals("Copied"));
        Object clip =
                ((JavascriptExecutor) browser)
                        .executeAsyncScript(
                                "var done = arguments[0];"
                                        + "navigator.clipboard.readText().then(done, function (e) { done('error: ' + e); });");
        assertThat(clip)
                .isEqualTo(
                        "def greet(name: str) -> str:\n    return f\"Hello, {name}\"  # a comment\n");
    }

    @Test
    void aPageWithoutMathOrCodeLoadsNoneOfTheirFiles() {
        Map<String, Long> sizes = new java.util.LinkedHashMap<>();
        for (String page : List.of("plain", "math", "code")) {
            for (String url : List.of(served("/mc/" + page), export("/mc/" + page))) {
                open(url);
                // the page and everything it loaded (fonts too), once math and code have run
                ((JavascriptExecutor) browser)
                        .executeAsyncScript(
                                "var done = arguments[0];"
                                        + "document.fonts.ready.then(function () { setTimeout(done, 200); });");
                @SuppressWarnings("unchecked")
                List<String> loaded =
                        (List<String>)
                                js(
                                        "return performance.getEntriesByType('resource').map(function (e) { return e.name; })");
                long bytes =
                        ((Number)
                                        js(
                                                "var n = performance.getEntriesByType('navigation')[0].transferSize;"
                                                        + "performance.getEntriesByType('resource').forEach(function (e) { n += e.transferSize; });"
                                                        + "return n;"))
                                .longValue();
                sizes.put(url, bytes);
                boolean math = page.equals("math");
                boolean code = page.equals("code");
                assertThat(loaded.stream().anyMatch(u -> u.contains("/katex/")))
                        .as("KaTeX on " + url)
                        .isEqualTo(math);
                assertThat(loaded.stream().anyMatch(u -> u.contains("/math.js")))
                        .as("math.js on " + url)
                        .isEqualTo(math);
                assertThat(loaded.stream().anyMatch(u -> u.contains("/highlight/")))
                        .as("highlight.js on " + url)
                        .isEqualTo(code);
                assertThat(loaded.stream().anyMatch(u -> u.contains("/code.")))
                        .as("code.js on " + url)
                        .isEqualTo(code);
                if (page.equals("plain")) {
                    assertThat(bytes).as("transferred for " + url).isLessThan(25 * 1024);
                }
            }
        }
        sizes.forEach(
                (u, b) ->
                        System.out.printf(
                                "math/code browser test: %s transferred %d bytes%n", u, b));
    }

    @Test
    void screenshotsDesktopAndMobileLightAndDarkStayReadable() throws Exception {
        Files.createDirectories(SCREENSHOTS);
        for (String page : List.of("math", "code")) {
            for (boolean mobile : List.of(false, true)) {
                for (boolean dark : List.of(false, true)) {
                    int width = mobile ? 390 : 1280;
                    browser.executeCdpCommand(
                            "Emulation.setDeviceMetricsOverride",
                            Map.of(
                                    "width",
                                    width,
                                    "height",
                                    mobile ? 844 : 900,
                                    "deviceScaleFactor",
                                    mobile ? 2 : 1,
                                    "mobile",
                                    mobile));
                    browser.executeCdpCommand(
                            "Emulation.setEmulatedMedia",
                            Map.of(
                                    "features",
                                    List.of(
                                            Map.of(
                                                    "name",
                                                    "prefers-color-scheme",
                                                    "value",
                                                    dark ? "dark" : "light"))));
                    open(served("/mc/" + page));
                    ((JavascriptExecutor) browser)
                            .executeAsyncScript(
                                    "var done = arguments[0];"
                                            + "document.fonts.ready.then(function () { setTimeout(done, 200); });");
                    String name =
                            page
                                    + "-"
                                    + (mobile ? "mobile" : "desktop")
                                    + "-"
                                    + (dark ? "dark" : "light");
                    assertThat(
                                    (Boolean)
                                            js(
                                                    "return document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth"))
                            .as(name + " scrolls sideways")
                            .isTrue();
                    if (page.equals("code")) {
                        assertThat(lowContrastTokens()).as(name).isEmpty();
                    }
                    long height = (Long) js("return document.scrollingElement.scrollHeight");
                    Map<String, Object> shot =
                            browser.executeCdpCommand(
                                    "Page.captureScreenshot",
                                    Map.of(
                                            "captureBeyondViewport",
                                            true,
                                            "clip",
                                            Map.of(
                                                    "x", 0,
                                                    "y", 0,
                                                    "width", width,
                                                    "height", Math.min(height, 2400),
                                                    "scale", 1)));
                    Path png = SCREENSHOTS.resolve("math-code-" + name + ".png");
                    Files.write(png, Base64.getDecoder().decode((String) shot.get("data")));
                    System.out.println("math/code browser test: screenshot " + png);
                }
            }
        }
    }

    /**
     * Token spans and code labels whose colour contrasts less than 4.5:1 with the code's
     * background.
     */
    static List<?> lowContrastTokens() {
        return (List<?>)
                js(
                        "function rgba(s) { var m = s.match(/[\\d.]+/g).map(Number); return m.length > 3 ? m : m.concat([1]); }"
                                + "function lum(c) { var a = c.slice(0, 3).map(function (v) { v /= 255;"
                                + "  return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });"
                                + "  return 0.2126 * a[0] + 0.7152 * a[1] + 0.0722 * a[2]; }"
                                + "function behind(e) { for (; e; e = e.parentElement) {"
                                + "  var b = rgba(getComputedStyle(e).backgroundColor); if (b[3] > 0.5) return b; } return [255,255,255,1]; }"
                                + "var out = [];"
                                + "document.querySelectorAll('pre code, pre code span, .code-language, .code-copy').forEach(function (e) {"
                                + "  var fg = lum(rgba(getComputedStyle(e).color)), bg = lum(behind(e));"
                                + "  var r = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);"
                                + "  if (r < 4.5) out.push(e.className + ' ' + r.toFixed(2) + ' ' + getComputedStyle(e).color);"
                                + "});"
                                + "return out;");
    }

    static void waitFor(int seconds, java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(
                        "not within " + seconds + " s on " + browser.getCurrentUrl());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static void open(String url) {
        browser.manage().logs().get(LogType.BROWSER); // drop earlier messages
        browser.get(url);
    }

    static List<String> consoleErrors() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
                out.add(e.getMessage());
            }
        }
        return out;
    }

    static int count(String css) {
        return browser.findElements(By.cssSelector(css)).size();
    }

    static List<String> texts(String css) {
        List<String> out = new ArrayList<>();
        for (WebElement e : browser.findElements(By.cssSelector(css))) {
            out.add((String) js("return arguments[0].textContent", e));
        }
        return out;
    }

    static String attr(WebElement e, String css) {
        List<WebElement> found = e.findElements(By.cssSelector(css));
        return found.isEmpty() ? "" : (String) js("return arguments[0].textContent", found.get(0));
    }

    static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }
}
