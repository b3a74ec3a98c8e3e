package dev.chatd.streams;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.awaitility.Awaitility;

import java.util.concurrent.CopyOnWriteArrayList;

import dev.chatd.common.wire.TelnetEvent;

import static dev.chatd.testkit.Bytes.concat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private Loopback loopback;
    /** Telnet requests the reader handed over, with the lines returned so far at that moment. */
    private final List<String> telnetSeen = new CopyOnWriteArrayList<>();
    private final List<String> returned = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeLoopback() throws Exception {
        if (loopback != null) {
            loopback.close();
        }
    }

    private LineReader open(int maxLineBytes) throws Exception {
        loopback = Loopback.open();
        return new LineReader(loopback.channel, maxLineBytes,
                event -> telnetSeen.add((event instanceof TelnetEvent.Reply ? "reply" : "ayt") + " after " + returned));
    }

    private void send(byte[] bytes) throws IOException {
        OutputStream out = loopback.peerOut();
        out.write(bytes);
        out.flush();
    }

    private void send(String text) throws IOException {
        send(text.getBytes(UTF_8));
    }

    private static String line(CompletableFuture<String> future) throws Exception {
        return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void inputSplitAtEveryByteGivesTheSameLines() throws Exception {
        // Line ends of every kind, 2-, 3- and 4-byte characters, a CR followed by a plain byte,
        // and telnet negotiation (IAC WILL ECHO) in the middle of a line.
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.write("héllo\r\nwörld €\n𝄞x\r\0".getBytes(UTF_8));
        input.write(new byte[] {'e', (byte) 0xFF, (byte) 0xFB, 1, 'n', 'd', '\n'});
        input.write("a\rb\n".getBytes(UTF_8));
        byte[] bytes = input.toByteArray();
        List<String> expected = List.of("héllo", "wörld €", "𝄞x", "end", "a", "b");

        LineReader reader = open(4096);
        LineCollector lines = new LineCollector(reader);
        long before = 0;
        for (int split = 1; split < bytes.length; split++) {
            send(Arrays.copyOfRange(bytes, 0, split));
            long firstPart = before + split;
            // The reader has taken exactly the first part before the rest exists.
            await().atMost(WAIT).until(() -> reader.bytesRead() == firstPart);
            send(Arrays.copyOfRange(bytes, split, bytes.length));
            for (String want : expected) {
                assertEquals(want, lines.next(), "split after byte " + split);
            }
            before += bytes.length;
        }
    }

    @Test
    void aCharacterSplitAcrossReadsIsDecodedWhole() throws Exception {
        LineReader reader = open(4096);
        byte[] euro = "€\n".getBytes(UTF_8); // E2 82 AC 0A
        CompletableFuture<String> first = reader.readLine();
        send(Arrays.copyOfRange(euro, 0, 1));
        await().atMost(WAIT).until(() -> reader.bytesRead() == 1);
        send(Arrays.copyOfRange(euro, 1, 3));
        await().atMost(WAIT).until(() -> reader.bytesRead() == 3);
        send(Arrays.copyOfRange(euro, 3, 4));
        assertEquals("€", line(first));
    }

    @Test
    void eofInTheMiddleOfALineDeliversItThenNullForever() throws Exception {
        LineReader reader = open(4096);
        send("abc\ndef");
        loopback.peer.shutdownOutput();
        assertEquals("abc", line(reader.readLine()));
        assertEquals("def", line(reader.readLine()));
        assertNull(line(reader.readLine()));
        assertNull(line(reader.readLine()));
    }

    @Test
    void anOverlongLineFailsOnceAndTheNextLineIsReadNormally() throws Exception {
        LineReader reader = open(10);
        send("0123456789\n0123456789A\nok\n");
        assertEquals("0123456789", line(reader.readLine()));
        ExecutionException tooLong = assertThrows(ExecutionException.class, () -> line(reader.readLine()));
        LineTooLongException cause = assertInstanceOf(LineTooLongException.class, tooLong.getCause());
        assertEquals(10, cause.maxLineBytes());
        assertEquals("line too long (max 10 bytes)", cause.getMessage());
        assertEquals("ok", line(reader.readLine()));
    }

    @Test
    void anEndlessLineStreamedInPiecesFailsOnceThenRecovers() throws Exception {
        LineReader reader = open(100);
        LineCollector lines = new LineCollector(reader);
        byte[] piece = new byte[1000];
        Arrays.fill(piece, (byte) 'x');
        for (int i = 0; i < 50; i++) {
            send(piece);
        }
        send("\nnext\n");
        assertInstanceOf(LineTooLongException.class, lines.next());
        assertEquals("next", lines.next()); // nothing else in between: one error per long line
    }

    @Test
    void aSecondReadLineWhileOneIsPendingIsRefusedAtOnce() throws Exception {
        LineReader reader = open(4096);
        CompletableFuture<String> first = reader.readLine();
        assertThrows(IllegalStateException.class, reader::readLine);
        send("x\n");
        assertEquals("x", line(first));
        send("y\n");
        assertEquals("y", line(reader.readLine())); // the reader is fine afterwards
    }

    @Test
    void bufferedLinesAreReturnedWithoutReadingTheSocket() throws Exception {
        LineReader reader = open(4096);
        send("a\nb\nc\n");
        assertEquals("a", line(reader.readLine()));
        long reads = reader.socketReads();
        CompletableFuture<String> b = reader.readLine();
        CompletableFuture<String> c = reader.readLine();
        assertTrue(b.isDone() && c.isDone(), "buffered lines come back complete");
        assertEquals("b", b.join());
        assertEquals("c", c.join());
        assertEquals(reads, reader.socketReads());
    }

    @Test
    void aResetFailsWithTheIOExceptionAndKeepsFailing() throws Exception {
        LineReader reader = open(4096);
        CompletableFuture<String> pending = reader.readLine();
        loopback.peer.setSoLinger(true, 0); // close with RST
        loopback.peer.close();
        ExecutionException reset = assertThrows(ExecutionException.class, () -> line(pending));
        assertInstanceOf(IOException.class, reset.getCause());
        ExecutionException again = assertThrows(ExecutionException.class, () -> line(reader.readLine()));
        assertInstanceOf(IOException.class, again.getCause());
    }

    @Test
    void theReadBufferGrowsOnlyWhileReadsFillItAndShrinksWhenIdle() throws Exception {
        LineReader reader = open(4096);
        assertEquals(LineReader.MIN_BUFFER, reader.bufferCapacity());
        StringBuilder bulk = new StringBuilder();
        int lineCount = 1000;
        for (int i = 0; i < lineCount; i++) {
            bulk.append(String.format("%099d\n", i)); // 100 bytes a line, 100 KB in all
        }
        send(bulk.toString());
        int largest = 0;
        for (int i = 0; i < lineCount; i++) {
            assertEquals(String.format("%099d", i), line(reader.readLine()));
            largest = Math.max(largest, reader.bufferCapacity());
        }
        assertEquals(LineReader.MAX_BUFFER, largest);
        CompletableFuture<String> idle = reader.readLine();
        assertEquals(LineReader.MIN_BUFFER, reader.bufferCapacity(), "an idle read waits in the small buffer");
        send("z\n");
        assertEquals("z", line(idle));
    }

    @Test
    void aHundredThousandLinesInOneWriteAreReadInOrderWithoutGrowingTheStack() throws Exception {
        LineReader reader = open(4096);
        int count = 100_000;
        StringBuilder paste = new StringBuilder();
        for (int i = 0; i < count; i++) {
            paste.append(i).append('\n');
        }
        byte[] bytes = paste.toString().getBytes(UTF_8);
        int[] expected = {0};
        // The loop runs on the group's threads, which have the default stack size.
        CompletableFuture<Integer> read = Loops.loop(() -> reader.readLine().thenApply(line -> {
            if (line == null) {
                return Optional.of(expected[0]);
            }
            if (!line.equals(Integer.toString(expected[0]))) {
                throw new AssertionError("line " + expected[0] + " was " + line);
            }
            expected[0]++;
            return Optional.empty();
        }));
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                send(bytes); // one write call
                loopback.peer.shutdownOutput();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        assertEquals(count, read.get(60, TimeUnit.SECONDS));
        writer.get(10, TimeUnit.SECONDS);
    }

    @Test
    void telnetRequestsAreHandedOverAfterTheLinesBeforeThemAreReturned() throws Exception {
        LineReader reader = open(64);
        // one, then Ctrl-C typed inside "two" (IAC IP IAC DO TIMING-MARK), then AYT after it.
        send(concat("one\ntw".getBytes(UTF_8), new byte[] {(byte) 0xFF, (byte) 0xF4, (byte) 0xFF, (byte) 0xFD, 6},
                "o\n".getBytes(UTF_8), new byte[] {(byte) 0xFF, (byte) 0xF6}));
        returned.add(reader.readLine().get(10, TimeUnit.SECONDS));
        assertEquals(List.of(), telnetSeen, "nothing typed after \"one\" is acted on before the caller asks again");
        returned.add(reader.readLine().get(10, TimeUnit.SECONDS));
        // IAC IP brings the offer (DO BINARY), IAC DO TIMING-MARK its answer: two replies.
        assertEquals(List.of("reply after [one]", "reply after [one]"), telnetSeen);
        CompletableFuture<String> third = reader.readLine();
        Awaitility.await().atMost(WAIT).until(() -> telnetSeen.size() == 3);
        assertEquals("ayt after [one, two]", telnetSeen.get(2));
        assertFalse(third.isDone(), "a request is no line: the read goes on");
        send("three\n");
        assertEquals("three", third.get(10, TimeUnit.SECONDS));
    }

    @Test
    void readingAheadFindsTheEndOfInputBehindBufferedLinesAndKeepsThem() throws Exception {
        LineReader reader = open(64);
        send("a\nb\nc\n");
        assertEquals("a", line(reader.readLine()));
        loopback.peer.shutdownOutput();
        assertFalse(reader.inputEnded().isDone(), "nothing has read the end yet");
        reader.readAhead();
        reader.inputEnded().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals("b", line(reader.readLine()));
        assertEquals("c", line(reader.readLine()));
        assertNull(line(reader.readLine()));
    }

    @Test
    void aReadAheadInFlightAnswersTheNextReadLineAndKeepsTelnetInOrder() throws Exception {
        LineReader reader = open(64);
        send("one\n");
        assertEquals("one", line(reader.readLine()));
        returned.add("one");
        reader.readAhead(); // nothing waiting: the read stays in flight
        send(concat("two\n".getBytes(UTF_8), new byte[] {(byte) 0xFF, (byte) 0xF6}, "three\n".getBytes(UTF_8)));
        // The read ahead brought the 16 bytes and, little waiting, started the next, now in flight.
        Awaitility.await().atMost(WAIT).until(() -> reader.bytesRead() == 16 && reader.socketReads() == 3);
        long reads = reader.socketReads();
        assertEquals(List.of(), telnetSeen, "the read ahead answers nothing: that waits for the caller");
        returned.add(line(reader.readLine()));
        assertEquals(List.of(), telnetSeen);
        returned.add(line(reader.readLine()));
        assertEquals(List.of("reply after [one, two]", "ayt after [one, two]"), telnetSeen); // the first request brings the DO BINARY offer
        assertEquals(List.of("one", "two", "three"), returned);
        assertEquals(reads, reader.socketReads(), "what was read ahead needed no more reads");
    }

    @Test
    void readingAheadReadsOnUntilItFindsTheEndBehindSeveralReadsOfLines() throws Exception {
        LineReader reader = open(64);
        send("a\n");
        assertEquals("a", line(reader.readLine()));
        reader.readAhead(); // in flight, nothing to read yet
        for (int i = 0; i < 3; i++) {
            send("more " + i + "\n");
            int sent = i;
            Awaitility.await().atMost(WAIT).until(() -> reader.bufferedChars() == (sent + 1) * 6);
        }
        loopback.peer.shutdownOutput();
        reader.inputEnded().get(WAIT.toSeconds(), TimeUnit.SECONDS); // no further readAhead() asked for it
        for (int i = 0; i < 3; i++) assertEquals("more " + i, line(reader.readLine()));
        assertNull(line(reader.readLine()));
    }

    @Test
    void readingAheadStopsOnceEnoughIsWaiting() throws Exception {
        LineReader reader = open(4096);
        String line = "x".repeat(1000);
        int lines = 3 * LineReader.MAX_BUFFER / 1000; // more than reading ahead may take: it stops at two buffers
        send((line + "\n").repeat(lines));
        assertEquals(line, line(reader.readLine()));
        Awaitility.await().atMost(WAIT).until(() -> {
            reader.readAhead();
            return reader.bufferedChars() >= LineReader.MAX_BUFFER;
        });
        long reads = reader.socketReads();
        reader.readAhead();
        assertEquals(reads, reader.socketReads(), "no read while a buffer's worth is waiting");
        assertTrue(reader.bytesRead() < lines * 1001L, "the rest waits in the kernel");
    }

    @Test
    void readCompleteLineDropsHalfALineAtEndOfInput() throws Exception {
        LineReader reader = open(64);
        send("alice\nbo");
        loopback.peer.shutdownOutput();
        assertEquals("alice", reader.readCompleteLine().get(10, TimeUnit.SECONDS));
        assertNull(reader.readCompleteLine().get(10, TimeUnit.SECONDS));
        assertNull(reader.readLine().get(10, TimeUnit.SECONDS), "dropped, not kept for later");
    }

    @Test
    void readLineKeepsHalfALineAtEndOfInput() throws Exception {
        LineReader reader = open(64);
        send("alice\nbo");
        loopback.peer.shutdownOutput();
        assertEquals("alice", reader.readLine().get(10, TimeUnit.SECONDS));
        assertEquals("bo", reader.readLine().get(10, TimeUnit.SECONDS));
        assertNull(reader.readLine().get(10, TimeUnit.SECONDS));
    }
}
