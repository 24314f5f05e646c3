package dev.draehi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.draehi.testing.DocsGraph;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Search in Chromium, on {@code serve} and on the static export of the Logseq docs graph: the
 * header's box answers as one types with the matched words marked, Enter and a shared {@code ?q=}
 * URL show the hits, and the script shows the same hits as the server without script.
 */
@Tag("slow")
class SearchBrowserTest {
    static final String WS = "docs";

    @TempDir static Path work;
    @RegisterExtension static final BrowserSession reader = new BrowserSession();
    static ChromeDriver browser;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        BrowserSession.assumeChromium();
        ServedGraph served = ServedGraph.start(DocsGraph.path(), WS, work);
        browser = reader.start(served, served.export(work.resolve("export")), work);
    }

    static Stream<String> sites() {
        return Stream.of("serve", "export");
    }

    /** Waits up to ten seconds for {@code ready}. */
    static void until(java.util.function.Predicate<ChromeDriver> ready)
            throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!ready.test(browser)) {
            assertThat(System.nanoTime()).as("waited ten seconds").isLessThan(end);
            Thread.sleep(50);
        }
    }

    @ParameterizedTest
    @MethodSource("sites")
    void typingInTheHeaderShowsMarkedHitsAndEnterOpensTheSearchPage(String which) throws Exception {
        browser.get(reader.url(which, "/" + WS + "/"));
        // "/" focuses the box
        browser.findElement(By.tagName("body")).sendKeys("/");
        WebElement box = browser.switchTo().activeElement();
        assertThat(box.getAttribute("name")).isEqualTo("q");
        box.sendKeys("QUERY datalog");
        until(d -> !d.findElements(By.cssSelector(".search-panel li mark")).isEmpty());
        List<WebElement> hits = browser.findElements(By.cssSelector(".search-panel li.search-hit"));
        assertThat(hits).hasSizeGreaterThan(5);
        assertThat(browser.findElements(By.cssSelector(".search-panel li.block-hit a")))
                .anyMatch(a -> a.getAttribute("href").contains("#"));
        // pages first, then blocks
        List<String> kinds = hits.stream().map(h -> h.getAttribute("class")).toList();
        int firstBlock = kinds.indexOf("search-hit block-hit");
        assertThat(kinds.subList(Math.max(0, firstBlock), kinds.size()))
                .allMatch(k -> k.contains("block-hit"));
        List<String> marked =
                browser.findElements(By.cssSelector(".search-panel mark")).stream()
                        .map(m -> m.getText().toLowerCase())
                        .distinct()
                        .toList();
        assertThat(marked).contains("datalog", "query");
        shot(which + "-panel", 1280, 900);

        box.sendKeys(Keys.ENTER);
        until(d -> d.getCurrentUrl().contains("/-/search"));
        until(d -> !d.findElements(By.cssSelector("#search-results li mark")).isEmpty());
        assertThat(browser.getCurrentUrl()).contains("q=QUERY+datalog");
        assertThat(
                        browser.findElement(By.cssSelector("form.search input[type=search]"))
                                .getAttribute("value"))
                .isEqualTo("QUERY datalog");
        shot(which + "-search-page", 1280, 900);
        shot(which + "-search-page-mobile", 390, 844);
    }

    @ParameterizedTest
    @MethodSource("sites")
    void aSharedQueryUrlShowsItsHits(String which) throws Exception {
        browser.get(reader.url(which, "/" + WS + "/-/search?q=preferredthememode"));
        until(d -> !d.findElements(By.cssSelector("#search-results li mark")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#search-results mark")).getText())
                .isEqualToIgnoringCase("preferredThemeMode");
    }

    @Test
    void theScriptShowsWhatTheServerFindsWithoutScript() throws Exception {
        for (String q : List.of("datalog query", "preferredThemeMode", "page embed", "clojure")) {
            String url =
                    reader.served(
                            "/"
                                    + WS
                                    + "/-/search?q="
                                    + URLEncoder.encode(q, StandardCharsets.UTF_8));
            String html =
                    http.send(
                                    HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body();
            List<String> server =
                    Jsoup.parse(html).select("#search-results > li").stream()
                            .map(li -> li.text())
                            .toList();
            assertThat(server).as(q).isNotEmpty();
            // typed into the search page's box of a static export: the script's own answer
            browser.get(reader.export("/" + WS + "/-/search"));
            WebElement box = browser.findElement(By.cssSelector("form.search input[type=search]"));
            box.sendKeys(q);
            until(
                    d ->
                            d.findElements(By.cssSelector("#search-results > li")).size()
                                    == server.size());
            List<String> script =
                    browser.findElements(By.cssSelector("#search-results > li")).stream()
                            .map(li -> li.getText().replaceAll("\\s+", " ").strip())
                            .toList();
            assertThat(script).as(q).isEqualTo(server);
        }
    }

    static void shot(String name, int width, int height) throws Exception {
        reader.emulate(width, height, 1, width < 600);
        try {
            Path png = reader.screenshot("search-" + name, Map.of());
            assertThat(Files.size(png)).isGreaterThan(5_000);
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }
}
