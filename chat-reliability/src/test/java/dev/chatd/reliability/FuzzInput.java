package dev.chatd.reliability;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One fuzz case, drawn from a seeded {@link Random}: input bytes biased towards what the input path
 * finds hard (line ends at chunk edges, telnet sequences, broken UTF-8, lines around the limit), a
 * line limit, and a random cutting of the bytes into socket reads.
 *
 * @param maxLineBytes the line limit to decode with
 * @param bytes        the whole input
 * @param chunks       the same bytes, cut as the reads would deliver them
 */
record FuzzInput(int maxLineBytes, byte[] bytes, List<byte[]> chunks) {

    private static final int IAC = 0xFF;

    /** Draws a case; the same generator state always gives the same case. */
    static FuzzInput draw(Random random) {
        int maxLine = 1 + random.nextInt(random.nextBoolean() ? 8 : 64);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pieces = random.nextInt(40);
        for (int i = 0; i < pieces; i++) {
            appendPiece(random, maxLine, out);
        }
        byte[] bytes = out.toByteArray();
        return new FuzzInput(maxLine, bytes, cut(random, bytes));
    }

    private static void appendPiece(Random random, int maxLine, ByteArrayOutputStream out) {
        switch (random.nextInt(10)) {
            case 0 -> out.writeBytes(new byte[] {'\r', '\n'});
            case 1 -> out.write(random.nextBoolean() ? '\n' : '\r');
            case 2 -> out.writeBytes(new byte[] {'\r', 0});
            case 3 -> appendTelnet(random, out);
            case 4 -> appendRandomBytes(random, 1 + random.nextInt(8), out);
            case 5 -> appendUtf8(random, out);
            case 6 -> appendAscii(random, maxLine - 1 + random.nextInt(3), out); // around the limit
            case 7 -> appendAscii(random, random.nextInt(3 * maxLine + 2), out);
            default -> appendAscii(random, random.nextInt(6), out);
        }
    }

    private static void appendTelnet(Random random, ByteArrayOutputStream out) {
        out.write(IAC);
        switch (random.nextInt(5)) {
            case 0 -> out.write(IAC);
            case 1 -> {
                // Mostly the options with answers of their own (BINARY, TIMING-MARK), so that
                // repeats and reversals of them come up; any option byte otherwise.
                int[] options = {0, 0, 6, 6, 1, 3, 24, 0xFF, random.nextInt(256)};
                out.write(251 + random.nextInt(4));
                out.write(options[random.nextInt(options.length)]);
            }
            case 2 -> {
                out.write(250); // SB: content (maybe with IAC IAC), usually closed by IAC SE
                appendRandomBytes(random, random.nextInt(6), out);
                if (random.nextInt(4) > 0) {
                    out.writeBytes(new byte[] {(byte) IAC, (byte) 240});
                }
            }
            case 3 -> out.write(236 + random.nextInt(14)); // EOF..EOR, NOP..GA, AYT among them
            default -> out.write(random.nextInt(256)); // stray or garbage after IAC
        }
    }

    private static void appendUtf8(Random random, ByteArrayOutputStream out) {
        int[] samples = {0xE9, 0x20AC, 0x1F600, 0x202E, 0x85, 0x10FFFF, 0xFEFF};
        byte[] encoded = new String(Character.toChars(samples[random.nextInt(samples.length)]))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // Sometimes only a prefix: a sequence broken off, or cut by the next piece.
        int length = random.nextInt(3) == 0 ? random.nextInt(encoded.length) : encoded.length;
        out.write(encoded, 0, length);
    }

    private static void appendAscii(Random random, int length, ByteArrayOutputStream out) {
        for (int i = 0; i < length; i++) {
            out.write('a' + random.nextInt(26));
        }
    }

    private static void appendRandomBytes(Random random, int length, ByteArrayOutputStream out) {
        for (int i = 0; i < length; i++) {
            out.write(random.nextInt(256));
        }
    }

    /** Cuts the bytes into reads: mostly small, sometimes empty, sometimes everything at once. */
    private static List<byte[]> cut(Random random, byte[] bytes) {
        List<byte[]> chunks = new ArrayList<>();
        int pos = 0;
        int mostPerRead = 1 + random.nextInt(random.nextBoolean() ? 4 : bytes.length + 1);
        while (pos < bytes.length) {
            int size = Math.min(bytes.length - pos, random.nextInt(mostPerRead + 1));
            byte[] chunk = new byte[size];
            System.arraycopy(bytes, pos, chunk, 0, size);
            chunks.add(chunk);
            pos += size;
        }
        return chunks;
    }

    /** The input, readable in a failure message. */
    String describe() {
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format("%02x", b & 0xFF));
        }
        return "max line " + maxLineBytes + ", " + bytes.length + " bytes in " + chunks.size() + " reads: " + hex;
    }
}
