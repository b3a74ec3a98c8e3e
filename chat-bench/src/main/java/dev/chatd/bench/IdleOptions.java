package dev.chatd.bench;

import java.time.Duration;
import java.util.Set;

/**
 * The {@code idle} subcommand: log users in and hold them, to measure login rate and memory.
 *
 * @param common      target, users and the server's pid for memory figures
 * @param hold        how long to keep the users connected after measuring
 * @param connectRate connections opened per second, a connect storm ({@link PacedConnector}); 0 for
 *                    at most {@code --connect-concurrency} logins in flight ({@link UserConnector})
 */
public record IdleOptions(CommonOptions common, Duration hold, int connectRate) {

    static final Set<String> VALUE_FLAGS = CommonOptions.valueFlagsAnd("hold", "connect-rate");

    static IdleOptions parse(String[] words) throws SetupException {
        Arguments args = Arguments.parse(words, VALUE_FLAGS, CommonOptions.SWITCHES);
        CommonOptions common = CommonOptions.from(args);
        return new IdleOptions(common, Duration.ofMillis((long) (args.seconds("hold", 0, 86_400) * 1000)),
                args.integer("connect-rate", 0, 0, 1_000_000));
    }
}
