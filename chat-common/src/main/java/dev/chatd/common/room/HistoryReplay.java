package dev.chatd.common.room;

import dev.chatd.common.render.OutputFormat;
import dev.chatd.common.render.RenderedLine;
import dev.chatd.common.render.Renderer;
import dev.chatd.common.render.ServerLine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A room's history as one user reads it (docs/protocol.md, "History"). Text: a header, each
 * event's own line behind its UTC time as {@code [HH:MM:SS] }, and {@code * end of history}.
 * JSON: one {@code {"type":"history","room":…,"events":[…]}} whose elements are the events' own
 * JSON objects. The events' bytes are the ones rendered for the live delivery.
 */
final class HistoryReplay {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] END = Renderer.text("* end of history");

    private HistoryReplay() {
    }

    /** Sends the replay to {@code connection}; returns how many lines that was, for the metrics. */
    static int send(Connection connection, String room, RenderedLine[] events, OutputFormat format) {
        if (format == OutputFormat.JSON) {
            connection.send(json(room, events));
            return 1;
        }
        // "N events" for every N, one included: the header as docs/protocol.md writes it.
        connection.send(Renderer.text("* history of #" + room + ": " + events.length + " events"));
        for (RenderedLine event : events) {
            // Two pieces, so the event's own bytes are shared, not copied behind the time.
            connection.send(timePrefix((ServerLine.RoomEvent) event.line()));
            connection.send(event.bytes(OutputFormat.TEXT));
        }
        connection.send(END);
        return events.length + 2;
    }

    /** {@code [HH:MM:SS] } from the event's ISO-8601 UTC time stamp ({@code 2026-01-01T10:00:09.123Z}). */
    private static byte[] timePrefix(ServerLine.RoomEvent event) {
        return ("[" + event.ts().substring(11, 19) + "] ").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] json(String room, RenderedLine[] events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // A room name is letters, digits, '_' and '-': nothing in it needs JSON escaping.
        out.writeBytes(("{\"type\":\"history\",\"room\":\"" + room + "\",\"events\":[").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < events.length; i++) {
            if (i > 0) out.write(',');
            byte[] object = events[i].bytes(OutputFormat.JSON);
            out.write(object, 0, object.length - CRLF.length); // the live line's object, without its line end
        }
        out.writeBytes("]}".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(CRLF);
        return out.toByteArray();
    }
}
