package dev.chatd.common.render;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns {@link ServerLine}s into the bytes that go on the wire, CRLF included. Thread-safe; one
 * instance serves the whole server because Jackson's mapper is expensive to build and safe to share.
 */
public final class Renderer {

    private static final byte[] CRLF = {'\r', '\n'};

    // ISO_INSTANT drops the fraction when it is zero; PROTOCOL.md wants milliseconds always.
    private static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final JsonMapper json = JsonMapper.builder().build();

    /** The line in the given format, ready to send. */
    public byte[] render(ServerLine line, OutputFormat format) {
        return format == OutputFormat.JSON ? json(line) : text(line.toText());
    }

    /** A text line with its CRLF. */
    public static byte[] text(String line) {
        byte[] body = line.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[body.length + 2];
        System.arraycopy(body, 0, out, 0, body.length);
        out[body.length] = '\r';
        out[body.length + 1] = '\n';
        return out;
    }

    private byte[] json(ServerLine line) {
        byte[] body = json.writeValueAsBytes(line);
        byte[] out = new byte[body.length + CRLF.length];
        System.arraycopy(body, 0, out, 0, body.length);
        System.arraycopy(CRLF, 0, out, body.length, CRLF.length);
        return out;
    }

    /** The {@code ts} form: UTC, milliseconds, {@code Z}. */
    public static String timestamp(Instant instant) {
        return TS.format(instant);
    }
}
