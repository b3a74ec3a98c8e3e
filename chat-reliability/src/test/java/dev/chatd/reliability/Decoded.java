package dev.chatd.reliability;

import dev.chatd.common.wire.TelnetEvent;

/** What an input path makes of the input, besides text lines (which are plain Strings in the lists compared). */
sealed interface Decoded {

    /** A line passed the limit and is being discarded. */
    Decoded LINE_TOO_LONG = new TooLong();

    /** The marker for an overrun; all are equal. */
    record TooLong() implements Decoded {}

    /** The last line, cut off by the end of input. */
    record Unterminated(String line) implements Decoded {}

    /** A telnet request at its place: {@code "reply ff fb 06"} for bytes to send back, {@code "ayt"}. */
    record Telnet(String request) implements Decoded {

        static Telnet of(TelnetEvent event) {
            if (event instanceof TelnetEvent.Reply reply) {
                return reply(reply.bytes());
            }
            return new Telnet("ayt");
        }

        static Telnet reply(byte[] bytes) {
            StringBuilder text = new StringBuilder("reply");
            for (byte b : bytes) {
                text.append(String.format(" %02x", b & 0xFF));
            }
            return new Telnet(text.toString());
        }
    }
}
