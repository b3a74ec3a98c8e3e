package dev.chatd.common.config;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a config from command-line arguments and environment variables, as a list of
 * {@link Setting}s describes them; the servers ({@link ConfigParser}) and the web gateway parse
 * with it. The command line wins over the environment, the environment over the defaults. The
 * environment is passed in rather than read here, so tests can give any map.
 *
 * <p>Rules an operator may trip over: an environment variable that is set but empty counts as
 * unset (so {@code CHAT_ADMIN_PORT=} in a compose file means "default"), while an empty value on
 * the command line is an error; only the value that wins is checked, so a bad environment value
 * that the command line overrides does no harm; a flag given twice keeps its last value; values
 * are trimmed; {@code --help} or {@code --version} anywhere before an error wins. Messages
 * carry no "see --help" of their own: the caller adds that hint, once.
 *
 * @param <C> the config the settings are read into
 */
public final class SettingsParser<C> {

    private static final String VERSION = "--version";

    private final List<? extends Setting<C>> settings;
    private final Map<String, Setting<C>> byFlag = new HashMap<>();
    private final C defaults;
    private final String helpText;

    /**
     * @param settings every setting, in the order they are applied
     * @param defaults the config before any setting
     * @param helpText what {@code --help} prints, ending in a line break
     */
    public SettingsParser(List<? extends Setting<C>> settings, C defaults, String helpText) {
        this.settings = List.copyOf(settings);
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.helpText = Objects.requireNonNull(helpText, "helpText");
        for (Setting<C> setting : this.settings) byFlag.put(setting.flag(), setting);
    }

    /** Reads {@code args} and {@code env} into a config, a help or version request, or a one-line error. */
    public ParseOutcome<C> parse(String[] args, Map<String, String> env) {
        // Keyed by setting, in the settings' order, so values are applied in one fixed order.
        Map<Setting<C>, RawValue> chosen = new LinkedHashMap<>();
        for (Setting<C> setting : settings) chosen.put(setting, null);
        for (Setting<C> setting : settings) {
            String value = env.get(setting.envVar());
            if (value != null && !value.isBlank()) {
                chosen.put(setting, new RawValue(setting.envVar(), value));
            }
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return new ParseOutcome.Help<>(helpText);
            }
            if (arg.equals(VERSION)) {
                return new ParseOutcome.Version<>();
            }
            if (!arg.startsWith("-")) {
                return new ParseOutcome.Invalid<>("unexpected argument: " + ValueFormats.quote(arg)
                        + " (options start with --)");
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            Setting<C> setting = byFlag.get(name);
            if (setting == null) {
                return new ParseOutcome.Invalid<>(name.equals("--help") || name.equals("-h") || name.equals(VERSION)
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
                return new ParseOutcome.Invalid<>(name + ": missing value " + setting.valueName());
            }
            chosen.put(setting, new RawValue(name, value));
        }
        C config = defaults;
        for (Map.Entry<Setting<C>, RawValue> entry : chosen.entrySet()) {
            RawValue raw = entry.getValue();
            if (raw == null) continue;
            try {
                config = entry.getKey().apply(config, raw.value());
            } catch (IllegalArgumentException e) {
                return new ParseOutcome.Invalid<>(raw.source() + ": " + e.getMessage());
            }
        }
        return new ParseOutcome.Parsed<>(config);
    }

    /** The help text this parser answers {@code --help} with. */
    public String helpText() {
        return helpText;
    }

    /** A value as given, and the flag or variable it came from, for error messages. */
    private record RawValue(String source, String value) {
    }
}
