package dev.chatd.streams;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.OrderingContract;

/** The ordering contract against the streams server. */
class StreamsOrderingTest extends OrderingContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return StreamsServer::start;
    }
}
