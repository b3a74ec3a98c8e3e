package dev.chatd.web.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.testkit.FakeUser;
import dev.chatd.web.ChatAndGateway;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/** The page on a phone-width screen, and in dark and light mode; one browser for the class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BrowserLayoutTest {

    private Chromium browser;
    private ChatAndGateway chat;
    private ChatPage page;

    @BeforeAll
    void startBrowser() {
        browser = Chromium.startIfInstalled(1100, 720);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) browser.close();
    }

    @BeforeEach
    void startChat() {
        Chromium.assumeInstalled();
        chat = ChatAndGateway.start();
        page = new ChatPage(browser.driver());
    }

    @AfterEach
    void stopChat() {
        if (chat == null) return;
        browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        browser.driver().manage().window().setSize(new Dimension(1100, 720));
        browser.driver().get("about:blank");
        chat.close();
        chat = null;
    }

    @Test
    void onAPhoneWidthScreenNothingOverflowsAndThePanelFoldsAway() {
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        FakeUser carol = chat.telnet("carol");
        page.open(chat.pageUrl()).logIn("alice");
        carol.send("a long line from telnet that has to wrap on a narrow screen: "
                + "supercalifragilisticexpialidocious-and-then-some-more-without-any-spaces-at-all");
        page.awaitEntry("carol: a long line");
        page.send("short answer");
        page.awaitEntry("alice: short answer");

        assertEquals(Boolean.TRUE, page.script("return document.documentElement.scrollWidth <= window.innerWidth"),
                "the page scrolls sideways at phone width");
        long width = (Long) page.script("return window.innerWidth");
        assertTrue(width <= 420, "not a phone-width viewport: " + width);
        assertFalse(page.visible("panel"), "the panel is folded away on a phone");
        assertTrue(page.visible("message") && page.visible("panel-toggle"));
        long inputWidth = (Long) page.script("return Math.round(document.getElementById('message').getBoundingClientRect().width)");
        assertTrue(inputWidth > 200, "the message box is too narrow to type in: " + inputWidth);
        Screenshots.take(browser.driver(), "phone");

        browser.driver().findElement(By.id("panel-toggle")).click();
        page.waitUntil("the panel unfolds", () -> page.visible("panel"));
        assertEquals(List.of("alice", "carol"), page.users());
        assertEquals("true", browser.driver().findElement(By.id("panel-toggle")).getAttribute("aria-expanded"));
        Screenshots.take(browser.driver(), "phone-panel");
    }

    @Test
    void darkAndLightModeFollowTheSystem() {
        FakeUser carol = chat.telnet("carol");
        page.open(chat.pageUrl()).logIn("alice");
        carol.send("/me prefers the dark");
        page.send("hello");
        page.awaitEntry("alice: hello");
        String light = background();

        browser.driver().executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        page.waitUntil("dark colours", () -> !background().equals(light));
        String dark = background();
        assertNotEquals(light, dark);
        assertTrue(brightness(dark) < 60 && brightness(light) > 200, "light " + light + ", dark " + dark);
        page.awaitEntry("carol prefers the dark");
        Screenshots.take(browser.driver(), "chat-dark");
    }

    private String background() {
        return (String) page.script("return getComputedStyle(document.body).backgroundColor");
    }

    /** The mean of an {@code rgb(r, g, b)} colour's channels. */
    private static int brightness(String rgb) {
        String[] parts = rgb.replaceAll("[^0-9,]", "").split(",");
        return (Integer.parseInt(parts[0]) + Integer.parseInt(parts[1]) + Integer.parseInt(parts[2])) / 3;
    }
}
