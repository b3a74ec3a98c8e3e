package dev.chatd.common.wire;

/**
 * Strips telnet negotiation from one connection's input, before it is cut into lines.
 *
 * <p>Removed, whole:
 * <ul>
 *   <li>{@code IAC IAC} &ndash; an escaped 0xFF data byte. It can never be part of valid UTF-8, so it is
 *       dropped rather than passed on to become a replacement character.</li>
 *   <li>{@code IAC WILL|WONT|DO|DONT <option>} &ndash; three bytes, whatever the option byte is.</li>
 *   <li>{@code IAC SB ... IAC SE} &ndash; a subnegotiation. Inside it {@code IAC IAC} is an escaped data
 *       byte and does not end it.</li>
 *   <li>{@code IAC <command>} for any other command byte (240&ndash;254, e.g. NOP, AYT, a stray SE) &ndash;
 *       two bytes.</li>
 * </ul>
 * Choices the telnet RFCs leave open:
 * <ul>
 *   <li>{@code IAC <x>} with x below 240 is no telnet command; it comes from a raw client (netcat) that sent
 *       a bare 0xFF. Only the IAC is dropped and x stays data, so a Latin-1 "&yuml;" typed just before
 *       Enter cannot swallow the line end.</li>
 *   <li>{@code IAC <x>} inside a subnegotiation, with x neither SE nor IAC, is a client error. Like
 *       libtelnet, it ends the subnegotiation and {@code IAC <x>} is then read as if it came outside
 *       one; so a client that forgot its {@code IAC SE} loses only the bytes up to its next command.</li>
 * </ul>
 *
 * <p>State is kept between calls, so a sequence split at any byte boundary is stripped exactly as if it had
 * arrived whole. Subnegotiation content is skipped, never stored: memory is a few fields however much
 * arrives. One instance per connection; not thread-safe.
 */
public final class TelnetFilter {

    private static final int IAC = 0xFF;
    private static final int SE = 240;
    private static final int SB = 250;
    private static final int WILL = 251;
    private static final int DONT = 254;
    private static final int FIRST_COMMAND = SE;

    /** Where the byte stream stands in the telnet grammar. */
    private enum State {
        /** Ordinary data. */
        DATA,
        /** Just after an IAC in data. */
        COMMAND,
        /** Just after IAC WILL, WONT, DO or DONT: the next byte is the option. */
        OPTION,
        /** Inside IAC SB, skipping. */
        SUBNEGOTIATION,
        /** Just after an IAC inside a subnegotiation. */
        SUBNEGOTIATION_COMMAND
    }

    private State state = State.DATA;

    /**
     * Removes telnet negotiation from {@code buf[off..off+len)} in place: the kept bytes are moved to the
     * front of that range, in order.
     *
     * @return how many bytes were kept, now in {@code buf[off..off+return)}; the rest of the range is
     *         left with unspecified contents
     */
    public int filter(byte[] buf, int off, int len) {
        int end = off + len;
        int read = off;
        if (state == State.DATA) {
            // Almost all input has no IAC at all: find that out without writing anything.
            while (read < end && buf[read] != (byte) IAC) {
                read++;
            }
            if (read == end) {
                return len;
            }
        }
        int write = read;
        for (; read < end; read++) {
            byte b = buf[read];
            switch (state) {
                case DATA:
                    if (b == (byte) IAC) {
                        state = State.COMMAND;
                    } else {
                        buf[write++] = b;
                    }
                    break;
                case COMMAND:
                    if (afterIac(b & 0xFF)) {
                        buf[write++] = b;
                    }
                    break;
                case OPTION:
                    state = State.DATA;
                    break;
                case SUBNEGOTIATION:
                    if (b == (byte) IAC) {
                        state = State.SUBNEGOTIATION_COMMAND;
                    }
                    break;
                case SUBNEGOTIATION_COMMAND:
                    int c = b & 0xFF;
                    if (c == SE) {
                        state = State.DATA;
                    } else if (c == IAC) {
                        state = State.SUBNEGOTIATION;
                    } else if (afterIac(c)) {
                        buf[write++] = b;
                    }
                    break;
                default:
                    throw new AssertionError(state);
            }
        }
        return write - off;
    }

    /**
     * Moves on from the byte after an IAC (outside a subnegotiation, or ending one).
     *
     * @return whether that byte is data to keep
     */
    private boolean afterIac(int c) {
        if (c == SB) {
            state = State.SUBNEGOTIATION;
        } else if (c >= WILL && c <= DONT) {
            state = State.OPTION;
        } else {
            state = State.DATA;
            // IAC IAC and commands 240-254 vanish; a byte below 240 is data after a stray 0xFF.
            return c < FIRST_COMMAND;
        }
        return false;
    }
}
