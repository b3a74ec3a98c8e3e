package dev.chatd.callback.pipeline;

import dev.chatd.common.output.BatchingExecutor;
import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * One {@link BatchingExecutor} per event loop, for the channels' output drains: a broadcast then
 * hands each loop one task that drains every member it serves, instead of one task per member
 * (see {@link BatchingExecutor} for what that cost). Shared by all channels of a server.
 */
public final class LoopDrains {

    /**
     * Drains a loop runs before it lets its I/O have a turn: 128, under a millisecond of sends
     * (about 6 µs each at 10,000 users), so a loop behind reads its own users' lines that often.
     */
    static final int PASS = 128;

    /**
     * How long the drains left after a full pass wait before they go on, in microseconds. A full
     * pass means more members to drain than one pass takes (a large room, or a loop that is
     * behind); the wait lets each of the rest take several lines in one write instead of one
     * each, so the loop makes fewer syscalls when they are what it is short of. A pass that empties
     * the queue never waits. The wait comes once per pass, so a member's turn is (members on its
     * loop / PASS) x (wait + pass): with no wait at all, at 10,000 users (10 x 10 msg/s) the loops
     * drained each member a line at a time and p99 was 164-168 ms.
     *
     * <p>Measured on 2 cores (Intel Xeon, 2026-12-04), runs taking turns, a fresh server each, p99:
     * a 3 ms wait after 256 drains gave 109-110 ms at 10,000 users, 49-55 ms at 5,000, 9.0 ms at
     * 1,000 (10 x 20 msg/s); 1 ms after 256, 79-107 ms (median of 12 runs 93.5), 37-45 and 5.4-6.4
     * ms; 0.5 ms after 128, the same wait per member in finer steps, 75-98 ms (median of 8 runs
     * 89.5), 28-31 and 6.3-7.0 ms, at the same CPU.
     */
    static final long WAIT_MICROS = 500;

    private final Map<EventLoop, Executor> byLoop = new ConcurrentHashMap<>();

    /** Where drains for channels of {@code loop} run: on that loop, in the order asked for. */
    Executor on(EventLoop loop) {
        // A pass that leaves drains behind goes on after the loop's next I/O, a little later.
        return byLoop.computeIfAbsent(loop, l -> new BatchingExecutor(l, 1, PASS,
                rest -> l.schedule(rest, WAIT_MICROS, TimeUnit.MICROSECONDS)));
    }
}
