package dev.draehi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
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
    @RegisterExtension static final BrowserSession reader = new BrowserSession();
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        BrowserSession.assumeChromium();
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
        // compressed, as static hosts serve files: what a reader transfers (see the page budget)
        browser = reader.start(served, served.export(work.resolve("export"), true), work);
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "export"})
    void theDarkModeSwitchIsRememberedAcrossAReload(String where) throws Exception {
        reader.colorScheme("light");
        browser.get(reader.url(where, "/" + WS + "/guide"));
        reader.js("localStorage.clear()");
        browser.navigate().refresh();
        WebElement toggle = browser.findElement(By.cssSelector(".theme-toggle"));
        assertThat(toggle.isDisplayed()).isTrue();
        assertThat(toggle.getAttribute("aria-pressed")).isEqualTo("false");
        double light = SiteBrowserTest.luminance(bodyBackground());
        assertThat(light).isGreaterThan(0.8);

        toggle.click();
        assertThat(reader.js("return document.documentElement.dataset.theme")).isEqualTo("dark");
        assertThat(SiteBrowserTest.luminance(bodyBackground())).isLessThan(0.1);
        browser.navigate().refresh();
        // dark before anything ran after the head: the saved choice, no flash of light
        assertThat(reader.js("return document.documentElement.dataset.theme")).isEqualTo("dark");
        assertThat(SiteBrowserTest.luminance(bodyBackground())).isLessThan(0.1);
        toggle = browser.findElement(By.cssSelector(".theme-toggle"));
        assertThat(toggle.getAttribute("aria-pressed")).isEqualTo("true");
        screenshot(where + "-guide-dark-chosen", false);

        // the choice outlives the system's: a dark system, a light choice
        reader.colorScheme("dark");
        toggle.click();
        browser.navigate().refresh();
        assertThat(reader.js("return document.documentElement.dataset.theme")).isEqualTo("light");
        assertThat(SiteBrowserTest.luminance(bodyBackground())).isGreaterThan(0.8);
        reader.js("localStorage.clear()");
        browser.navigate().refresh();
        // no choice: the system's
        assertThat(SiteBrowserTest.luminance(bodyBackground())).isLessThan(0.1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "export"})
    void unlinkedReferencesOpenOnAClick(String where) throws Exception {
        browser.get(reader.url(where, "/" + WS + "/feature"));
        assertThat(browser.findElement(By.cssSelector("section.linked-references > h2")).getText())
                .isEqualTo("2 Linked references");
        assertThat(browser.findElements(By.cssSelector(".page-properties-reference"))).hasSize(1);
        WebElement summary =
                browser.findElement(By.cssSelector("section.unlinked-references summary"));
        assertThat(summary.getText()).isEqualTo("Unlinked references");
        // looked up when opened, as in Logseq
        assertThat(
                        browser.findElements(
                                By.cssSelector("section.unlinked-references .block-content")))
                .isEmpty();
        summary.click();
        By mentions = By.cssSelector("section.unlinked-references .block-content");
        reader.waitFor(
                10,
                () -> !browser.findElements(mentions).isEmpty(),
                "the unlinked references shown");
        WebElement mention = browser.findElement(mentions);
        assertThat(mention.isDisplayed()).isTrue();
        assertThat(mention.getText()).contains("I like this feature a lot.");
        assertThat(
                        browser.findElement(
                                        By.cssSelector(
                                                "section.unlinked-references .unlinked-count"))
                                .getText())
                .isEqualTo("1 unlinked reference");
        screenshot(where + "-feature-unlinked-open", false);
        screenshot(where + "-feature-unlinked-open-mobile", true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "export"})
    void theSkipLinkIsTheFirstStopOfTheKeyboardAndJumpsToTheContent(String where) {
        browser.get(reader.url(where, "/" + WS + "/guide"));
        WebElement skip = browser.findElement(By.cssSelector("a.skip-link"));
        assertThat(
                        (Long)
                                reader.js(
                                        "return Math.round(arguments[0].getBoundingClientRect().bottom)",
                                        skip))
                .as("hidden until focused")
                .isLessThanOrEqualTo(0);
        new Actions(browser).sendKeys(Keys.TAB).perform();
        assertThat(reader.js("return document.activeElement.className")).isEqualTo("skip-link");
        assertThat(
                        (Long)
                                reader.js(
                                        "return Math.round(arguments[0].getBoundingClientRect().top)",
                                        skip))
                .as("shown when focused")
                .isGreaterThanOrEqualTo(0);
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        assertThat(browser.getCurrentUrl()).endsWith("#content");
        assertThat(reader.js("return document.activeElement.id")).isEqualTo("content");
        // the next Tab goes into the content, not back to the header
        new Actions(browser).sendKeys(Keys.TAB).perform();
        assertThat(
                        (Boolean)
                                reader.js(
                                        "return document.getElementById('content').contains(document.activeElement)"))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "export"})
    void aNestedTableOfContentsEntryScrollsToItsHeading(String where) throws Exception {
        browser.get(reader.url(where, "/" + WS + "/guide"));
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
                        reader.js(
                                "var r = document.getElementById(arguments[0]).getBoundingClientRect();"
                                        + "return r.top >= 0 && r.top < window.innerHeight;",
                                id);
        assertThat(inView).isTrue();
        assertThat((Long) reader.js("return Math.round(window.scrollY)")).isGreaterThan(100);
        screenshot(where + "-guide-toc", false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "export"})
    void theGraphsCustomCssAppliesLastAndRunsNothing(String where) throws Exception {
        browser.get(reader.url(where, "/" + WS + "/guide"));
        assertThat(browser.findElement(By.cssSelector("h1.page-title")).getCssValue("color"))
                .isEqualTo("rgba(200, 0, 100, 1)");
        assertThat(reader.js("return typeof window.pwned")).isEqualTo("undefined");
        assertThat(reader.js("return document.querySelectorAll('style').length")).isEqualTo(0L);
        List<String> sheets = texts("head link[rel=stylesheet]", "href");
        assertThat(sheets.get(sheets.size() - 1)).endsWith("/" + WS + "/-/custom.css");
        assertThat(browser.findElement(By.cssSelector("link[rel=icon]")).getAttribute("href"))
                .endsWith("/" + WS + "/-/assets/favicon.png");
        // links in text are underlined, the header's are not
        browser.get(reader.url(where, "/" + WS + "/notes"));
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
        browser.get(reader.url(where, "/" + WS + "/plain"));
        long bytes =
                ((Number)
                                reader.js(
                                        "var n = performance.getEntriesByType('navigation')[0].transferSize;"
                                                + "performance.getEntriesByType('resource').forEach(function (e) { n += e.transferSize; });"
                                                + "return n;"))
                        .longValue();
        System.out.printf("reader frame browser test: %s plain page %d bytes%n", where, bytes);
        assertThat(bytes).isLessThan(25 * 1024);
        browser.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", false));
    }

    static String bodyBackground() {
        return (String) reader.js("return getComputedStyle(document.body).backgroundColor");
    }

    static List<String> texts(String css) {
        return browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    static List<String> texts(String css, String attribute) {
        return browser.findElements(By.cssSelector(css)).stream()
                .map(e -> e.getAttribute(attribute))
                .toList();
    }

    /** The window from where it is scrolled to, on a desktop's screen or a phone's. */
    static void screenshot(String name, boolean mobile) throws Exception {
        if (mobile) {
            reader.emulatePhone();
        }
        long y = (Long) reader.js("return Math.round(window.scrollY)");
        Path png =
                reader.screenshot(
                        "reader-frame-" + name,
                        mobile ? BrowserSession.PHONE_WIDTH : 1280,
                        y,
                        1400);
        System.out.println("reader frame browser test: screenshot " + png);
    }
}
