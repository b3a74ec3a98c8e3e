package dev.chatd.reliability;

import dev.chatd.common.wire.InputDecoder;
import dev.chatd.common.wire.TelnetEvent;
import dev.chatd.common.wire.TextLineSink;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared {@link InputDecoder} on its own, fed read by read the way a byte-loop server feeds it.
 * Each read is copied into a bigger array at an offset, as a socket buffer would hold it, so offset
 * arithmetic is exercised too.
 */
final class CommonInputPath implements InputPath {

    @Override
    public String name() {
        return "common InputDecoder";
    }

    @Override
    public List<Object> decode(List<byte[]> reads, int maxLineBytes) {
        List<Object> out = new ArrayList<>();
        InputDecoder decoder = new InputDecoder(maxLineBytes, new TextLineSink() {
            @Override
            public void line(String line) {
                out.add(line);
            }

            @Override
            public void lineTooLong() {
                out.add(Decoded.LINE_TOO_LONG);
            }

            @Override
            public void unterminatedLine(String line) {
                out.add(new Decoded.Unterminated(line));
            }

            @Override
            public void telnet(TelnetEvent event) {
                out.add(Decoded.Telnet.of(event));
            }
        });
        for (byte[] read : reads) {
            byte[] socketBuffer = new byte[read.length + 7];
            System.arraycopy(read, 0, socketBuffer, 3, read.length);
            decoder.feed(socketBuffer, 3, read.length);
        }
        decoder.endOfInput();
        return out;
    }
}
