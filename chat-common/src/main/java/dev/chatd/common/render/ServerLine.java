package dev.chatd.common.render;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/**
 * Every line the server sends after login, as data. Each record knows its text form
 * ({@link #toText()}); its JSON form is the record itself, serialised by {@link Renderer} with the
 * {@code type} key first and exactly the keys docs/protocol.md lists.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(ServerLine.Message.class), @JsonSubTypes.Type(ServerLine.Action.class),
    @JsonSubTypes.Type(ServerLine.Join.class), @JsonSubTypes.Type(ServerLine.Leave.class),
    @JsonSubTypes.Type(ServerLine.Nick.class), @JsonSubTypes.Type(ServerLine.Private.class),
    @JsonSubTypes.Type(ServerLine.Users.class), @JsonSubTypes.Type(ServerLine.Rooms.class),
    @JsonSubTypes.Type(ServerLine.Info.class), @JsonSubTypes.Type(ServerLine.Error.class)
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ServerLine {

    /** The line as a text-mode user sees it, without its line end. */
    String toText();

    /** An event in a room's ordered stream: it carries the room's {@code seq} and a time stamp. */
    sealed interface RoomEvent extends ServerLine {
        String room();

        long seq();

        String ts();

        /** Builds the event once the room has given it its place in the stream. */
        @FunctionalInterface
        interface Factory {
            RoomEvent make(long seq, String ts);
        }
    }

    @JsonTypeName("message")
    @JsonPropertyOrder({"room", "seq", "ts", "from", "text"})
    record Message(String room, long seq, String ts, String from, String text) implements RoomEvent {
        @Override
        public String toText() {
            return from + ": " + text;
        }
    }

    @JsonTypeName("action")
    @JsonPropertyOrder({"room", "seq", "ts", "from", "text"})
    record Action(String room, long seq, String ts, String from, String text) implements RoomEvent {
        @Override
        public String toText() {
            return "* " + from + " " + text;
        }
    }

    @JsonTypeName("join")
    @JsonPropertyOrder({"room", "seq", "ts", "user"})
    record Join(String room, long seq, String ts, String user) implements RoomEvent {
        @Override
        public String toText() {
            return "* " + user + " joined #" + room;
        }
    }

    /** {@code reason} is null for a {@code /quit} or a move to another room, where the text shows none. */
    @JsonTypeName("leave")
    @JsonPropertyOrder({"room", "seq", "ts", "user", "reason"})
    record Leave(String room, long seq, String ts, String user, String reason) implements RoomEvent {
        @Override
        public String toText() {
            return "* " + user + " left #" + room + (reason == null ? "" : " (" + reason + ")");
        }
    }

    @JsonTypeName("nick")
    @JsonPropertyOrder({"room", "seq", "ts", "from", "to"})
    record Nick(String room, long seq, String ts, String from, String to) implements RoomEvent {
        @Override
        public String toText() {
            return "* " + from + " is now known as " + to;
        }
    }

    /**
     * A private message. Both ends get the same JSON object; the text differs, so {@code echo} (not
     * serialised) says whether this copy is the sender's.
     */
    @JsonTypeName("private")
    @JsonPropertyOrder({"from", "to", "text"})
    record Private(String from, String to, String text, @JsonIgnore boolean echo) implements ServerLine {
        @Override
        public String toText() {
            return echo ? "[pm to " + to + "] " + text : "[pm from " + from + "] " + text;
        }
    }

    @JsonTypeName("users")
    @JsonPropertyOrder({"room", "users"})
    record Users(String room, List<String> users) implements ServerLine {
        public Users {
            // Already immutable, and carrying its text form: kept as it is (see Renderer).
            if (!(users instanceof JoinedNames)) users = List.copyOf(users);
        }

        @Override
        public String toText() {
            return "* users in #" + room + ": " + String.join(", ", users);
        }
    }

    @JsonTypeName("rooms")
    record Rooms(List<RoomCount> rooms) implements ServerLine {
        public Rooms {
            rooms = List.copyOf(rooms);
        }

        @Override
        public String toText() {
            StringBuilder sb = new StringBuilder("* rooms: ");
            for (int i = 0; i < rooms.size(); i++) {
                if (i > 0) sb.append(", ");
                sb.append('#').append(rooms.get(i).room()).append(" (").append(rooms.get(i).users()).append(')');
            }
            return sb.toString();
        }
    }

    /** One entry of {@link Rooms}. */
    @JsonPropertyOrder({"room", "users"})
    record RoomCount(String room, int users) {}

    @JsonTypeName("info")
    record Info(String text) implements ServerLine {
        @Override
        public String toText() {
            return "* " + text;
        }
    }

    @JsonTypeName("error")
    record Error(String text) implements ServerLine {
        @Override
        public String toText() {
            return "! " + text;
        }
    }
}
