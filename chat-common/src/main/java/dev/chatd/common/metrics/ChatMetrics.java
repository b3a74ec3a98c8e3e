package dev.chatd.common.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters both servers keep, with the same names and meanings, so an operator's dashboard
 * works against either. Counting is a {@link LongAdder} increment: cheap on the broadcast path
 * even with many threads. Gauges (users, rooms) are read from the room model when scraped.
 */
public final class ChatMetrics {

    private final LongAdder connectionsOpened = new LongAdder();
    private final LongAdder connectionsRefused = new LongAdder();
    private final LongAdder logins = new LongAdder();
    private final LongAdder linesReceived = new LongAdder();
    private final LongAdder linesDelivered = new LongAdder();
    private final LongAdder bytesWritten = new LongAdder();
    private final LongAdder slowConsumerDisconnects = new LongAdder();
    private final LongAdder throttledReads = new LongAdder();
    private final LongAdder outputBudgetPauses = new LongAdder();
    private final LongAdder historyRequests = new LongAdder();
    private final Map<Rejection, LongAdder> rejected = new EnumMap<>(Rejection.class);

    public ChatMetrics() {
        for (Rejection r : Rejection.values()) rejected.put(r, new LongAdder());
    }

    public void connectionOpened() { connectionsOpened.increment(); }
    public void connectionRefused() { connectionsRefused.increment(); }
    public void login() { logins.increment(); }
    public void lineReceived() { linesReceived.increment(); }
    public void linesDelivered(long n) { linesDelivered.add(n); }
    public void bytesWritten(long n) { bytesWritten.add(n); }
    public void slowConsumerDisconnect() { slowConsumerDisconnects.increment(); }
    public void throttledRead() { throttledReads.increment(); }
    /** A reader paused because the server's own backlog was over its output budget. */
    public void outputBudgetPause() { outputBudgetPauses.increment(); }
    public void historyRequested() { historyRequests.increment(); }
    public void rejected(Rejection why) { rejected.get(why).increment(); }

    public long connectionsOpened() { return connectionsOpened.sum(); }
    public long connectionsRefused() { return connectionsRefused.sum(); }
    public long logins() { return logins.sum(); }
    public long linesReceived() { return linesReceived.sum(); }
    public long linesDelivered() { return linesDelivered.sum(); }
    public long bytesWritten() { return bytesWritten.sum(); }
    public long slowConsumerDisconnects() { return slowConsumerDisconnects.sum(); }
    public long throttledReads() { return throttledReads.sum(); }
    public long outputBudgetPauses() { return outputBudgetPauses.sum(); }
    public long historyRequests() { return historyRequests.sum(); }
    public long rejectedCount(Rejection why) { return rejected.get(why).sum(); }
}
