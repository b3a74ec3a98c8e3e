package dev.chatd.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The {@code idle} subcommand: logs N users in and holds them, reporting the login rate and,
 * given the server's pid, its memory per connected user.
 */
final class IdleRun {

    private static final String HEAP_METHOD = "jcmd <pid> GC.class_histogram: live objects after the full GC it forces"
            + " (Java heap only; direct buffers and other native memory are in RSS)";

    /** RSS has settled once it fell by less than this over {@link #SETTLE_WINDOW}. */
    private static final long SETTLE_BYTES = 1024 * 1024;
    private static final Duration SETTLE_WINDOW = Duration.ofSeconds(2);
    /** How long at most to wait for RSS to settle. */
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(20);

    private final IdleOptions options;
    private final BenchSession session;
    /** With {@code --connect-rate}: how the storm went, once the login phase is over. */
    private Results.Storm stormOutcome;

    IdleRun(IdleOptions options, BenchSession session) {
        this.options = options;
        this.session = session;
    }

    Results.Idle run() throws SetupException, InterruptedException {
        session.phase("baseline");
        OptionalLong heap0 = liveHeap();
        OptionalLong rss0 = rss();
        CpuMeter.CpuSample cpu0 = session.cpu.sample();
        OptionalLong server0 = serverCpu();
        Traffic traffic = Traffic.none(session.timeBase);
        UserConnector.UserFactory users = (index, listener) -> new BenchUser(session.options.userName(index),
                -1, traffic, session.loops, listener);
        PacedConnector storm = options.connectRate() > 0 ? session.pacedConnector(options.connectRate(), users) : null;
        Results.Login login = storm != null ? session.login(storm) : session.login(users);
        stormOutcome = storm == null ? null : storm.outcome();
        CpuMeter.CpuSample cpu1 = session.cpu.sample();
        OptionalLong server1 = serverCpu();
        if (!login.complete()) {
            Results.Cpu serverCpu = cpu(server0, server1, cpu0, cpu1);
            return result(login, null, cpu1.since(cpu0), serverCpu, 0, stormOutcome == null || stormOutcome.pending() > 0,
                    stormOutcome != null ? stormOutcome.describe() : "timed out during login: "
                    + login.loggedIn() + " of " + login.users() + " users logged in");
        }
        session.phase("measure");
        OptionalLong heap1 = liveHeap();
        OptionalLong rss1 = settledRss();
        Results.Memory memory = session.server.isEmpty() ? null : memory(rss0, rss1, heap0, heap1);

        session.phase("hold");
        long holdEnd = System.nanoTime() + options.hold().toNanos();
        boolean timedOut = false;
        while (System.nanoTime() - holdEnd < 0) {
            if (session.pastDeadline()) {
                timedOut = true;
                break;
            }
            session.pause();
        }
        LoopStats.Counters c = session.counters();
        List<String> problems = new ArrayList<>();
        if (timedOut) problems.add("timed out after " + session.options.timeout().toSeconds() + " s while holding");
        if (c.disconnects() > 0) problems.add(c.disconnects() + " users disconnected");
        Results.Cpu serverCpu = cpu(server0, server1, cpu0, cpu1);
        return result(login, memory, cpu1.since(cpu0), serverCpu, c.disconnects(), timedOut,
                problems.isEmpty() ? null : String.join("; ", problems));
    }

    private static Results.Cpu cpu(OptionalLong server0, OptionalLong server1, CpuMeter.CpuSample cpu0,
                                   CpuMeter.CpuSample cpu1) {
        return server0.isPresent() && server1.isPresent()
                ? Results.Cpu.of(server1.getAsLong() - server0.getAsLong(), cpu1.wallNanos() - cpu0.wallNanos()) : null;
    }

    private Results.Memory memory(OptionalLong rss0, OptionalLong rss1, OptionalLong heap0, OptionalLong heap1) {
        int users = session.options.users();
        boolean rss = rss0.isPresent() && rss1.isPresent();
        boolean heap = heap0.isPresent() && heap1.isPresent();
        return new Results.Memory(
                rss0.isPresent() ? rss0.getAsLong() : null,
                rss1.isPresent() ? rss1.getAsLong() : null,
                rss ? (rss1.getAsLong() - rss0.getAsLong()) / users : null,
                session.serverPeakRss(),
                heap0.isPresent() ? heap0.getAsLong() : null,
                heap1.isPresent() ? heap1.getAsLong() : null,
                heap ? (heap1.getAsLong() - heap0.getAsLong()) / users : null,
                heap ? HEAP_METHOD : "unavailable (jcmd failed or timed out)");
    }

    private OptionalLong liveHeap() {
        Duration budget = session.remaining().compareTo(Duration.ofSeconds(60)) < 0 ? session.remaining() : Duration.ofSeconds(60);
        return session.server.map(p -> p.liveHeapBytes(budget)).orElse(OptionalLong.empty());
    }

    /**
     * RSS once it stops falling: a JVM gives back heap a storm took only after a collection, and
     * a little after it (G1 uncommits in the background), so RSS read at once would count the
     * storm's heap as the users'.
     */
    private OptionalLong settledRss() throws InterruptedException {
        OptionalLong first = rss();
        if (first.isEmpty()) return first;
        long windowStart = System.nanoTime();
        long windowRss = first.getAsLong();
        long last = windowRss;
        long giveUp = windowStart + SETTLE_LIMIT.toNanos();
        while (System.nanoTime() - giveUp < 0 && !session.pastDeadline()) {
            session.pause();
            OptionalLong now = rss();
            if (now.isEmpty()) break;
            last = now.getAsLong();
            if (System.nanoTime() - windowStart >= SETTLE_WINDOW.toNanos()) {
                if (windowRss - last < SETTLE_BYTES) break;
                windowStart = System.nanoTime();
                windowRss = last;
            }
        }
        return OptionalLong.of(last);
    }

    private OptionalLong rss() {
        return session.server.map(ServerProbe::rssBytes).orElse(OptionalLong.empty());
    }

    private OptionalLong serverCpu() {
        return session.server.map(ServerProbe::cpuNanos).orElse(OptionalLong.empty());
    }

    private Results.Idle result(Results.Login login, Results.Memory memory, Results.Cpu generatorCpu,
                                Results.Cpu serverCpu, long disconnects, boolean timedOut, String error) {
        CommonOptions c = session.options;
        return new Results.Idle("idle", session.targetText, session.loops.transport(), c.threads(), c.users(), login,
                stormOutcome, memory, generatorCpu, serverCpu, options.hold().toMillis() / 1000.0, disconnects, timedOut,
                error == null, error);
    }
}
