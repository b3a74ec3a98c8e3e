package dev.chatd.streams;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.ConnectStormContract;

/** The connect-storm contract against the streams server. */
class StreamsConnectStormTest extends ConnectStormContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return StreamsServer::start;
    }
}
