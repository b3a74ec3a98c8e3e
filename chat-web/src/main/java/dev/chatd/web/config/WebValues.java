package dev.chatd.web.config;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the gateway's value syntaxes. Numbers, sizes and hosts read as the servers'
 * flags do and fail with the servers' words ({@code not a number: "abc"}, {@code port must be
 * 0-65535: 70000}); chat-common keeps its readers package-private, so they are restated here.
 * Each reader throws {@link IllegalArgumentException} without the flag's name, which the parser adds.
 */
final class WebValues {

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern SIZE = Pattern.compile("([+-]?\\d+)([kmg]?)", Pattern.CASE_INSENSITIVE);
    private static final int KIB = 1024;
    static final String NONE = "none";

    private WebValues() {
    }

    /** A whole number in {@code [min, max]}. */
    static long integer(String raw, String what, long min, long max) {
        String text = raw.strip();
        if (!INTEGER.matcher(text).matches()) {
            throw new IllegalArgumentException("not a number: " + quote(raw));
        }
        return inRange(new BigInteger(text), raw, what, min, max);
    }

    /** A byte count: a whole number, optionally followed by k, m or g (powers of 1024). */
    static long size(String raw, String what, long min, long max) {
        Matcher m = SIZE.matcher(raw.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size (bytes, or a number with k, m or g): " + quote(raw));
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        return inRange(new BigInteger(m.group(1)).shiftLeft(shift), raw, what, min, max);
    }

    /** Writes a byte count with the largest suffix that keeps it whole: 1048576 is "1m". */
    static String formatSize(long bytes) {
        String[] suffixes = {"", "k", "m", "g"};
        int unit = 0;
        long value = bytes;
        while (unit < suffixes.length - 1 && value != 0 && value % KIB == 0) {
            value /= KIB;
            unit++;
        }
        return value + suffixes[unit];
    }

    /**
     * An address to listen on, looked up now so that an unknown name is a bad value naming the
     * flag (exit 2), as for the servers. Returned without IPv6 brackets.
     */
    static String host(String raw, String what) {
        String text = raw.strip();
        if (text.isEmpty()) throw new IllegalArgumentException(what + " must not be empty");
        try {
            InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address or a known host name: " + quote(raw));
        }
        return unbracketed(text);
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

    private static String unbracketed(String host) {
        boolean bracketed = host.length() > 2 && host.startsWith("[") && host.endsWith("]");
        return bracketed ? host.substring(1, host.length() - 1) : host;
    }

    private static long inRange(BigInteger value, String raw, String what, long min, long max) {
        boolean unbounded = max == Integer.MAX_VALUE || max == Long.MAX_VALUE;
        if (value.compareTo(BigInteger.valueOf(min)) < 0) {
            throw new IllegalArgumentException(unbounded
                    ? what + " must be at least " + min + ": " + raw.strip()
                    : what + " must be " + min + "-" + max + ": " + raw.strip());
        }
        if (value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new IllegalArgumentException(unbounded
                    ? what + " is too large (max " + max + "): " + raw.strip()
                    : what + " must be " + min + "-" + max + ": " + raw.strip());
        }
        return value.longValue();
    }

    /** Quotes a value for a message, escaping what would garble a terminal. */
    static String quote(String raw) {
        StringBuilder out = new StringBuilder("\"");
        raw.codePoints().forEach(cp -> {
            if (cp == '"' || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
            } else if (Character.isISOControl(cp)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append('"').toString();
    }
}
