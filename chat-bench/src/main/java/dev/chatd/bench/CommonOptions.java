package dev.chatd.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What every subcommand takes: where the server is, how many users, how the generator runs.
 *
 * @param host               target host; must be a loopback address
 * @param port               target chat port
 * @param users              users to log in
 * @param threads            event-loop threads of the generator
 * @param connectConcurrency connections being set up (connect + login) at once
 * @param timeout            bound on the whole run
 * @param namePrefix         user names are this prefix and the user's index
 * @param out                also write the JSON result here
 * @param serverPid          the server process, to read its memory and CPU use
 * @param websocket          connect through the web gateway at {@code host:port}: each user is one
 *                           WebSocket at {@code /ws}, one frame per line
 * @param gatewayPid         the gateway process, to read its CPU use
 */
public record CommonOptions(
        String host,
        int port,
        int users,
        int threads,
        int connectConcurrency,
        Duration timeout,
        String namePrefix,
        Optional<Path> out,
        OptionalLong serverPid,
        boolean websocket,
        OptionalLong gatewayPid) {

    static final Set<String> VALUE_FLAGS = Set.of("host", "port", "users", "threads", "connect-concurrency",
            "timeout", "name-prefix", "out", "server-pid", "gateway-pid");
    /** The switches every subcommand takes. */
    static final Set<String> SWITCHES = Set.of("websocket");

    /** The common value flags and a subcommand's own. */
    static Set<String> valueFlagsAnd(String... own) {
        Set<String> all = new HashSet<>(VALUE_FLAGS);
        all.addAll(Arrays.asList(own));
        return Set.copyOf(all);
    }

    /** Reads the common flags; {@code --users} is required. */
    static CommonOptions from(Arguments args) throws SetupException {
        String prefix = args.string("name-prefix", "u");
        if (!prefix.matches("[A-Za-z_-][A-Za-z0-9_-]{0,20}")) {
            throw new SetupException("--name-prefix must be 1-21 ASCII letters, digits, '_' or '-', not starting with a digit: " + prefix);
        }
        double timeout = args.seconds("timeout", 120, 86_400);
        if (timeout == 0) throw new SetupException("--timeout must be more than 0 seconds");
        return new CommonOptions(
                args.string("host", "127.0.0.1"),
                args.integer("port", 4455, 1, 65535),
                args.requiredInt("users", 1, 1_000_000),
                args.integer("threads", 1, 1, 64),
                args.integer("connect-concurrency", 200, 1, 100_000),
                Duration.ofMillis((long) (timeout * 1000)),
                prefix,
                args.has("out") ? Optional.of(Path.of(args.string("out", ""))) : Optional.empty(),
                args.has("server-pid") ? OptionalLong.of(args.number("server-pid", 0, 1, Integer.MAX_VALUE)) : OptionalLong.empty(),
                args.has("websocket"),
                args.has("gateway-pid") ? OptionalLong.of(args.number("gateway-pid", 0, 1, Integer.MAX_VALUE)) : OptionalLong.empty());
    }

    /** The gateway's WebSocket when users go through it, else null. */
    java.net.URI websocketUri() {
        return websocket ? java.net.URI.create("ws://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/ws") : null;
    }

    /** The name of user {@code index}. */
    public String userName(int index) {
        return namePrefix + index;
    }
}
