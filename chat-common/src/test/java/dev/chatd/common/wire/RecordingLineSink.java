package dev.chatd.common.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes down what a framer delivers: each line as its bytes in Latin-1, overruns as {@link #TOO_LONG}, and the
 * unterminated last line behind {@link #UNTERMINATED}. */
final class RecordingLineSink implements LineSink {

    static final String TOO_LONG = "<too long>";
    /** Put before an unterminated last line. */
    static final String UNTERMINATED = "<unterminated>";

    final List<String> events = new ArrayList<>();
    /** The array each line arrived in, to tell copied lines from lines passed straight through. */
    final List<byte[]> arrays = new ArrayList<>();

    @Override
    public void line(byte[] bytes, int off, int len) {
        events.add(new String(bytes, off, len, StandardCharsets.ISO_8859_1));
        arrays.add(bytes);
    }

    @Override
    public void unterminatedLine(byte[] bytes, int off, int len) {
        events.add(UNTERMINATED + new String(bytes, off, len, StandardCharsets.ISO_8859_1));
        arrays.add(bytes);
    }

    @Override
    public void lineTooLong() {
        events.add(TOO_LONG);
        arrays.add(null);
    }
}
