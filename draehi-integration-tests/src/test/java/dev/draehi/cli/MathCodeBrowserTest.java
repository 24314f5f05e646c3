package dev.draehi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Math and code as a reader sees them, in the system's headless Chromium, on a small graph of its
 * own, from {@code serve} and from the static export: KaTeX typesets inline, display, mhchem and
 * environment math inside the math elements and keeps the TeX; a formula it cannot read shows its
 * source; code blocks are highlighted, labelled and copied; a page without either loads neither.
 */
@Tag("slow")
class MathCodeBrowserTest {
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
    @RegisterExtension static final BrowserSession reader = new BrowserSession();
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        BrowserSession.assumeChromium();
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
        // compressed, as static hosts serve files: what a reader transfers (see the page budget)
        browser = reader.start(served, served.export(work.resolve("export"), true), work);
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
    }

    @Test
    void mathIsTypesetInsideItsElementsWithTheTexKept() {
        for (String url : List.of(reader.served("/mc/math"), reader.export("/mc/math"))) {
            reader.open(url);
            reader.waitFor(
                    10,
                    () ->
                            !browser.findElements(By.cssSelector("span.math.inline .katex"))
                                    .isEmpty());
            assertThat(reader.count("span.math.inline .katex")).as(url).isGreaterThanOrEqualTo(3);
            assertThat(
                            reader.count(
                                    "div.math.display .katex-display, span.math.display .katex-display"))
                    .as(url)
                    .isGreaterThanOrEqualTo(3);
            List<String> tex = reader.texts(".math annotation[encoding='application/x-tex']");
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
            assertThat(reader.count(".katex-error")).as(url).isZero();
            // the formula KaTeX cannot read shows its source, and the rest still typesets
            List<WebElement> bad = browser.findElements(By.cssSelector(".math.math-error"));
            assertThat(bad).as(url).hasSize(1);
            assertThat(bad.get(0).getText()).contains("\\notacommand{x}");
            assertThat(bad.get(0).isDisplayed()).isTrue();
            assertThat(bad.get(0).getAttribute("title")).contains("notacommand");
            assertThat(reader.consoleErrors()).as(url).isEmpty();
        }
    }

    @Test
    void codeIsHighlightedLabelledAndCopied() {
        for (String url : List.of(reader.served("/mc/code"), reader.export("/mc/code"))) {
            reader.open(url);
            reader.waitFor(
                    10, () -> !browser.findElements(By.cssSelector("pre .code-copy")).isEmpty());
            assertThat(reader.texts("pre .code-language"))
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
                assertThat(reader.count("pre code.language-" + lang + " span[class^='hljs-']"))
                        .as(lang + " tokens on " + url)
                        .isGreaterThan(1);
            }
            assertThat(reader.count("pre code:not([class*='language-']) span")).isZero();
            assertThat(reader.consoleErrors()).as(url).isEmpty();
        }
        browser.get(reader.served("/mc/code"));
        browser.executeCdpCommand(
                "Browser.grantPermissions",
                Map.of(
                        "origin",
                        reader.served(""),
                        "permissions",
                        List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        reader.open(reader.served("/mc/code"));
        reader.waitFor(10, () -> !browser.findElements(By.cssSelector("pre .code-copy")).isEmpty());
        WebElement python =
                browser.findElement(By.cssSelector("pre:has(code.language-python) .code-copy"));
        python.click();
        reader.waitFor(5, () -> python.getText().equals("Copied"));
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
            for (String url : List.of(reader.served("/mc/" + page), reader.export("/mc/" + page))) {
                reader.open(url);
                // the page and everything it loaded (fonts too), once math and code have run
                ((JavascriptExecutor) browser)
                        .executeAsyncScript(
                                "var done = arguments[0];"
                                        + "document.fonts.ready.then(function () { setTimeout(done, 200); });");
                @SuppressWarnings("unchecked")
                List<String> loaded =
                        (List<String>)
                                reader.js(
                                        "return performance.getEntriesByType('resource').map(function (e) { return e.name; })");
                long bytes =
                        ((Number)
                                        reader.js(
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
        for (String page : List.of("math", "code")) {
            for (boolean mobile : List.of(false, true)) {
                for (boolean dark : List.of(false, true)) {
                    int width = mobile ? 390 : 1280;
                    reader.emulate(width, mobile ? 844 : 900, mobile);
                    reader.colorScheme(dark ? "dark" : "light");
                    reader.open(reader.served("/mc/" + page));
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
                                            reader.js(
                                                    "return document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth"))
                            .as(name + " scrolls sideways")
                            .isTrue();
                    if (page.equals("code")) {
                        assertThat(lowContrastTokens()).as(name).isEmpty();
                    }
                    Path png = reader.screenshot("math-code-" + name, width, 0, 2400);
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
                reader.js(
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

    static String attr(WebElement e, String css) {
        List<WebElement> found = e.findElements(By.cssSelector(css));
        return found.isEmpty()
                ? ""
                : (String) reader.js("return arguments[0].textContent", found.get(0));
    }
}
