package dev.chatd.common.config;

import java.util.List;
import java.util.Map;

/**
 * Builds a {@link ChatConfig} from command-line arguments and environment variables, as listed in
 * {@link ConfigFlag}, with the rules of {@link SettingsParser} (the command line wins over the
 * environment, the environment over the defaults; a set but empty variable counts as unset).
 */
public final class ConfigParser {

    private final SettingsParser<ChatConfig> parser;

    /** @param programName the name the help text's usage line shows, e.g. {@code chatd-callback} */
    public ConfigParser(String programName) {
        this.parser = new SettingsParser<>(List.of(ConfigFlag.values()), ChatConfig.defaults(), ConfigHelp.text(programName));
    }

    /** Reads {@code args} and {@code env} into a config, a help or version request, or a one-line error. */
    public ParseOutcome<ChatConfig> parse(String[] args, Map<String, String> env) {
        return parser.parse(args, env);
    }

    /** The help text this parser answers {@code --help} with. */
    public String helpText() {
        return parser.helpText();
    }
}
