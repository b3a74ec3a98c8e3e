package dev.chatd.common.wire;

import java.util.Arrays;

/**
 * The server's side of telnet option negotiation for one connection: answered, never started
 * (docs/protocol.md, "Bytes and lines"), with RFC 1143's Q method so that no answer can loop and none is sent
 * that changes nothing.
 *
 * <ul>
 *   <li>BINARY is the one option the server agrees to, in both directions, so that
 *       {@code telnet -8} gets an 8-bit path for UTF-8. Its state is kept per direction.</li>
 *   <li>Every other option is refused, and a refused option is always off, so it needs no state:
 *       {@code DO x} gets {@code WONT x}, {@code WILL x} gets {@code DONT x}, and {@code DONT x} or
 *       {@code WONT x} (already off) get nothing.</li>
 *   <li>{@code DO TIMING-MARK} gets {@code WILL TIMING-MARK} every time. It is no state but a
 *       marker: telnet discards all it receives from Ctrl-C until this answer, and forgets the
 *       option again once it has it (RFC 860).</li>
 *   <li>Once the client has sent its first command, and so has shown that it speaks telnet, the
 *       server asks it for BINARY input ({@code DO BINARY}): otherwise inetutils telnet strips the
 *       8th bit of each typed byte before matching its special keys, so UTF-8 turns into
 *       {@code IAC BRK}, {@code IAC IP} or the {@code telnet>} prompt. The server does not offer
 *       BINARY output ({@code WILL BINARY}) of its own accord: telnet then turns its terminal's
 *       output processing off, and the echo of Enter no longer returns the cursor, so every line
 *       after it starts indented (tried with inetutils telnet 2.4 under tmux).</li>
 * </ul>
 *
 * <p>One instance per connection, used by its {@link TelnetFilter}; not thread-safe.
 */
final class TelnetOptions {

    static final int IAC = 0xFF;
    static final int WILL = 251;
    static final int WONT = 252;
    static final int DO = 253;
    static final int DONT = 254;
    static final int BINARY = 0;
    static final int TIMING_MARK = 6;

    private static final byte[] NOTHING = new byte[0];

    /** RFC 1143's states of one direction of one option; the server never asks to turn one off. */
    private enum Q { NO, WANT_YES, YES }

    /** BINARY from the server to the client (what the client's DO and DONT are about). */
    private Q binaryOut = Q.NO;
    /** BINARY from the client to the server (what the client's WILL and WONT are about). */
    private Q binaryIn = Q.NO;
    private boolean offered;

    /**
     * The answer to {@code IAC <verb> <option>}, with the first-command offer behind it; an empty
     * array when nothing is to be sent.
     */
    byte[] negotiate(int verb, int option) {
        byte[] answer = switch (verb) {
            case DO -> option == BINARY ? enableOut() : option == TIMING_MARK ? reply(WILL, option) : reply(WONT, option);
            case DONT -> option == BINARY ? disableOut() : NOTHING;
            case WILL -> option == BINARY ? enableIn() : reply(DONT, option);
            case WONT -> option == BINARY ? disableIn() : NOTHING;
            default -> throw new IllegalArgumentException("not a negotiation verb: " + verb);
        };
        return withOffer(answer);
    }

    /** What to send for a two-byte command ({@code IAC NOP}, {@code IAC IP}, …): only the offer, the first time. */
    byte[] command() {
        return withOffer(NOTHING);
    }

    // RFC 1143 for an option the server agrees to. In WANT_YES the client's DO or WILL is its yes
    // to our request and its DONT or WONT its no: neither is answered.

    private byte[] enableOut() {
        Q was = binaryOut;
        binaryOut = Q.YES;
        return was == Q.NO ? reply(WILL, BINARY) : NOTHING;
    }

    private byte[] disableOut() {
        Q was = binaryOut;
        binaryOut = Q.NO;
        return was == Q.YES ? reply(WONT, BINARY) : NOTHING;
    }

    private byte[] enableIn() {
        Q was = binaryIn;
        binaryIn = Q.YES;
        return was == Q.NO ? reply(DO, BINARY) : NOTHING;
    }

    private byte[] disableIn() {
        Q was = binaryIn;
        binaryIn = Q.NO;
        return was == Q.YES ? reply(DONT, BINARY) : NOTHING;
    }

    private byte[] withOffer(byte[] answer) {
        if (offered) {
            return answer;
        }
        offered = true;
        if (binaryIn != Q.NO) {
            return answer; // the client turned it on itself: nothing to ask
        }
        binaryIn = Q.WANT_YES;
        byte[] withOffer = Arrays.copyOf(answer, answer.length + 3);
        withOffer[answer.length] = (byte) IAC;
        withOffer[answer.length + 1] = (byte) DO;
        withOffer[answer.length + 2] = (byte) BINARY;
        return withOffer;
    }

    private static byte[] reply(int verb, int option) {
        return new byte[] {(byte) IAC, (byte) verb, (byte) option};
    }

}
