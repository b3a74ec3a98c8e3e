package dev.chatd.common.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the value syntaxes the flags share. Each reader gets the raw text and a short
 * noun for the setting ("port") and throws {@link IllegalArgumentException} with a message such as
 * {@code port must be 0-65535: 70000}; the caller prefixes the flag or variable, which only it
 * knows. Writers produce text the readers accept, so the defaults in the help text parse back.
 * The public ones are the web gateway's too, so a size or an address reads the same everywhere.
 */
public final class ValueFormats {

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern SIZE = Pattern.compile("([+-]?\\d+)([kmg]?)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION =
            Pattern.compile("([+-]?\\d+(?:\\.\\d+)?)\\s*(ms|s)?", Pattern.CASE_INSENSITIVE);
    private static final String OFF = "off";
    private static final int KIB = 1024;
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);
    private static final BigDecimal NANOS_PER_MILLI = BigDecimal.valueOf(1_000_000L);

    private ValueFormats() {
    }

    /** A whole number in {@code [min, max]}. */
    public static long integer(String raw, String what, long min, long max) {
        String text = raw.strip();
        if (!INTEGER.matcher(text).matches()) {
            throw new IllegalArgumentException("not a number: " + quote(raw));
        }
        return inRange(new BigInteger(text), raw, what, min, max);
    }

    /** A byte count: a whole number, optionally followed by k, m or g (powers of 1024). */
    public static long size(String raw, String what, long min, long max) {
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
    public static String formatSize(long bytes) {
        String[] suffixes = {"", "k", "m", "g"};
        int unit = 0;
        long value = bytes;
        while (unit < suffixes.length - 1 && value != 0 && value % KIB == 0) {
            value /= KIB;
            unit++;
        }
        return value + suffixes[unit];
    }

    /** A TCP port, or "off" (any case), which is returned as {@link ChatConfig#ADMIN_OFF}. */
    static int portOrOff(String raw, String what) {
        String text = raw.strip();
        if (text.equalsIgnoreCase(OFF)) {
            return ChatConfig.ADMIN_OFF;
        }
        if (!INTEGER.matcher(text).matches()) {
            throw new IllegalArgumentException("not a port number or \"off\": " + quote(raw));
        }
        return (int) inRange(new BigInteger(text), raw, what, 0, 65535);
    }

    static String formatPortOrOff(int port) {
        return port == ChatConfig.ADMIN_OFF ? OFF : Integer.toString(port);
    }

    /** Seconds, possibly fractional ("5", "2.5", "2.5s"), or milliseconds ("500ms"). */
    static Duration duration(String raw, String what) {
        Matcher m = DURATION.matcher(raw.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration (seconds, e.g. 5 or 2.5, or 500ms): " + quote(raw));
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        if (amount.signum() < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + raw.strip());
        }
        boolean millis = "ms".equalsIgnoreCase(m.group(2));
        BigInteger nanos = amount.multiply(millis ? NANOS_PER_MILLI : NANOS_PER_SECOND)
                .setScale(0, RoundingMode.DOWN)
                .toBigInteger();
        if (nanos.bitLength() >= Long.SIZE) {
            throw new IllegalArgumentException(what + " is too large: " + raw.strip());
        }
        return Duration.ofNanos(nanos.longValueExact());
    }

    /** Writes a duration the way an operator would: "5s", "500ms", "2.5s". */
    static String formatDuration(Duration duration) {
        if (duration.toNanosPart() == 0) {
            return duration.getSeconds() + "s";
        }
        if (duration.toNanosPart() % 1_000_000 == 0 && duration.getSeconds() == 0) {
            return duration.toMillis() + "ms";
        }
        BigDecimal seconds = BigDecimal.valueOf(duration.getSeconds())
                .add(BigDecimal.valueOf(duration.toNanosPart(), 9));
        return seconds.stripTrailingZeros().toPlainString() + "s";
    }

    /**
     * Free text such as a host or a server name: trimmed, not empty, and without control
     * characters, since the server name is sent to every client in the welcome line.
     */
    static String text(String raw, String what) {
        String text = raw.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (text.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " must not contain control characters: " + quote(raw));
        }
        return text;
    }

    /**
     * An address to listen on: an IPv4 or IPv6 literal ({@code [::1]} or {@code ::1}), or a host
     * name, which is looked up now so that one the resolver does not know is reported as a bad
     * value naming the flag, the same for both servers, instead of as whatever each server's bind
     * makes of an unresolved address. Returned as given, but without IPv6 brackets, which the
     * messages add back.
     */
    public static String host(String raw, String what) {
        String text = text(raw, what);
        try {
            // Literals are parsed without a lookup; the JDK also checks what brackets may hold.
            InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address or a known host name: " + quote(raw));
        }
        return unbracketed(text);
    }

    /** An IPv6 literal without its brackets ({@code [::1]} is {@code ::1}); anything else as it is. */
    public static String unbracketed(String host) {
        boolean bracketed = host.length() > 2 && host.startsWith("[") && host.endsWith("]");
        return bracketed ? host.substring(1, host.length() - 1) : host;
    }

    /** {@code off} (a stand-alone server, returned as null) or a {@code redis://} or {@code rediss://} URI. */
    static String redisOrOff(String raw, String what) {
        String text = text(raw, what);
        if (text.equalsIgnoreCase("off")) return null;
        String lower = text.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("redis://") || lower.startsWith("rediss://")) || text.indexOf("://") + 3 == text.length()) {
            throw new IllegalArgumentException("not off or a redis:// URI: " + quote(raw));
        }
        return text;
    }

    /** The inverse of {@link #redisOrOff}. */
    static String formatRedisOrOff(String redis) {
        return redis == null ? "off" : redis;
    }

    /**
     * A node id: {@code auto} (host name and pid, returned as empty) or 1-64 letters, digits,
     * {@code .}, {@code _} or {@code -}, since it goes into Redis keys and values.
     */
    static String nodeId(String raw, String what) {
        String text = text(raw, what);
        if (text.equals("auto")) return "";
        if (!text.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException(what + " must be auto or 1-64 letters, digits, '.', '_' or '-': " + quote(raw));
        }
        return text;
    }

    /** The inverse of {@link #nodeId}. */
    static String formatNodeId(String nodeId) {
        return nodeId.isEmpty() ? "auto" : nodeId;
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
    public static String quote(String raw) {
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
