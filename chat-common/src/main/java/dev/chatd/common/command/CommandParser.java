package dev.chatd.common.command;

import dev.chatd.common.text.Sanitizer;

import java.util.List;

/**
 * Turns a sanitised line from a logged-in user into a {@link Command} (docs/protocol.md,
 * "Chatting"). Stateless; the argument-less results are shared instances, which is safe because
 * records are immutable.
 */
public final class CommandParser {

    public static final String USAGE_ME = "usage: /me <action>";
    public static final String USAGE_MSG = "usage: /msg <user> <text>";
    public static final String USAGE_NICK = "usage: /nick <name>";
    public static final String USAGE_JOIN = "usage: /join <room>";
    public static final String USAGE_HISTORY = "usage: /history [count]";
    /** How many events {@code /history} replays when no count is given. */
    public static final int DEFAULT_HISTORY_COUNT = 20;

    /** The {@code /help} answer, one line per command, without the {@code "* "} prefix. */
    public static final List<String> HELP_LINES = List.of(
            "/me <action> - act in the room, e.g. /me waves",
            "/msg <user> <text> - send a private message to one user",
            "/nick <name> - change your name",
            "/join <room> - move to another room (the # is optional); it is created if needed",
            "/who - list the users in your room",
            "/rooms - list the rooms and how many users each has",
            "/history [count] - replay the room's last events to you (20 unless you say)",
            "/json - get every following line as JSON",
            "/text - get every following line as plain text again",
            "/help - show this list",
            "/quit - leave the chat",
            "//text - say a line that starts with /");

    private static final Command BLANK = new Command.Blank();
    private static final Command WHO = new Command.Who();
    private static final Command ROOMS = new Command.Rooms();
    private static final Command HELP = new Command.Help();
    private static final Command JSON = new Command.Json();
    private static final Command TEXT = new Command.Text();
    private static final Command QUIT = new Command.Quit();
    private static final Command USAGE_ME_COMMAND = new Command.Usage(USAGE_ME);
    private static final Command USAGE_MSG_COMMAND = new Command.Usage(USAGE_MSG);
    private static final Command USAGE_NICK_COMMAND = new Command.Usage(USAGE_NICK);
    private static final Command USAGE_JOIN_COMMAND = new Command.Usage(USAGE_JOIN);
    private static final Command USAGE_HISTORY_COMMAND = new Command.Usage(USAGE_HISTORY);
    private static final Command HISTORY = new Command.History(DEFAULT_HISTORY_COUNT);

    private CommandParser() {
    }

    /**
     * Parses one line that has been through {@link Sanitizer#sanitize}. Surrounding White_Space
     * is ignored anyway, so an all-white line is {@link Command.Blank} even if a caller forgot.
     */
    public static Command parse(String sanitizedLine) {
        String line = Sanitizer.trimWhiteSpace(sanitizedLine);
        if (line.isEmpty()) {
            return BLANK;
        }
        if (line.charAt(0) != '/') {
            return new Command.Say(line);
        }
        if (line.startsWith("//")) {
            return new Command.Say(line.substring(1));
        }
        int wordEnd = indexOfWhiteSpace(line, 0);
        String word = line.substring(0, wordEnd);
        String rest = Sanitizer.trimWhiteSpace(line.substring(wordEnd));
        switch (asciiLowerCase(word)) {
            case "/me":
                return rest.isEmpty() ? USAGE_ME_COMMAND : new Command.Me(rest);
            case "/msg":
                return parseMsg(rest);
            case "/nick":
                return rest.isEmpty() ? USAGE_NICK_COMMAND : new Command.Nick(rest);
            case "/join":
                return rest.isEmpty() ? USAGE_JOIN_COMMAND : new Command.Join(rest);
            case "/who":
                return WHO;
            case "/rooms":
                return ROOMS;
            case "/history":
                return rest.isEmpty() ? HISTORY : parseHistory(rest);
            case "/help":
                return HELP;
            case "/json":
                return JSON;
            case "/text":
                return TEXT;
            case "/quit":
                return QUIT;
            default:
                return new Command.Unknown(word);
        }
    }

    private static Command parseMsg(String rest) {
        int targetEnd = indexOfWhiteSpace(rest, 0);
        String text = Sanitizer.trimWhiteSpace(rest.substring(targetEnd));
        if (targetEnd == 0 || text.isEmpty()) {
            return USAGE_MSG_COMMAND;
        }
        return new Command.Msg(rest.substring(0, targetEnd), text);
    }

    /**
     * A count of 1 or more in ASCII digits; anything else ({@code x}, {@code 0}, {@code -3},
     * {@code 5 6}) is a usage error. A count past what an int holds asks for everything.
     */
    private static Command parseHistory(String rest) {
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c < '0' || c > '9') return USAGE_HISTORY_COMMAND;
        }
        String digits = rest.replaceFirst("^0+", "");
        if (digits.isEmpty()) return USAGE_HISTORY_COMMAND;
        return new Command.History(digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits));
    }

    /** Index of the first White_Space char at or after {@code from}, or the length if none. */
    private static int indexOfWhiteSpace(String text, int from) {
        int i = from;
        // Every White_Space code point is in the BMP, so a char-by-char scan finds them all.
        while (i < text.length() && !Sanitizer.isWhiteSpace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * Command words are ASCII, so only ASCII letters are folded. A full Unicode fold would let
     * look-alikes through: U+212A KELVIN SIGN lower-cases to {@code k}, making "/nic\u212A" a /nick.
     */
    private static String asciiLowerCase(String word) {
        char[] chars = null;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (chars == null) {
                    chars = word.toCharArray();
                }
                chars[i] = (char) (c + ('a' - 'A'));
            }
        }
        return chars == null ? word : new String(chars);
    }
}
