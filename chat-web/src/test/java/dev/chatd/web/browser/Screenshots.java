package dev.chatd.web.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;

/**
 * Where the browser tests put their screenshots: {@code target/screenshots} on every build, or
 * the folder named by {@code -Dchatd.screenshots=...} (the README's are made with
 * {@code -Dchatd.screenshots=../docs}), so a build never changes tracked files by itself.
 */
final class Screenshots {

    private static final Path FOLDER = Path.of(System.getProperty("chatd.screenshots", "target/screenshots"));

    private Screenshots() {
    }

    /** Saves the browser's window as {@code web-<name>.png} and returns the file. */
    static Path take(TakesScreenshot browser, String name) {
        try {
            Files.createDirectories(FOLDER);
            Path file = FOLDER.resolve("web-" + name + ".png");
            Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
