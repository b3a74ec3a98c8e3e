package dev.chatd.reliability;

import dev.chatd.streams.LineReader;
import dev.chatd.streams.LineTooLongException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The streams server's {@link LineReader}, reading a {@link ScriptedSocketChannel}: its own read
 * buffer (which grows and shrinks) cuts the scripted reads further, as a real socket would.
 */
final class StreamsInputPath implements InputPath {

    @Override
    public String name() {
        return "streams LineReader";
    }

    @Override
    public List<Object> decode(List<byte[]> reads, int maxLineBytes) throws Exception {
        LineReader reader = new LineReader(new ScriptedSocketChannel(reads), maxLineBytes);
        List<Object> out = new ArrayList<>();
        // Bounded: every read consumes input, so there are never more outcomes than bytes, plus EOF.
        int most = reads.stream().mapToInt(r -> r.length).sum() + 2;
        for (int i = 0; i < most; i++) {
            try {
                String line = reader.readLine().get(10, TimeUnit.SECONDS);
                if (line == null) {
                    return out;
                }
                out.add(line);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof LineTooLongException)) {
                    throw e;
                }
                out.add(Decoded.LINE_TOO_LONG);
            }
        }
        throw new AssertionError("no EOF after " + most + " reads");
    }
}
