package dev.chatd.callback.contract;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.SanitisingContract;

/** The shared sanitising contract, run against the callback server. */
class CallbackSanitisingTest extends SanitisingContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return ContractTransport.callbackServer();
    }
}
