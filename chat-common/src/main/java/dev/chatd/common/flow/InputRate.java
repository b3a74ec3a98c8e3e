package dev.chatd.common.flow;

import dev.chatd.common.config.ChatConfig;
import dev.chatd.common.metrics.ChatMetrics;

/**
 * One connection's input pacing, as both servers apply it: each line takes a token of a
 * {@link TokenBucket}, and a line that finds none waits, unread, until one is due.
 *
 * <p>The one rule for the end of input: once the server has seen the input end (EOF or
 * half-close), the lines it already holds are no longer paced. Pacing exists to push back on a
 * sender through TCP, and a sender whose input has ended sends nothing more; what is left is the
 * server's own backlog, and docs/protocol.md has the server flush what it owes and close within
 * a bound. Pacing a held backlog after EOF would keep a half-closed connection open for as long
 * as its backlog takes at the input rate (200 held lines at 20 a second: 10 s, longer than the
 * shutdown grace). What a server holds at EOF is bounded by its read buffers and the kernel's
 * receive buffer. The same holds for the bound on a user's own events in flight
 * ({@code User.readyForNextLine}, a cluster's form of pacing by echo): both servers ask it only
 * while {@link #hasEnded()} is false, and a session waiting on it stops waiting when the input ends.
 *
 * <p>"Seen the input end" depends on the transport: Netty's epoll transport learns of a FIN
 * (EPOLLRDHUP) without being asked to read and then reads to the end; the streams server reads
 * on while a line waits, for its token or for the bound ({@code LineReader.readAhead}), up to
 * 16 KiB of held lines, so it sees a FIN that follows that much at once.
 *
 * <p>{@link #acquire()} is for the connection's one reading thread at a time; {@link #inputEnded()}
 * may be called from any thread.
 */
public final class InputRate {

    private final TokenBucket bucket;
    private final ChatMetrics metrics;
    private volatile boolean inputEnded;

    public InputRate(ChatConfig config, ChatMetrics metrics) {
        this.bucket = new TokenBucket(config.rateLimit(), config.rateBurst());
        this.metrics = metrics;
    }

    /**
     * Takes the next line's token and returns 0 (go ahead), or returns how many nanoseconds to
     * wait, unread, before asking again; a wait is counted as a throttled read. Always 0 once the
     * input has ended, or when the limit is off.
     */
    public long acquire() {
        if (inputEnded) {
            return 0;
        }
        long wait = bucket.acquire();
        if (wait > 0) {
            metrics.throttledRead();
        }
        return wait;
    }

    /** The connection's input has ended: from now on every line it still holds goes ahead at once. */
    public void inputEnded() {
        inputEnded = true;
    }

    /** True once {@link #inputEnded()} was called: no line is held back any more, by anything. */
    public boolean hasEnded() {
        return inputEnded;
    }
}
