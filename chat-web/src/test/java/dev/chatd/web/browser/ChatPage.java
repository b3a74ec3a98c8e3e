package dev.chatd.web.browser;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.opentest4j.AssertionFailedError;

/**
 * The chat page as a person uses it, in one browser: typing, pressing Enter, clicking, reading
 * what is on screen. Every wait gives up after {@link #TIMEOUT} and says what the page showed.
 */
final class ChatPage {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** One line of the window: its classes (message, own, notice, private, …) and its visible text. */
    record Entry(String classes, String text) {
        boolean is(String kind) {
            return List.of(classes.split(" ")).contains(kind);
        }
    }

    private final ChromeDriver driver;

    ChatPage(ChromeDriver driver) {
        this.driver = driver;
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Loads the page and waits for the name form. */
    ChatPage open(String url) {
        driver.get(url);
        waitUntil("the name form", () -> visible("login"));
        return this;
    }

    /** Types a name and presses Enter; waits until the chat shows. */
    ChatPage logIn(String name) {
        typeName(name);
        waitUntil("the chat after logging in as " + name, () -> visible("chat") && !entries().isEmpty());
        return this;
    }

    /** Types a name and presses Enter; returns the error shown beside the field. */
    String logInRefused(String name) {
        typeName(name);
        return waitFor("an error beside the name field", () -> {
            String error = driver.findElement(By.id("name-error")).getText();
            return error.isEmpty() ? null : error;
        });
    }

    private void typeName(String name) {
        WebElement field = driver.findElement(By.id("name"));
        field.clear();
        field.sendKeys(name, Keys.ENTER);
    }

    /** Types a line in the message box and presses Enter. */
    ChatPage send(String line) {
        driver.findElement(By.id("message")).sendKeys(line, Keys.ENTER);
        return this;
    }

    /** Waits for a line of the window whose text contains {@code text}. */
    Entry awaitEntry(String text) {
        return awaitEntry(e -> e.text().contains(text), "a line containing <" + text + ">");
    }

    Entry awaitEntry(Predicate<Entry> test, String what) {
        return waitFor(what, () -> entries().stream().filter(test).findFirst().orElse(null));
    }

    /** The window's lines, oldest first. */
    @SuppressWarnings("unchecked")
    List<Entry> entries() {
        List<Map<String, String>> raw = (List<Map<String, String>>) script(
                "return [...document.querySelectorAll('#log > li')].map(li => ({c: li.className, t: li.textContent}));");
        return raw.stream().map(m -> new Entry(m.get("c"), m.get("t"))).toList();
    }

    /** The names in the side panel's user list (without the "(you)"). */
    @SuppressWarnings("unchecked")
    List<String> users() {
        return (List<String>) script("return [...document.querySelectorAll('#users > li')].map(li => li.firstChild.textContent);");
    }

    /** The side panel's rooms and their counts as shown, e.g. {@code {dev=1, lobby=3}}. */
    @SuppressWarnings("unchecked")
    Map<String, String> rooms() {
        List<List<String>> raw = (List<List<String>>) script(
                "return [...document.querySelectorAll('#rooms button')].map(b => [b.dataset.room, b.querySelector('.count').textContent]);");
        return raw.stream().collect(Collectors.toMap(r -> r.get(0), r -> r.get(1), (a, b) -> a, java.util.TreeMap::new));
    }

    String status() {
        return driver.findElement(By.id("status")).getText();
    }

    String roomTitle() {
        return driver.findElement(By.id("room-title")).getText();
    }

    /** The id of the element that has the keyboard focus. */
    String focused() {
        return (String) script("const a = document.activeElement; return a ? (a.id || a.dataset.room || a.tagName) : null;");
    }

    Object script(String code, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(code, args);
    }

    boolean visible(String id) {
        return driver.findElement(By.id(id)).isDisplayed();
    }

    /** Waits until {@code condition} holds. */
    void waitUntil(String what, java.util.function.BooleanSupplier condition) {
        waitFor(what, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
    }

    <T> T waitFor(String what, java.util.function.Supplier<T> probe) {
        try {
            return new WebDriverWait(driver, TIMEOUT, Duration.ofMillis(25)).until(d -> probe.get());
        } catch (TimeoutException e) {
            throw new AssertionFailedError("waited " + TIMEOUT.toSeconds() + " s for " + what + "; the page shows:\n"
                    + describe());
        }
    }

    /** The status, the title and the window's lines, for failure messages. */
    String describe() {
        StringBuilder out = new StringBuilder("  status: ").append(status()).append("\n  room: ").append(roomTitle()).append('\n');
        for (Entry entry : entries()) out.append("  [").append(entry.classes()).append("] ").append(entry.text()).append('\n');
        return out.toString();
    }
}
