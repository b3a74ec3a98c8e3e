package dev.chatd.streams;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.SanitisingContract;

/** The sanitising contract against the streams server. */
class StreamsSanitisingTest extends SanitisingContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return StreamsServer::start;
    }
}
