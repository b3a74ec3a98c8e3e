package dev.chatd.web.config;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds a {@link WebConfig} from arguments and environment with the servers' rules (chat-common's
 * {@code ConfigParser}, which is bound to the servers' own settings): the command line wins over
 * the environment, the environment over the defaults; a set but empty variable counts as unset;
 * {@code --flag value} or {@code --flag=value}; a flag given twice keeps its last value; only the
 * value that wins is checked; {@code --help} or {@code --version} before an error wins.
 */
public final class WebConfigParser {

    private static final String VERSION = "--version";

    private final String programName;

    /** @param programName the name the help text's usage line shows */
    public WebConfigParser(String programName) {
        this.programName = Objects.requireNonNull(programName, "programName");
    }

    /** Reads {@code args} and {@code env} into a config, a help or version request, or a one-line error. */
    public WebParseOutcome parse(String[] args, Map<String, String> env) {
        Map<WebFlag, RawValue> chosen = new EnumMap<>(WebFlag.class);
        for (WebFlag flag : WebFlag.values()) {
            String value = env.get(flag.envVar());
            if (value != null && !value.isBlank()) {
                chosen.put(flag, new RawValue(flag.envVar(), value));
            }
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return new WebParseOutcome.Help(WebHelp.text(programName));
            }
            if (arg.equals(VERSION)) {
                return new WebParseOutcome.Version();
            }
            if (!arg.startsWith("-")) {
                return new WebParseOutcome.Invalid("unexpected argument: " + WebValues.quote(arg)
                        + " (options start with --)");
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            Optional<WebFlag> flag = WebFlag.byFlag(name);
            if (flag.isEmpty()) {
                return new WebParseOutcome.Invalid(name.equals("--help") || name.equals("-h") || name.equals(VERSION)
                        ? name + " takes no value"
                        : "unknown option: " + WebValues.quote(name));
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                // A following "--x" is far more likely a forgotten value than a value: say so.
                return new WebParseOutcome.Invalid(name + ": missing value " + flag.get().valueName());
            }
            chosen.put(flag.get(), new RawValue(name, value));
        }
        WebConfig config = WebConfig.defaults();
        for (Map.Entry<WebFlag, RawValue> setting : chosen.entrySet()) {
            RawValue raw = setting.getValue();
            try {
                config = setting.getKey().apply(config, raw.value());
            } catch (IllegalArgumentException e) {
                return new WebParseOutcome.Invalid(raw.source() + ": " + e.getMessage());
            }
        }
        return new WebParseOutcome.Parsed(config);
    }

    /** A value as given, and the flag or variable it came from, for error messages. */
    private record RawValue(String source, String value) {
    }
}
