package dev.chatd.bench;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code fanout} subcommand: some users send, everyone receives.
 *
 * @param common       target and users
 * @param senders      how many of the users send (users 0 to senders-1)
 * @param messages     messages per sender, or empty when {@code duration} bounds the sending
 * @param duration     how long the senders send, or empty when {@code messages} does
 * @param rate         messages per second per sender; 0 = as fast as the server accepts them
 * @param window       at full speed, most messages of one sender not yet back to it
 * @param size         bytes of message text (at least the header's numbers)
 * @param warmup       run a fifth of the load first and measure only what follows
 * @param drainTimeout how long to wait without a delivery, once sending is over, before counting
 *                     what has not come as lost
 * @param targets      where the users connect: {@code common}'s server, or the nodes {@code --targets} lists
 * @param cpuPids      other processes to report the CPU of, by name ({@code --cpu-pids})
 */
public record FanoutOptions(
        CommonOptions common,
        int senders,
        Optional<Integer> messages,
        Optional<Duration> duration,
        int rate,
        int window,
        int size,
        boolean warmup,
        Duration drainTimeout,
        Targets targets,
        ProcessCpus cpuPids) {

    static final int DEFAULT_WINDOW = 50;
    static final Set<String> SWITCHES = Set.of("warmup", "websocket");
    static final Set<String> VALUE_FLAGS = CommonOptions.valueFlagsAnd(
            "senders", "messages", "duration", "rate", "window", "size", "drain-timeout", "targets", "cpu-pids");

    static FanoutOptions parse(String[] words) throws SetupException {
        Arguments args = Arguments.parse(words, VALUE_FLAGS, SWITCHES);
        CommonOptions common = CommonOptions.from(args);
        int senders = args.requiredInt("senders", 1, common.users());
        if (args.has("messages") == args.has("duration")) {
            throw new SetupException("give exactly one of --messages (per sender) and --duration (seconds)");
        }
        Optional<Integer> messages = args.has("messages")
                ? Optional.of(args.integer("messages", 0, 1, Integer.MAX_VALUE / 2)) : Optional.empty();
        Optional<Duration> duration = Optional.empty();
        if (args.has("duration")) {
            double seconds = args.seconds("duration", 0, 86_400);
            if (seconds == 0) throw new SetupException("--duration must be more than 0 seconds");
            duration = Optional.of(Duration.ofMillis((long) (seconds * 1000)));
        }
        return new FanoutOptions(common, senders, messages, duration,
                args.integer("rate", 0, 0, 1_000_000),
                args.integer("window", DEFAULT_WINDOW, 1, 1_000_000),
                args.integer("size", 64, 1, 4000),
                args.has("warmup"),
                Duration.ofMillis((long) (args.seconds("drain-timeout", 5, 3600) * 1000)),
                Targets.from(args, common),
                args.has("cpu-pids") ? ProcessCpus.parse(args.string("cpu-pids", "")) : ProcessCpus.NONE);
    }
}
