package dev.chatd.streams;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.FlowContract;

/** The flow contract against the streams server. */
class StreamsFlowTest extends FlowContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return StreamsServer::start;
    }
}
