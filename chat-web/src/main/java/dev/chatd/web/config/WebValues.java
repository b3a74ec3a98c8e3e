package dev.chatd.web.config;

import static dev.chatd.common.config.ValueFormats.integer;
import static dev.chatd.common.config.ValueFormats.quote;
import static dev.chatd.common.config.ValueFormats.unbracketed;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the gateway's own value syntaxes: lists of upstreams and of origins. Numbers,
 * sizes and hosts are chat-common's {@code ValueFormats}, the servers' own readers. Each reader
 * throws {@link IllegalArgumentException} without the flag's name, which the parser adds.
 */
final class WebValues {

    static final String NONE = "none";

    private WebValues() {
    }

    /**
     * A comma-separated list of {@code host:port} ({@code [::1]:4455} for IPv6). Names are not
     * looked up here: a chat server that is not up yet, or a name that only resolves later (a
     * compose service), is the normal case; a browser that cannot be connected is told so then.
     */
    static List<Upstream> upstreams(String raw) {
        List<Upstream> upstreams = new ArrayList<>();
        for (String item : items(raw)) {
            // An IPv6 host needs its brackets here, or its last group would read as the port.
            int colon = item.startsWith("[") ? item.indexOf("]:") + 1 : item.indexOf(':');
            if (colon <= 0 || colon != item.lastIndexOf(':') && !item.startsWith("[") || colon == item.length() - 1) {
                throw new IllegalArgumentException("not host:port: " + quote(item));
            }
            String host = unbracketed(item.substring(0, colon));
            if (host.isEmpty() || host.codePoints().anyMatch(cp -> Character.isWhitespace(cp) || Character.isISOControl(cp))) {
                throw new IllegalArgumentException("not host:port: " + quote(item));
            }
            int port = (int) integer(item.substring(colon + 1), "upstream port", 1, 65535);
            upstreams.add(new Upstream(host, port));
        }
        return upstreams;
    }

    /** Writes upstreams the way {@link #upstreams} reads them. */
    static String formatUpstreams(List<Upstream> upstreams) {
        return String.join(",", upstreams.stream().map(Upstream::toString).toList());
    }

    /** A comma-separated list of origins, each in {@link Origins}' normal form, or "none". */
    static List<String> origins(String raw) {
        if (raw.strip().equalsIgnoreCase(NONE)) return List.of();
        List<String> origins = new ArrayList<>();
        for (String item : items(raw)) {
            origins.add(Origins.normalise(item).orElseThrow(() -> new IllegalArgumentException(
                    "not an origin (http:// or https://, a host, an optional port, no path): " + quote(item))));
        }
        return origins;
    }

    private static List<String> items(String raw) {
        List<String> items = new ArrayList<>();
        for (String part : raw.split(",", -1)) {
            String item = part.strip();
            if (item.isEmpty()) throw new IllegalArgumentException("empty item in list: " + quote(raw));
            items.add(item);
        }
        return items;
    }
}
