package dev.chatd.callback.contract;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.SecurityContract;

/** The shared security contract, run against the callback server. */
class CallbackSecurityTest extends SecurityContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return ContractTransport.callbackServer();
    }
}
