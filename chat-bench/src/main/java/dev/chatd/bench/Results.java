package dev.chatd.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * The JSON result of a run, as records: what Jackson writes to stdout and {@code --out}. Times
 * are in seconds and milliseconds, rates per second, sizes in bytes; a figure that could not be
 * measured is left out.
 */
public final class Results {

    private Results() {
    }

    /** CPU time over wall time: how many cores were busy on average. */
    @JsonPropertyOrder({"cpuSeconds", "wallSeconds", "coresUsed"})
    public record Cpu(double cpuSeconds, double wallSeconds, double coresUsed) {
        static Cpu of(long cpuNanos, long wallNanos) {
            double cpu = cpuNanos / 1e9;
            double wall = wallNanos / 1e9;
            return new Cpu(round(cpu, 3), round(wall, 3), wall > 0 ? round(cpu / wall, 3) : 0);
        }
    }

    /**
     * Connecting and logging in.
     *
     * @param seconds       from the first connect to the last user's own join line
     * @param perSecond     logins per second over {@code seconds}
     * @param settleSeconds after the last login, until every join line had reached every user
     *                      (the server's fan-out of N(N+1)/2 join lines)
     * @param joinLines     join lines received by all users together
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Login(int users, int loggedIn, double seconds, double perSecond, Double settleSeconds,
                        long joinLines, boolean complete) {
    }

    /**
     * The measured sending phase.
     *
     * @param sent       messages the senders wrote
     * @param expected   sent times users: everyone, sender included, gets every message
     * @param delivered  benchmark lines received
     * @param lost       messages some user never received (over the whole run, warm-up included)
     * @param outOfOrder messages that came after a later one of the same sender, or twice
     * @param seconds    from the first send to the last delivery
     * @param perSecond  delivered over seconds
     */
    public record Delivery(long sent, long expected, long delivered, long lost, long outOfOrder, long unparsed,
                           long errorLines, long leaveLines, long disconnects, double seconds, double perSecond) {
    }

    /** Send-to-receive latency over all deliveries, in milliseconds (bucket upper bounds, under 0.8% high). */
    public record Latency(long count, double p50Ms, double p90Ms, double p99Ms, double p999Ms, double maxMs, double meanMs) {
        static Latency of(LatencyHistogram h) {
            return new Latency(h.count(), ms(h.percentile(50)), ms(h.percentile(90)), ms(h.percentile(99)),
                    ms(h.percentile(99.9)), ms(h.max()), round(h.mean() / 1e6, 3));
        }

        private static double ms(long nanos) {
            return round(nanos / 1e6, 3);
        }
    }

    /**
     * The server's memory before and after the users logged in.
     *
     * @param rssAfterLoginBytes RSS once the login storm has settled: after the full GC of the heap
     *                           figure, when RSS has stopped falling (the JVM returns heap the storm
     *                           took a little after that GC)
     * @param peakRssBytes       the most RSS the server had, through the login storm (VmHWM)
     * @param liveHeapMethod     how the heap figures were taken
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Memory(Long rssBaselineBytes, Long rssAfterLoginBytes, Long rssBytesPerUser, Long peakRssBytes,
                         Long liveHeapBaselineBytes, Long liveHeapAfterLoginBytes, Long liveHeapBytesPerUser,
                         String liveHeapMethod) {
    }

    /**
     * The result of {@code fanout}.
     *
     * @param generatorCpu this generator's CPU during the measured sending and draining
     * @param serverCpu    the server's CPU over the same time, with {@code --server-pid}
     * @param via          {@code tcp}, or {@code websocket} when the users went through the web gateway
     * @param gatewayCpu   the web gateway's CPU over the same time, with {@code --gateway-pid}
     * @param gatewayCpuMicrosPerDelivery the gateway's CPU time per line delivered, in microseconds
     * @param serverPeakRssBytes the server's peak resident memory since it started (VmHWM), taken
     *                     at the end of the run, with {@code --server-pid}: for a server started for
     *                     the run, the peak through its login storm and sending
     * @param error        why the run is not clean; absent when {@code ok}
     * @param processCpu   the CPU of the processes {@code --cpu-pids} names, over the same time
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Fanout(String command, String target, String transport, int threads, int users, int senders,
                         Integer messagesPerSender, Double durationSeconds, int ratePerSender, int window, int sizeBytes,
                         boolean warmup, String via, Login login, Delivery delivery, Latency latency, Cpu generatorCpu,
                         Cpu serverCpu, Cpu gatewayCpu, Double gatewayCpuMicrosPerDelivery, Long serverPeakRssBytes,
                         boolean timedOut, boolean ok, String error, Map<String, Cpu> processCpu) {
    }

    /**
     * How a connect storm ({@code --connect-rate}) went: every connection opened is in exactly one
     * of the counts after {@code opened}.
     *
     * @param connectRate   connections opened per second
     * @param connectErrors connects that failed (refused, timed out)
     * @param resets        connections that failed after connecting, before login
     * @param closed        connections the server closed before login
     * @param refused       connections the server answered with an error line
     * @param pending       connections still waiting (for the welcome, the prompt or their join) at the end
     * @param firstFailure  what the first failure said; absent if none
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Storm(int connectRate, int opened, int loggedIn, int connectErrors, int resets, int closed,
                        int refused, int pending, String firstFailure) {

        /** Whether every connection opened logged in. */
        boolean allIn() {
            return loggedIn == opened && connectErrors + resets + closed + refused + pending == 0;
        }

        /** The counts as a sentence, for a run's error. */
        String describe() {
            return String.format(java.util.Locale.ROOT,
                    "connect storm at %d/s: %d of %d logged in, %d connect errors, %d resets, %d closed, %d refused,"
                            + " %d still waiting%s", connectRate, loggedIn, opened, connectErrors, resets, closed, refused,
                    pending, firstFailure == null ? "" : " (first failure: " + firstFailure + ")");
        }
    }

    /**
     * The result of {@code idle}.
     *
     * @param generatorCpu this generator's CPU while the users logged in
     * @param serverCpu    the server's CPU over the same time
     * @param disconnects  users whose connection ended before the hold was over
     * @param storm        with {@code --connect-rate}: how every connection fared
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Idle(String command, String target, String transport, int threads, int users, Login login,
                       Storm storm, Memory serverMemory, Cpu generatorCpu, Cpu serverCpu, double holdSeconds, long disconnects,
                       boolean timedOut, boolean ok, String error) {
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
