package dev.chatd.streams;

import dev.chatd.common.server.ServerMain;

/** {@code java -jar chat-streams.jar [options]}: the stream-style server; {@code --help} lists the options. */
public final class StreamsServerMain {

    private StreamsServerMain() {
    }

    /**
     * The JDK's cap on completion handlers run in the thread that started the operation, per pool
     * task; past it every completion is handed to another pool thread (see {@link StreamsServer}).
     * Read once, when the JDK first needs it, so it is set before any channel is opened.
     */
    static final String INLINE_COMPLETIONS = "sun.nio.ch.maxCompletionHandlersOnStack";

    public static void main(String[] args) {
        // No cap: the writers follow inline completions without nesting (Handover), the readers
        // likewise (LineReader). A value given on the command line wins.
        if (System.getProperty(INLINE_COMPLETIONS) == null) {
            System.setProperty(INLINE_COMPLETIONS, Integer.toString(Integer.MAX_VALUE));
        }
        ServerMain.runAndExit("chat-streams", args, StreamsServer::start);
    }
}
