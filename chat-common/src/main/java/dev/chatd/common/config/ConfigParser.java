package dev.chatd.common.config;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds a {@link ChatConfig} from command-line arguments and environment variables, as listed in
 * {@link ConfigFlag}. The command line wins over the environment, the environment over the
 * defaults. The environment is passed in rather than read here, so tests can give any map.
 *
 * <p>Rules an operator may trip over: an environment variable that is set but empty counts as
 * unset (so {@code CHAT_ADMIN_PORT=} in a compose file means "default"), while an empty value on
 * the command line is an error; only the value that wins is checked, so a bad environment value
 * that the command line overrides does no harm; a flag given twice keeps its last value; values
 * are trimmed; {@code --help} or {@code --version} anywhere before an error wins. Messages
 * carry no "see --help" of their own: the caller adds that hint, once.
 */
public final class ConfigParser {

    private static final String VERSION = "--version";

    private final String programName;

    /** @param programName the name the help text's usage line shows, e.g. {@code chatd-callback} */
    public ConfigParser(String programName) {
        this.programName = Objects.requireNonNull(programName, "programName");
    }

    /** Reads {@code args} and {@code env} into a config, a help or version request, or a one-line error. */
    public ParseOutcome parse(String[] args, Map<String, String> env) {
        Map<ConfigFlag, RawValue> chosen = new EnumMap<>(ConfigFlag.class);
        for (ConfigFlag flag : ConfigFlag.values()) {
            String value = env.get(flag.envVar());
            if (value != null && !value.isBlank()) {
                chosen.put(flag, new RawValue(flag.envVar(), value));
            }
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return new ParseOutcome.Help(ConfigHelp.text(programName));
            }
            if (arg.equals(VERSION)) {
                return new ParseOutcome.Version();
            }
            if (!arg.startsWith("-")) {
                return new ParseOutcome.Invalid("unexpected argument: " + ValueFormats.quote(arg)
                        + " (options start with --)");
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            Optional<ConfigFlag> flag = ConfigFlag.byFlag(name);
            if (flag.isEmpty()) {
                return new ParseOutcome.Invalid(name.equals("--help") || name.equals("-h") || name.equals(VERSION)
                        ? name + " takes no value"
                        : "unknown option: " + ValueFormats.quote(name));
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                // A following "--x" is far more likely a forgotten value than a value: say so.
                return new ParseOutcome.Invalid(name + ": missing value " + flag.get().valueName());
            }
            chosen.put(flag.get(), new RawValue(name, value));
        }
        ChatConfig config = ChatConfig.defaults();
        for (Map.Entry<ConfigFlag, RawValue> setting : chosen.entrySet()) {
            RawValue raw = setting.getValue();
            try {
                config = setting.getKey().apply(config, raw.value());
            } catch (IllegalArgumentException e) {
                return new ParseOutcome.Invalid(raw.source() + ": " + e.getMessage());
            }
        }
        return new ParseOutcome.Parsed(config);
    }

    /** The help text this parser answers {@code --help} with. */
    public String helpText() {
        return ConfigHelp.text(programName);
    }

    /** A value as given, and the flag or variable it came from, for error messages. */
    private record RawValue(String source, String value) {
    }
}
