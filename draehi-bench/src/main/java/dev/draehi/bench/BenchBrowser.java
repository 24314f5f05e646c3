package dev.draehi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's headless Chromium through its own ChromeDriver ({@code apt-get install chromium
 * chromium-driver}), never one Selenium Manager downloads: the browser half of the live preview and
 * static search figures.
 */
final class BenchBrowser {
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    // Held, so that the level set on it stays.
    private static final Logger SELENIUM = Logger.getLogger("org.openqa.selenium");

    private BenchBrowser() {}

    /** Whether both are installed; a bench without them reports why a figure is missing. */
    static boolean available() {
        return Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
    }

    static ChromeDriver start(Path profile) throws IOException {
        SELENIUM.setLevel(Level.SEVERE);
        System.setProperty("SE_CACHE_PATH", profile.resolveSibling("selenium-cache").toString());
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
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .withSilent(true)
                        .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return driver;
    }
}
