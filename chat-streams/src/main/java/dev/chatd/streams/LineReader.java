package dev.chatd.streams;

import dev.chatd.common.wire.InputDecoder;
import dev.chatd.common.wire.TelnetEvent;
import dev.chatd.common.wire.TextLineSink;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Reads one connection's input as text lines, in the manner of asyncio's
 * {@code StreamReader.readline()}: one call, one line, and a clear answer for EOF, overrun and error.
 *
 * <p>Bytes go through the common {@link InputDecoder} (telnet stripping, framing with the line
 * limit, UTF-8 decoding), so this server frames input exactly as the callback server does.
 *
 * <p>Memory: the socket is read only when no decoded line is waiting, with one read outstanding
 * at a time, so a client that pastes a lot is held back by TCP rather than buffered here. The one
 * exception is {@link #readAhead()}, which reads on while less than {@value #MAX_BUFFER}
 * characters are waiting, so that a session that waits before reading (throttled, or its own
 * events in flight) can see the end of the input behind the lines it holds. The read buffer
 * starts at {@value #MIN_BUFFER} bytes and doubles, up to {@value #MAX_BUFFER}, only while reads
 * fill it; the first read that does not fill it goes back to the small one. So an idle connection costs about one small buffer, and 10,000
 * idle users do not cost 10,000 large ones.
 *
 * <p>Not for concurrent use: one reader calls {@link #readLine()}, waiting for each result before
 * the next call. Completions run on the channel group's threads.
 */
public final class LineReader {

    /**
     * 512 bytes: a typed line and its line end fit, and an outstanding read holds this buffer for
     * as long as the user is idle, so it is most of an idle connection's heap (at 1,024 bytes the
     * streams server's idle heap per user was 4,305 B, over the 4 KiB target).
     */
    static final int MIN_BUFFER = 512;
    static final int MAX_BUFFER = 16 * 1024;

    /** Marks an overrun in {@link #ready}, between the lines around it. */
    private static final Object TOO_LONG = new Object();

    /** The last line in {@link #ready} when input ended without a line end. */
    private record Unterminated(String line) {}

    private final AsynchronousSocketChannel channel;
    private final InputDecoder decoder;
    private final ByteBuffer smallBuffer = ByteBuffer.allocate(MIN_BUFFER);
    private final CompletionHandler<Integer, Void> onRead = new OnRead();
    private final Consumer<TelnetEvent> telnet;
    /** Completes when the input has ended: EOF, or the socket failed. */
    private final CompletableFuture<Void> inputEnded = new CompletableFuture<>();

    // Guarded by "this": the caller and the read completion both touch them.
    /** Decoded and not yet taken, in input order: lines, TOO_LONG, Unterminated, TelnetEvents. */
    private final ArrayDeque<Object> ready = new ArrayDeque<>(1); // two slots to start: most reads end one line
    private boolean completeLinesOnly; // what the pending call asked for
    private ByteBuffer buffer = smallBuffer;
    private CompletableFuture<String> pending;
    /** A socket read is in flight: for {@link #pending}, or read ahead for nobody yet. */
    private boolean reading;
    /** A thread is inside {@link #startRead}'s loop; a start asked meanwhile sets {@link #readAgain}. Guarded by "this". */
    private boolean issuingRead;
    private boolean readAgain; // guarded by "this"
    /** Characters of the lines in {@link #ready}, roughly what reading ahead has buffered. */
    private int readyChars;
    private boolean endOfInput;
    private Throwable failure;
    private long socketReads;
    private long bytesRead;

    /**
     * @param channel      the connection to read; this reader issues all reads on it
     * @param maxLineBytes the line limit, as the protocol counts it
     * @param telnet       answers the client's telnet requests; called in input order, by the
     *                     thread reading, once every line before the request has been returned
     *                     and before any line after it is
     */
    public LineReader(AsynchronousSocketChannel channel, int maxLineBytes, Consumer<TelnetEvent> telnet) {
        this.channel = channel;
        this.telnet = telnet;
        this.decoder = new InputDecoder(maxLineBytes, new TextLineSink() {
            @Override
            public void line(String line) {
                ready.add(line); // under the lock: the decoder is only fed holding it
                readyChars += line.length();
            }

            @Override
            public void lineTooLong() {
                ready.add(TOO_LONG);
            }

            @Override
            public void unterminatedLine(String line) {
                ready.add(new Unterminated(line));
                readyChars += line.length();
            }

            @Override
            public void telnet(TelnetEvent event) {
                ready.add(event);
            }
        });
    }

    /**
     * Reads the next line. The returned future:
     * <ul>
     *   <li>completes with the line, decoded, without its line end (not yet sanitised). A line
     *       already read and buffered is returned at once, without touching the socket;</li>
     *   <li>completes with {@code null} at EOF (the peer closed or half-closed its side), after the
     *       last line, including an unterminated one; and again on every later call;</li>
     *   <li>answers, before it completes, the telnet requests that came before its line (see the
     *       constructor);</li>
     *   <li>fails with {@link LineTooLongException} when a line passed the limit. The reader skips
     *       that line through its line end, so the next call returns the line after it;</li>
     *   <li>fails with the {@link java.io.IOException} the socket reported (a reset, or
     *       {@link java.nio.channels.AsynchronousCloseException} when the connection was closed
     *       locally), after any lines read before it; and again on every later call.</li>
     * </ul>
     *
     * @throws IllegalStateException if the previous call's future has not completed yet: like
     *         asyncio, one reader at a time (a second read could not tell which line is whose)
     */
    public CompletableFuture<String> readLine() {
        return read(false);
    }

    /**
     * As {@link #readLine()}, but a line the input ended in the middle of is no line: at EOF this
     * completes with {@code null} and the unterminated rest is dropped, as asyncio's
     * {@code readuntil()} refuses an incomplete read. For the name prompt, where half a name is no
     * login attempt.
     */
    public CompletableFuture<String> readCompleteLine() {
        return read(true);
    }

    /**
     * Completes when the input has ended (EOF, or the socket failed), even while lines read before
     * the end are still waiting to be taken. Never fails. It only tells what reading found; to
     * find out while not reading, see {@link #readAhead()}.
     */
    public CompletableFuture<Void> inputEnded() {
        return inputEnded;
    }

    /**
     * Reads the socket on, though nobody asked for a line yet, while no read is in flight and little
     * is waiting (less than {@value #MAX_BUFFER} characters of lines): for a session that waits
     * before reading (throttled, or its own events in flight) and should still notice
     * {@link #inputEnded() the end of its input}. Each read that brings lines but not the end
     * starts the next, so an end behind up to {@value #MAX_BUFFER} characters is seen however
     * long the session waits. What the reads bring waits for the next {@link #readLine()};
     * telnet requests in it are answered then, in order.
     */
    public void readAhead() {
        synchronized (this) {
            if (reading || pending != null || endOfInput || failure != null || readyChars >= MAX_BUFFER) {
                return;
            }
            reading = true;
        }
        startRead();
    }

    private CompletableFuture<String> read(boolean completeOnly) {
        synchronized (this) {
            if (pending != null) {
                throw new IllegalStateException("readLine() called while another readLine() is pending");
            }
        }
        // Only the caller answers telnet; a read ahead in flight leaves them queued, so they stay in order.
        answerTelnet();
        CompletableFuture<String> result;
        boolean startRead;
        synchronized (this) {
            result = takeReady(completeOnly);
            if (result != null) {
                return result;
            }
            completeLinesOnly = completeOnly;
            pending = new CompletableFuture<>();
            result = pending;
            startRead = !reading; // a read ahead in flight answers this call when it completes
            reading = true;
        }
        if (startRead) {
            startRead();
        }
        return result;
    }

    /** Answers the telnet requests at the head of the queue, outside the lock: the answer writes. */
    private void answerTelnet() {
        while (true) {
            TelnetEvent event;
            synchronized (this) {
                if (!(ready.peek() instanceof TelnetEvent head)) {
                    return;
                }
                ready.poll();
                event = head;
            }
            telnet.accept(event);
        }
    }

    /** Socket reads made so far; for tests of the "buffered lines need no read" promise. */
    synchronized long socketReads() {
        return socketReads;
    }

    /** Bytes the socket has delivered so far; lets tests split input at a chosen byte. */
    synchronized long bytesRead() {
        return bytesRead;
    }

    /** Characters of lines decoded and not yet taken; for tests of the read-ahead bound. */
    synchronized int bufferedChars() {
        return readyChars;
    }

    /** Capacity of the buffer the next read will use; for tests of the memory promise. */
    synchronized int bufferCapacity() {
        return buffer.capacity();
    }

    /** The first buffered outcome as a completed future, or null when nothing is buffered. */
    private CompletableFuture<String> takeReady(boolean completeOnly) {
        Object next = ready.poll();
        if (next instanceof String line) {
            readyChars -= line.length();
        } else if (next instanceof Unterminated last) {
            readyChars -= last.line().length();
        }
        if (next == TOO_LONG) {
            return CompletableFuture.failedFuture(new LineTooLongException(decoder.maxLineBytes()));
        }
        if (next instanceof Unterminated last) {
            return CompletableFuture.completedFuture(completeOnly ? null : last.line());
        }
        if (next != null) {
            return CompletableFuture.completedFuture((String) next);
        }
        if (endOfInput) {
            return CompletableFuture.completedFuture(null);
        }
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        return null;
    }

    /**
     * Starts the next socket read. A channel may complete a read inline, in this call, and the
     * handler may then start the next one: such a start is left to this loop (it goes round
     * again) rather than nested, so a client trickling a long line a byte per read cannot
     * overflow the stack (the JDK's own channel bounds that nesting; a channel need not).
     */
    private void startRead() {
        synchronized (this) {
            if (issuingRead) {
                readAgain = true; // asked while a read is being issued: that loop issues this one
                return;
            }
            issuingRead = true;
        }
        while (true) {
            ByteBuffer target;
            synchronized (this) {
                socketReads++;
                target = buffer;
            }
            try {
                channel.read(target, null, onRead);
            } catch (RuntimeException e) {
                // ShutdownChannelGroupException and the like: the server is going away.
                onRead.failed(e, null);
            }
            synchronized (this) {
                if (!readAgain) {
                    issuingRead = false;
                    return;
                }
                readAgain = false;
            }
        }
    }

    /** Feeds what a read brought to the decoder, and answers the pending call if it can. */
    private final class OnRead implements CompletionHandler<Integer, Void> {

        @Override
        public void completed(Integer bytes, Void unused) {
            CompletableFuture<String> caller;
            boolean ended;
            synchronized (LineReader.this) {
                if (bytes < 0) {
                    decoder.endOfInput();
                    endOfInput = true;
                } else {
                    bytesRead += bytes;
                    decoder.feed(buffer.array(), 0, bytes);
                    buffer = nextBuffer(bytes == buffer.capacity());
                }
                ended = endOfInput;
                reading = false;
                caller = pending; // taken with "reading" in one step: a read() after this starts its own read
            }
            if (ended) {
                inputEnded.complete(null);
            }
            if (caller == null) {
                readAhead(); // read ahead: what came waits for the next readLine(); read on, up to the cap
                return;
            }
            answerTelnet();
            CompletableFuture<String> outcome;
            synchronized (LineReader.this) {
                outcome = takeReady(completeLinesOnly);
                if (outcome == null) {
                    reading = true; // only part of a line so far: read on for the same caller
                } else {
                    pending = null;
                }
            }
            if (outcome == null) {
                startRead();
                return;
            }
            // Outside the lock: the caller's continuation runs here and will call readLine() again.
            outcome.whenComplete((line, error) -> {
                if (error != null) {
                    caller.completeExceptionally(error);
                } else {
                    caller.complete(line);
                }
            });
        }

        @Override
        public void failed(Throwable exc, Void unused) {
            CompletableFuture<String> caller;
            synchronized (LineReader.this) {
                failure = exc;
                reading = false;
                caller = pending;
                pending = null;
            }
            inputEnded.complete(null);
            if (caller != null) {
                caller.completeExceptionally(exc);
            }
        }

        /** Holding the lock: the buffer for the next read, its data consumed. */
        private ByteBuffer nextBuffer(boolean filled) {
            int capacity = buffer.capacity();
            if (filled && capacity < MAX_BUFFER) {
                return ByteBuffer.allocate(Math.min(2 * capacity, MAX_BUFFER));
            }
            if (!filled && capacity > MIN_BUFFER) {
                smallBuffer.clear();
                return smallBuffer;
            }
            buffer.clear();
            return buffer;
        }
    }
}
