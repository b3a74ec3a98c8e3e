package dev.chatd.web.config;

import java.util.Objects;

/** What {@link WebConfigParser} made of a command line and environment. */
public sealed interface WebParseOutcome {

    /** The settings to run with. */
    record Parsed(WebConfig config) implements WebParseOutcome {
        public Parsed {
            Objects.requireNonNull(config, "config");
        }
    }

    /** {@code --help} or {@code -h}; {@code text} ends in a line break. */
    record Help(String text) implements WebParseOutcome {
        public Help {
            Objects.requireNonNull(text, "text");
        }
    }

    /** {@code --version}. */
    record Version() implements WebParseOutcome {
    }

    /** One line naming the flag or variable and quoting the bad value. */
    record Invalid(String message) implements WebParseOutcome {
        public Invalid {
            Objects.requireNonNull(message, "message");
        }
    }
}
