package dev.chatd.callback.contract;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.ShutdownContract;

/** The shared shutdown contract, run against the callback server. */
class CallbackShutdownTest extends ShutdownContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return ContractTransport.callbackServer();
    }
}
