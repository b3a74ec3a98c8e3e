package dev.chatd.cluster;

import dev.chatd.common.render.ServerLine;
import dev.chatd.common.render.ServerLine.RoomEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A room event as the fields of its stream entry, and back. The entry holds everything but the
 * {@code seq}, which the script adds as field {@code s}: {@code ts}, the kind {@code k}
 * (m, a, j, l, n), {@code f} (sender or user), {@code x} (text, new name or reason; absent for a
 * leave without one) and, for an event a user of some node sent (a line, a join, a nick), {@code u},
 * that user's id, and {@code n}, the event's ticket among that user's own events.
 */
final class EventCodec {

    private EventCodec() {
    }

    /**
     * The stream fields of {@code event} (whose seq is ignored), as field, value, field, value;
     * with the sender's id and the event's ticket ({@link dev.chatd.common.room.User#expectOwnEvent})
     * when a user sent it.
     */
    static List<String> fields(RoomEvent event, String uid, long ticket) {
        List<String> out = new ArrayList<>(10);
        out.add("ts");
        out.add(event.ts());
        if (event instanceof ServerLine.Message m) {
            add(out, "m", m.from(), m.text());
        } else if (event instanceof ServerLine.Action a) {
            add(out, "a", a.from(), a.text());
        } else if (event instanceof ServerLine.Join j) {
            add(out, "j", j.user(), null);
        } else if (event instanceof ServerLine.Leave l) {
            add(out, "l", l.user(), l.reason());
        } else if (event instanceof ServerLine.Nick n) {
            add(out, "n", n.from(), n.to());
        }
        if (uid != null) {
            out.add("u");
            out.add(uid);
            out.add("n");
            out.add(Long.toString(ticket));
        }
        return out;
    }

    private static void add(List<String> out, String kind, String who, String text) {
        out.add("k");
        out.add(kind);
        out.add("f");
        out.add(who);
        if (text != null) {
            out.add("x");
            out.add(text);
        }
    }

    /** The event a stream entry of {@code room} holds; null for an entry of no known kind. */
    static RoomEvent decode(String room, Map<String, String> body) {
        long seq = Long.parseLong(body.get("s"));
        String ts = body.get("ts");
        String who = body.get("f");
        String text = body.get("x");
        String kind = body.get("k");
        if (kind == null) return null;
        return switch (kind) {
            case "m" -> new ServerLine.Message(room, seq, ts, who, text);
            case "a" -> new ServerLine.Action(room, seq, ts, who, text);
            case "j" -> new ServerLine.Join(room, seq, ts, who);
            case "l" -> new ServerLine.Leave(room, seq, ts, who, text);
            case "n" -> new ServerLine.Nick(room, seq, ts, who, text);
            default -> null;
        };
    }

    /** A body from a flat list of field, value, … (as XREVRANGE inside a script returns it). */
    static Map<String, String> body(List<?> flat) {
        Map<String, String> body = new java.util.HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) body.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
        return body;
    }
}
