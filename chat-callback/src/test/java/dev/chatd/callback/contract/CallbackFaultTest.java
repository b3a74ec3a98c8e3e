package dev.chatd.callback.contract;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.FaultContract;

/** The shared fault contract, run against the callback server. */
class CallbackFaultTest extends FaultContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return ContractTransport.callbackServer();
    }
}
