package dev.chatd.callback.contract;

import dev.chatd.common.server.ChatServerFactory;
import dev.chatd.testkit.OutputBudgetContract;

/** The shared output-budget contract, run against the callback server. */
class CallbackOutputBudgetTest extends OutputBudgetContract {

    @Override
    protected ChatServerFactory serverFactory() {
        return ContractTransport.callbackServer();
    }
}
