package dev.chatd.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * The load generator's command line: {@code fanout} and {@code idle} against a chat server on
 * this machine. Prints a progress line a second on stderr and the JSON result on stdout.
 *
 * <p>Exit codes: 0 a clean run; 1 a run that finished but was not clean (lost or reordered lines,
 * disconnects, timeout); 2 a run that could not start or go on (bad flags, unreachable or
 * non-local target, too few file descriptors, users refused by the server).
 */
public final class LoadGenerator {

    public static final int OK = 0;
    public static final int NOT_CLEAN = 1;
    public static final int SETUP_ERROR = 2;

    static final String USAGE = """
            usage: chat-bench fanout --users N --senders S (--messages M | --duration SECONDS) [options]
                   chat-bench idle   --users N [--hold SECONDS] [--connect-rate R] [--server-pid PID] [options]

            fanout: N users log in to #lobby; users 0..S-1 each send M messages (or send for SECONDS);
                    every user checks it gets every message of every sender, in order, and times it.
              --rate R            messages per second per sender (default 0: as fast as the server takes them)
              --window W          at full speed, at most W of a sender's messages not yet back to it (default 50)
              --size BYTES        message text size (default 64; at least the numbers it carries)
              --warmup            first send a fifth of the load, unmeasured
              --drain-timeout S   once sending is over, give up after S seconds without a delivery (default 5)
              --targets H:P,H:P   a cluster's nodes instead of --host/--port: user i connects to the (i mod n)th
              --cpu-pids N=PID,.. also report these processes' CPU by name (e.g. redis=PID,node1=PID)
            idle:   N users log in and are held; with --server-pid, the server's RSS and live heap per user.
              --hold SECONDS      keep them connected this long after measuring (default 0)
              --connect-rate R    a connect storm: open R connections a second, however many logins are in
                                  flight, each logging in as soon as it is prompted; connect errors, resets and
                                  refusals are counted, not fatal (default 0: --connect-concurrency at a time)
            common options:
              --host HOST         loopback only (default 127.0.0.1)
              --port PORT         (default 4455)
              --threads T         generator event-loop threads (default 1)
              --connect-concurrency C   logins in flight at once (default 200)
              --timeout SECONDS   bound on the whole run (default 120)
              --name-prefix P     users are named P0, P1, ... (default u)
              --server-pid PID    also report the server's CPU (and memory, for idle)
              --websocket         go through the web gateway at --host:--port: one WebSocket per user at /ws
              --gateway-pid PID   also report the gateway's CPU, and its CPU per delivered line
              --out FILE          also write the JSON result to FILE
            The server should run with --rate-limit 0, or its input throttling is what gets measured.
            """;

    private LoadGenerator() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one subcommand and returns the exit code; the result goes to {@code out}, messages to {@code err}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            (args.length == 0 ? err : out).print(USAGE);
            return args.length == 0 ? SETUP_ERROR : OK;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            switch (args[0]) {
                case "fanout": {
                    FanoutOptions options = FanoutOptions.parse(rest);
                    try (BenchSession session = BenchSession.open(options.common(), options.targets(), err)) {
                        Results.Fanout result = new FanoutRun(options, session).run();
                        new ResultWriter().write(result, out, options.common().out());
                        return report(result.ok(), result.error(), err);
                    }
                }
                case "idle": {
                    IdleOptions options = IdleOptions.parse(rest);
                    try (BenchSession session = BenchSession.open(options.common(), err)) {
                        Results.Idle result = new IdleRun(options, session).run();
                        new ResultWriter().write(result, out, options.common().out());
                        return report(result.ok(), result.error(), err);
                    }
                }
                default:
                    throw new SetupException("unknown command: " + args[0] + " (try fanout or idle; --help for more)");
            }
        } catch (SetupException e) {
            err.println("chat-bench: " + e.getMessage());
            return SETUP_ERROR;
        } catch (IOException e) {
            err.println("chat-bench: cannot write the result: " + e.getMessage());
            return SETUP_ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("chat-bench: interrupted");
            return NOT_CLEAN;
        } catch (RuntimeException e) {
            err.println("chat-bench: internal error: " + e);
            e.printStackTrace(err);
            return NOT_CLEAN;
        }
    }

    private static int report(boolean ok, String error, PrintStream err) {
        if (ok) return OK;
        err.println("chat-bench: run not clean: " + error);
        return NOT_CLEAN;
    }
}
