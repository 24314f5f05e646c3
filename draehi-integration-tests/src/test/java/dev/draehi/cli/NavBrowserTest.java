package dev.draehi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * Moving about a graph as a reader does, in the system's headless Chromium, on {@code serve} and on
 * the static export: hover previews of page references, tags and block references; the sidebar
 * (favorites, namespace, recent journals), collapsible on a wide screen and a drawer on a narrow
 * one; the whole graph and a page's graph, whose dots open their pages.
 */
@Tag("slow")
class NavBrowserTest {
    static final String WS = "nv";
    static final String BLOCK_ID = "6571a3c0-0000-4000-8000-000000000001";

    @TempDir static Path work;
    @RegisterExtension static final BrowserSession reader = new BrowserSession();
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        BrowserSession.assumeChromium();
        Path graph = Files.createDirectories(work.resolve("graph"));
        Files.createDirectories(graph.resolve("pages"));
        Files.createDirectories(graph.resolve("journals"));
        Files.createDirectories(graph.resolve("logseq"));
        Files.writeString(
                graph.resolve("logseq/config.edn"),
                "{:journal/page-title-format \"yyyy-MM-dd\"\n"
                        + " :favorites [\"alpha\" \"Beta/Child\" \"no such page\"]}\n");
        Files.writeString(
                graph.resolve("pages/Alpha.md"),
                "- Alpha opens with a sentence about [[Beta]] and #Gamma.\n"
                        + "- A quotable block of Alpha\n"
                        + "  id:: "
                        + BLOCK_ID
                        + "\n"
                        + "- Alpha's third thought.\n");
        Files.writeString(
                graph.resolve("pages/Beta.md"),
                "- Beta quotes (("
                        + BLOCK_ID
                        + ")) and links to [[Alpha]].\n"
                        + "- Beta is tagged #Gamma too.\n"
                        + "- "
                        + "Long text to scroll. ".repeat(40)
                        + "\n");
        Files.writeString(
                graph.resolve("pages/Gamma.md"), "- Gamma is a tag page with words of its own.\n");
        Files.writeString(
                graph.resolve("pages/beta-child.md"),
                "title:: Beta/Child\n\n- A child page in the Beta namespace, see [[Alpha]].\n");
        Files.writeString(
                graph.resolve("journals/2024_01_15.md"), "- A journal day about [[Alpha]].\n");
        Files.writeString(
                graph.resolve("journals/2024_01_16.md"), "- The next day, about [[Gamma]].\n");
        ServedGraph served = ServedGraph.start(graph, WS, work);
        // compressed, as static hosts serve files: what a reader transfers (see the page budget)
        browser = reader.start(served, served.export(work.resolve("export"), true), work);
    }

    @AfterEach
    void resetTouch() {
        browser.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", false));
    }

    @Test
    void hoveringAReferenceShowsItsTargetInACardThatMovesNothing() {
        for (String url : reader.both("/" + WS + "/beta")) {
            open(url);
            WebElement main = browser.findElement(By.cssSelector("main"));
            Object before =
                    reader.js("return JSON.stringify(arguments[0].getBoundingClientRect())", main);
            WebElement alpha = browser.findElement(By.cssSelector("a.page-reference[data-page]"));
            new Actions(browser).moveToElement(alpha).perform();
            WebElement card = waitForCard("Alpha opens with a sentence", url);
            assertThat(card.getText()).as(url).contains("Alpha", "A quotable block of Alpha");
            assertThat(
                            reader.js(
                                    "return JSON.stringify(arguments[0].getBoundingClientRect())",
                                    main))
                    .as("the page does not move under the card on " + url)
                    .isEqualTo(before);
            assertThat(alpha.getAttribute("aria-describedby")).isEqualTo("preview-card");
            new Actions(browser).sendKeys(Keys.ESCAPE).perform();
            reader.waitFor(3, () -> !card.isDisplayed(), url);

            // the block reference shows the block itself
            WebElement ref = browser.findElement(By.cssSelector("a.block-reference"));
            new Actions(browser).moveToElement(ref).perform();
            WebElement blockCard = waitForCard("A quotable block of Alpha", url);
            assertThat(blockCard.getText()).as(url).doesNotContain("Alpha opens with");
            // moving away closes it
            new Actions(browser)
                    .moveToElement(browser.findElement(By.cssSelector("h1.page-title")))
                    .perform();
            reader.waitFor(3, () -> !blockCard.isDisplayed(), url);

            // a tag, from the keyboard
            for (int i = 0; i < 40 && !focusedIs("a.hashtag-link"); i++) {
                new Actions(browser).sendKeys(Keys.TAB).perform();
            }
            assertThat(focusedIs("a.hashtag-link")).as(url).isTrue();
            WebElement tagCard = waitForCard("Gamma is a tag page", url);
            // the page's own blocks, not the linked references below them on its page
            assertThat(tagCard.getText()).as(url).doesNotContain("Alpha opens with");
            new Actions(browser).sendKeys(Keys.ESCAPE).perform();
            reader.waitFor(3, () -> !browser.findElement(By.id("preview-card")).isDisplayed(), url);
            assertThat(reader.consoleErrors()).as(url).isEmpty();
        }
    }

    @Test
    void aTapOnATouchScreenFollowsTheLink() {
        reader.emulate(390, 844, true);
        browser.executeCdpCommand(
                "Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
        for (String url : reader.both("/" + WS + "/beta")) {
            open(url);
            @SuppressWarnings("unchecked")
            Map<String, Number> at =
                    (Map<String, Number>)
                            reader.js(
                                    "var a = document.querySelector('a.page-reference[data-page]');"
                                            + "a.scrollIntoView({block: 'center'});"
                                            + "var r = a.getBoundingClientRect();"
                                            + "return {x: r.left + r.width / 2, y: r.top + r.height / 2};");
            Map<String, Object> point = Map.of("x", at.get("x"), "y", at.get("y"));
            browser.executeCdpCommand(
                    "Input.dispatchTouchEvent",
                    Map.of("type", "touchStart", "touchPoints", List.of(point)));
            browser.executeCdpCommand(
                    "Input.dispatchTouchEvent",
                    Map.of("type", "touchEnd", "touchPoints", List.of()));
            reader.waitFor(5, () -> browser.getCurrentUrl().endsWith("/" + WS + "/alpha"), url);
            assertThat(browser.findElement(By.cssSelector("h1.page-title")).getText())
                    .isEqualTo("Alpha");
            assertThat(browser.findElements(By.cssSelector(".preview-card:not([hidden])")))
                    .isEmpty();
        }
    }

    @Test
    void theSidebarListsFavoritesTheNamespaceAndRecentJournals() {
        for (String url : reader.both("/" + WS + "/beta/child")) {
            open(url);
            WebElement bar = browser.findElement(By.id("sidebar"));
            assertThat(bar.isDisplayed()).as(url).isTrue();
            assertThat(texts("#sidebar .sidebar-favorites a"))
                    .as(url)
                    .containsExactly("Alpha", "Beta/Child");
            assertThat(texts("#sidebar .sidebar-namespace a")).as(url).containsExactly("Beta");
            assertThat(texts("#sidebar .sidebar-namespace .current"))
                    .as(url)
                    .containsExactly("Child");
            assertThat(texts("#sidebar .sidebar-journals a"))
                    .as(url)
                    .containsExactly("2024-01-16", "2024-01-15");
            // collapsed on a wide screen, and remembered on the next page
            WebElement toggle = browser.findElement(By.cssSelector("button.sidebar-toggle"));
            assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("true");
            toggle.click();
            reader.waitFor(3, () -> !bar.isDisplayed(), url + " collapsed");
            assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("false");
            open(url.replace("/beta/child", "/alpha"));
            assertThat(browser.findElement(By.id("sidebar")).isDisplayed()).as(url).isFalse();
            browser.findElement(By.cssSelector("button.sidebar-toggle")).click();
            reader.waitFor(
                    3,
                    () -> browser.findElement(By.id("sidebar")).isDisplayed(),
                    url + " expanded");
            assertThat(reader.consoleErrors()).as(url).isEmpty();
        }
    }

    @Test
    void onAPhoneTheSidebarIsADrawerOpenedFromTheHeader() {
        emulate(true, false);
        for (String url : reader.both("/" + WS + "/beta")) {
            open(url);
            WebElement bar = browser.findElement(By.id("sidebar"));
            assertThat(bar.isDisplayed()).as(url).isFalse();
            openDrawer(bar, url + " drawer open");
            new Actions(browser).sendKeys(Keys.ESCAPE).perform();
            reader.waitFor(3, () -> !bar.isDisplayed(), url + " drawer closed");
            openDrawer(bar, url + " drawer open again");
            bar.findElement(By.linkText("Alpha")).click();
            reader.waitFor(5, () -> browser.getCurrentUrl().endsWith("/" + WS + "/alpha"), url);
            assertThat(browser.findElement(By.cssSelector("h1.page-title")).getText())
                    .isEqualTo("Alpha");
        }
    }

    /**
     * Opens the sidebar drawer from the header button and checks that it slides in to lie over the
     * page, at the screen's left edge.
     */
    static void openDrawer(WebElement bar, String what) {
        browser.findElement(By.cssSelector(".site-header button.sidebar-toggle")).click();
        reader.waitFor(3, bar::isDisplayed, what);
        reader.waitFor(
                3,
                () ->
                        "none"
                                .equals(
                                        reader.js(
                                                "return getComputedStyle(arguments[0]).transform",
                                                bar)),
                what + ": drawer in place");
        assertThat(
                        ((Number)
                                        reader.js(
                                                "return arguments[0].getBoundingClientRect().left",
                                                bar))
                                .intValue())
                .as(what)
                .isZero();
    }

    @Test
    void withoutScriptTheSidebarIsAListOfLinks() {
        browser.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
        try {
            for (boolean mobile : List.of(false, true)) {
                emulate(mobile, false);
                open(reader.served("/" + WS + "/beta"));
                assertThat(browser.findElement(By.id("sidebar")).isDisplayed()).isTrue();
                assertThat(
                                browser.findElement(By.cssSelector("button.sidebar-toggle"))
                                        .isDisplayed())
                        .isFalse();
                browser.findElement(By.id("sidebar")).findElement(By.linkText("Alpha")).click();
                reader.waitFor(
                        5, () -> browser.getCurrentUrl().endsWith("/" + WS + "/alpha"), "link");
            }
        } finally {
            browser.executeCdpCommand(
                    "Emulation.setScriptExecutionDisabled", Map.of("value", false));
        }
    }

    @Test
    void aPlainPageStaysUnder25Kilobytes() {
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
        try {
            for (String url : reader.both("/" + WS + "/gamma")) {
                open(url);
                reader.waitFor(
                        3,
                        () -> (Boolean) reader.js("return document.readyState === 'complete'"),
                        url);
                long bytes =
                        ((Number)
                                        reader.js(
                                                "var n = performance.getEntriesByType('navigation')[0].transferSize;"
                                                        + "performance.getEntriesByType('resource').forEach(function (e) { n += e.transferSize; });"
                                                        + "return n;"))
                                .longValue();
                System.out.printf(
                        "nav browser test: %s transferred %d bytes: %s%n",
                        url,
                        bytes,
                        reader.js(
                                "return performance.getEntriesByType('resource').map(function (e) {"
                                        + " return e.name.replace(/^.*\\//, '') + ' ' + e.transferSize + '/' + e.decodedBodySize; }).join(', ')"));
                assertThat(bytes).as(url).isLessThan(25 * 1024);
            }
        } finally {
            browser.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", false));
        }
    }

    @Test
    void theGraphPageDrawsEveryPageAndAClickOnOneOpensIt() {
        for (String url : reader.both("/" + WS + "/-/graph")) {
            open(url);
            assertThat(browser.findElements(By.cssSelector("script[src*='force-graph']")))
                    .as(url)
                    .hasSize(1);
            WebElement view = browser.findElement(By.cssSelector(".graph-view.graph-global"));
            reader.waitFor(
                    15, () -> "settled".equals(view.getAttribute("data-drawn")), url + " drawn");
            assertThat(view.findElements(By.tagName("canvas"))).as(url).isNotEmpty();
            assertThat(
                            ((Number)
                                            reader.js(
                                                    "return arguments[0].forceGraph.graphData().nodes.length",
                                                    view))
                                    .intValue())
                    .as(url)
                    .isGreaterThanOrEqualTo(6);
            // pointing at a dot names its page; clicking it opens the page
            clickNode(view, "Gamma");
            reader.waitFor(5, () -> browser.getCurrentUrl().endsWith("/" + WS + "/gamma"), url);
            assertThat(browser.findElement(By.cssSelector("h1.page-title")).getText())
                    .isEqualTo("Gamma");
            assertThat(reader.consoleErrors()).as(url).isEmpty();
        }
    }

    @Test
    void aPagesGraphLoadsWhenOpenedAndShowsItsNeighbours() {
        for (String url : reader.both("/" + WS + "/alpha")) {
            open(url);
            assertThat(
                            browser.findElements(
                                    By.cssSelector(
                                            "script[src*='force-graph'], script[src*='graph.js']")))
                    .as("no graph code before the graph is opened on " + url)
                    .isEmpty();
            browser.findElement(By.cssSelector("details.local-graph > summary")).click();
            WebElement view = browser.findElement(By.cssSelector(".graph-view.graph-local"));
            reader.waitFor(
                    15, () -> "settled".equals(view.getAttribute("data-drawn")), url + " drawn");
            @SuppressWarnings("unchecked")
            List<String> titles =
                    (List<String>)
                            reader.js(
                                    "return arguments[0].forceGraph.graphData().nodes.map(function (n) { return n.t; })",
                                    view);
            // as Logseq's page graph: the page, what it links to and what links to it
            assertThat(titles.get(0)).isEqualTo("Alpha");
            assertThat(titles)
                    .as(url)
                    .containsExactlyInAnyOrder("Alpha", "Beta", "Gamma", "Beta/Child", "2024-01-15")
                    // about Gamma, not Alpha: two links away
                    .doesNotContain("2024-01-16");
            clickNode(view, "Beta");
            reader.waitFor(5, () -> browser.getCurrentUrl().endsWith("/" + WS + "/beta"), url);
        }
    }

    /** Moves the mouse onto the dot of page {@code title} in a graph view, and clicks it. */
    static void clickNode(WebElement view, String title) {
        reader.js("arguments[0].scrollIntoView({block: 'center'})", view);
        @SuppressWarnings("unchecked")
        Map<String, Number> at =
                (Map<String, Number>)
                        reader.js(
                                "var g = arguments[0].forceGraph, r = arguments[0].getBoundingClientRect(), t = arguments[1];"
                                        + "var n = g.graphData().nodes.filter(function (m) { return m.t === t; })[0];"
                                        + "var c = g.graph2ScreenCoords(n.x, n.y);"
                                        + "return {x: Math.round(r.left + c.x), y: Math.round(r.top + c.y)};",
                                view,
                                title);
        new Actions(browser)
                .moveToLocation(at.get("x").intValue(), at.get("y").intValue())
                .perform();
        // force-graph finds the dot under the pointer on its own (throttled) hit canvas, and marks
        // the canvas clickable once it has: a click before that lands on the background
        reader.waitFor(
                5,
                () -> !view.findElements(By.cssSelector("canvas.clickable")).isEmpty(),
                "pointer on " + title);
        new Actions(browser).click().perform();
    }

    @Test
    void screenshotsDesktopAndMobileLightAndDark() throws Exception {
        for (boolean mobile : List.of(false, true)) {
            for (boolean dark : List.of(false, true)) {
                String name = (mobile ? "mobile" : "desktop") + "-" + (dark ? "dark" : "light");
                emulate(mobile, dark);
                open(reader.served("/" + WS + "/beta"));
                if (!mobile) {
                    new Actions(browser)
                            .moveToElement(
                                    browser.findElement(
                                            By.cssSelector("a.page-reference[data-page]")))
                            .perform();
                    waitForCard("Alpha opens with", name);
                }
                shot("nav-preview-" + name, mobile);
                open(reader.served("/" + WS + "/beta/child"));
                if (mobile) {
                    openDrawer(browser.findElement(By.id("sidebar")), name);
                }
                shot("nav-sidebar-" + name, mobile);
                open(reader.served("/" + WS + "/-/graph"));
                WebElement view = browser.findElement(By.cssSelector(".graph-view"));
                reader.waitFor(15, () -> "settled".equals(view.getAttribute("data-drawn")), name);
                shot("nav-graph-" + name, mobile);
                if (!mobile) {
                    open(reader.served("/" + WS + "/alpha"));
                    browser.findElement(By.cssSelector("details.local-graph > summary")).click();
                    WebElement local = browser.findElement(By.cssSelector(".graph-local"));
                    reader.waitFor(
                            15, () -> "settled".equals(local.getAttribute("data-drawn")), name);
                    shot("nav-page-graph-" + name, mobile);
                }
            }
        }
    }

    static WebElement waitForCard(String text, String where) {
        reader.waitFor(
                5,
                () -> {
                    List<WebElement> c = browser.findElements(By.id("preview-card"));
                    return !c.isEmpty()
                            && c.get(0).isDisplayed()
                            && c.get(0).getText().contains(text);
                },
                where + ": card with " + text);
        return browser.findElement(By.id("preview-card"));
    }

    static boolean focusedIs(String css) {
        return (Boolean) reader.js("return document.activeElement.matches(arguments[0])", css);
    }

    static void emulate(boolean mobile, boolean dark) {
        if (mobile) {
            reader.emulatePhone();
        } else {
            reader.emulate(1280, 900, false);
        }
        reader.colorScheme(dark ? "dark" : "light");
    }

    static void shot(String name, boolean mobile) throws Exception {
        Path png =
                reader.screenshot(
                        name,
                        Map.of(
                                "clip",
                                Map.of(
                                        "x",
                                        0,
                                        "y",
                                        0,
                                        "width",
                                        mobile ? BrowserSession.PHONE_WIDTH : 1280,
                                        "height",
                                        mobile ? BrowserSession.PHONE_HEIGHT : 900,
                                        "scale",
                                        1)));
        System.out.println("nav browser test: screenshot " + png);
    }

    /** The stripped {@code textContent} of each element {@code css} selects. */
    static List<String> texts(String css) {
        return reader.texts(css).stream().map(String::strip).toList();
    }

    /** Loads {@code url} with the mouse resting in the corner, away from any link. */
    static void open(String url) {
        reader.open(url);
        new Actions(browser).moveToLocation(0, 0).perform();
    }
}
