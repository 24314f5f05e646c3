package dev.draehi.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.draehi.server.DraehiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A reader at a browser: the system's headless Chromium over a {@link ServedGraph} answering from
 * {@code serve} and, when there is one, from its static export behind a file server. A browser
 * suite registers one ({@code @RegisterExtension static final BrowserSession reader}) and {@link
 * #start}s it in {@code @BeforeAll}; it resets the emulated screen and colour scheme after each
 * test, and quits the browser and stops the servers after the last.
 *
 * <p>Selenium never downloads a driver or a browser: the service names the driver executable and
 * the options name the browser binary, so Selenium Manager is not consulted; its cache directory is
 * pointed into {@code target/} and checked to stay absent. CDP is used through ChromeDriver's own
 * {@code executeCdpCommand} and the {@code performance} log, which work with any Chromium version
 * (Selenium's typed DevTools classes are tied to a few browser versions).
 */
final class BrowserSession implements AfterEachCallback, AfterAllCallback {
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Path SELENIUM_CACHE = Path.of("target", "selenium-cache").toAbsolutePath();
    static final Logger SELENIUM_CDP_LOG = Logger.getLogger("org.openqa.selenium.devtools");

    /** A phone's screen width in CSS pixels, as {@link #emulatePhone} sets it. */
    static final int PHONE_WIDTH = 390;

    /** A phone's screen height in CSS pixels, as {@link #emulatePhone} sets it. */
    static final int PHONE_HEIGHT = 844;

    /** How many CSS transitions and finite animations on the page are running. */
    static final String RUNNING_ANIMATIONS =
            "return document.getAnimations().filter(function (a) { return a.playState === 'running'"
                    + " && isFinite(a.effect.getComputedTiming().endTime); }).length";

    private DraehiServer server;
    private HttpServer exported;
    private ChromeDriver browser;

    /** Skips the calling suite when Chromium or its ChromeDriver is not installed. */
    static void assumeChromium() {
        assumeTrue(
                Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "Chromium and ChromeDriver are not installed (apt-get install chromium chromium-driver)");
    }

    /**
     * Starts Chromium (profile {@code chromium-profile} under {@code work}) over {@code served} and
     * {@code exported} (may be null); all three are stopped after the suite.
     */
    ChromeDriver start(ServedGraph served, HttpServer exported, Path work) throws IOException {
        return start(served, exported, work, false);
    }

    /**
     * {@link #start(ServedGraph, HttpServer, Path)}, keeping the {@code performance} log if asked.
     */
    ChromeDriver start(ServedGraph served, HttpServer exported, Path work, boolean performanceLog)
            throws IOException {
        this.server = served.server();
        this.exported = exported;
        browser = chromium(work.resolve("chromium-profile"), performanceLog);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return browser;
    }

    /**
     * The system's headless Chromium through its own ChromeDriver, never one Selenium Manager
     * downloads, with its console log kept (and its {@code performance} log when asked).
     */
    static ChromeDriver chromium(Path profile, boolean performanceLog) throws IOException {
        // Selenium's typed CDP classes are not on the classpath (see above): no need to say so.
        SELENIUM_CDP_LOG.setLevel(Level.SEVERE);
        System.setProperty("SE_CACHE_PATH", SELENIUM_CACHE.toString());
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
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
                "--user-data-dir=" + Files.createDirectories(profile),
                "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        if (performanceLog) {
            logs.enable(LogType.PERFORMANCE, Level.ALL);
        }
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .build();
        return new ChromeDriver(service, options);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (browser != null) {
            resetEmulation();
        }
    }

    /** Quits the browser and stops both servers. */
    @Override
    public void afterAll(ExtensionContext context) {
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

    /** Back to the window's own size and the system's colour scheme. */
    void resetEmulation() {
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
    }

    /** {@code path} on {@code serve}. */
    String served(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** {@code path} on the static export. */
    String export(String path) {
        return "http://127.0.0.1:" + exported.getAddress().getPort() + path;
    }

    /** {@code path} on {@code serve}, then on the static export. */
    List<String> both(String path) {
        return List.of(served(path), export(path));
    }

    /** {@code path} on {@code "serve"} or on the {@code "export"}. */
    String url(String where, String path) {
        return where.equals("serve") ? served(path) : export(path);
    }

    /** Loads {@code url}, dropping the console messages of earlier pages. */
    void open(String url) {
        browser.manage().logs().get(LogType.BROWSER);
        browser.get(url);
    }

    /** Console messages of at least warning level since the page was opened. */
    List<String> consoleErrors() {
        return consoleErrors(Level.WARNING);
    }

    /** Console messages of at least {@code level} since the page was opened. */
    List<String> consoleErrors(Level level) {
        List<String> out = new ArrayList<>();
        for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= level.intValue()) {
                out.add(e.getMessage());
            }
        }
        return out;
    }

    int count(String css) {
        return browser.findElements(By.cssSelector(css)).size();
    }

    /** The {@code textContent} of each element {@code css} selects. */
    List<String> texts(String css) {
        List<String> out = new ArrayList<>();
        for (WebElement e : browser.findElements(By.cssSelector(css))) {
            out.add((String) js("return arguments[0].textContent", e));
        }
        return out;
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** Polls {@code condition} every 50 ms; fails after {@code seconds}. */
    void waitFor(int seconds, BooleanSupplier condition) {
        waitUntil(seconds, condition, "not within " + seconds + " s");
    }

    /** Polls {@code condition} every 50 ms; fails naming {@code what} after {@code seconds}. */
    void waitFor(int seconds, BooleanSupplier condition, String what) {
        waitUntil(seconds, condition, "not within " + seconds + " s: " + what);
    }

    private void waitUntil(int seconds, BooleanSupplier condition, String failure) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(failure + " on " + browser.getCurrentUrl());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /**
     * A screen {@code width} by {@code height}: a phone's (scale 2, touch layout) or a desktop's.
     */
    void emulate(int width, int height, boolean mobile) {
        emulate(width, height, mobile ? 2 : 1, mobile);
    }

    /** A screen {@code width} by {@code height} at {@code scale} device pixels a CSS pixel. */
    void emulate(int width, int height, int scale, boolean mobile) {
        browser.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of(
                        "width",
                        width,
                        "height",
                        height,
                        "deviceScaleFactor",
                        scale,
                        "mobile",
                        mobile));
    }

    /**
     * A phone's screen, {@link #PHONE_WIDTH} by {@link #PHONE_HEIGHT} under device emulation (scale
     * 2, touch layout), once the page has taken it on: its narrow layout applied and the
     * transitions that started (the sidebar sliding out into its drawer) finished.
     */
    void emulatePhone() {
        emulate(PHONE_WIDTH, PHONE_HEIGHT, true);
        waitFor(
                3,
                () -> ((Number) js("return innerWidth")).intValue() == PHONE_WIDTH,
                "phone width");
        settle();
    }

    /**
     * Waits until nothing on the page moves: no CSS transition or finite animation is running.
     * Asking the page for its animations brings its style up to date first, so a change just made
     * (a new screen size, a toggled class) has started its transitions by then; no page script is
     * needed.
     */
    void settle() {
        waitFor(3, () -> ((Number) js(RUNNING_ANIMATIONS)).intValue() == 0, "transitions finished");
    }

    /** The system's colour scheme, {@code "light"} or {@code "dark"}. */
    void colorScheme(String scheme) {
        browser.executeCdpCommand(
                "Emulation.setEmulatedMedia",
                Map.of(
                        "features",
                        List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /**
     * Captures the page ({@code Page.captureScreenshot} with {@code params}) into {@code
     * target/screenshots/name.png}, once it has {@linkplain #settle settled}.
     */
    Path screenshot(String name, Map<String, Object> params) throws IOException {
        settle();
        Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot", params);
        Path png = SCREENSHOTS.resolve(name + ".png");
        Files.createDirectories(SCREENSHOTS);
        Files.write(png, Base64.getDecoder().decode((String) shot.get("data")));
        return png;
    }

    /**
     * Captures {@code width} pixels of the page from {@code y} down, beyond the window, as long as
     * the page is up to {@code maxHeight}.
     */
    Path screenshot(String name, int width, long y, long maxHeight) throws IOException {
        long height = (Long) js("return document.scrollingElement.scrollHeight");
        return screenshot(
                name,
                Map.of(
                        "captureBeyondViewport",
                        true,
                        "clip",
                        Map.of(
                                "x",
                                0,
                                "y",
                                y,
                                "width",
                                width,
                                "height",
                                Math.min(height, maxHeight),
                                "scale",
                                1)));
    }
}
