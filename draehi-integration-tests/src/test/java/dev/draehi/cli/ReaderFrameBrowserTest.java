package dev.draehi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.draehi.server.DraehiServer;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * The frame of a page as a reader uses it, in the system's headless Chromium, on {@code serve} and
 * on the static export of a small graph: the dark-mode switch remembers across a reload, unlinked
 * references open on a click, the skip link works from the keyboard, a nested table of contents
 * entry scrolls to its heading, the graph's hostile {@code custom.css} applies without running
 * anything, and a plain page stays light.
 */
@Tag("slow")
class ReaderFrameBrowserTest {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final String WS = "rf";

    static final String GUIDE =
            String.join(
                    "\n",
                    "- # Start",
                    "  What to read first.",
                    "- ## Install",
                    "- ### On Linux",
                    "  apt install the thing",
                    "- ## Use",
                    "- # End",
                    "");

    /** Tries to leave its style sheet and run script; served as a file, it cannot. */
    static final String HOSTILE_CSS =
            ".page-title { color: rgb(200, 0, 100) !important; }\n"
                    + "/* </style><script>window.pwned = 1</script> */\n"
                    + "body::after { content: \"</style><script>window.pwned = 2</script>\"; }\n";

    static Path work;
    static DraehiServer server;
    static HttpServer exported;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(
                Files.isExecutable(SiteBrowserTest.CHROMEDRIVER)
                        && Files.isExecutable(SiteBrowserTest.CHROMIUM),
                "Chromium and ChromeDriver are not installed");
        work = Files.createTempDirectory("reader-frame");
        Path graph = Files.createDirectories(work.resolve("graph"));
        Files.createDirectories(graph.resolve("pages"));
        Files.createDirectories(graph.resolve("logseq"));
        Files.createDirectories(graph.resolve("assets"));
        Files.writeString(graph.resolve("logseq/config.edn"), "{}\n");
        Files.writeString(graph.resolve("logseq/custom.css"), HOSTILE_CSS);
        BufferedImage icon = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(icon, "png", graph.resolve("assets/favicon.png").toFile());
        StringBuilder guide = new StringBuilder(GUIDE);
        for (int i = 0; i < 60; i++) {
            guide.append("- Filler line ").append(i).append(" so that the page scrolls.\n");
        }
        guide.append("- ### Last words\n  The end of the guide.\n");
        Files.writeString(graph.resolve("pages/guide.md"), guide.toString());
        Files.writeString(graph.resolve("pages/Feature.md"), "- What a feature is.\n");
        Files.writeString(
                graph.resolve("pages/Whiteboard.md"), "type:: [[Feature]]\n\n- Draw things.\n");
        Files.writeString(
                graph.resolve("pages/notes.md"),
                "- I like this feature a lot.\n- Another [[Feature]] link.\n");
        Files.writeString(graph.resolve("pages/plain.md"), "- Just words.\n- More words.\n");
        ServedGraph served = ServedGraph.start(graph, WS, work);
        server = served.server();
        // served compressed, as static hosts (GitHub Pages, Netlify, nginx) serve it
        exported = served.export(work.resolve("export"), true);
        browser = SiteBrowserTest.chromium(work.resolve("chromium-profile"), false);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
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
    void reset() {
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
    }

    static String url(String where, String path) {
        int port = where.equals("serve") ? server.port() : exported.getAddress().getPort();
        return "http://127.0.0.1:" + port + path;
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "export"})
    void theDarkModeSwitchIsRememberedAcrossAReload(String where) throws Exception {
        system("light");
        browser.get(url(where, "/" + WS + "/guide"));
        js("localStorage.clear()");
        browser.navigate().refresh();
        WebElement toggle = browser.findElement(By.cssSelector(".theme-toggle"));
        assertThat(toggle.isDisplayed()).isTrue();
        assertThat(toggle.getAttribute("aria-pressed")).isEqualTo("false");
        double light = SiteBrowserTest.luminance(bodyBackground());
        assertThat(light).isGreaterThan(0.8);

        toggle.click();
        assertThat(js("return document.documentElement.dataset.theme")).isEqualTo("dark");
        assertThat(SiteBrowserTest.luminance(bodyBackground())).isLessThan(0.1);
        browser.navigate().refresh();
        // dark before anything ran after the head: the saved choice, no flash of light
        assertThat(js("return document.documentElement.dataset.theme")).isEqualTo("dark");
        assertThat(SiteBrowserTest.luminance(bodyBackground())).isLessThan(0.1);
        toggle = browser.findElement(By.cssSelector(".theme-toggle"));
        assertThat(toggle.getAttribute("aria-pressed")).isEqualTo("true");
        screenshot(where + "-guide-dark-chosen", 1280, false);

        // the choice outlives the system's: a dark system, a light choice
        system("dark");
        toggle.click();
        browser.navigate().refresh();
        assertThat(js("return document.documentElement.dataset.theme")).isEqualTo("light");
        assertThat(SiteBrowserTest.luminance(bodyBackground())).isGreaterThan(0.8);
        js("localStorage.clear()");
        browser.navigate().refresh();
        // no choice: the system's
        assertThat(SiteBrowserTest.luminance(bodyBackground())).isLessThan(0.1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "export"})
    void unlinkedReferencesOpenOnAClick(String where) throws Exception {
        browser.get(url(where, "/" + WS + "/feature"));
        assertThat(browser.findElement(By.cssSelector("section.linked-references > h2")).getText())
                .isEqualTo("2 Linked references");
        assertThat(browser.findElements(By.cssSelector(".page-properties-reference"))).hasSize(1);
        WebElement summary =
                browser.findElement(By.cssSelector("section.unlinked-references summary"));
        assertThat(summary.getText()).isEqualTo("1 Unlinked reference");
        WebElement mention =
                browser.findElement(By.cssSelector("section.unlinked-references .block-content"));
        assertThat(mention.isDisplayed()).isFalse();
        summary.click();
        assertThat(mention.isDisplayed()).isTrue();
        assertThat(mention.getText()).contains("I like this feature a lot.");
        screenshot(where + "-feature-unlinked-open", 1280, false);
        screenshot(where + "-feature-unlinked-open-mobile", 390, true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "export"})
    void theSkipLinkIsTheFirstStopOfTheKeyboardAndJumpsToTheContent(String where) {
        browser.get(url(where, "/" + WS + "/guide"));
        WebElement skip = browser.findElement(By.cssSelector("a.skip-link"));
        assertThat(
                        (Long)
                                js(
                                        "return Math.round(arguments[0].getBoundingClientRect().bottom)",
                                        skip))
                .as("hidden until focused")
                .isLessThanOrEqualTo(0);
        new Actions(browser).sendKeys(Keys.TAB).perform();
        assertThat(js("return document.activeElement.className")).isEqualTo("skip-link");
        assertThat((Long) js("return Math.round(arguments[0].getBoundingClientRect().top)", skip))
                .as("shown when focused")
                .isGreaterThanOrEqualTo(0);
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        assertThat(browser.getCurrentUrl()).endsWith("#content");
        assertThat(js("return document.activeElement.id")).isEqualTo("content");
        // the next Tab goes into the content, not back to the header
        new Actions(browser).sendKeys(Keys.TAB).perform();
        assertThat(
                        (Boolean)
                                js(
                                        "return document.getElementById('content').contains(document.activeElement)"))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "export"})
    void aNestedTableOfContentsEntryScrollsToItsHeading(String where) throws Exception {
        browser.get(url(where, "/" + WS + "/guide"));
        assertThat(texts("nav.toc > ol > li > a")).containsExactly("Start", "End");
        // "Last words" (###) comes under "End" (#): one list deeper
        assertThat(texts("nav.toc > ol > li > ol > li > a"))
                .containsExactly("Install", "Use", "Last words");
        assertThat(texts("nav.toc > ol > li > ol > li > ol > li > a")).containsExactly("On Linux");
        WebElement last = browser.findElement(By.linkText("Last words"));
        last.click();
        String id = last.getAttribute("href").substring(last.getAttribute("href").indexOf('#') + 1);
        assertThat(browser.getCurrentUrl()).endsWith("#" + id);
        Boolean inView =
                (Boolean)
                        js(
                                "var r = document.getElementById(arguments[0]).getBoundingClientRect();"
                                        + "return r.top >= 0 && r.top < window.innerHeight;",
                                id);
        assertThat(inView).isTrue();
        assertThat((Long) js("return Math.round(window.scrollY)")).isGreaterThan(100);
        screenshot(where + "-guide-toc", 1280, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "export"})
    void theGraphsCustomCssAppliesLastAndRunsNothing(String where) throws Exception {
        browser.get(url(where, "/" + WS + "/guide"));
        assertThat(browser.findElement(By.cssSelector("h1.page-title")).getCssValue("color"))
                .isEqualTo("rgba(200, 0, 100, 1)");
        assertThat(js("return typeof window.pwned")).isEqualTo("undefined");
        assertThat(js("return document.querySelectorAll('style').length")).isEqualTo(0L);
        List<String> sheets = texts("head link[rel=stylesheet]", "href");
        assertThat(sheets.get(sheets.size() - 1)).endsWith("/" + WS + "/-/custom.css");
        assertThat(browser.findElement(By.cssSelector("link[rel=icon]")).getAttribute("href"))
                .endsWith("/" + WS + "/-/assets/favicon.png");
        // links in text are underlined, the header's are not
        browser.get(url(where, "/" + WS + "/notes"));
        assertThat(
                        browser.findElement(By.cssSelector(".block-content a"))
                                .getCssValue("text-decoration-line"))
                .isEqualTo("underline");
        assertThat(
                        browser.findElement(By.cssSelector(".site-nav a"))
                                .getCssValue("text-decoration-line"))
                .isEqualTo("none");
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "export"})
    void aPlainPageStaysUnder25KilobytesTransferred(String where) {
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
        browser.get(url(where, "/" + WS + "/plain"));
        long bytes =
                ((Number)
                                js(
                                        "var n = performance.getEntriesByType('navigation')[0].transferSize;"
                                                + "performance.getEntriesByType('resource').forEach(function (e) { n += e.transferSize; });"
                                                + "return n;"))
                        .longValue();
        System.out.printf("reader frame browser test: %s plain page %d bytes%n", where, bytes);
        assertThat(bytes).isLessThan(25 * 1024);
        browser.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", false));
    }

    static void system(String scheme) {
        browser.executeCdpCommand(
                "Emulation.setEmulatedMedia",
                Map.of(
                        "features",
                        List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    static String bodyBackground() {
        return (String) js("return getComputedStyle(document.body).backgroundColor");
    }

    static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    static List<String> texts(String css) {
        return browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    static List<String> texts(String css, String attribute) {
        return browser.findElements(By.cssSelector(css)).stream()
                .map(e -> e.getAttribute(attribute))
                .toList();
    }

    static void screenshot(String name, int width, boolean mobile) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        if (mobile) {
            browser.executeCdpCommand(
                    "Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", 844, "deviceScaleFactor", 2, "mobile", true));
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
                                        "x",
                                        0,
                                        "y",
                                        (Long) js("return Math.round(window.scrollY)"),
                                        "width",
                                        width,
                                        "height",
                                        Math.min(height, 1400),
                                        "scale",
                                        1)));
        Path png = SCREENSHOTS.resolve("reader-frame-" + name + ".png");
        Files.write(png, Base64.getDecoder().decode((String) shot.get("data")));
        System.out.println("reader frame browser test: screenshot " + png);
    }
}
