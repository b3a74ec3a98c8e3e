package dev.chatd.callback.contract;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.HistoryContract;

/** The shared history contract, run against the callback server. */
class CallbackHistoryTest extends HistoryContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return ContractTransport.callbackServer();
    }
}
