package dev.chatd.streams.reliability;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.streams.StreamsServer;
import dev.chatd.testkit.soak.SoakContract;

/** The soak test against the streams server. */
class StreamsSoakTest extends SoakContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return StreamsServer::start;
    }
}
