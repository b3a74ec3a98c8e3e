package dev.chatd.common.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.metrics.Rejection;
import dev.chatd.common.room.ChatHub;
import dev.chatd.common.room.Login;
import dev.chatd.common.room.User;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdminServerTest {

    private final ChatHub hub = new ChatHub(ChatConfig.forTests().withAdminPort(0).withMaxUsers(3));
    private final AdminServer admin = startAdmin();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AdminServer startAdmin() {
        try {
            return AdminServer.start(hub, "test");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @AfterEach
    void closeAdmin() {
        admin.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + admin.port() + path);
    }

    private User login(String name) {
        DiscardingConnection connection = new DiscardingConnection();
        assertTrue(hub.admit(connection));
        return assertInstanceOf(Login.Accepted.class, hub.login(connection, name)).user();
    }

    private Exposition scrape() throws Exception {
        HttpResponse<String> response = get("/metrics");
        assertEquals(200, response.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8",
                response.headers().firstValue("Content-Type").orElseThrow());
        return Exposition.parse(response.body());
    }

    @Test
    void bindsOnTheChatHostAtTheConfiguredPort() {
        assertEquals("127.0.0.1", admin.address().getAddress().getHostAddress());
        assertTrue(admin.port() > 0);
    }

    @Test
    void refusesToStartWhenTheConfigHasItOff() {
        ChatHub off = new ChatHub(ChatConfig.forTests());
        assertEquals(false, AdminServer.isEnabled(off.config()));
        assertThrows(IllegalArgumentException.class, () -> AdminServer.start(off, "test"));
    }

    @Test
    void healthIsOkWhileServingAnd503OnceShuttingDown() throws Exception {
        HttpResponse<String> serving = get("/health");
        assertEquals(200, serving.statusCode());
        assertEquals("ok\n", serving.body());

        hub.shutdown();

        HttpResponse<String> stopping = get("/health");
        assertEquals(503, stopping.statusCode());
        assertEquals("shutting down\n", stopping.body());
    }

    @Test
    void metricsHaveTheDocumentedNamesAndTypes() throws Exception {
        Exposition scrape = scrape();
        for (String gauge : new String[] {"chatd_users", "chatd_logged_in_users", "chatd_rooms",
                "chatd_output_backlog_bytes"}) {
            assertEquals("gauge", scrape.types().get(gauge), gauge);
        }
        for (String counter : new String[] {"chatd_logins_total", "chatd_lines_received_total",
                "chatd_lines_delivered_total", "chatd_bytes_written_total", "chatd_slow_consumer_disconnects_total",
                "chatd_throttled_reads_total", "chatd_output_budget_pauses_total", "chatd_rejected_lines_total",
                "chatd_connections_refused_total"}) {
            assertEquals("counter", scrape.types().get(counter), counter);
        }
        assertEquals("gauge", scrape.types().get("chatd_info"), "an info metric is a gauge in this format");
        assertEquals(1.0, scrape.value("chatd_info{server=\"test\"}"));
        for (Rejection why : Rejection.values()) {
            assertEquals(0.0, scrape.value("chatd_rejected_lines_total{reason=\"" + why.label() + "\"}"));
        }
    }

    @Test
    void metricsShowWhatTheHubCounted() throws Exception {
        User alice = login("alice");
        login("bob");
        DiscardingConnection atPrompt = new DiscardingConnection();
        assertTrue(hub.admit(atPrompt));
        hub.login(atPrompt, "alice"); // taken
        hub.admit(new DiscardingConnection()); // the fourth: max users is 3
        alice.handle("hello");
        alice.handle("/join dev");
        alice.handle("/bogus");
        alice.handle("/msg");
        alice.lineTooLong();
        hub.lineTooLongAtPrompt(atPrompt);
        hub.metrics().bytesWritten(1234);
        hub.metrics().slowConsumerDisconnect();
        hub.metrics().throttledRead();

        Exposition scrape = scrape();
        assertEquals(3.0, scrape.value("chatd_users"));
        assertEquals(2.0, scrape.value("chatd_logged_in_users"));
        assertEquals(2.0, scrape.value("chatd_rooms"));
        assertEquals(2.0, scrape.value("chatd_logins_total"));
        // Seven lines acted on, and two dropped as too long (one after login, one at the prompt): read all the same.
        assertEquals(9.0, scrape.value("chatd_lines_received_total"));
        assertEquals(hub.metrics().linesDelivered(), scrape.value("chatd_lines_delivered_total"));
        assertTrue(scrape.value("chatd_lines_delivered_total") >= 6, "joins, users lists, hello, leave, errors");
        assertEquals(1234.0, scrape.value("chatd_bytes_written_total"));
        assertEquals(1.0, scrape.value("chatd_slow_consumer_disconnects_total"));
        assertEquals(1.0, scrape.value("chatd_throttled_reads_total"));
        assertEquals(1.0, scrape.value("chatd_connections_refused_total"));
        assertEquals(1.0, scrape.value("chatd_rejected_lines_total{reason=\"name_taken\"}"));
        assertEquals(1.0, scrape.value("chatd_rejected_lines_total{reason=\"unknown_command\"}"));
        assertEquals(1.0, scrape.value("chatd_rejected_lines_total{reason=\"usage\"}"));
        assertEquals(0.0, scrape.value("chatd_rejected_lines_total{reason=\"invalid_name\"}"));
        assertEquals(2.0, scrape.value("chatd_rejected_lines_total{reason=\"line_too_long\"}"));
    }

    @Test
    void gaugesAreReadAtScrapeTime() throws Exception {
        assertEquals(0.0, scrape().value("chatd_logged_in_users"));
        login("carol");
        assertEquals(1.0, scrape().value("chatd_logged_in_users"));
    }

    @Test
    void headAnswersWithoutABody() throws Exception {
        HttpResponse<String> head = send(HttpRequest.newBuilder(uri("/health")).method("HEAD",
                HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
    }

    @Test
    void otherPathsAre404AndOtherMethods405() throws Exception {
        assertEquals(404, get("/").statusCode());
        assertEquals(404, get("/healthz").statusCode());
        assertEquals(404, get("/metrics/extra").statusCode());
        HttpResponse<String> post = send(HttpRequest.newBuilder(uri("/health"))
                .POST(HttpRequest.BodyPublishers.ofString("x")));
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void closeFreesThePort() {
        admin.close();
        assertThrows(ConnectException.class, () -> get("/health"));
    }
}
