package dev.chatd.streams;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.DisconnectContract;

/** The disconnect contract against the streams server. */
class StreamsDisconnectTest extends DisconnectContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return StreamsServer::start;
    }
}
