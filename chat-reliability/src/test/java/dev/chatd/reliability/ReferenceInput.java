package dev.chatd.reliability;

import dev.chatd.common.wire.Utf8;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The input rules of PROTOCOL.md ("Framing") written the slow, obvious way, byte by byte over the
 * whole input at once, as an oracle for the real, chunked input paths. Only UTF-8 decoding is
 * shared ({@link Utf8}, which has its own exhaustive tests), so a mistake in the shared telnet
 * filter or line framer shows up as a difference here even though both servers would agree.
 */
final class ReferenceInput {

    private static final int IAC = 0xFF;
    private static final int SE = 240;
    private static final int SB = 250;
    private static final int WILL = 251;
    private static final int DONT = 254;

    private ReferenceInput() {
    }

    /** Lines (Strings) and {@link Decoded#LINE_TOO_LONG}, in order, as if the input then ended with EOF. */
    static List<Object> decode(byte[] input, int maxLineBytes) {
        return frame(stripTelnet(input), maxLineBytes);
    }

    private static byte[] stripTelnet(byte[] input) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
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
                data.write(b);
                continue;
            }
            if (i == input.length) {
                break; // a lone IAC at the very end: nothing follows, nothing kept
            }
            int c = input[i++] & 0xFF;
            if (c == SB) {
                inSub = true;
            } else if (c >= WILL && c <= DONT) {
                i++; // the option byte, if there is one
            } else if (c < SE) {
                data.write(c); // not a command: a stray 0xFF before data
            }
        }
        return data.toByteArray();
    }

    private static List<Object> frame(byte[] data, int maxLineBytes) {
        List<Object> out = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean discarding = false;
        for (int i = 0; i < data.length; i++) {
            byte b = data[i];
            if (b == '\n' || b == '\r') {
                if (!discarding) {
                    out.add(Utf8.decode(line.toByteArray(), 0, line.size()));
                }
                discarding = false;
                line.reset();
                if (b == '\r' && i + 1 < data.length && (data[i + 1] == '\n' || data[i + 1] == 0)) {
                    i++;
                }
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
            out.add(Utf8.decode(line.toByteArray(), 0, line.size()));
        }
        return out;
    }
}
