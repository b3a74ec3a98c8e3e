package dev.chatd.web.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Web origins ({@code scheme://host[:port]}) in one normal form, so that the origins an operator
 * allows and the {@code Origin} headers browsers send compare as text: scheme and host in lower
 * case, the port only when it is not the scheme's default.
 */
public final class Origins {

    private Origins() {
    }

    /**
     * The normal form of an http or https origin; empty for anything else (a path, a query, user
     * info, another scheme, the opaque origin {@code null}).
     */
    public static Optional<String> normalise(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean http = scheme.equals("http") || scheme.equals("https");
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        if (!http || !bare || uri.getHost() == null) return Optional.empty();
        int port = uri.getPort();
        boolean defaultPort = port == -1 || port == defaultPort(scheme);
        return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
    }

    /** 443 for https, 80 otherwise. */
    public static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }
}
