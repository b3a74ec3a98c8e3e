package dev.chatd.common.render;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns {@link ServerLine}s into the bytes that go on the wire, CRLF included. Thread-safe; one
 * instance serves the whole server because Jackson's mapper is expensive to build and safe to share.
 */
public final class Renderer {

    private static final byte[] CRLF = {'\r', '\n'};

    // ISO_INSTANT drops the fraction when it is zero; docs/protocol.md wants milliseconds always.
    private static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final JsonMapper json = JsonMapper.builder().build();

    /** The line in the given format, ready to send. */
    public byte[] render(ServerLine line, OutputFormat format) {
        if (format == OutputFormat.JSON) return json(line);
        if (line instanceof ServerLine.Users users) return usersText(users);
        return text(line.toText());
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

    /**
     * The text users line, {@link ServerLine.Users#toText()} plus CRLF, encoded straight into its
     * bytes: every login sends one, and at 10,000 members it is ~100 KB, so joining the names into
     * a String and then encoding that would copy it twice more. A room's own list
     * ({@link JoinedNames}) has its names encoded and joined already: one copy.
     */
    static byte[] usersText(ServerLine.Users users) {
        byte[] head = ("* users in #" + users.room() + ": ").getBytes(StandardCharsets.UTF_8);
        List<String> names = users.users();
        if (names instanceof JoinedNames joined) { // a room's own list: its bytes are ready
            byte[] out = new byte[head.length + joined.joinedLength() + CRLF.length];
            System.arraycopy(head, 0, out, 0, head.length);
            joined.copyJoinedTo(out, head.length);
            System.arraycopy(CRLF, 0, out, out.length - CRLF.length, CRLF.length);
            return out;
        }
        int size = head.length + CRLF.length + 2 * Math.max(0, names.size() - 1);
        for (String name : names) {
            size += isAscii(name) ? name.length() : name.getBytes(StandardCharsets.UTF_8).length;
        }
        byte[] out = new byte[size];
        System.arraycopy(head, 0, out, 0, head.length);
        int at = head.length;
        for (int i = 0, n = names.size(); i < n; i++) {
            if (i > 0) {
                out[at++] = ',';
                out[at++] = ' ';
            }
            String name = names.get(i);
            if (isAscii(name)) {
                for (int c = 0, len = name.length(); c < len; c++) out[at++] = (byte) name.charAt(c);
            } else {
                byte[] encoded = name.getBytes(StandardCharsets.UTF_8);
                System.arraycopy(encoded, 0, out, at, encoded.length);
                at += encoded.length;
            }
        }
        out[at++] = '\r';
        out[at] = '\n';
        return out;
    }

    private static boolean isAscii(String s) {
        for (int i = 0, len = s.length(); i < len; i++) {
            if (s.charAt(i) >= 0x80) return false;
        }
        return true;
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
