package dev.draehi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.testing.TestWhiteboards;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
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
import org.openqa.selenium.interactions.WheelInput;

/**
 * Logseq beyond its Markdown, as a reader sees it in the system's headless Chromium, on a small
 * graph of draehi's own, from {@code serve} and from the static export: a whiteboard with every
 * kind of shape, panned and zoomed with the mouse, the wheel, the keys and the buttons, its portals
 * linking to the pages they show.
 */
@Tag("slow")
class LogseqExtrasBrowserTest {
    static final String WS = "extras";
    static final String HLS = "hls__paper_1663143498127_0";
    static final String HL_TEXT = "6453a7a2-9999-4222-8333-444455556666";
    static final String HL_AREA = "6453a7a2-aaaa-4222-8333-444455556666";

    @TempDir static Path work;
    @RegisterExtension static final BrowserSession reader = new BrowserSession();
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        BrowserSession.assumeChromium();
        Path graph = Files.createDirectories(work.resolve("graph"));
        Files.createDirectories(graph.resolve("pages"));
        Files.createDirectories(graph.resolve("assets"));
        Files.createDirectories(graph.resolve("whiteboards"));
        Files.writeString(
                graph.resolve("whiteboards/Every Shape.edn"), TestWhiteboards.everyShape());
        Files.writeString(
                graph.resolve("pages/Whiteboard Target.md"), TestWhiteboards.targetPage());
        Files.writeString(
                graph.resolve("pages/Secret Plans.md"), "public:: false\n\n- hidden plans\n");
        Files.writeString(graph.resolve("pages/plain.md"), "- Just words.\n");
        Files.writeString(
                graph.resolve("pages/cards.md"),
                "- What is the capital of France? #card\n"
                        + "\t- Paris, on the Seine\n"
                        + "- Most apples are {{cloze red \\\\ color}}; the sky is {{cloze blue}}. #card\n"
                        + "- Not a card\n"
                        + "\t- always shown\n");
        Files.writeString(
                graph.resolve("pages/" + HLS + ".md"),
                "file:: [paper.pdf](../assets/paper_1663143498127_0.pdf)\n"
                        + "file-path:: ../assets/paper_1663143498127_0.pdf\n\n"
                        + "- the sentence I marked\n  ls-type:: annotation\n  hl-page:: 3\n"
                        + "  hl-color:: green\n  id:: "
                        + HL_TEXT
                        + "\n- [:span]\n  ls-type:: annotation\n  hl-page:: 5\n"
                        + "  hl-color:: purple\n  id:: "
                        + HL_AREA
                        + "\n  hl-type:: area\n  hl-stamp:: 1663143600000\n");
        Files.writeString(
                graph.resolve("pages/reading.md"), "- As the paper says, ((" + HL_TEXT + "))\n");
        Files.write(
                graph.resolve("assets/paper_1663143498127_0.pdf"),
                "%PDF-1.4\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Path areaDir = Files.createDirectories(graph.resolve("assets/paper_1663143498127_0"));
        ImageIO.write(
                picture(new Color(0x8e4ec6)),
                "png",
                areaDir.resolve("5_" + HL_AREA + "_1663143600000.png").toFile());
        ImageIO.write(
                picture(new Color(0x2f9e44)),
                "png",
                graph.resolve("assets/board-picture.png").toFile());
        ServedGraph served = ServedGraph.start(graph, WS, work);
        browser = reader.start(served, served.export(work.resolve("export")), work);
    }

    @Test
    void aWhiteboardPansAndZoomsAndItsPortalsLinkToTheirPages() {
        for (String url :
                List.of(
                        reader.served("/extras/every-shape"),
                        reader.export("/extras/every-shape"))) {
            reader.open(url);
            WebElement svg = browser.findElement(By.cssSelector("figure.whiteboard > svg"));
            reader.waitFor(
                    5, () -> reader.count("figure.whiteboard.wb-live .wb-tools button") == 3);
            assertThat(reader.count("g.wb-shape")).as(url).isEqualTo(14);
            assertThat(reader.count("script[src$='whiteboard.js']")).isEqualTo(1);
            String home = svg.getDomAttribute("viewBox");
            double[] v0 = box(svg);

            // the wheel zooms in around the pointer
            new Actions(browser)
                    .scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(svg), 0, -300)
                    .perform();
            reader.waitFor(5, () -> box(svg)[2] < v0[2]);

            // a drag pans: the view moves against the pointer
            double[] before = box(svg);
            new Actions(browser)
                    .moveToElement(svg, -100, 0)
                    .clickAndHold()
                    .moveByOffset(150, 60)
                    .release()
                    .perform();
            double[] after = box(svg);
            assertThat(after[0]).as("dragged right, the view moves left").isLessThan(before[0]);
            assertThat(after[1]).isLessThan(before[1]);
            assertThat(after[2]).isEqualTo(before[2]);

            // the buttons zoom and fit
            browser.findElement(By.cssSelector(".wb-tools button[aria-label='Zoom out']")).click();
            assertThat(box(svg)[2]).isGreaterThan(after[2]);
            browser.findElement(
                            By.cssSelector(".wb-tools button[aria-label='Show the whole board']"))
                    .click();
            assertThat(svg.getDomAttribute("viewBox")).isEqualTo(home);

            // the keys: + zooms in, an arrow pans, 0 fits
            WebElement figure = browser.findElement(By.cssSelector("figure.whiteboard"));
            figure.click();
            new Actions(browser).sendKeys("+").perform();
            assertThat(box(svg)[2]).isLessThan(v0[2]);
            double x = box(svg)[0];
            new Actions(browser).sendKeys(Keys.ARROW_RIGHT).perform();
            assertThat(box(svg)[0]).isGreaterThan(x);
            new Actions(browser).sendKeys("0").perform();
            assertThat(svg.getDomAttribute("viewBox")).isEqualTo(home);

            // hostile text stayed text, no script of the board ran
            assertThat(reader.texts("g.wb-text tspan")).contains("</svg><script>alert(1)</script>");
            assertThat(reader.count("figure.whiteboard script")).isZero();
            assertThat(html()).doesNotContain("javascript:");
            // the local image is published and loads
            reader.waitFor(
                    5,
                    () ->
                            Boolean.TRUE.equals(
                                    reader.js(
                                            "var i = document.querySelector('g.wb-image image');"
                                                    + "return !!i && i.getBBox().width > 0;")));

            // a portal card is a link to the page it shows
            browser.findElement(By.cssSelector("g.wb-logseq-portal a.wb-link")).click();
            reader.waitFor(5, () -> browser.getCurrentUrl().endsWith("/extras/whiteboard-target"));
            // and that page lists the whiteboard among its linked references
            assertThat(browser.findElement(By.tagName("main")).getText()).contains("Every Shape");
            assertThat(reader.count("script[src$='whiteboard.js']")).isZero();
        }
    }

    @Test
    void whiteboardsAreListedInAllPagesAndPlainPagesDoNotLoadTheirScript() {
        reader.open(reader.served("/extras/-/all-pages"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Every Shape");
        reader.open(reader.served("/extras/plain"));
        assertThat(reader.count("script[src$='whiteboard.js']")).isZero();
        assertThat(reader.count("link[href$='whiteboard.css']")).isZero();
    }

    @Test
    void withoutScriptTheWholeBoardShows() {
        browser.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
        try {
            reader.open(reader.served("/extras/every-shape"));
            WebElement svg = browser.findElement(By.cssSelector("figure.whiteboard > svg"));
            assertThat(svg.isDisplayed()).isTrue();
            assertThat(reader.count(".wb-tools")).isZero();
            assertThat(svg.getSize().getWidth()).isGreaterThan(300);
            assertThat(svg.getSize().getHeight()).isGreaterThan(200);
        } finally {
            browser.executeCdpCommand(
                    "Emulation.setScriptExecutionDisabled", Map.of("value", false));
        }
    }

    @Test
    void screenshotsDesktopAndMobileLightAndDark() throws Exception {
        for (boolean mobile : List.of(false, true)) {
            for (boolean dark : List.of(false, true)) {
                int width = mobile ? 390 : 1280;
                reader.emulate(width, mobile ? 844 : 900, mobile);
                reader.colorScheme(dark ? "dark" : "light");
                for (String page : List.of("every-shape", "cards", "hls-paper-1663143498127-0")) {
                    reader.open(reader.served("/extras/" + page));
                    if (page.equals("every-shape")) {
                        reader.waitFor(5, () -> reader.count("figure.whiteboard.wb-live") == 1);
                    } else if (page.equals("cards")) {
                        browser.findElement(By.cssSelector("details.card-answer > summary"))
                                .click();
                        browser.findElement(By.cssSelector(".cloze")).click();
                    }
                    assertThat(
                                    (Boolean)
                                            reader.js(
                                                    "return document.scrollingElement.scrollWidth"
                                                            + " <= document.scrollingElement.clientWidth"))
                            .as(page + " scrolls sideways")
                            .isTrue();
                    String name = page.startsWith("hls") ? "pdf-highlights" : page;
                    shot(
                            name
                                    + "-"
                                    + (mobile ? "mobile" : "desktop")
                                    + (dark ? "-dark" : "-light"),
                            width);
                }
            }
        }
    }

    static BufferedImage picture(Color colour) {
        BufferedImage img = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 160, 120);
        g.setColor(Color.WHITE);
        g.fillOval(40, 20, 80, 80);
        g.dispose();
        return img;
    }

    @Test
    void flashcardsShowTheirAnswerOnDemandAndClozesHideTheirsUntilClicked() {
        for (String url : List.of(reader.served("/extras/cards"), reader.export("/extras/cards"))) {
            reader.open(url);
            assertThat(browser.findElement(By.cssSelector(".card-count")).getText())
                    .isEqualTo("2 flashcards");
            WebElement answer = browser.findElement(By.cssSelector("details.card-answer"));
            WebElement paris = answer.findElement(By.cssSelector("ul.children"));
            assertThat(paris.isDisplayed()).as(url).isFalse();
            answer.findElement(By.cssSelector(":scope > summary")).click();
            assertThat(paris.isDisplayed()).isTrue();
            assertThat(paris.getText()).contains("Paris, on the Seine");
            // a block that is no card keeps its children in view
            assertThat(browser.findElement(By.tagName("main")).getText()).contains("always shown");

            reader.waitFor(5, () -> reader.count(".cloze.cloze-hidden") == 2);
            List<WebElement> clozes = browser.findElements(By.cssSelector(".cloze"));
            WebElement red = clozes.get(0);
            assertThat(red.getText()).isEqualTo("(color)");
            assertThat(clozes.get(1).getText()).isEqualTo("[...]");
            red.click();
            assertThat(red.getText()).isEqualTo("[red]");
            assertThat(red.getAttribute("aria-expanded")).isEqualTo("true");
            red.click();
            assertThat(red.getText()).isEqualTo("(color)");
            clozes.get(1).sendKeys(Keys.ENTER);
            assertThat(clozes.get(1).getText()).isEqualTo("[blue]");
        }
        browser.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
        try {
            reader.open(reader.served("/extras/cards"));
            // without script the answers show
            assertThat(browser.findElement(By.cssSelector(".cloze")).getText()).isEqualTo("[red]");
        } finally {
            browser.executeCdpCommand(
                    "Emulation.setScriptExecutionDisabled", Map.of("value", false));
        }
    }

    @Test
    void pdfHighlightsLinkIntoThePdfAtTheirPage() {
        for (String base : List.of(reader.served(""), reader.export(""))) {
            reader.open(base + "/extras/hls-paper-1663143498127-0");
            WebElement source = browser.findElement(By.cssSelector(".pdf-source"));
            assertThat(source.getText()).isEqualTo("Highlights of paper.pdf · 2 highlights");
            assertThat(source.findElement(By.cssSelector("a")).getAttribute("href"))
                    .endsWith("/paper_1663143498127_0.pdf");
            List<WebElement> pages =
                    browser.findElements(By.cssSelector(".pdf-highlight .hl-page"));
            assertThat(pages).extracting(WebElement::getText).containsExactly("P3", "P5");
            assertThat(pages.get(0).getAttribute("href")).endsWith(".pdf#page=3");
            assertThat(reader.count(".pdf-highlight.hl-green")).isEqualTo(1);
            reader.waitFor(
                    5,
                    () ->
                            Boolean.TRUE.equals(
                                    reader.js(
                                            "var i = document.querySelector('.pdf-highlight.hl-purple img.hl-area');"
                                                    + "return !!i && i.complete && i.naturalWidth === 160;")));
            // the PDF itself is published
            browser.get(pages.get(0).getAttribute("href").replace("#page=3", ""));
            assertThat(browser.getCurrentUrl()).endsWith(".pdf");

            reader.open(base + "/extras/reading");
            WebElement p3 = browser.findElement(By.cssSelector("a.hl-page"));
            assertThat(p3.getText()).isEqualTo("P3");
            assertThat(p3.getAttribute("href")).endsWith("/paper_1663143498127_0.pdf#page=3");
            assertThat(browser.findElement(By.cssSelector("a.block-reference")).getText())
                    .isEqualTo("the sentence I marked");
        }
    }

    static double[] box(WebElement svg) {
        String[] parts = svg.getDomAttribute("viewBox").split(" ");
        double[] out = new double[4];
        for (int i = 0; i < 4; i++) {
            out[i] = Double.parseDouble(parts[i]);
        }
        return out;
    }

    static String html() {
        return browser.getPageSource();
    }

    static void shot(String name, int width) throws Exception {
        Path png = reader.screenshot(name, width, 0, 2400);
        System.out.println("browser test: screenshot " + png);
    }
}
