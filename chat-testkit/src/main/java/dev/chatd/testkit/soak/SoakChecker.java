package dev.chatd.testkit.soak;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Checks every line a soak user receives against the protocol's promises, as it arrives:
 * <ul>
 *   <li>no {@code seq} gap: in the room a user is in, each event's {@code seq} is one more than the
 *       last, from the user's first event there until it leaves;</li>
 *   <li>one order per room: every member gets the very same event (byte for byte, {@code ts}
 *       included) under the same {@code seq}. Anchors keep every room alive, so a (room, seq) pair
 *       names one event for the whole run;</li>
 *   <li>own lines come back to their sender, in order, none missing;</li>
 *   <li>a private message reaches its sender and its recipient, nobody else;</li>
 *   <li>after {@code /json}, every line is one JSON object.</li>
 * </ul>
 * It also remembers who left with which reason, for the end-of-run checks. One thread only.
 */
final class SoakChecker {

    private static final int MOST_VIOLATIONS = 200;
    private static final String JSON_ON = "{\"type\":\"info\",\"text\":\"output is now json\"}";

    private final ObjectMapper json = new ObjectMapper();
    private final long seed;
    private final Map<String, RoomLog> rooms = new HashMap<>();
    /** Name → reason, for every leave any user saw; names are unique over a run. */
    private final Map<String, String> leaveReasons = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    long linesReceived;
    long roomEvents;

    SoakChecker(long seed) {
        this.seed = seed;
    }

    /** Checks one line received by {@code client}. */
    void onLine(SoakClient client, String line) {
        linesReceived++;
        if (!client.json) {
            // Text before /json took effect: the welcome, the prompt, the join and users lines.
            // The notice may share the prompt's line (the prompt has no line end): on a cluster
            // node it can come before the user's own join, which is still on its way through Redis.
            if (line.endsWith(JSON_ON)) {
                client.json = true;
                if (client.firstRoom.equals("lobby")) {
                    client.settled = true;
                }
            }
            return;
        }
        JsonNode event;
        try {
            event = json.readTree(line);
        } catch (RuntimeException e) {
            violation(client, "not JSON: " + line);
            return;
        }
        String type = event.path("type").asString("");
        switch (type) {
            case "message", "action", "join", "leave", "nick" -> onRoomEvent(client, type, event, line);
            case "private" -> onPrivate(client, event);
            case "info" -> {
                if (event.path("text").asString("").equals("bye")) {
                    client.byeSeen = true;
                    if (client.echoed != client.sent) {
                        violation(client, "quit after " + client.sent + " messages but only " + client.echoed
                                + " came back");
                    }
                }
            }
            case "users", "rooms", "error" -> {
                // answers to /who, /rooms; errors such as a /msg to someone who just left are expected
            }
            default -> violation(client, "unknown line: " + line);
        }
    }

    private void onRoomEvent(SoakClient client, String type, JsonNode event, String line) {
        roomEvents++;
        String room = event.path("room").asString("");
        long seq = event.path("seq").asLong(-1);
        rooms.computeIfAbsent(room, RoomLog::new).record(seq, line, client, this);
        if (room.equals(client.room)) {
            if (client.lastSeq > 0 && seq != client.lastSeq + 1) {
                violation(client, "seq gap in #" + room + ": " + client.lastSeq + " then " + seq);
            }
        } else if (type.equals("join") && event.path("user").asString("").equals(client.name)) {
            client.room = room;
            if (!client.settled) {
                client.settled = true;
            }
        } else {
            violation(client, "event from #" + room + ", a room it is not in: " + line);
        }
        client.lastSeq = seq;
        if (type.equals("nick") && event.path("from").asString("").equals(client.name)) {
            client.name = event.path("to").asString();
        } else if (type.equals("leave")) {
            leaveReasons.put(event.path("user").asString(""), event.path("reason").asString(""));
        } else if (type.equals("message")) {
            checkEcho(client, event.path("text").asString(""));
        }
    }

    /** Message texts start {@code t<id>:<n>:}; a user's own must come back numbered 1, 2, 3, … */
    private void checkEcho(SoakClient client, String text) {
        String mine = "t" + client.id + ":";
        if (!text.startsWith(mine)) {
            return;
        }
        int end = text.indexOf(':', mine.length());
        int n = Integer.parseInt(text.substring(mine.length(), end));
        if (n != client.echoed + 1) {
            violation(client, "own message " + n + " came back after " + client.echoed);
        }
        client.echoed = n;
    }

    /** Private texts start {@code pm:<sender id>:<recipient id>:}. */
    private void onPrivate(SoakClient client, JsonNode event) {
        String[] parts = event.path("text").asString("").split(":", 4);
        String me = Integer.toString(client.id);
        if (parts.length < 4 || !(parts[1].equals(me) || parts[2].equals(me))) {
            violation(client, "got someone else's private message: " + event);
        }
    }

    /** The reason a user (under any of its names) was seen leaving with, or null. */
    String leaveReason(SoakClient client) {
        for (String name : client.names) {
            String reason = leaveReasons.get(name);
            if (reason != null) {
                return reason;
            }
        }
        return null;
    }

    void violation(SoakClient client, String what) {
        violation(client.describe() + ": " + what);
    }

    void violation(String what) {
        if (violations.size() < MOST_VIOLATIONS) {
            violations.add("seed " + seed + ": " + what);
        }
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    /**
     * One room's events by {@code seq}, as the first member to receive each saw it. Only a hash is
     * kept, so a long soak does not hold every line.
     */
    private static final class RoomLog {
        private final String room;
        private int[] hashes = new int[1024];
        private boolean[] seen = new boolean[1024];

        RoomLog(String room) {
            this.room = room;
        }

        void record(long seq, String line, SoakClient client, SoakChecker checker) {
            if (seq < 1 || seq > Integer.MAX_VALUE - 1) {
                checker.violation(client, "bad seq: " + line);
                return;
            }
            int i = (int) seq;
            if (i >= hashes.length) {
                int size = Math.max(i + 1, hashes.length * 2);
                hashes = Arrays.copyOf(hashes, size);
                seen = Arrays.copyOf(seen, size);
            }
            if (!seen[i]) {
                seen[i] = true;
                hashes[i] = line.hashCode();
            } else if (hashes[i] != line.hashCode()) {
                checker.violation(client, "#" + room + " seq " + seq + " differs between members: " + line);
            }
        }
    }
}
