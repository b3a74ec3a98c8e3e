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

    private final Map<EventLoop, Executor> byLoop = new ConcurrentHashMap<>();

    /** Where drains for channels of {@code loop} run: on that loop, in the order asked for. */
    Executor on(EventLoop loop) {
        // A pass that leaves drains behind goes on after the loop's next I/O, a little later so
        // that each member's drain then takes more lines per write (see BatchingExecutor).
        return byLoop.computeIfAbsent(loop, l -> new BatchingExecutor(l, 1,
                rest -> l.schedule(rest, BatchingExecutor.BEHIND_HOLD_MICROS, TimeUnit.MICROSECONDS)));
    }
}
