package dev.chatd.common.room;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A connection that keeps what it is sent, split into lines, for room-model tests. */
final class RecordingConnection implements Connection {

    private final StringBuilder received = new StringBuilder();
    private final Consumer<String> onSend;

    RecordingConnection() {
        this(line -> { });
    }

    /** @param onSend sees each sent piece as it is sent, on the sending thread, before it is kept */
    RecordingConnection(Consumer<String> onSend) {
        this.onSend = onSend;
    }

    private boolean sealed; // guarded by this: sendLast was called, as a real connection's queue does

    @Override
    public void send(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        onSend.accept(text);
        synchronized (this) {
            if (!sealed) received.append(text);
        }
    }

    @Override
    public void sendLast(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        onSend.accept(text);
        synchronized (this) {
            if (!sealed) received.append(text);
            sealed = true;
        }
    }

    @Override
    public String remote() {
        return "test";
    }

    /** Complete CRLF lines received so far, without their line ends. */
    synchronized List<String> lines() {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i; (i = received.indexOf("\r\n", start)) >= 0; start = i + 2) {
            lines.add(received.substring(start, i));
        }
        return lines;
    }

    synchronized String raw() {
        return received.toString();
    }

    synchronized void clear() {
        received.setLength(0);
    }
}
