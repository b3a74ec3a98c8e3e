package dev.chatd.web.http;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * The headers every response carries. The policy lets the page run only its own scripts and
 * styles and talk only to its own origin (the WebSocket included), so even a line that somehow
 * became markup could load or send nothing; nothing may frame the page.
 */
final class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self'",
            "connect-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'");

    private SecurityHeaders() {
    }

    static void addTo(HttpHeaders headers) {
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "no-referrer")
                .set("X-Frame-Options", "DENY")
                // Small files, changed with every release: always revalidated, never stale.
                .set("Cache-Control", "no-cache");
    }
}
