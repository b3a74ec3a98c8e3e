package dev.chatd.streams;

import dev.chatd.common.server.ServerMain;

/** {@code java -jar chat-streams.jar [options]}: the stream-style server; {@code --help} lists the options. */
public final class StreamsServerMain {

    private StreamsServerMain() {
    }

    public static void main(String[] args) {
        ServerMain.runAndExit("chat-streams", args, StreamsServer::start);
    }
}
