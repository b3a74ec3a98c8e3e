package dev.chatd.web.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    private final OriginPolicy none = new OriginPolicy(List.of());
    private final OriginPolicy allowing = new OriginPolicy(List.of("https://chat.example.org"));

    @Test
    void theOriginOfTheHostAskedIsAllowed() {
        assertTrue(none.allows("http://localhost:8080", "localhost:8080"));
        assertTrue(none.allows("http://LOCALHOST:8080", "localhost:8080"));
        assertTrue(none.allows("http://example.org", "example.org"));
        assertTrue(none.allows("http://example.org", "example.org:80"), "the default port is no port");
        assertTrue(none.allows("https://example.org", "example.org"), "behind a TLS proxy that keeps the Host");
        assertTrue(none.allows("http://[::1]:8080", "[::1]:8080"));
    }

    @Test
    void anyOtherOriginIsRefused() {
        assertFalse(none.allows("http://evil.example", "localhost:8080"));
        assertFalse(none.allows("http://localhost:8081", "localhost:8080"));
        assertFalse(none.allows("http://localhost:8080", null));
        assertFalse(none.allows("http://localhost:8080.evil.example", "localhost:8080"));
    }

    @Test
    void whatIsNoHttpOriginIsRefused() {
        assertFalse(none.allows("null", "localhost:8080"));
        assertFalse(none.allows("", "localhost:8080"));
        assertFalse(none.allows("file:///etc", "localhost:8080"));
        assertFalse(none.allows("http://localhost:8080/path", "localhost:8080"));
        assertFalse(none.allows("http://user@localhost:8080", "localhost:8080"));
        assertFalse(none.allows("not a url", "localhost:8080"));
    }

    @Test
    void allowedOriginsAreAllowedFromAnyHost() {
        assertTrue(allowing.allows("https://chat.example.org", "gateway.internal:8080"));
        assertTrue(allowing.allows("https://Chat.Example.org:443", "gateway.internal:8080"));
        assertFalse(allowing.allows("http://chat.example.org", "gateway.internal:8080"), "another scheme");
        assertFalse(allowing.allows("https://chat.example.org:8443", "gateway.internal:8080"), "another port");
    }

    @Test
    void noOriginIsAProgramNotABrowser() {
        assertTrue(none.allows(null, "localhost:8080"));
        assertTrue(none.allows(null, null));
    }
}
