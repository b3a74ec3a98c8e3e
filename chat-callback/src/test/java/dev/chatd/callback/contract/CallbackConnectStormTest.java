package dev.chatd.callback.contract;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.ConnectStormContract;

/** The shared connect-storm contract, run against the callback server. */
class CallbackConnectStormTest extends ConnectStormContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return ContractTransport.callbackServer();
    }
}
