package dev.chatd.streams;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.LoginTimeoutContract;

/** The login-timeout contract against the streams server. */
class StreamsLoginTimeoutTest extends LoginTimeoutContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return StreamsServer::start;
    }
}
