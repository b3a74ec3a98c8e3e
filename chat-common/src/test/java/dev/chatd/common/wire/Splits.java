package dev.chatd.common.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Ways to cut one input into chunks, so tests can show that where a read ends changes nothing. */
final class Splits {

    /** Padding around each chunk, made of bytes a stage would react to if it read outside its range. */
    static final byte[] HOSTILE_PADDING = {'\n', '\r', (byte) 0xFF, 0};
    /** Where {@link #padded} puts the chunk. */
    static final int OFFSET = HOSTILE_PADDING.length;

    private Splits() {
    }

    /**
     * The input whole; in two at every byte boundary; as single bytes; and, for short inputs, in three at
     * every pair of boundaries.
     */
    static List<List<byte[]>> every(byte[] input) {
        List<List<byte[]>> splits = new ArrayList<>();
        splits.add(List.of(input.clone()));
        for (int k = 0; k <= input.length; k++) {
            splits.add(List.of(slice(input, 0, k), slice(input, k, input.length)));
        }
        List<byte[]> singles = new ArrayList<>();
        for (int i = 0; i < input.length; i++) {
            singles.add(slice(input, i, i + 1));
        }
        splits.add(singles);
        if (input.length <= 40) {
            for (int j = 1; j < input.length; j++) {
                for (int k = j; k < input.length; k++) {
                    splits.add(List.of(slice(input, 0, j), slice(input, j, k), slice(input, k, input.length)));
                }
            }
        }
        return splits;
    }

    /** Copies {@code chunk} into a fresh array between hostile padding; the chunk starts at {@link #OFFSET}. */
    static byte[] padded(byte[] chunk) {
        byte[] out = new byte[OFFSET + chunk.length + HOSTILE_PADDING.length];
        System.arraycopy(HOSTILE_PADDING, 0, out, 0, OFFSET);
        System.arraycopy(chunk, 0, out, OFFSET, chunk.length);
        System.arraycopy(HOSTILE_PADDING, 0, out, OFFSET + chunk.length, HOSTILE_PADDING.length);
        return out;
    }

    static byte[] slice(byte[] input, int from, int to) {
        return Arrays.copyOfRange(input, from, to);
    }

    /** Bytes from ints, so tests can write 0xFF without casts. */
    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    /** Concatenates byte arrays. */
    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** Text of chars below 256 as bytes, one byte per char. */
    static byte[] latin1(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
