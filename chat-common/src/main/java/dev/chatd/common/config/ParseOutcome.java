package dev.chatd.common.config;

import java.util.Objects;

/**
 * What {@link ConfigParser} made of a command line and environment: a config, a request for the
 * help or the version, or an error.
 */
public sealed interface ParseOutcome {

    /** The settings to run with. */
    record Parsed(ChatConfig config) implements ParseOutcome {
        public Parsed {
            Objects.requireNonNull(config, "config");
        }
    }

    /** {@code --help} or {@code -h} was given; {@code text} is what to print, ending in a line break. */
    record Help(String text) implements ParseOutcome {
        public Help {
            Objects.requireNonNull(text, "text");
        }
    }

    /** {@code --version} was given; the caller knows its program's name and version, the parser neither. */
    record Version() implements ParseOutcome {
    }

    /**
     * The input cannot be used. {@code message} is one line that names the flag or environment
     * variable and quotes the bad value, e.g. {@code --port: not a number: "abc"}.
     */
    record Invalid(String message) implements ParseOutcome {
        public Invalid {
            Objects.requireNonNull(message, "message");
        }
    }
}
