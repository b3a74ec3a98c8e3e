package dev.chatd.reliability;

import dev.chatd.common.wire.Utf8;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The input rules of docs/protocol.md ("Bytes and lines") written the slow, obvious way, byte by byte over the
 * whole input at once, as an oracle for the real, chunked input paths: telnet commands out and
 * answered, then framing. Only UTF-8 decoding is shared ({@link Utf8}, which has its own exhaustive
 * tests), so a mistake in the shared telnet filter or line framer shows up as a difference here
 * even though both servers would agree.
 *
 * <p>The answers, as docs/protocol.md gives them: {@code DO TIMING-MARK} gets {@code WILL
 * TIMING-MARK} every time; BINARY is agreed in both directions, RFC 1143 style (a request for what
 * is already so gets nothing); every other {@code DO}/{@code WILL} is refused and every other
 * {@code DONT}/{@code WONT} needs nothing; the first telnet command also brings {@code DO BINARY},
 * unless the client already sends binary; {@code IAC AYT} is a request of its own.
 */
final class ReferenceInput {

    private static final int IAC = 0xFF;
    private static final int SE = 240;
    private static final int AYT = 246;
    private static final int SB = 250;
    private static final int WILL = 251;
    private static final int WONT = 252;
    private static final int DO = 253;
    private static final int DONT = 254;
    private static final int FIRST_COMMAND = 236;
    private static final int BINARY = 0;
    private static final int TIMING_MARK = 6;

    /** A data byte, or a request, in input order. */
    private record Token(int dataByte, Decoded request) {}

    private ReferenceInput() {
    }

    /**
     * Lines (Strings), {@link Decoded#LINE_TOO_LONG}, {@link Decoded.Telnet} requests and the
     * {@link Decoded.Unterminated} last line, in order, as if the input then ended with EOF.
     */
    static List<Object> decode(byte[] input, int maxLineBytes) {
        return frame(new Telnet().read(input), maxLineBytes);
    }

    /** The telnet side: commands out, answers in place. */
    private static final class Telnet {
        // Whether BINARY is on (or asked for by us), per direction; "asked" is RFC 1143's WANTYES.
        private boolean binaryToClient;
        private boolean binaryFromClient;
        private boolean askedFromClient;
        private boolean sawCommand;
        private final List<Token> tokens = new ArrayList<>();

        List<Token> read(byte[] input) {
            int i = 0;
            boolean inSub = false;
            while (i < input.length) {
                int b = input[i++] & 0xFF;
                if (inSub) {
                    if (b != IAC || i == input.length) {
                        continue;
                    }
                    int c = input[i++] & 0xFF;
                    if (c == IAC) {
                        continue; // an escaped data byte inside the subnegotiation
                    }
                    inSub = false;
                    if (c == SE) {
                        continue;
                    }
                    b = IAC; // IAC <x> ends it and counts as if outside
                    i--;
                }
                if (b != IAC) {
                    tokens.add(new Token(b, null));
                    continue;
                }
                if (i == input.length) {
                    break; // a lone IAC at the very end: nothing follows, nothing kept
                }
                int c = input[i++] & 0xFF;
                if (c == SB) {
                    inSub = true;
                    command(new byte[0]);
                } else if (c >= WILL && c <= DONT) {
                    if (i < input.length) {
                        command(negotiate(c, input[i++] & 0xFF));
                    } // else: cut off before its option byte, so no command yet
                } else if (c == IAC) {
                    // an escaped 0xFF: no command, and not kept
                } else if (c >= FIRST_COMMAND) {
                    command(new byte[0]);
                    if (c == AYT) {
                        tokens.add(new Token(-1, new Decoded.Telnet("ayt")));
                    }
                } else {
                    tokens.add(new Token(c, null)); // not a command: a stray 0xFF before data
                }
            }
            return tokens;
        }

        private void command(byte[] answer) {
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            reply.writeBytes(answer);
            if (!sawCommand) {
                sawCommand = true;
                if (!binaryFromClient) {
                    askedFromClient = true;
                    reply.writeBytes(new byte[] {(byte) IAC, (byte) DO, BINARY});
                }
            }
            if (reply.size() > 0) {
                tokens.add(new Token(-1, Decoded.Telnet.reply(reply.toByteArray())));
            }
        }

        private byte[] negotiate(int verb, int option) {
            if (option == TIMING_MARK && verb == DO) {
                return answer(WILL, option);
            }
            if (option != BINARY) {
                return verb == DO ? answer(WONT, option) : verb == WILL ? answer(DONT, option) : new byte[0];
            }
            switch (verb) {
                case DO -> {
                    boolean was = binaryToClient;
                    binaryToClient = true;
                    return was ? new byte[0] : answer(WILL, BINARY);
                }
                case DONT -> {
                    boolean was = binaryToClient;
                    binaryToClient = false;
                    return was ? answer(WONT, BINARY) : new byte[0];
                }
                case WILL -> {
                    boolean wasOn = binaryFromClient;
                    boolean wasAsked = askedFromClient;
                    binaryFromClient = true;
                    askedFromClient = false;
                    return wasOn || wasAsked ? new byte[0] : answer(DO, BINARY);
                }
                default -> { // WONT
                    boolean wasOn = binaryFromClient;
                    binaryFromClient = false;
                    askedFromClient = false;
                    return wasOn ? answer(DONT, BINARY) : new byte[0];
                }
            }
        }

        private static byte[] answer(int verb, int option) {
            return new byte[] {(byte) IAC, (byte) verb, (byte) option};
        }
    }

    private static List<Object> frame(List<Token> tokens, int maxLineBytes) {
        List<Object> out = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean discarding = false;
        boolean afterCr = false;
        for (Token token : tokens) {
            if (token.request() != null) {
                out.add(token.request()); // at once: the line it stands in completes later
                continue;
            }
            byte b = (byte) token.dataByte();
            if (afterCr) {
                afterCr = false;
                if (b == '\n' || b == 0) {
                    continue; // the rest of a CR LF or CR NUL, however far behind its CR
                }
            }
            if (b == '\n' || b == '\r') {
                if (!discarding) {
                    out.add(Utf8.decode(line.toByteArray(), 0, line.size()));
                }
                discarding = false;
                line.reset();
                afterCr = b == '\r';
                continue;
            }
            if (discarding) {
                continue;
            }
            line.write(b);
            if (line.size() > maxLineBytes) {
                out.add(Decoded.LINE_TOO_LONG);
                discarding = true;
                line.reset();
            }
        }
        if (!discarding && line.size() > 0) {
            out.add(new Decoded.Unterminated(Utf8.decode(line.toByteArray(), 0, line.size())));
        }
        return out;
    }
}
