package dev.chatd.common.metrics;

/** Why an input line was refused; a label of the rejected-lines counter. */
public enum Rejection {
    LINE_TOO_LONG("line_too_long"),
    INVALID_NAME("invalid_name"),
    NAME_TAKEN("name_taken"),
    INVALID_ROOM("invalid_room"),
    ALREADY_IN_ROOM("already_in_room"),
    NO_SUCH_USER("no_such_user"),
    UNKNOWN_COMMAND("unknown_command"),
    USAGE("usage");

    private final String label;

    Rejection(String label) {
        this.label = label;
    }

    /** The metric label value. */
    public String label() {
        return label;
    }
}
