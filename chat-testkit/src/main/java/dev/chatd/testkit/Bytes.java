package dev.chatd.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;

/**
 * Byte strings for tests that send exactly what they mean: telnet commands, invalid UTF-8, line
 * ends split across writes. Written once here for the contracts and the servers' own tests.
 */
public final class Bytes {

    private Bytes() {
    }

    /** The bytes with these values (0 to 255), so {@code bytes('a', 0xFF, 0xF1)} reads as it is sent. */
    public static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    /** Text as UTF-8 (for ASCII text, its ASCII bytes). */
    public static byte[] utf8(String text) {
        return text.getBytes(UTF_8);
    }

    /** The parts one after another. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
