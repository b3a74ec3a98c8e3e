package dev.chatd.web.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.common.config.ChatConfig;
import dev.chatd.testkit.FakeUser;
import dev.chatd.web.ChatAndGateway;
import java.time.Duration;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/**
 * The page in a real Chromium, two browser users (alice's and bob's browsers) beside telnet
 * users, against the real callback server through the real gateway. The two browsers are started
 * once for the class; each test gets a new server and gateway, and loads the page afresh.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BrowserChatTest {

    private Chromium aliceBrowser;
    private Chromium bobBrowser;
    private ChatAndGateway chat;
    private ChatPage alice;
    private ChatPage bob;

    @BeforeAll
    void startBrowsers() {
        aliceBrowser = Chromium.startIfInstalled(1100, 720);
        bobBrowser = Chromium.startIfInstalled(1100, 720);
    }

    @AfterAll
    void stopBrowsers() {
        if (aliceBrowser != null) aliceBrowser.close();
        if (bobBrowser != null) bobBrowser.close();
    }

    @BeforeEach
    void startChat() {
        Chromium.assumeInstalled();
        chat = ChatAndGateway.start();
        alice = new ChatPage(aliceBrowser.driver());
        bob = new ChatPage(bobBrowser.driver());
    }

    @AfterEach
    void stopChat() {
        if (chat == null) return;
        // Off the page first, so neither browser keeps reconnecting to the gateway being closed.
        aliceBrowser.driver().get("about:blank");
        bobBrowser.driver().get("about:blank");
        chat.close();
        chat = null;
    }

    @Test
    void twoBrowserUsersAndATelnetUserChatInOneRoom() {
        FakeUser carol = chat.telnet("carol");
        alice.open(chat.pageUrl()).logIn("alice");
        bob.open(chat.pageUrl()).logIn("bob");
        carol.awaitLine("* bob joined #lobby");

        alice.send("hello from alice");
        bob.send("/me waves");
        carol.send("hi both, from telnet");

        for (ChatPage page : List.of(alice, bob)) {
            page.awaitEntry("alice: hello from alice");
            page.awaitEntry("bob waves");
            page.awaitEntry("carol: hi both, from telnet");
        }
        carol.awaitLine("alice: hello from alice");
        carol.awaitLine("* bob waves");

        ChatPage.Entry own = alice.awaitEntry("alice: hello from alice");
        assertTrue(own.is("message") && own.is("own"), own.toString());
        ChatPage.Entry others = alice.awaitEntry("carol: hi both");
        assertFalse(others.is("own"), others.toString());
        assertTrue(others.text().matches("\\d{1,2}:\\d{2}(\\s?[AP]M)? carol: hi both, from telnet"), others.text());
        ChatPage.Entry join = alice.awaitEntry("bob joined #lobby");
        assertTrue(join.is("notice"), "joins are quieter than messages: " + join);

        alice.waitUntil("alice's panel lists everyone", () -> alice.users().equals(List.of("alice", "bob", "carol")));
        assertEquals("3", alice.rooms().get("lobby"));
        assertEquals("#lobby", alice.roomTitle());

        alice.send("/who");
        alice.awaitEntry("users in #lobby: alice, bob, carol");
        carol.send("/msg alice and this one is just for you");
        alice.awaitEntry(e -> e.is("private") && e.text().contains("private from carol:"), "carol's private message");
        Screenshots.take(alice.driver(), "chat");
    }

    @Test
    void aRefusedNameIsExplainedBesideTheField() {
        chat.telnet("carol");
        alice.open(chat.pageUrl());

        assertEquals("invalid name: use 1-32 letters, digits, '_' or '-'", alice.logInRefused("no spaces"));
        assertEquals("true", alice.driver().findElement(org.openqa.selenium.By.id("name")).getAttribute("aria-invalid"));
        assertEquals("name taken: CAROL", alice.logInRefused("CAROL"));
        Screenshots.take(alice.driver(), "login-error");
        alice.logIn("alice");
        assertEquals("#lobby", alice.roomTitle());
    }

    @Test
    void aPageLeftAtTheNameFormWaitsForANameInsteadOfReconnecting() {
        chat.close();
        chat = ChatAndGateway.start(ChatConfig.forTests().withLoginTimeout(Duration.ofSeconds(1)), web -> web);
        FakeUser carol = chat.telnet("carol");
        alice.open(chat.pageUrl());
        alice.waitUntil("the server's login timeout to pass", () -> alice.status().equals("Type a name to join."));
        alice.logIn("alice");
        carol.awaitLine("* alice joined #lobby");
        assertEquals("Connected as alice", alice.status());
    }

    @Test
    void aPrivateMessageIsSetApartAndReachesOnlyItsRecipient() {
        FakeUser carol = chat.telnet("carol");
        alice.open(chat.pageUrl()).logIn("alice");
        bob.open(chat.pageUrl()).logIn("bob");
        carol.awaitLine("* bob joined #lobby");

        alice.send("/msg bob just between us");
        ChatPage.Entry received = bob.awaitEntry("just between us");
        assertTrue(received.is("private"), received.toString());
        assertTrue(received.text().contains("private from alice"), received.text());
        ChatPage.Entry sent = alice.awaitEntry("just between us");
        assertTrue(sent.is("private") && sent.text().contains("private to bob"), sent.toString());
        carol.expectNothingElse();
    }

    @Test
    void clickingARoomByKeyboardSwitchesTheWindowAndThePanel() {
        FakeUser carol = chat.telnet("carol");
        carol.send("/join dev");
        carol.awaitLine("* carol joined #dev");
        alice.open(chat.pageUrl()).logIn("alice");
        assertEquals("message", alice.focused(), "after logging in the message box has the focus");
        alice.waitUntil("the room list", () -> alice.rooms().equals(Map.of("dev", "1", "lobby", "1")));

        // Keyboard only: Tab along to the room's button and press Enter.
        Actions keys = new Actions(alice.driver());
        for (int i = 0; i < 12 && !"dev".equals(alice.focused()); i++) keys.sendKeys(Keys.TAB).perform();
        assertEquals("dev", alice.focused(), "the #dev button is reachable with Tab");
        keys.sendKeys(Keys.ENTER).perform();

        alice.waitUntil("#dev in the title", () -> alice.roomTitle().equals("#dev"));
        carol.awaitLine("* alice joined #dev");
        alice.waitUntil("#dev's users", () -> alice.users().equals(List.of("alice", "carol")));
        alice.awaitEntry("carol joined #dev"); // from #dev's history: the window is #dev's now
        assertTrue(alice.entries().stream().noneMatch(e -> e.text().contains("alice joined #lobby")), alice.describe());
        carol.send("welcome to dev");
        alice.awaitEntry("carol: welcome to dev");
        alice.waitUntil("the counts follow", () -> alice.rooms().get("dev").equals("2"));
    }

    @Test
    void theWindowIsFilledFromHistoryAfterAReload() {
        FakeUser carol = chat.telnet("carol");
        alice.open(chat.pageUrl()).logIn("alice");
        alice.send("said before the reload");
        carol.awaitLine("alice: said before the reload");
        carol.send("and carol answered");
        alice.awaitEntry("carol: and carol answered");

        alice.driver().navigate().refresh();
        carol.awaitLine("* alice left #lobby (connection closed)");
        alice.waitUntil("the name form again", () -> alice.visible("login"));
        alice.logIn("alice");

        ChatPage.Entry mine = alice.awaitEntry("alice: said before the reload");
        assertTrue(mine.is("past") && mine.is("own"), mine.toString());
        assertTrue(alice.awaitEntry("carol: and carol answered").is("past"));
        List<String> texts = alice.entries().stream().map(ChatPage.Entry::text).toList();
        assertEquals(1, texts.stream().filter(t -> t.contains("alice: said before the reload")).count(), texts.toString());
    }

    @Test
    void itReconnectsAfterTheChatServerRestartsAndSaysSo() {
        alice.open(chat.pageUrl()).logIn("alice");
        alice.send("before the restart");
        alice.awaitEntry("alice: before the restart");

        chat.stopServer();
        alice.awaitEntry("server shutting down");
        alice.waitUntil("the page says it is reconnecting", () -> alice.status().contains("Reconnecting"));
        chat.startServerAgain();

        alice.waitUntil("the page says it is back", () -> alice.status().equals("Reconnected as alice"));
        FakeUser carol = chat.telnet("carol");
        carol.send("the server is back");
        alice.awaitEntry("carol: the server is back");
        alice.send("and so am I");
        carol.awaitLine("alice: and so am I");
        assertTrue(alice.entries().stream().anyMatch(e -> e.text().contains("alice: before the restart")),
                "the lines from before stay in the window\n" + alice.describe());
        alice.awaitEntry("#lobby started again");
    }

    @Test
    void markupAndTerminalEscapesFromTelnetShowAsPlainText() {
        FakeUser carol = chat.telnet("carol");
        alice.open(chat.pageUrl()).logIn("alice");
        carol.send("<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\"><b>bold?</b>");
        carol.send("\u001b[31mred\u001b[0m and \u001b]0;title\u0007 done");

        alice.awaitEntry("carol: <script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\"><b>bold?</b>");
        alice.awaitEntry("carol: [31mred[0m and ]0;title done");
        assertEquals(Boolean.TRUE, alice.script("return window.pwned === undefined"
                + " && document.querySelectorAll('#log script, #log img, #log b').length === 0"));
    }

    @Test
    void aGapInTheSeqIsWarnedAbout() {
        alice.open(chat.pageUrl());
        // The server never skips a number, so the page's own module is given a gap, in the page.
        Object text = alice.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/timeline.js').then(({ Timeline }) => {
                  const list = document.createElement('ol');
                  const timeline = new Timeline(list, document);
                  timeline.switchRoom('lobby');
                  timeline.history('lobby', [], false);
                  const at = (seq) => ({ type: 'message', room: 'lobby', seq, ts: new Date().toISOString(), from: 'x', text: 'line ' + seq });
                  [1, 2, 5, 5, 6].forEach((seq) => timeline.event(at(seq)));
                  done([...list.children].map((li) => li.className + ': ' + [...li.querySelectorAll('span')].map((s) => s.textContent).join(' ')));
                });
                """);
        assertEquals(List.of("entry message: x: line 1", "entry message: x: line 2",
                "entry warning: 2 lines are missing here (#3–4); reload to see the room's history",
                "entry message: x: line 5", "entry message: x: line 6"), text);
    }
}
