package dev.chatd.common.room;

import dev.chatd.common.render.Renderer;
import dev.chatd.common.text.Names;
import java.nio.charset.StandardCharsets;

/**
 * What the server says before a name is accepted, rendered once: the transports never change a
 * sent array, so one copy serves every connection.
 */
final class PromptLines {

    static final String PROMPT = "Username: ";

    final byte[] greeting;
    final byte[] prompt = utf8(PROMPT);
    final byte[] invalidName = withPrompt("! " + Names.INVALID_NAME);
    final byte[] lineTooLong;
    final byte[] loginTimedOut = Renderer.text("! login timed out");
    final byte[] stillHere = withPrompt("* " + ChatHub.STILL_HERE);
    final byte[] full = Renderer.text("! server is full, try again later");
    final byte[] clusterUnavailable = withPrompt("! " + ChatHub.CLUSTER_UNAVAILABLE);
    final byte[] shuttingDown = Renderer.text("* " + ChatHub.SHUTTING_DOWN);

    PromptLines(String serverName, String lineTooLongText) {
        this.greeting = utf8("Welcome to " + serverName + "\r\n" + PROMPT);
        this.lineTooLong = withPrompt("! " + lineTooLongText);
    }

    /** A name that is taken, as typed, with the prompt again. */
    byte[] nameTaken(String name) {
        return withPrompt("! name taken: " + name);
    }

    private static byte[] withPrompt(String line) {
        return utf8(line + "\r\n" + PROMPT);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
