package dev.chatd.common.wire;

/**
 * Takes telnet commands out of one connection's input, before it is cut into lines, and says what
 * they ask of the server. The data between them goes to a {@link Sink} in runs, with each command's
 * {@link TelnetEvent} at the point of the input where the command stood.
 *
 * <p>Removed, whole:
 * <ul>
 *   <li>{@code IAC IAC} &ndash; an escaped 0xFF data byte. It can never be part of valid UTF-8, so it is
 *       dropped rather than passed on to become a replacement character.</li>
 *   <li>{@code IAC WILL|WONT|DO|DONT <option>} &ndash; three bytes, whatever the option byte is; answered
 *       as {@link TelnetOptions} says.</li>
 *   <li>{@code IAC SB ... IAC SE} &ndash; a subnegotiation. Inside it {@code IAC IAC} is an escaped data
 *       byte and does not end it.</li>
 *   <li>{@code IAC <command>} for any other command byte, 236&ndash;254: RFC 854's 240&ndash;254 (NOP, AYT,
 *       IP, a stray SE…) and RFC 1184's EOF, SUSP, ABORT and RFC 885's EOR, which inetutils telnet sends
 *       too. {@code IAC AYT} becomes {@link TelnetEvent#ARE_YOU_THERE}.</li>
 * </ul>
 * Choices the telnet RFCs leave open:
 * <ul>
 *   <li>{@code IAC <x>} with x below 236 is no telnet command; it comes from a raw client (netcat) that sent
 *       a bare 0xFF. Only the IAC is dropped and x stays data, so a Latin-1 "&yuml;" typed just before
 *       Enter cannot swallow the line end. It starts no negotiation either: such a client never hears a
 *       telnet byte.</li>
 *   <li>{@code IAC <x>} inside a subnegotiation, with x neither SE nor IAC, is a client error. Like
 *       libtelnet, it ends the subnegotiation and {@code IAC <x>} is then read as if it came outside
 *       one; so a client that forgot its {@code IAC SE} loses only the bytes up to its next command.</li>
 * </ul>
 *
 * <p>State is kept between calls, so a sequence split at any byte boundary is read exactly as if it had
 * arrived whole. Subnegotiation content is skipped, never stored: memory is a few fields however much
 * arrives. One instance per connection; not thread-safe.
 */
public final class TelnetFilter {

    private static final int IAC = 0xFF;
    private static final int SE = 240;
    private static final int AYT = 246;
    private static final int SB = 250;
    private static final int WILL = 251;
    private static final int DONT = 254;
    private static final int FIRST_COMMAND = 236;

    /** Receives the input with the telnet commands taken out, in order. */
    public interface Sink {

        /** Data bytes: {@code buf[off..off+len)}, valid only during the call. */
        void data(byte[] buf, int off, int len);

        /** What a command asks of the server, between the data before and after it. */
        void telnet(TelnetEvent event);
    }

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

    private final TelnetOptions options = new TelnetOptions();
    private State state = State.DATA;
    private int verb;

    /** Reads {@code buf[off..off+len)}, as it came from the socket, into the sink; the array is not changed. */
    public void feed(byte[] buf, int off, int len, Sink sink) {
        int end = off + len;
        int runStart = off; // start of the data run being collected, when state is DATA
        for (int i = off; i < end; i++) {
            int b = buf[i] & 0xFF;
            switch (state) {
                case DATA -> {
                    if (b == IAC) {
                        emit(buf, runStart, i, sink);
                        state = State.COMMAND;
                    }
                }
                case COMMAND -> {
                    if (afterIac(b, sink)) {
                        runStart = i; // a bare 0xFF's next byte is data, and starts the next run
                    } else {
                        runStart = i + 1;
                    }
                }
                case OPTION -> {
                    state = State.DATA;
                    runStart = i + 1;
                    answer(options.negotiate(verb, b), sink);
                }
                case SUBNEGOTIATION -> {
                    if (b == IAC) {
                        state = State.SUBNEGOTIATION_COMMAND;
                    }
                }
                case SUBNEGOTIATION_COMMAND -> {
                    if (b == SE) {
                        state = State.DATA;
                        runStart = i + 1;
                    } else if (b == IAC) {
                        state = State.SUBNEGOTIATION;
                    } else {
                        runStart = afterIac(b, sink) ? i : i + 1;
                    }
                }
            }
        }
        if (state == State.DATA) {
            emit(buf, runStart, end, sink);
        }
    }

    /**
     * Moves on from the byte after an IAC (outside a subnegotiation, or ending one).
     *
     * @return whether that byte is data
     */
    private boolean afterIac(int c, TelnetFilter.Sink sink) {
        if (c == SB) {
            state = State.SUBNEGOTIATION;
            answer(options.command(), sink);
        } else if (c >= WILL && c <= DONT) {
            state = State.OPTION;
            verb = c;
        } else {
            state = State.DATA;
            if (c < FIRST_COMMAND) {
                return true; // a bare 0xFF from a raw client: no command, and nothing to answer
            }
            if (c != IAC) {
                answer(options.command(), sink);
                if (c == AYT) {
                    sink.telnet(TelnetEvent.ARE_YOU_THERE);
                }
            }
        }
        return false;
    }

    private static void emit(byte[] buf, int from, int to, Sink sink) {
        if (to > from) {
            sink.data(buf, from, to - from);
        }
    }

    private static void answer(byte[] reply, Sink sink) {
        if (reply.length > 0) {
            sink.telnet(new TelnetEvent.Reply(reply));
        }
    }
}
