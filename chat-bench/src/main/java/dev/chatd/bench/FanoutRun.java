package dev.chatd.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The {@code fanout} subcommand: logs everyone in, optionally warms up, then has the senders send
 * while every user checks and times what it receives, and reports throughput, latency and loss.
 */
final class FanoutRun {

    private enum Ending { COMPLETE, DRAIN_TIMEOUT, TIMED_OUT }

    private final FanoutOptions options;
    private final BenchSession session;
    /** The CPU of the processes --cpu-pids names over the measured phase; null until measured. */
    private java.util.Map<String, Results.Cpu> processCpu;

    FanoutRun(FanoutOptions options, BenchSession session) {
        this.options = options;
        this.session = session;
    }

    Results.Fanout run() throws SetupException, InterruptedException {
        int senders = options.senders();
        Traffic traffic = new Traffic(session.timeBase, senders, options.size());
        Results.Login login = session.login((index, listener) -> new BenchUser(session.options.userName(index),
                index < senders ? index : -1, traffic, session.loops, listener));
        if (!login.complete()) {
            return result(login, null, null, null, null, null, true, "timed out during login: "
                    + login.loggedIn() + " of " + login.users() + " users logged in");
        }
        if (options.warmup()) {
            session.phase("warmup");
            if (sendAndDrain(warmupPlan()) == Ending.TIMED_OUT) {
                return result(login, null, null, null, null, null, true, "timed out during warm-up");
            }
        }
        session.onEach(s -> {
            s.resetMeasurement();
            return null;
        });
        session.phase("send");
        CpuMeter.CpuSample cpu0 = session.cpu.sample();
        OptionalLong server0 = serverCpu();
        OptionalLong gateway0 = gatewayCpu();
        java.util.Map<String, OptionalLong> others0 = options.cpuPids().sample();
        Ending ending = sendAndDrain(mainPlan());
        CpuMeter.CpuSample cpu1 = session.cpu.sample();
        OptionalLong server1 = serverCpu();
        OptionalLong gateway1 = gatewayCpu();
        java.util.Map<String, OptionalLong> others1 = options.cpuPids().sample();
        session.phase("report");

        LoopStats.Counters c = session.counters();
        Results.Delivery delivery = delivery(c, lostOverRun());
        LatencyHistogram latency = new LatencyHistogram();
        for (LatencyHistogram h : session.onEach(s -> s.latency.copy())) latency.add(h);
        Results.Cpu serverCpu = server0.isPresent() && server1.isPresent()
                ? Results.Cpu.of(server1.getAsLong() - server0.getAsLong(), cpu1.wallNanos() - cpu0.wallNanos()) : null;
        Results.Cpu gatewayCpu = gateway0.isPresent() && gateway1.isPresent()
                ? Results.Cpu.of(gateway1.getAsLong() - gateway0.getAsLong(), cpu1.wallNanos() - cpu0.wallNanos()) : null;
        String error = problems(ending, delivery);
        processCpu = ProcessCpus.between(others0, others1, cpu1.wallNanos() - cpu0.wallNanos());
        return result(login, delivery, Results.Latency.of(latency), cpu1.since(cpu0), serverCpu, gatewayCpu,
                ending == Ending.TIMED_OUT, error);
    }

    private SendPlan mainPlan() {
        long deadline = options.duration().map(d -> System.nanoTime() + d.toNanos()).orElse(Long.MAX_VALUE);
        return new SendPlan(options.messages().orElse(Integer.MAX_VALUE), deadline, options.rate(), options.window());
    }

    /** A fifth of the measured load, to get both JITs going. */
    private SendPlan warmupPlan() {
        long deadline = options.duration().map(d -> System.nanoTime() + d.toNanos() / 5).orElse(Long.MAX_VALUE);
        return new SendPlan(options.messages().map(m -> Math.max(1, m / 5)).orElse(Integer.MAX_VALUE), deadline,
                options.rate(), options.window());
    }

    /**
     * Starts every sender on its loop and waits until every user has accounted for every message
     * sent, or nothing has come for the drain timeout once sending is over, or the run's deadline.
     */
    private Ending sendAndDrain(SendPlan plan) throws InterruptedException {
        int senders = options.senders();
        // Rated senders start spread over one period, so their messages do not arrive in bursts.
        long spread = plan.rate() == 0 ? 0 : 1_000_000_000L / plan.rate() / senders;
        session.onEach(s -> {
            for (Sender sender : s.senders) sender.start(plan, sender.index() * spread);
            return null;
        });
        long users = session.options.users();
        long lastAccounted = -1;
        long lastChange = System.nanoTime();
        while (true) {
            LoopStats.Counters c = session.counters();
            if (c.allSendersDone()) {
                if (c.accounted() >= c.sent() * users) return Ending.COMPLETE;
                if (!"warmup".equals(session.phase())) session.phase("drain");
                if (c.accounted() != lastAccounted) {
                    lastAccounted = c.accounted();
                    lastChange = System.nanoTime();
                } else if (System.nanoTime() - lastChange >= options.drainTimeout().toNanos()) {
                    return Ending.DRAIN_TIMEOUT;
                }
            }
            if (session.pastDeadline()) return Ending.TIMED_OUT;
            session.pause();
        }
    }

    /** Messages never received, over the whole run: gaps, plus what each user is still missing. */
    private long lostOverRun() throws InterruptedException {
        int[] sentPerSender = new int[options.senders()];
        for (List<int[]> loop : session.onEach(s -> {
            List<int[]> sent = new ArrayList<>();
            for (Sender sender : s.senders) sent.add(new int[] {sender.index(), sender.sentTotal()});
            return sent;
        })) {
            for (int[] pair : loop) sentPerSender[pair[0]] = pair[1];
        }
        long lost = 0;
        for (long perLoop : session.onEach(s -> s.users.stream().mapToLong(u -> u.lostGiven(sentPerSender)).sum())) {
            lost += perLoop;
        }
        return lost;
    }

    private Results.Delivery delivery(LoopStats.Counters c, long lost) {
        long expected = c.sent() * session.options.users();
        double seconds = c.firstSendNanos() == Long.MAX_VALUE || c.lastDeliveryNanos() == Long.MIN_VALUE
                ? 0 : Math.max(0, (c.lastDeliveryNanos() - c.firstSendNanos()) / 1e9);
        return new Results.Delivery(c.sent(), expected, c.deliveries(), lost, c.outOfOrder(), c.unparsed(),
                c.errorLines(), c.leaveLines(), c.disconnects(), Results.round(seconds, 3),
                seconds > 0 ? Results.round(c.deliveries() / seconds, 0) : 0);
    }

    /** What makes the run not clean, in words; null when it is. */
    private String problems(Ending ending, Results.Delivery d) throws InterruptedException {
        List<String> problems = new ArrayList<>();
        if (ending == Ending.TIMED_OUT) problems.add("timed out after " + session.options.timeout().toSeconds() + " s");
        if (ending == Ending.DRAIN_TIMEOUT) {
            problems.add("deliveries stopped for " + options.drainTimeout().toMillis() + " ms before all had arrived");
        }
        if (d.lost() > 0) problems.add(d.lost() + " lost");
        if (d.outOfOrder() > 0) problems.add(d.outOfOrder() + " out of order");
        if (d.disconnects() > 0) {
            String last = session.onEach(s -> s.lastError).stream().filter(Objects::nonNull).findFirst().orElse("");
            problems.add(d.disconnects() + " users disconnected" + (last.isEmpty() ? "" : " (" + last + ")"));
        }
        if (d.leaveLines() > 0) {
            String first = session.onEach(s -> s.firstLeaveLine).stream().filter(Objects::nonNull).findFirst().orElse("?");
            problems.add(d.leaveLines() + " leave lines, the first: " + first);
        }
        if (d.unparsed() > 0) problems.add(d.unparsed() + " room lines were not benchmark messages");
        if (d.errorLines() > 0) problems.add(d.errorLines() + " error lines from the server");
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    private OptionalLong gatewayCpu() {
        return session.gateway.map(ServerProbe::cpuNanos).orElse(OptionalLong.empty());
    }

    private OptionalLong serverCpu() {
        return session.server.map(ServerProbe::cpuNanos).orElse(OptionalLong.empty());
    }

    private Results.Fanout result(Results.Login login, Results.Delivery delivery, Results.Latency latency,
                                  Results.Cpu generatorCpu, Results.Cpu serverCpu, Results.Cpu gatewayCpu,
                                  boolean timedOut, String error) {
        CommonOptions c = session.options;
        return new Results.Fanout("fanout", session.targetText, session.loops.transport(), c.threads(), c.users(),
                options.senders(), options.messages().orElse(null),
                options.duration().map(d -> d.toMillis() / 1000.0).orElse(null), options.rate(), options.window(),
                options.size(),
                options.warmup(), c.websocket() ? "websocket" : "tcp", login, delivery, latency, generatorCpu, serverCpu,
                gatewayCpu, gatewayCpu == null || delivery == null || delivery.delivered() == 0 ? null
                        : Results.round(gatewayCpu.cpuSeconds() * 1e6 / delivery.delivered(), 3),
                session.serverPeakRss(), timedOut, error == null, error, processCpu);
    }
}
