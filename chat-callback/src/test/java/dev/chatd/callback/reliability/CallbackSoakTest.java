package dev.chatd.callback.reliability;

import dev.chatd.callback.CallbackServer;
import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.soak.SoakContract;

/** The soak test against the callback server. */
class CallbackSoakTest extends SoakContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return CallbackServer::start;
    }
}
