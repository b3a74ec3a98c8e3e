package dev.chatd.common.room;

import java.nio.charset.StandardCharsets;

/**
 * A connection admitted and still at the {@code Username: } prompt: what it is sent, and whether
 * the prompt is the last thing on its screen.
 *
 * <p>The prompt has no line end, so anything sent right after it would land on the prompt's line
 * ({@code Username: * server shutting down}). While the prompt is the last thing written and no
 * line has come back since (the user's Enter would have moved the cursor on), what is sent starts
 * on a fresh line.
 *
 * <p>Every send holds this object's lock and first asks whether shutdown has begun, so a reply
 * decided after shutdown began is not even queued; the notice itself is sent as the connection's
 * last line ({@link Connection#sendLast}).
 */
final class AtPrompt implements Admission {

    private static final byte[] NEW_LINE = "\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Connection connection;
    private final ChatHub hub;
    private boolean promptLast; // guarded by this

    AtPrompt(Connection connection, ChatHub hub) {
        this.connection = connection;
        this.hub = hub;
    }

    /**
     * Sends {@code bytes}, on a fresh line if the prompt was the last thing written, unless shutdown
     * has begun (its notice is then, or will be, the last line).
     *
     * @param endsWithPrompt whether {@code bytes} end with the prompt again
     */
    synchronized void show(byte[] bytes, boolean endsWithPrompt) {
        if (hub.isShuttingDown()) {
            return;
        }
        write(bytes, endsWithPrompt);
    }

    /** The user sent a line: their cursor is on a fresh line now. */
    synchronized void lineArrived() {
        promptLast = false;
    }

    /** The shutdown notice, the last line this connection gets (see {@link Connection#sendLast}). */
    synchronized void shutdownNotice(byte[] notice) {
        freshLine();
        connection.sendLast(notice);
        promptLast = false;
    }

    private void write(byte[] bytes, boolean endsWithPrompt) {
        freshLine();
        connection.send(bytes);
        promptLast = endsWithPrompt;
    }

    private void freshLine() {
        if (promptLast) {
            connection.send(NEW_LINE); // sent arrays are never changed, so one can serve every connection
        }
    }
}
