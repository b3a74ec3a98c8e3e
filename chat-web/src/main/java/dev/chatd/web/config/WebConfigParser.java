package dev.chatd.web.config;

import dev.chatd.common.config.ParseOutcome;
import dev.chatd.common.config.SettingsParser;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link WebConfig} from arguments and environment, as listed in {@link WebFlag}, with
 * the servers' rules: chat-common's {@link SettingsParser} reads both (the command line wins over
 * the environment, the environment over the defaults; a set but empty variable counts as unset).
 */
public final class WebConfigParser {

    private final SettingsParser<WebConfig> parser;

    /** @param programName the name the help text's usage line shows */
    public WebConfigParser(String programName) {
        this.parser = new SettingsParser<>(List.of(WebFlag.values()), WebConfig.defaults(), WebHelp.text(programName));
    }

    /** Reads {@code args} and {@code env} into a config, a help or version request, or a one-line error. */
    public ParseOutcome<WebConfig> parse(String[] args, Map<String, String> env) {
        return parser.parse(args, env);
    }
}
