package dev.chatd.web.http;

import dev.chatd.web.config.Origins;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which pages may open a WebSocket to this gateway. A browser sends the page's origin with every
 * WebSocket handshake but, unlike for ordinary requests, applies no same-origin rule of its own:
 * without this check any site a visitor opens could chat in their name through a gateway they
 * can reach. Allowed are the page's own origin (the {@code Origin} names the host the request was
 * sent to, as its {@code Host} header says) and the origins given with {@code --allowed-origin}.
 *
 * <p>A handshake without an {@code Origin} header is allowed: it comes from a program, not a
 * browser (browsers always send one on a WebSocket), and a program can send whatever header it
 * likes, so refusing it would protect nobody. The opaque origin {@code null} (sandboxed frames,
 * local files) is refused.
 */
public final class OriginPolicy {

    private final Set<String> allowed;

    /** @param allowedOrigins origins in {@link Origins}' normal form, as {@code WebConfig} holds them */
    public OriginPolicy(List<String> allowedOrigins) {
        this.allowed = Set.copyOf(allowedOrigins);
    }

    /** Whether a handshake with these headers (either null when absent) may proceed. */
    public boolean allows(String origin, String host) {
        if (origin == null) return true;
        Optional<String> normal = Origins.normalise(origin);
        if (normal.isEmpty()) return false;
        if (allowed.contains(normal.get())) return true;
        int schemeEnd = normal.get().indexOf("://");
        String scheme = normal.get().substring(0, schemeEnd);
        return host != null && normal.get().substring(schemeEnd + 3).equals(authority(host, scheme));
    }

    /** The Host header as an origin's authority reads: lower case, without the scheme's default port. */
    private static String authority(String host, String scheme) {
        String text = host.strip().toLowerCase(Locale.ROOT);
        String defaultPort = ":" + Origins.defaultPort(scheme);
        return text.endsWith(defaultPort) ? text.substring(0, text.length() - defaultPort.length()) : text;
    }
}
