package dev.chatd.callback.contract;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.LoginTimeoutContract;

/** The login-timeout contract against the callback server. */
class CallbackLoginTimeoutTest extends LoginTimeoutContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return ContractTransport.callbackServer();
    }
}
