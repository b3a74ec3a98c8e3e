package dev.chatd.streams;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.TelnetContract;

/** The telnet contract against the streams server. */
class StreamsTelnetTest extends TelnetContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return StreamsServer::start;
    }
}
