package dev.chatd.web.browser;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, driven through Debian's chromedriver: both found at their paths (or the
 * {@code chromium.binary} and {@code chromedriver.path} properties), so Selenium never looks for,
 * or downloads, a driver or a browser of its own. Without them a test fails on CI ({@code CI=true})
 * and is skipped elsewhere, saying what to install.
 */
final class Chromium implements AutoCloseable {

    static final Path BROWSER = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("chromedriver.path", "/usr/bin/chromedriver"));

    /** What a browser run as root in a container needs, and nothing that reaches the network by itself. */
    private static final List<String> ARGUMENTS = List.of(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--disable-default-apps", "--disable-extensions", "--lang=en-US", "--force-color-profile=srgb",
            "--hide-scrollbars");

    private final ChromeDriver driver;
    private final Path profile;

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Whether both are there. */
    static boolean installed() {
        return missing().isEmpty();
    }

    /**
     * Fails (on CI) or skips the test (elsewhere) when chromium or chromedriver is missing; called
     * per test, so that every browser test is reported as failed or skipped with the reason.
     */
    static void assumeInstalled() {
        if (installed()) return;
        String message = "the browser tests need Debian's chromium and chromedriver, and " + String.join(" and ", missing())
                + " is missing: apt-get install chromium chromium-driver (.ci/run does this)";
        if ("true".equals(System.getenv("CI"))) fail(message);
        Assumptions.abort(message);
    }

    private static List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(BROWSER)) missing.add(BROWSER.toString());
        if (!Files.isExecutable(DRIVER)) missing.add(DRIVER.toString());
        return missing;
    }

    /**
     * A new browser with a fresh profile, its window {@code width} × {@code height} CSS pixels; null
     * when chromium is not installed (each test then says so through {@link #assumeInstalled()}).
     */
    static Chromium startIfInstalled(int width, int height) {
        if (!installed()) {
            System.err.println("chat-web: the browser tests cannot run, " + String.join(" and ", missing())
                    + " missing (apt-get install chromium chromium-driver): skipped here, failed on CI");
            return null;
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("chat-web-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments(ARGUMENTS);
        options.addArguments("--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new Chromium(new ChromeDriver(service, options), profile);
    }

    ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (var files = Files.walk(folder)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary profile is harmless
        }
    }
}
