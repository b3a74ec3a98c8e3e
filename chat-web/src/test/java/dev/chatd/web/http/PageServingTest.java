package dev.chatd.web.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatd.web.ChatAndGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The page's files over real HTTP: the right types, the security headers on every answer, nothing else served. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PageServingTest {

    private final ChatAndGateway chat = ChatAndGateway.start();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterAll
    void closeAll() {
        chat.close();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(chat.pageUrl()).resolve(path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(5)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageIsServedAtTheRootWithItsPolicy() throws Exception {
        HttpResponse<String> page = send("GET", "/");
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("content-type").orElseThrow());
        assertTrue(page.body().contains("<script type=\"module\" src=\"/main.js\"></script>"), page.body());
        String policy = page.headers().firstValue("content-security-policy").orElseThrow();
        assertTrue(policy.contains("default-src 'none'"), policy);
        assertTrue(policy.contains("script-src 'self'"), policy);
        assertTrue(policy.contains("style-src 'self'"), policy);
        assertTrue(policy.contains("connect-src 'self'"), policy);
        assertEquals("nosniff", page.headers().firstValue("x-content-type-options").orElseThrow());
        assertEquals(page.body(), send("GET", "/index.html").body());
    }

    @Test
    void scriptsAndStylesHaveTheirTypes() throws Exception {
        assertEquals("text/javascript; charset=utf-8", send("GET", "/main.js").headers().firstValue("content-type").orElseThrow());
        assertEquals("text/css; charset=utf-8", send("GET", "/style.css").headers().firstValue("content-type").orElseThrow());
        assertEquals("image/svg+xml", send("GET", "/favicon.svg").headers().firstValue("content-type").orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nope", "/dev/chatd/web/page/index.html", "/%2e%2e/pom.xml", "/main.js/", "/WebMain.class"})
    void nothingElseIsServed(String path) throws Exception {
        HttpResponse<String> response = send("GET", path);
        assertEquals(404, response.statusCode());
        assertEquals("nosniff", response.headers().firstValue("x-content-type-options").orElseThrow());
    }

    @Test
    void onlyGetAndHeadAreAnswered() throws Exception {
        HttpResponse<String> post = send("POST", "/");
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("allow").orElseThrow());
        HttpResponse<String> head = send("HEAD", "/");
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
    }

    @Test
    void aQueryDoesNotChangeTheFile() throws Exception {
        assertEquals(send("GET", "/").body(), send("GET", "/?room=dev").body());
    }
}
