package dev.draehi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.draehi.server.DraehiServer;
import dev.draehi.testing.DocsGraph;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The served site in a real browser: the system's headless Chromium, driven through its own
 * ChromeDriver (Debian packages {@code chromium} and {@code chromium-driver}). Skipped when they
 * are not installed. Selenium Manager must never run (see {@link BrowserSession}).
 */
@Tag("slow")
class SiteBrowserTest {
    static final String WS = "docs";

    /**
     * Every page is checked over HTTP (status and links); Chromium loads every {@value}th page of
     * the sitemap plus pages with each special feature (TOC, breadcrumbs, embeds, tables, code, …).
     * Loading all ~840 pages took 160 s on two cores (about 190 ms a page), most of this class's
     * time budget, and the pages share one layout and stylesheet, so a deterministic sample finds
     * the same problems. {@code -Ddraehi.browser.all=true} loads every page.
     */
    static final int BROWSER_SAMPLE_EVERY = Boolean.getBoolean("draehi.browser.all") ? 1 : 5;

    static final List<String> SITE_PAGES =
            List.of(
                    "/" + WS + "/-/all-pages",
                    "/" + WS + "/-/all-pages/updated",
                    "/" + WS + "/-/search");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path work;
    static DraehiServer server;
    @RegisterExtension static final BrowserSession reader = new BrowserSession();
    static ChromeDriver browser;
    static HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Sitemap paths, in sitemap order. */
    static List<String> sitemap;

    /** Every sitemap page and site page, parsed, by path. */
    static Map<String, Document> pages = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        BrowserSession.assumeChromium();
        ServedGraph served = ServedGraph.start(DocsGraph.path(), WS, work);
        server = served.server();
        browser = reader.start(served, null, work, true);

        HttpResponse<String> map = get("/sitemap.xml");
        assertThat(map.statusCode()).isEqualTo(200);
        // without a base URL the sitemap lists nothing (its URLs must be absolute): the pages it
        // would list are the workspace's home and page paths of the export
        sitemap = new ArrayList<>();
        for (String p : served.site().exportPaths()) {
            if (p.startsWith("/" + WS + "/") && !p.contains("/-/")) {
                sitemap.add(p);
            }
        }
        assertThat(sitemap).hasSizeGreaterThan(100);

        assertThat(BrowserSession.SELENIUM_CACHE)
                .as("Selenium Manager must not run")
                .doesNotExist();
    }

    // ---- the checks ----

    @Test
    void everySitemapPageLoadsWithoutErrors() throws Exception {
        Map<String, Document> html = crawl();
        long t0 = System.nanoTime();
        List<String> sample = browserSample(html);
        Map<String, List<String>> problems = new TreeMap<>();
        for (String path : sample) {
            List<String> p = load(path);
            if (!p.isEmpty()) {
                problems.put(path, p);
            }
        }
        long done = System.nanoTime();
        System.out.printf(
                "browser test: %d of %d pages in Chromium in %d ms%n",
                sample.size(), html.size(), (done - t0) / 1_000_000);
        assertThat(sample).hasSizeGreaterThan(sitemap.size() / BROWSER_SAMPLE_EVERY);
        assertThat(problems).as("console errors and failed requests, by page").isEmpty();
    }

    @Test
    void noLinkPointsToAMissingPage() throws Exception {
        Map<String, Document> html = crawl();
        // Every root-relative link and source, with the pages that carry it.
        Map<String, Set<String>> targets = new TreeMap<>();
        html.forEach(
                (page, doc) -> {
                    for (Element a : doc.select("a[href^=/], img[src^=/], link[href^=/]")) {
                        String href = a.hasAttr("href") ? a.attr("href") : a.attr("src");
                        if (href.startsWith("/" + WS + "/")) {
                            targets.computeIfAbsent(href, k -> new LinkedHashSet<>()).add(page);
                        }
                    }
                });
        Map<String, Integer> status = new ConcurrentHashMap<>();
        targets.keySet().stream()
                .map(SiteBrowserTest::withoutFragment)
                .distinct()
                .parallel()
                .forEach(path -> status.put(path, statusOf(path)));
        Map<String, Document> known = new HashMap<>(html);
        Map<String, String> broken = new TreeMap<>();
        Map<String, String> missingAnchors = new TreeMap<>();
        for (Map.Entry<String, Set<String>> e : targets.entrySet()) {
            String href = e.getKey();
            String path = withoutFragment(href);
            String from = e.getValue().iterator().next();
            if (status.get(path) != 200) {
                broken.put(href, status.get(path) + " (linked from " + from + ")");
                continue;
            }
            int hash = href.indexOf('#');
            if (hash >= 0 && hash < href.length() - 1) {
                String id = href.substring(hash + 1);
                Document target = known.computeIfAbsent(path, p -> Jsoup.parse(fetch(p)));
                if (target.getElementById(id) == null) {
                    missingAnchors.put(href, "linked from " + from);
                }
            }
        }
        System.out.printf(
                "browser test: %d distinct links from %d pages%n", targets.size(), html.size());
        assertThat(targets).hasSizeGreaterThan(sitemap.size());
        assertThat(broken).as("links to missing pages").isEmpty();
        assertThat(missingAnchors).as("links to missing anchors").isEmpty();
    }

    @Test
    void tocLinksScrollTheirBlockIntoViewAndHighlightIt() throws Exception {
        Map<String, Document> html = crawl();
        // The page with the longest table of contents: its last entries are far below the fold.
        String page =
                html.entrySet().stream()
                        .max(
                                Comparator.comparingInt(
                                        (Map.Entry<String, Document> e) ->
                                                e.getValue().select("nav.toc a").size()))
                        .orElseThrow()
                        .getKey();
        assertThat(load(page)).isEmpty();
        List<WebElement> toc = browser.findElements(By.cssSelector("nav.toc a"));
        assertThat(toc).as("TOC of " + page).hasSizeGreaterThan(2);
        List<String> ids = new ArrayList<>();
        for (WebElement a : toc) {
            ids.add(a.getAttribute("href").replaceFirst(".*#", ""));
        }
        // From the last entry up, about ten of them: each click scrolls up to an earlier block.
        for (int i = ids.size() - 1; i >= 0; i -= Math.max(1, ids.size() / 10)) {
            browser.findElements(By.cssSelector("nav.toc a")).get(i).click();
            assertThat(browser.getCurrentUrl()).endsWith("#" + ids.get(i));
            assertTargetShown(page, ids.get(i));
        }
    }

    @Test
    void anchorUrlsScrollTheirBlockIntoViewAndHighlightIt() throws Exception {
        Map<String, Document> html = crawl();
        // "Open in context" links of linked references point at blocks of other pages (a page
        // that refers through its properties links to the page itself, with no anchor).
        List<String> anchored = new ArrayList<>();
        for (Document doc : html.values()) {
            for (Element a : doc.select("a.block-context[href*=#]")) {
                anchored.add(a.attr("href"));
            }
        }
        assertThat(anchored).isNotEmpty();
        anchored = anchored.stream().distinct().sorted().collect(Collectors.toList());
        List<String> sample = new ArrayList<>();
        for (int i = 0; i < anchored.size(); i += Math.max(1, anchored.size() / 12)) {
            sample.add(anchored.get(i));
        }
        for (String href : sample) {
            browser.get("about:blank");
            browser.get(url(href));
            assertTargetShown(href, href.substring(href.indexOf('#') + 1));
        }
    }

    @Test
    void darkThemeFollowsTheSystemSettingAndStaysReadable() throws Exception {
        Map<String, Document> html = crawl();
        List<String> sample = new ArrayList<>(List.of("/" + WS + "/"));
        sample.add(firstPageWith(html, d -> !d.select("pre, table").isEmpty()));
        sample.add(firstPageWith(html, d -> !d.select(".tag, .admonition, mark").isEmpty()));
        sample.add(firstPageWith(html, d -> !d.select(".embed").isEmpty()));
        for (String page : sample) {
            browser.get(url(page));
            String light = bodyBackground();
            assertThat(unreadable()).as("light mode of " + page).isEmpty();
            browser.executeCdpCommand(
                    "Emulation.setEmulatedMedia",
                    Map.of(
                            "features",
                            List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
            String dark = bodyBackground();
            assertThat(dark).as("dark background of " + page).isNotEqualTo(light);
            assertThat(luminance(dark)).as(dark).isLessThan(0.05);
            assertThat(luminance(light)).as(light).isGreaterThan(0.8);
            assertThat(unreadable()).as("dark mode of " + page).isEmpty();
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        }
    }

    @Test
    void narrowScreensNeverScrollSideways() throws Exception {
        Map<String, Document> html = crawl();
        Set<String> sample = new LinkedHashSet<>();
        sample.add("/" + WS + "/");
        sample.add("/" + WS + "/-/all-pages");
        sample.add("/" + WS + "/-/all-pages/updated");
        sample.add("/" + WS + "/-/search");
        // Every page with something wide in it: tables, code, embeds, frames, long words.
        for (Map.Entry<String, Document> e : html.entrySet()) {
            if (!e.getValue().select("table, pre, iframe, video, img, .embed").isEmpty()) {
                sample.add(e.getKey());
            }
        }
        for (int i = 0; i < sitemap.size(); i += 10) {
            sample.add(sitemap.get(i));
        }
        assertThat(sample)
                .anyMatch(p -> !html.get(p).select("table").isEmpty())
                .anyMatch(p -> !html.get(p).select("pre").isEmpty());
        browser.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 375, "height", 812, "deviceScaleFactor", 1, "mobile", true));
        Map<String, Object> overflowing = new TreeMap<>();
        for (String page : sample) {
            browser.get(url(page));
            Object wide =
                    reader.js(
                            "var s = document.scrollingElement;"
                                    + "if (s.scrollWidth <= s.clientWidth) return null;"
                                    + "function scrolled(e) { for (e = e.parentElement; e; e = e.parentElement)"
                                    + "  if (e !== document.body && getComputedStyle(e).overflowX !== 'visible') return true;"
                                    + "  return false; }"
                                    + "var out = [];"
                                    + "document.querySelectorAll('body *').forEach(function (e) {"
                                    + "  var r = e.getBoundingClientRect();"
                                    + "  if (r.right > s.clientWidth + 1 && out.length < 5 && !scrolled(e)"
                                    + "      && !Array.prototype.some.call(e.children, function (c) {"
                                    + "           return c.getBoundingClientRect().right > s.clientWidth + 1; }))"
                                    + "    out.push(e.tagName + '.' + e.className + ' ' + Math.round(r.right));"
                                    + "});"
                                    + "return s.scrollWidth + ' > ' + s.clientWidth + ': ' + out.join(', ');");
            if (wide != null) {
                overflowing.put(page, wide);
            }
        }
        System.out.printf("browser test: %d pages at 375 px%n", sample.size());
        assertThat(overflowing).as("pages wider than a 375 px screen").isEmpty();
    }

    /**
     * Every docs page with an advanced query shows its results in Chromium: Graph Overview's nine
     * tables of pages each have rows; no query says it did not run.
     */
    @Test
    void advancedQueriesShowTheirResults() throws Exception {
        String overview =
                sitemap.stream()
                        .filter(p -> p.endsWith("/graph-overview"))
                        .findFirst()
                        .orElseThrow();
        assertThat(load(overview)).isEmpty();
        List<WebElement> queries = browser.findElements(By.cssSelector(".advanced-query"));
        assertThat(queries).hasSize(9);
        for (WebElement q : queries) {
            reader.js("arguments[0].scrollIntoView({block: 'center'})", q);
            List<WebElement> rows = q.findElements(By.cssSelector("table.query-table tbody tr"));
            assertThat(rows).as(q.getText()).isNotEmpty();
            // a collapsed query (or block) opens as a reader opens it: a click on its summary
            List<?> closed =
                    (List<?>)
                            reader.js(
                                    "var out = [];"
                                            + "for (var e = arguments[0]; e; e = e.parentElement)"
                                            + "  if (e.tagName === 'DETAILS' && !e.open)"
                                            + "    out.unshift(e.querySelector(':scope > summary'));"
                                            + "return out;",
                                    rows.get(0));
            for (Object summary : closed) {
                reader.js("arguments[0].scrollIntoView({block: 'center'})", summary);
                ((WebElement) summary).click();
            }
            assertThat(rows.get(0).isDisplayed()).as(q.getText()).isTrue();
        }
        assertThat(browser.findElement(By.tagName("main")).getText())
                .doesNotContain("live query is not shown")
                .doesNotContain("query not run");
        for (String name :
                List.of(
                        "/commands",
                        "/publishing",
                        "/queries",
                        "/changelog-06",
                        "/may-30th-2020")) {
            String path = sitemap.stream().filter(p -> p.endsWith(name)).findFirst().orElseThrow();
            assertThat(load(path)).as(path).isEmpty();
            assertThat(browser.findElements(By.cssSelector(".advanced-query")))
                    .as(path)
                    .isNotEmpty();
            assertThat(browser.findElement(By.tagName("main")).getText())
                    .as(path)
                    .doesNotContain("query not run");
        }
    }

    @Test
    void collapsedBlocksExpandOnClick() throws Exception {
        Map<String, Document> html = crawl();
        String page = firstPageWith(html, d -> !d.select("details.collapsed").isEmpty());
        assertThat(load(page)).isEmpty();
        WebElement details = browser.findElement(By.cssSelector("details.collapsed"));
        WebElement children = details.findElement(By.cssSelector(":scope > ul.children"));
        assertThat(details.getAttribute("open")).isNull();
        assertThat(children.isDisplayed()).isFalse();
        reader.js("arguments[0].scrollIntoView({block: 'center'})", details);
        details.findElement(By.cssSelector(":scope > summary")).click();
        assertThat(details.getAttribute("open")).isNotNull();
        assertThat(children.isDisplayed()).isTrue();
        details.findElement(By.cssSelector(":scope > summary")).click();
        assertThat(children.isDisplayed()).isFalse();
    }

    @Test
    void aPropertyKeyLeadsToItsPageListingWhoHasTheProperty() throws Exception {
        assertThat(load("/" + WS + "/whiteboard")).isEmpty();
        WebElement key =
                browser.findElement(
                        By.cssSelector(".page-properties dt.property-key a[data-page='type']"));
        reader.js("arguments[0].scrollIntoView({block: 'center'})", key);
        key.click();
        assertThat(browser.getCurrentUrl()).endsWith("/" + WS + "/type");
        assertThat(browser.findElement(By.cssSelector("h1.page-title")).getText())
                .isEqualTo("type");
        String heading =
                browser.findElement(By.cssSelector("section.linked-references > h2")).getText();
        assertThat(heading).matches("\\d+ Linked references");
        assertThat(Integer.parseInt(heading.split(" ")[0])).isGreaterThan(100);
        assertThat(browser.findElements(By.cssSelector("li.page-properties-reference")))
                .hasSizeGreaterThan(100);
    }

    @Test
    void screenshotsOfHomeNamespaceAndEmbedPages() throws Exception {
        Map<String, Document> html = crawl();
        Map<String, String> shots = new LinkedHashMap<>();
        shots.put("home", "/" + WS + "/");
        shots.put(
                "namespace",
                firstPageWith(
                        html,
                        d ->
                                !d.select("nav.breadcrumbs").isEmpty()
                                        && d.select("ul.blocks > li.block").size() > 3));
        shots.put("embeds", "/" + WS + "/page-embed");
        assertThat(html.get(shots.get("embeds")).select(".embed-page")).isNotEmpty();
        reader.emulate(1280, 900, false);
        for (Map.Entry<String, String> e : shots.entrySet()) {
            assertThat(load(e.getValue())).as(e.getValue()).isEmpty();
            Path png = reader.screenshot(e.getKey(), 1280, 0, 2400);
            assertThat(Files.size(png)).as(png.toString()).isGreaterThan(10_000);
            System.out.println("browser test: screenshot of " + e.getValue() + " in " + png);
        }
    }

    // ---- helpers ----

    /** Fetches every sitemap page and the site pages over HTTP once; asserts each is a 200. */
    static synchronized Map<String, Document> crawl() {
        if (pages.isEmpty()) {
            long t0 = System.nanoTime();
            List<String> all = new ArrayList<>(sitemap);
            all.addAll(SITE_PAGES);
            Map<String, HttpResponse<String>> got = new ConcurrentHashMap<>();
            all.parallelStream().forEach(p -> got.put(p, send(p)));
            Map<String, Integer> notOk = new TreeMap<>();
            for (String p : all) {
                if (got.get(p).statusCode() != 200) {
                    notOk.put(p, got.get(p).statusCode());
                }
                pages.put(p, Jsoup.parse(got.get(p).body()));
            }
            System.out.printf(
                    "browser test: %d pages over HTTP in %d ms%n",
                    all.size(), (System.nanoTime() - t0) / 1_000_000);
            assertThat(notOk).as("sitemap pages that are not 200").isEmpty();
        }
        return pages;
    }

    /** Every {@link #BROWSER_SAMPLE_EVERY}th sitemap page and the pages with special features. */
    static List<String> browserSample(Map<String, Document> html) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < sitemap.size(); i += BROWSER_SAMPLE_EVERY) {
            out.add(sitemap.get(i));
        }
        out.addAll(
                List.of(
                        "/" + WS + "/-/all-pages",
                        "/" + WS + "/-/all-pages/updated",
                        "/" + WS + "/-/search"));
        for (String selector :
                List.of(
                        "nav.toc",
                        "nav.breadcrumbs",
                        "details.collapsed",
                        ".embed",
                        "table",
                        "pre",
                        "img",
                        "iframe",
                        "video",
                        ".linked-references")) {
            html.entrySet().stream()
                    .filter(e -> !e.getValue().select(selector).isEmpty())
                    .limit(5)
                    .forEach(e -> out.add(e.getKey()));
        }
        return new ArrayList<>(out);
    }

    /**
     * Loads a page in Chromium; returns its console errors and the requests to the draehi server
     * that failed. Requests to other hosts are ignored: the test machine may have no network.
     */
    static List<String> load(String path) {
        browser.manage().logs().get(LogType.BROWSER);
        browser.manage().logs().get(LogType.PERFORMANCE);
        browser.get(url(path));
        List<String> problems = new ArrayList<>();
        for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()
                    && !aboutOtherHost(e.getMessage())) {
                problems.add("console: " + e.getMessage());
            }
        }
        Map<String, String> requested = new HashMap<>();
        for (LogEntry e : browser.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode msg;
            try {
                msg = JSON.readTree(e.getMessage()).path("message");
            } catch (IOException ex) {
                throw new IllegalStateException("unreadable performance log entry", ex);
            }
            JsonNode params = msg.path("params");
            switch (msg.path("method").asText()) {
                case "Network.requestWillBeSent" ->
                        requested.put(
                                params.path("requestId").asText(),
                                params.path("request").path("url").asText());
                case "Network.responseReceived" -> {
                    String u = params.path("response").path("url").asText();
                    int status = params.path("response").path("status").asInt();
                    if (ours(u) && status >= 400) {
                        problems.add("HTTP " + status + ": " + u);
                    }
                }
                case "Network.loadingFailed" -> {
                    String u = requested.getOrDefault(params.path("requestId").asText(), "");
                    if (ours(u) && !params.path("canceled").asBoolean()) {
                        problems.add("failed: " + u + " " + params.path("errorText").asText());
                    }
                }
                default -> {}
            }
        }
        return problems;
    }

    static void assertTargetShown(String page, String id) {
        @SuppressWarnings("unchecked")
        Map<String, Object> state =
                (Map<String, Object>)
                        reader.js(
                                "var e = document.getElementById(arguments[0]);"
                                        + "if (!e) return {found: false};"
                                        + "var r = e.getBoundingClientRect();"
                                        + "var c = e.querySelector(':scope > .block-content, :scope > details > summary > .block-content') || e;"
                                        + "return {found: true, top: r.top, bottom: r.bottom, height: innerHeight,"
                                        + "  target: e.matches(':target'),"
                                        + "  mark: getComputedStyle(document.documentElement).getPropertyValue('--mark').trim(),"
                                        + "  background: getComputedStyle(c).backgroundColor};",
                                id);
        assertThat(state.get("found")).as("#" + id + " on " + page).isEqualTo(true);
        double top = ((Number) state.get("top")).doubleValue();
        double height = ((Number) state.get("height")).doubleValue();
        assertThat(top).as("top of #" + id + " on " + page).isBetween(-1.0, height - 20);
        assertThat(state.get("target")).as(":target of #" + id).isEqualTo(true);
        assertThat(state.get("background"))
                .as("highlight of #" + id + " on " + page)
                .isEqualTo(rgb(state.get("mark").toString()));
    }

    /**
     * Visible elements whose own text contrasts less than 4.5:1 with the colour behind it (WCAG AA
     * for normal text), at most ten.
     */
    static List<?> unreadable() {
        return (List<?>)
                reader.js(
                        "function rgba(s) { var m = s.match(/[\\d.]+/g).map(Number);"
                                + "  return m.length > 3 ? m : m.concat([1]); }"
                                + "function lum(c) { var a = c.slice(0, 3).map(function (v) { v /= 255;"
                                + "  return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });"
                                + "  return 0.2126 * a[0] + 0.7152 * a[1] + 0.0722 * a[2]; }"
                                + "function behind(e) { for (; e; e = e.parentElement) {"
                                + "  var b = rgba(getComputedStyle(e).backgroundColor); if (b[3] > 0.5) return b; }"
                                + "  return rgba(getComputedStyle(document.documentElement).backgroundColor)[3] > 0.5"
                                + "    ? rgba(getComputedStyle(document.documentElement).backgroundColor) : [255,255,255,1]; }"
                                + "var out = [];"
                                + "document.querySelectorAll('body, body *').forEach(function (e) {"
                                + "  if (out.length > 9 || !e.offsetParent && e !== document.body) return;"
                                + "  var own = Array.prototype.some.call(e.childNodes, function (n) {"
                                + "    return n.nodeType === 3 && n.textContent.trim(); });"
                                + "  if (!own) return;"
                                + "  var fg = lum(rgba(getComputedStyle(e).color)), bg = lum(behind(e));"
                                + "  var ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);"
                                + "  if (ratio < 4.5) out.push(e.tagName + '.' + e.className + ' ' + ratio.toFixed(2)"
                                + "    + ' ' + getComputedStyle(e).color);"
                                + "});"
                                + "return out;");
    }

    static String bodyBackground() {
        return (String) reader.js("return getComputedStyle(document.body).backgroundColor");
    }

    /** Relative luminance of an {@code rgb(r, g, b)} colour. */
    static double luminance(String rgb) {
        Matcher m = Pattern.compile("(\\d+), (\\d+), (\\d+)").matcher(rgb);
        assertThat(m.find()).as(rgb).isTrue();
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(m.group(i + 1)) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    /** {@code #rrggbb} as the browser's computed {@code rgb(r, g, b)}. */
    static String rgb(String hex) {
        int v = Integer.parseInt(hex.substring(1), 16);
        return "rgb(" + (v >> 16) + ", " + ((v >> 8) & 0xff) + ", " + (v & 0xff) + ")";
    }

    static String firstPageWith(Map<String, Document> html, Predicate<Document> p) {
        return html.entrySet().stream()
                .filter(e -> p.test(e.getValue()))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no page of the docs graph matches"));
    }

    static boolean ours(String u) {
        return u.startsWith("http://127.0.0.1:" + server.port() + "/");
    }

    /** A console message about a URL on another host ("https://x/y - Failed to load …"). */
    static boolean aboutOtherHost(String message) {
        Matcher m = Pattern.compile("^(https?://\\S+)").matcher(message);
        return m.find() && !ours(m.group(1));
    }

    static String withoutFragment(String href) {
        int hash = href.indexOf('#');
        return hash < 0 ? href : href.substring(0, hash);
    }

    static String url(String path) {
        return reader.served(path);
    }

    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url(path))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> send(String path) {
        try {
            return get(path);
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("GET " + path, e);
        }
    }

    static String fetch(String path) {
        return send(path).body();
    }

    static int statusOf(String path) {
        return send(path).statusCode();
    }
}
