package dev.chatd.callback.contract;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.OrderingContract;

/** The shared ordering contract, run against the callback server. */
class CallbackOrderingTest extends OrderingContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return ContractTransport.callbackServer();
    }
}
