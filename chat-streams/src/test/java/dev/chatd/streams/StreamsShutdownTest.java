package dev.chatd.streams;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.ShutdownContract;

/** The shutdown contract against the streams server. */
class StreamsShutdownTest extends ShutdownContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return StreamsServer::start;
    }
}
