package dev.chatd.callback.contract;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.DisconnectContract;

/** The shared disconnect contract, run against the callback server. */
class CallbackDisconnectTest extends DisconnectContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return ContractTransport.callbackServer();
    }
}
