package dev.chatd.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * What both subcommands share: the checked target, the event loops, the run's time base and
 * deadline, the progress line, and logging the users in. Closing it closes every connection.
 */
final class BenchSession implements AutoCloseable {

    /** How long a task on an event loop may take to answer before the run counts as stuck. */
    private static final Duration LOOP_ANSWER = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 20;
    /** Join lines still arriving after this long without one are not waited for. */
    private static final long SETTLE_QUIET_NANOS = 3_000_000_000L;

    final CommonOptions options;
    final Targets targets;
    final String targetText;
    final EventLoops loops;
    final ProgressReporter progress;
    final CpuMeter cpu = new CpuMeter();
    final Optional<ServerProbe> server;
    /** The web gateway between the users and the server, with {@code --gateway-pid}. */
    final Optional<ServerProbe> gateway;
    /** The origin of message timestamps, shared by senders and receivers. */
    final long timeBase = System.nanoTime();
    final long deadlineNanos;
    private volatile String phase = "start";

    private BenchSession(CommonOptions options, Targets targets, Optional<ServerProbe> server,
                         Optional<ServerProbe> gateway, PrintStream err) {
        this.options = options;
        this.targets = targets;
        this.targetText = targets.text();
        this.server = server;
        this.gateway = gateway;
        this.deadlineNanos = timeBase + options.timeout().toNanos();
        this.loops = new EventLoops(options.threads());
        this.progress = new ProgressReporter(err, loops, options.users());
    }

    /**
     * Checks everything that can be checked before the first packet (loopback target, descriptors,
     * server pid) and starts the event loops and the progress line.
     */
    static BenchSession open(CommonOptions options, PrintStream err) throws SetupException {
        return open(options, Targets.single(options.host(), options.port()), err);
    }

    /** As {@link #open(CommonOptions, PrintStream)}, the users spread over {@code targets}. */
    static BenchSession open(CommonOptions options, Targets targets, PrintStream err) throws SetupException {
        Optional<OpenFileLimit> limit = OpenFileLimit.ofThisProcess();
        if (limit.isPresent()) limit.get().check(options.users());
        Optional<ServerProbe> server = Optional.empty();
        if (options.serverPid().isPresent()) {
            ServerProbe probe = new ServerProbe(options.serverPid().getAsLong());
            probe.checkAlive();
            server = Optional.of(probe);
        }
        Optional<ServerProbe> gateway = Optional.empty();
        if (options.gatewayPid().isPresent()) {
            ServerProbe probe = new ServerProbe(options.gatewayPid().getAsLong());
            probe.checkAlive();
            gateway = Optional.of(probe);
        }
        BenchSession session = new BenchSession(options, targets, server, gateway, err);
        session.progress.start();
        return session;
    }

    void phase(String name) {
        phase = name;
        progress.phase(name);
    }

    String phase() {
        return phase;
    }

    boolean pastDeadline() {
        return System.nanoTime() - deadlineNanos >= 0;
    }

    Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    /** The server's peak RSS so far (VmHWM), with {@code --server-pid}; else null. */
    Long serverPeakRss() {
        OptionalLong peak = server.map(ServerProbe::peakRssBytes).orElse(OptionalLong.empty());
        return peak.isPresent() ? peak.getAsLong() : null;
    }

    /** Waits one polling interval. */
    void pause() throws InterruptedException {
        Thread.sleep(POLL_MILLIS);
    }

    /** All loops' counters added up. */
    LoopStats.Counters counters() throws InterruptedException {
        return onEach(LoopStats::counters).stream().reduce(LoopStats.Counters.ZERO, LoopStats.Counters::plus);
    }

    /** Runs {@code task} on every event loop and returns what each gave. */
    <T> List<T> onEach(Function<LoopStats, T> task) throws InterruptedException {
        try {
            return loops.onEach(task, LOOP_ANSWER);
        } catch (TimeoutException e) {
            throw new IllegalStateException("generator stuck: " + e.getMessage(), e);
        }
    }

    /**
     * Connects and logs in every user, then waits until every join line has reached every user
     * (the server has N(N+1)/2 of them to send), so that what is measured next starts from quiet.
     */
    Results.Login login(UserConnector.UserFactory users) throws SetupException, InterruptedException {
        return login(new UserConnector(loops, targets, options.users(), options.connectConcurrency(), users,
                options.websocketUri()));
    }

    /** A connect storm: connections opened at {@code perSecond}, however many logins are in flight. */
    PacedConnector pacedConnector(int perSecond, UserConnector.UserFactory users) {
        return new PacedConnector(loops, targets, options.users(), perSecond, users, options.websocketUri());
    }

    /** As {@link #login(UserConnector.UserFactory)}, with the given way of connecting. */
    Results.Login login(Connector connector) throws SetupException, InterruptedException {
        phase("login");
        int n = options.users();
        progress.loggedIn(connector::loggedIn);
        boolean all = connector.connectAll(deadlineNanos);
        long end = all ? connector.lastLoginNanos() : System.nanoTime();
        double seconds = Math.max(1e-9, (end - connector.startNanos()) / 1e9);
        int loggedIn = connector.loggedIn();
        double rate = Results.round(loggedIn / seconds, 1);
        if (!all) {
            return new Results.Login(n, loggedIn, Results.round(seconds, 3), rate, null, counters().joinLines(), false);
        }
        phase("settle");
        long expectedJoins = (long) n * (n + 1) / 2;
        long joins = counters().joinLines();
        long lastChange = System.nanoTime();
        while (joins < expectedJoins && !pastDeadline() && System.nanoTime() - lastChange < SETTLE_QUIET_NANOS) {
            pause();
            long now = counters().joinLines();
            if (now != joins) lastChange = System.nanoTime();
            joins = now;
        }
        double settle = (System.nanoTime() - end) / 1e9;
        return new Results.Login(n, loggedIn, Results.round(seconds, 3), rate, Results.round(settle, 3), joins, true);
    }

    /** Closes every connection and stops the event loops and the progress line. */
    @Override
    public void close() {
        progress.close();
        try {
            loops.forEach(s -> s.users.forEach(BenchUser::close), LOOP_ANSWER);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | RuntimeException e) {
            // the loops are closed below anyway, which drops the connections
        }
        loops.close();
    }
}
