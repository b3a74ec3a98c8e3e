package dev.chatd.common.config;

import java.io.PrintStream;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a {@link SettingsParser} made of a command line and environment: a config, a request for
 * the help or the version, or an error.
 *
 * @param <C> the config type
 */
public sealed interface ParseOutcome<C> {

    /** Exit status after {@code --help} or {@code --version}. */
    int EXIT_OK = 0;
    /** Exit status for a bad command line or environment value. */
    int EXIT_USAGE = 2;

    /** The settings to run with. */
    record Parsed<C>(C config) implements ParseOutcome<C> {
        public Parsed {
            Objects.requireNonNull(config, "config");
        }
    }

    /** {@code --help} or {@code -h} was given; {@code text} is what to print, ending in a line break. */
    record Help<C>(String text) implements ParseOutcome<C> {
        public Help {
            Objects.requireNonNull(text, "text");
        }
    }

    /** {@code --version} was given; the caller knows its program's name and version, the parser neither. */
    record Version<C>() implements ParseOutcome<C> {
    }

    /**
     * The input cannot be used. {@code message} is one line that names the flag or environment
     * variable and quotes the bad value, e.g. {@code --port: not a number: "abc"}.
     */
    record Invalid<C>(String message) implements ParseOutcome<C> {
        public Invalid {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * Answers every outcome but {@link Parsed} the way each program of this project does: the help
     * or {@code versionLine} on {@code out} (exit 0), or the error and a hint on {@code err}
     * (exit 2). Returns that exit status, or empty for a {@link Parsed} config, which is the
     * caller's to run.
     */
    default OptionalInt answer(String programName, String versionLine, PrintStream out, PrintStream err) {
        if (this instanceof Help<C> help) {
            out.print(help.text());
            out.flush();
            return OptionalInt.of(EXIT_OK);
        }
        if (this instanceof Version<C>) {
            out.print(versionLine);
            out.flush();
            return OptionalInt.of(EXIT_OK);
        }
        if (this instanceof Invalid<C> invalid) {
            err.println(programName + ": " + invalid.message());
            err.println("Try '" + programName + " --help' for the list of options.");
            err.flush();
            return OptionalInt.of(EXIT_USAGE);
        }
        return OptionalInt.empty();
    }
}
