package dev.chatd.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;

/**
 * Prints one line a second on stderr while a run goes on: elapsed time, phase, users logged in,
 * deliveries per second over the last second, lost so far and the generator's own CPU use.
 */
final class ProgressReporter implements AutoCloseable {

    private final PrintStream err;
    private final EventLoops loops;
    private final int users;
    private final CpuMeter cpu = new CpuMeter();
    private final long start = System.nanoTime();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-progress");
        t.setDaemon(true);
        return t;
    });

    private volatile String phase = "start";
    private volatile IntSupplier loggedIn = () -> 0;
    private long lastDeliveries;
    private CpuMeter.CpuSample lastCpu = cpu.sample();

    ProgressReporter(PrintStream err, EventLoops loops, int users) {
        this.err = err;
        this.loops = loops;
        this.users = users;
    }

    void start() {
        timer.scheduleAtFixedRate(this::report, 1, 1, TimeUnit.SECONDS);
    }

    void phase(String name) {
        phase = name;
    }

    /** Where the count of logged-in users comes from. */
    void loggedIn(IntSupplier count) {
        loggedIn = count;
    }

    private void report() {
        LoopStats.Counters c;
        try {
            c = loops.counters(Duration.ofMillis(500));
        } catch (TimeoutException e) {
            err.printf(Locale.ROOT, "[%6.1fs] %-7s (event loop busy, no figures)%n", elapsed(), phase);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            return; // the loops are shutting down
        }
        CpuMeter.CpuSample now = cpu.sample();
        // Counters restart with each measured phase; then the first second counts from zero.
        long delta = c.deliveries() >= lastDeliveries ? c.deliveries() - lastDeliveries : c.deliveries();
        double seconds = (now.wallNanos() - lastCpu.wallNanos()) / 1e9;
        err.printf(Locale.ROOT, "[%6.1fs] %-7s users %d/%d  deliveries/s %.0f  lost %d  out-of-order %d  disconnects %d  generator cpu %.2f%n",
                elapsed(), phase, loggedIn.getAsInt(), users, seconds > 0 ? delta / seconds : 0, c.lost(),
                c.outOfOrder(), c.disconnects(), now.since(lastCpu).coresUsed());
        lastDeliveries = c.deliveries();
        lastCpu = now;
    }

    private double elapsed() {
        return (System.nanoTime() - start) / 1e9;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
