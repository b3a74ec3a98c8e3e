package dev.chatd.streams;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.LoginContract;

/** The login contract against the streams server. */
class StreamsLoginTest extends LoginContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return StreamsServer::start;
    }
}
