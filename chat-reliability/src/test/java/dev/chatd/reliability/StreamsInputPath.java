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
 *
 * <p>The reader is run twice over the same reads: with {@link LineReader#readCompleteLine()},
 * which must drop an unterminated last line, and with {@link LineReader#readLine()}, which must
 * give the same and that line behind; so both are checked and the line can be marked.
 */
final class StreamsInputPath implements InputPath {

    @Override
    public String name() {
        return "streams LineReader";
    }

    @Override
    public List<Object> decode(List<byte[]> reads, int maxLineBytes) throws Exception {
        List<Object> complete = read(reads, maxLineBytes, true);
        List<Object> all = read(reads, maxLineBytes, false);
        if (all.size() == complete.size() + 1 && all.subList(0, complete.size()).equals(complete)
                && all.get(complete.size()) instanceof String last) {
            complete.add(new Decoded.Unterminated(last));
            return complete;
        }
        if (!all.equals(complete)) {
            throw new AssertionError("readLine() gave " + all + " where readCompleteLine() gave " + complete);
        }
        return complete;
    }

    private static List<Object> read(List<byte[]> reads, int maxLineBytes, boolean completeOnly) throws Exception {
        List<Object> out = new ArrayList<>();
        LineReader reader = new LineReader(new ScriptedSocketChannel(reads), maxLineBytes,
                event -> out.add(Decoded.Telnet.of(event)));
        // Bounded: every read consumes input, so there are never more outcomes than bytes, plus EOF.
        int most = reads.stream().mapToInt(r -> r.length).sum() + 2;
        for (int i = 0; i < most; i++) {
            try {
                String line = (completeOnly ? reader.readCompleteLine() : reader.readLine()).get(10, TimeUnit.SECONDS);
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
