package dev.chatd.common.command;

import java.util.Objects;

/**
 * What a line from a logged-in user means, as decided by {@link CommandParser}. The room model
 * acts on these; it never looks at the raw line again. Texts and names in here are sanitised and
 * trimmed but not yet validated: {@link Nick} and {@link Join} may carry an invalid name.
 */
public sealed interface Command {

    /** An empty line: nothing happens. */
    record Blank() implements Command {
    }

    /** A plain line for the room; {@code //text} arrives here as {@code /text}. */
    record Say(String text) implements Command {
        public Say {
            Objects.requireNonNull(text, "text");
        }
    }

    /** {@code /me <action>}: an action in the room. */
    record Me(String action) implements Command {
        public Me {
            Objects.requireNonNull(action, "action");
        }
    }

    /** {@code /msg <user> <text>}: a private message; {@code to} is the name as typed. */
    record Msg(String to, String text) implements Command {
        public Msg {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(text, "text");
        }
    }

    /** {@code /nick <name>}: the whole rest of the line, so it may contain spaces (and be invalid). */
    record Nick(String name) implements Command {
        public Nick {
            Objects.requireNonNull(name, "name");
        }
    }

    /** {@code /join <room>}: the room as typed, {@code #} and all; not yet validated. */
    record Join(String room) implements Command {
        public Join {
            Objects.requireNonNull(room, "room");
        }
    }

    /** {@code /who}: list the users in the sender's room. */
    record Who() implements Command {
    }

    /** {@code /rooms}: list the rooms with their user counts. */
    record Rooms() implements Command {
    }

    /** {@code /help}: show {@link CommandParser#HELP_LINES}. */
    record Help() implements Command {
    }

    /** {@code /json}: switch this user's output to JSON lines. */
    record Json() implements Command {
    }

    /** {@code /text}: switch this user's output to text lines. */
    record Text() implements Command {
    }

    /** {@code /history [count]}: replay the room's last {@code count} events to this user. */
    record History(int count) implements Command {
        public History {
            if (count < 1) throw new IllegalArgumentException("count must be at least 1: " + count);
        }
    }

    /** {@code /quit}: leave and close the connection. */
    record Quit() implements Command {
    }

    /** A command word nobody knows, as typed, slash included, e.g. {@code "/Frobnicate"}. */
    record Unknown(String word) implements Command {
        public Unknown {
            Objects.requireNonNull(word, "word");
        }
    }

    /**
     * A known command missing its argument; {@code usage} is the error text without
     * {@code "! "}, one of the {@code CommandParser.USAGE_*} constants.
     */
    record Usage(String usage) implements Command {
        public Usage {
            Objects.requireNonNull(usage, "usage");
        }
    }
}
